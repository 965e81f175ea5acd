package io.emrlaunch.core.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.RecordCodec;
import io.emrlaunch.core.json.SdkShapes;
import io.emrlaunch.core.launch.internal.SdkModel;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ConfigurationArtifact;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/** aws-emr-launch's cluster configuration record (inventory §2.2, §2.5, §2.7). */
public final class AwsConfigurationCodec implements RecordCodec<ClusterConfiguration> {
  /** The keys aws-emr-launch's base configuration always has, in its order (null when unset). */
  static final List<String> TOP_KEYS =
      List.of(
          "AdditionalInfo",
          "AmiVersion",
          "Applications",
          "AutoScalingRole",
          "BootstrapActions",
          "Configurations",
          "CustomAmiId",
          "EbsRootVolumeSize",
          "Instances",
          "JobFlowRole",
          "KerberosAttributes",
          "LogUri",
          "ManagedScalingPolicy",
          "Name",
          "NewSupportedProducts",
          "ReleaseLabel",
          "RepoUpgradeOnBoot",
          "ScaleDownBehavior",
          "SecurityConfiguration",
          "ServiceRole",
          "StepConcurrencyLevel",
          "SupportedProducts",
          "Tags",
          "VisibleToAllUsers");

  static final List<String> INSTANCE_KEYS =
      List.of(
          "AdditionalMasterSecurityGroups",
          "AdditionalSlaveSecurityGroups",
          "Ec2KeyName",
          "Ec2SubnetId",
          "Ec2SubnetIds",
          "EmrManagedMasterSecurityGroup",
          "EmrManagedSlaveSecurityGroup",
          "HadoopVersion",
          "InstanceCount",
          "InstanceFleets",
          "InstanceGroups",
          "KeepJobFlowAliveWhenNoSteps",
          "MasterInstanceType",
          "Placement",
          "ServiceAccessSecurityGroup",
          "SlaveInstanceType",
          "TerminationProtected");

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Override
  public String write(ClusterConfiguration c) {
    return tree(c).toString();
  }

  /** The record as a tree. */
  public ObjectNode tree(ClusterConfiguration c) {
    ObjectNode record = F.objectNode();
    record.put("ConfigurationName", c.name());
    record.set("Description", c.description().<JsonNode>map(F::textNode).orElse(F.nullNode()));
    record.put("Namespace", c.namespace());
    ObjectNode cluster = cluster(c);
    record.set("ClusterConfiguration", cluster);
    Problems p = Problems.root();
    ObjectNode interfaces = record.putObject("OverrideInterfaces");
    interfaces.set("default", AwsOverrides.write(c.allowedOverrides(), layout(c), cluster, p));
    p.throwIfAny();
    ArrayNode artifacts = record.putArray("ConfigurationArtifacts");
    for (ConfigurationArtifact a : c.configurationArtifacts()) {
      artifacts.addObject().put("Bucket", a.bucket()).put("Path", a.path());
    }
    if (c.secretConfigurations().isEmpty()) {
      record.putNull("SecretConfigurations");
    } else {
      ObjectNode secrets = record.putObject("SecretConfigurations");
      c.secretConfigurations().forEach(secrets::put);
    }
    return record;
  }

  /** The stored RunJobFlow request: aws-emr-launch's keys first (nulls kept), then the rest. */
  static ObjectNode cluster(ClusterConfiguration c) {
    RunJobFlowRequest request =
        SdkModel.resources(c).name(c.clusterName().orElse(c.name())).build();
    ObjectNode sdk = SdkShapes.toJson(request);
    ObjectNode out = ordered(sdk, TOP_KEYS);
    if (!out.has("Tags") || out.get("Tags").isNull()) {
      out.putArray("Tags");
    }
    out.set("Instances", ordered((ObjectNode) sdk.get("Instances"), INSTANCE_KEYS));
    return out;
  }

  private static ObjectNode ordered(ObjectNode from, List<String> keys) {
    ObjectNode out = F.objectNode();
    for (String k : keys) {
      out.set(k, from.has(k) ? from.get(k) : F.nullNode());
    }
    from.fields()
        .forEachRemaining(
            e -> {
              if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
              }
            });
    return out;
  }

  /** Positions of groups and fleets in the request {@link #cluster} writes. */
  public static AwsPaths.Layout layout(ClusterConfiguration c) {
    List<String> groups = new ArrayList<>();
    c.instances().masterGroup().ifPresent(g -> groups.add("MASTER"));
    c.instances().coreGroup().ifPresent(g -> groups.add("CORE"));
    c.instances().taskGroups().forEach(g -> groups.add("TASK"));
    List<String> fleets = new ArrayList<>();
    c.instances().masterFleet().ifPresent(g -> fleets.add("MASTER"));
    c.instances().coreFleet().ifPresent(g -> fleets.add("CORE"));
    c.instances().taskFleets().forEach(g -> fleets.add("TASK"));
    return new AwsPaths.Layout(groups, fleets);
  }

  @Override
  public ClusterConfiguration read(String json) {
    JsonNode root = AwsRecords.parse(json);
    Problems p = Problems.root();
    ClusterConfiguration.Builder b = ClusterConfiguration.builder();
    String name = AwsRecords.requiredText(root, "ConfigurationName", p);
    b.name(name == null ? "" : name);
    b.namespace(AwsRecords.text(root, "Namespace").orElse(RecordRef.DEFAULT_NAMESPACE));
    b.description(AwsRecords.text(root, "Description"));
    JsonNode cluster = root.get("ClusterConfiguration");
    if (cluster == null || !cluster.isObject()) {
      p.add("ClusterConfiguration", "is required (the stored RunJobFlow request)");
      p.throwIfAny();
      throw new IllegalStateException("unreachable");
    }
    Problems cp = p.at("ClusterConfiguration");
    RunJobFlowRequest.Builder request =
        SdkShapes.fromJson(cluster, RunJobFlowRequest.builder(), cp);
    if (!cluster.hasNonNull("ReleaseLabel")) {
      cp.add("ReleaseLabel", "is required");
    }
    SdkToModel.resources(request.build(), b, cp);
    AwsRecords.text(cluster, "Name").filter(n -> !n.equals(name)).ifPresent(b::clusterName);
    JsonNode interfaces = root.path("OverrideInterfaces");
    b.allowedOverrides(
        AwsOverrides.read(
            interfaces.get("default"),
            AwsOverrides.layoutOf(cluster),
            p.at("OverrideInterfaces").at("default")));
    JsonNode artifacts = root.path("ConfigurationArtifacts");
    for (int i = 0; i < artifacts.size(); i++) {
      JsonNode a = artifacts.get(i);
      Problems at = p.at("ConfigurationArtifacts", i);
      String bucket = AwsRecords.requiredText(a, "Bucket", at);
      String path = AwsRecords.requiredText(a, "Path", at);
      if (bucket != null && path != null) {
        b.addConfigurationArtifacts(ConfigurationArtifact.of(bucket, path));
      }
    }
    JsonNode secrets = root.get("SecretConfigurations");
    if (secrets != null && secrets.isObject()) {
      secrets
          .fields()
          .forEachRemaining(e -> b.putSecretConfigurations(e.getKey(), e.getValue().asText()));
    } else if (secrets != null && !secrets.isNull()) {
      p.add("SecretConfigurations", "must be an object of classification → secret ARN");
    }
    p.throwIfAny();
    try {
      return b.build();
    } catch (ValidationException e) {
      throw new ValidationException(
          e.problems().stream()
              .map(
                  pr ->
                      io.emrlaunch.core.validation.Problem.of(
                          "ClusterConfiguration." + pr.path(), pr.message()))
              .toList());
    }
  }
}
