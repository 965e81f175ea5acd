package io.emrlaunch.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.EmrLaunchJson;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.SecurityConfiguration;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.provisioning.PlannedChange;
import io.emrlaunch.provisioning.ProfileProvisioner;
import io.emrlaunch.provisioning.ProvisioningPlan;
import io.emrlaunch.provisioning.ProvisioningResult;
import io.emrlaunch.provisioning.ProvisioningSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * {@code provision plan|apply|destroy SPEC.json}: a profile's security half (IAM roles, instance
 * profile, EMR-managed security groups, security configuration) with {@link ProfileProvisioner},
 * the profile saved in SSM.
 */
@Command(
    name = "provision",
    description = {
      "Create, update or delete a profile's security half (IAM roles, instance profile, EMR-managed"
          + " security groups, security configuration) from a spec file, then save the profile.",
      "Spec keys: namespace, name, description, vpcId, logsBucket, logsPrefix, artifactsBucket,"
          + " artifactsPrefix, kmsKeyArns, permissionsBoundaryArn, iamPath, tags, glueCatalog,"
          + " securityConfiguration (EMR's JSON document), kerberosAttributesSecretArn."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  emr-launch provision plan examples/provisioning.json --local",
      "  emr-launch provision apply examples/provisioning.json --local",
      "  emr-launch provision destroy examples/provisioning.json --local"
    },
    subcommands = {
      ProvisionCommands.Plan.class,
      ProvisionCommands.Apply.class,
      ProvisionCommands.Destroy.class
    })
public final class ProvisionCommands {
  private static final Set<String> KEYS =
      Set.of(
          "namespace",
          "name",
          "description",
          "vpcId",
          "logsBucket",
          "logsPrefix",
          "artifactsBucket",
          "artifactsPrefix",
          "kmsKeyArns",
          "permissionsBoundaryArn",
          "iamPath",
          "tags",
          "glueCatalog",
          "securityConfiguration",
          "kerberosAttributesSecretArn");

  /** The tag of the simulation's default VPC. */
  static final String LOCAL_VPC_TAG = "emr-launch:simulated-default";

  private ProvisionCommands() {}

  /**
   * Reads a spec file; unknown keys, wrong types and invalid values are usage errors naming the
   * key, before any AWS call.
   */
  static ProvisioningSpec readSpec(Root root, String file) {
    JsonNode n = root.readJson(file);
    if (!n.isObject()) {
      throw new UsageError(file + ": a provisioning spec must be a JSON object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new UsageError(
            file + ": " + k + ": unknown key (known: " + String.join(", ", sorted()) + ")");
      }
    }
    ProvisioningSpec.Builder b = ProvisioningSpec.builder();
    text(file, n, "namespace").ifPresent(b::namespace);
    text(file, n, "name").ifPresent(b::name);
    text(file, n, "description").ifPresent(b::description);
    text(file, n, "vpcId").ifPresent(b::vpcId);
    text(file, n, "logsBucket").ifPresent(b::logsBucket);
    text(file, n, "logsPrefix").ifPresent(b::logsPrefix);
    text(file, n, "artifactsBucket").ifPresent(b::artifactsBucket);
    text(file, n, "artifactsPrefix").ifPresent(b::artifactsPrefix);
    text(file, n, "permissionsBoundaryArn").ifPresent(b::permissionsBoundaryArn);
    text(file, n, "iamPath").ifPresent(b::iamPath);
    text(file, n, "kerberosAttributesSecretArn").ifPresent(b::kerberosAttributesSecretArn);
    if (n.has("kmsKeyArns")) {
      JsonNode keys = n.get("kmsKeyArns");
      if (!keys.isArray()) {
        throw new UsageError(file + ": kmsKeyArns: must be a list of key ARNs");
      }
      List<String> arns = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        if (!keys.get(i).isTextual()) {
          throw new UsageError(file + ": kmsKeyArns[" + i + "]: must be a string");
        }
        arns.add(keys.get(i).asText());
      }
      b.kmsKeyArns(arns);
    }
    if (n.has("tags")) {
      JsonNode tags = n.get("tags");
      if (!tags.isObject()) {
        throw new UsageError(file + ": tags: must be an object of strings");
      }
      Map<String, String> m = new LinkedHashMap<>();
      tags.fields()
          .forEachRemaining(
              e -> {
                if (!e.getValue().isTextual()) {
                  throw new UsageError(file + ": tags." + e.getKey() + ": must be a string");
                }
                m.put(e.getKey(), e.getValue().asText());
              });
      b.tags(m);
    }
    if (n.has("glueCatalog")) {
      if (!n.get("glueCatalog").isBoolean()) {
        throw new UsageError(file + ": glueCatalog: must be true or false");
      }
      b.glueCatalog(n.get("glueCatalog").asBoolean());
    }
    if (n.has("securityConfiguration")) {
      JsonNode sc = n.get("securityConfiguration");
      if (!sc.isObject()) {
        throw new UsageError(
            file + ": securityConfiguration: must be EMR's security configuration document");
      }
      try {
        b.securityConfiguration(SecurityConfiguration.fromEmrJson(sc.toString()));
      } catch (ValidationException e) {
        throw new UsageError(
            file
                + ": securityConfiguration."
                + e.problems().get(0).path()
                + ": "
                + e.problems().get(0).message());
      }
    }
    ProvisioningSpec spec;
    try {
      spec = b.build();
    } catch (NullPointerException | IllegalArgumentException e) {
      throw new UsageError(file + ": " + e.getMessage());
    }
    spec.validate(); // ValidationException: exit 2, every problem with its field path
    return spec;
  }

  private static List<String> sorted() {
    List<String> l = new ArrayList<>(KEYS);
    l.sort(null);
    return l;
  }

  private static java.util.Optional<String> text(String file, JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return java.util.Optional.empty();
    }
    if (!v.isTextual()) {
      throw new UsageError(file + ": " + key + ": must be a string");
    }
    return java.util.Optional.of(v.asText());
  }

  /** Options shared by the three commands. */
  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SPEC.json", description = "The provisioning spec.")
    String file;

    @Option(
        names = "--account-id",
        description = "The account (default: STS GetCallerIdentity; 123456789012 under --local).")
    String accountId;

    Root root;
    ProvisioningSpec provisioningSpec;
    ProfileProvisioner provisioner;

    void open() {
      root = Commands.root(spec);
      provisioningSpec = readSpec(root, file);
      if (accountId != null && !accountId.matches("\\d{12}")) {
        throw new UsageError("--account-id must be 12 digits (was " + accountId + ")");
      }
      Backend b = root.backend();
      if (b.simulated()) {
        provisioningSpec = provisioningSpec.toBuilder().vpcId(localVpc(root, b)).build();
      }
      String account = accountId != null ? accountId : root.await(b.accountId());
      provisioner =
          ProfileProvisioner.builder()
              .iam(b.iam())
              .ec2(b.ec2())
              .emr(b.emr())
              .store(root.store())
              .region(b.region())
              .accountId(account)
              .scheduler(b.scheduler())
              .build();
    }

    /**
     * The simulated account has no VPC of its own: the spec's VPC when the simulation has it, else
     * the simulation's default VPC (created once, journaled like every call).
     */
    String localVpc(Root root, Backend b) {
      String wanted = provisioningSpec.vpcId();
      List<Vpc> all = root.await(b.ec2().describeVpcs(r -> {})).vpcs();
      for (Vpc v : all) {
        if (v.vpcId().equals(wanted)) {
          return wanted;
        }
      }
      String id = null;
      for (Vpc v : all) {
        for (Tag t : v.tags()) {
          if (t.key().equals(LOCAL_VPC_TAG)) {
            id = v.vpcId();
          }
        }
      }
      if (id == null) {
        id =
            root.await(
                    b.ec2()
                        .createVpc(
                            r ->
                                r.cidrBlock("10.0.0.0/16")
                                    .tagSpecifications(
                                        t ->
                                            t.resourceType("vpc")
                                                .tags(
                                                    Tag.builder()
                                                        .key(LOCAL_VPC_TAG)
                                                        .value("true")
                                                        .build()))))
                .vpc()
                .vpcId();
      }
      if (!root.quiet) {
        root.err()
            .println(
                "SIMULATION: "
                    + wanted
                    + " is not in the simulated account; using its default VPC "
                    + id);
        root.err().flush();
      }
      return id;
    }

    <T> T await(CompletableFuture<T> f) {
      try {
        return root.await(f);
      } catch (CompletionException e) {
        Throwable t = Root.unwrap(e);
        if (t instanceof Ec2Exception ec2
            && ec2.awsErrorDetails() != null
            && "InvalidVpcID.NotFound".equals(ec2.awsErrorDetails().errorCode())) {
          throw new UsageError(
              file + ": vpcId: " + provisioningSpec.vpcId() + " does not exist in this account");
        }
        throw e;
      }
    }

    ObjectNode planJson(ProvisioningPlan plan) {
      ObjectNode out = Root.JSON.createObjectNode();
      out.put("profile", provisioningSpec.ref().toString());
      out.put("noOp", plan.isNoOp());
      ArrayNode changes = out.putArray("changes");
      for (PlannedChange c : plan.changes()) {
        ObjectNode o = changes.addObject();
        o.put("action", c.action().toString());
        o.put("kind", c.kind().toString());
        o.put("name", c.name());
        ArrayNode reasons = o.putArray("reasons");
        c.reasons().forEach(reasons::add);
      }
      return out;
    }

    static String planText(ProvisioningPlan plan) {
      StringBuilder b = new StringBuilder();
      for (PlannedChange c : plan.changes()) {
        b.append(c).append('\n');
      }
      long n = plan.mutations().size();
      b.append(plan.isNoOp() ? "no changes" : n + " change(s)");
      return b.toString();
    }

    int emitResult(ProvisioningResult r, String verb) {
      ObjectNode out = planJson(r.plan());
      ArrayNode notes = out.putArray("notes");
      r.notes().forEach(notes::add);
      StringBuilder text = new StringBuilder(planText(r.plan()).replace("no changes", ""));
      r.notes().forEach(n -> text.append("\nnote: ").append(n));
      if (r.profile().isPresent()) {
        EmrProfile p = r.profile().get();
        try {
          out.set("savedProfile", Root.JSON.readTree(EmrLaunchJson.writer().writeValueAsString(p)));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
      out.put("simulated", root.backend().simulated());
      text.append("\n")
          .append(verb)
          .append(" ")
          .append(provisioningSpec.ref())
          .append(root.backend().simulated() ? " (simulated)" : "");
      root.emit(out, text.toString().strip());
      return 0;
    }
  }

  /** {@code provision plan}. */
  @Command(
      name = "plan",
      description = "Show what apply (or with --destroy, destroy) would change; read calls only.")
  public static final class Plan extends Base {
    @Option(names = "--destroy", description = "Plan the deletion instead.")
    boolean destroy;

    @Override
    public Integer call() {
      open();
      ProvisioningPlan plan =
          await(
              destroy
                  ? provisioner.planDestroy(provisioningSpec)
                  : provisioner.plan(provisioningSpec));
      root.emit(planJson(plan), planText(plan));
      return 0;
    }
  }

  /** {@code provision apply}. */
  @Command(
      name = "apply",
      description =
          "Create or update what the spec describes, then save the profile (idempotent: a second"
              + " apply changes nothing).")
  public static final class Apply extends Base {
    @Override
    public Integer call() {
      open();
      return emitResult(await(provisioner.apply(provisioningSpec)), "provisioned");
    }
  }

  /** {@code provision destroy}. */
  @Command(
      name = "destroy",
      description =
          "Delete what the spec's profile owns (refused while an active cluster uses it); resources"
              + " without the profile's owner tag are left alone.")
  public static final class Destroy extends Base {
    @Override
    public Integer call() {
      open();
      return emitResult(await(provisioner.destroy(provisioningSpec)), "destroyed");
    }
  }
}
