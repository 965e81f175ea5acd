package io.emrlaunch.stepfunctions.iam.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.stepfunctions.iam.Partition;
import io.emrlaunch.stepfunctions.iam.PolicyStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the policy derivation: walks the definition, applies the integration rules to every
 * site and collects statements, the integrations seen and the problems found.
 */
public final class Derivation {
  private static final Pattern INTEGRATION = Pattern.compile("^arn:([^:]+):states:::(.+)$");
  private static final Pattern ACTIVITY =
      Pattern.compile("^arn:([^:]+):states:[^:]+:[^:]+:activity:.+$");
  private static final Pattern LAMBDA_ARN =
      Pattern.compile("^arn:([^:]+):lambda:[^:]+:[^:]+:function:.+$");

  final Partition partition;
  final String region;
  final String account;
  Arns arns;
  final EmrProfile profile;
  final String stateMachineName;
  final Problems problems;
  private final Map<String, Map<String, List<String>>> bindings;
  private final Map<String, List<PolicyStatement>> custom;
  private final Set<String> usedBindings = new HashSet<>();
  private final Set<String> seenStates = new HashSet<>();
  private final SortedSet<String> integrations = new TreeSet<>();
  private final List<PolicyStatement> statements = new ArrayList<>();
  private final Map<String, List<PolicyStatement>> assumedRoleStatements = new LinkedHashMap<>();
  private List<PolicyStatement> sink = statements;

  /**
   * Prepares a run.
   *
   * @param region the region the state machine runs in
   * @param account its account
   * @param profile the EMR profile whose roles may be passed; {@code null} for none
   * @param stateMachineName the state machine's name (for Distributed Map); {@code null} if unknown
   * @param bindings state name to field name to the values a dynamic field may take
   * @param custom state name to the statements that replace the derivation for that state
   * @param problems where problems go
   */
  public Derivation(
      String region,
      String account,
      EmrProfile profile,
      String stateMachineName,
      Map<String, Map<String, List<String>>> bindings,
      Map<String, List<PolicyStatement>> custom,
      Problems problems) {
    this.partition = Partition.ofRegion(region);
    this.region = region;
    this.account = account;
    this.arns = new Arns(partition, region, account);
    this.profile = profile;
    this.stateMachineName = stateMachineName;
    this.bindings = bindings;
    this.custom = custom;
    this.problems = problems;
  }

  /**
   * Derives the statements for a definition.
   *
   * @param definition the parsed definition
   */
  public void run(JsonNode definition) {
    run(DefinitionWalker.walk(definition, problems));
  }

  /**
   * Derives the statements for sites found by a walker.
   *
   * @param sites the sites
   */
  public void run(List<TaskSite> sites) {
    for (TaskSite site : sites) {
      seenStates.add(site.stateName());
      apply(site);
    }
    for (String state : bindings.keySet()) {
      if (!seenStates.contains(state)) {
        problems.add("bindings." + state, "names no Task or Map state of the definition");
      }
    }
    for (String state : custom.keySet()) {
      if (!seenStates.contains(state)) {
        problems.add("custom." + state, "names no Task or Map state of the definition");
      }
    }
    bindings.forEach(
        (state, fields) ->
            fields
                .keySet()
                .forEach(
                    f -> {
                      if (seenStates.contains(state)
                          && !usedBindings.contains(state + "\u0000" + f)) {
                        problems.add(
                            "bindings." + state + "." + f,
                            "is not a dynamic field the derivation needed; remove it");
                      }
                    }));
  }

  /** The statements the execution role needs (unmerged). */
  public List<PolicyStatement> statements() {
    return statements;
  }

  /** Integration names seen, e.g. {@code elasticmapreduce:createCluster.sync}. */
  public SortedSet<String> integrations() {
    return integrations;
  }

  /** Statements the roles assumed through {@code Credentials} need, by role ARN or state. */
  public Map<String, List<PolicyStatement>> assumedRoleStatements() {
    return assumedRoleStatements;
  }

  private void apply(TaskSite site) {
    List<PolicyStatement> own = custom.get(site.stateName());
    if (own != null) {
      if (site.kind() == TaskSite.Kind.TASK || site.kind() == TaskSite.Kind.DISTRIBUTED_MAP) {
        statements.addAll(own);
        integrations.add("custom");
      }
      return;
    }
    if (site.kind() == TaskSite.Kind.DISTRIBUTED_MAP) {
      MapRules.distributedMap(this, site);
      return;
    }
    if (site.credentials() != null && site.kind() == TaskSite.Kind.TASK) {
      applyWithCredentials(site);
      return;
    }
    dispatch(site);
  }

  // A Task with Credentials calls the service as the assumed role: the execution role only needs
  // sts:AssumeRole; what the service call needs is reported for the assumed role.
  private void applyWithCredentials(TaskSite site) {
    TaskSite creds =
        new TaskSite(
            site.kind(),
            site.path(),
            site.stateName(),
            "",
            site.credentials(),
            "Credentials",
            null,
            site.credentials());
    List<String> roles = required(creds, "RoleArn", "the role ARNs this state may assume");
    if (roles != null) {
      roles.forEach(r -> checkPartition(creds.field("RoleArn").path(), r));
      emit(PolicyStatement.allow().actions("sts:AssumeRole").resources(roles).build());
    }
    String key = roles != null && roles.size() == 1 ? roles.get(0) : site.stateName();
    List<PolicyStatement> saved = sink;
    Arns savedArns = arns;
    sink = assumedRoleStatements.computeIfAbsent(key, k -> new ArrayList<>());
    String[] roleArn = key.split(":");
    if (roleArn.length > 4 && roleArn[4].matches("\\d{12}")) {
      // The assumed role's resources live in the role's account.
      arns = new Arns(partition, region, roleArn[4]);
    }
    try {
      dispatch(site);
    } finally {
      sink = saved;
      arns = savedArns;
    }
  }

  private void dispatch(TaskSite site) {
    String resource = site.resource();
    String resourcePath = site.path() + ".Resource";
    Matcher m = INTEGRATION.matcher(resource);
    if (m.matches()) {
      checkPartitionId(resourcePath, m.group(1));
      String rest = m.group(2);
      if (rest.startsWith("aws-sdk:")) {
        SdkRules.apply(this, site, rest.substring("aws-sdk:".length()));
      } else if (site.kind() == TaskSite.Kind.TASK) {
        OptimizedRules.apply(this, site, rest);
      } else {
        MapRules.readerOrWriter(this, site, rest);
      }
      return;
    }
    Matcher a = ACTIVITY.matcher(resource);
    if (a.matches()) {
      // Activity workers poll with their own credentials; the execution role needs nothing.
      checkPartitionId(resourcePath, a.group(1));
      integrations.add("activity");
      return;
    }
    Matcher l = LAMBDA_ARN.matcher(resource);
    if (l.matches()) {
      checkPartitionId(resourcePath, l.group(1));
      integrations.add("lambda:function");
      emit(PolicyStatement.allow().actions("lambda:InvokeFunction").resources(resource).build());
      return;
    }
    problems.add(resourcePath, "is not a Step Functions integration, activity or Lambda ARN");
  }

  // ---- helpers used by the rule classes ----

  void integration(String name) {
    integrations.add(name);
  }

  void emit(PolicyStatement statement) {
    sink.add(statement);
  }

  void unsupported(TaskSite site, String integration) {
    problems.add(
        site.path() + ".Resource",
        "no built-in IAM rule for '"
            + integration
            + "'; give this state's statements with ExecutionRolePolicy.Builder.custom(\""
            + site.stateName()
            + "\", ...)");
  }

  /**
   * The values a target field takes: its literals, or the caller's binding when it is dynamic.
   *
   * @return the values, or {@code null} when dynamic (or absent) and unbound
   */
  List<String> values(TaskSite site, String field) {
    TaskSite.Field f = site.field(field);
    Map<String, List<String>> forState = bindings.getOrDefault(site.stateName(), Map.of());
    // On a Map state, "ItemReader.Bucket" binds only the reader's field, "Bucket" both.
    String qualified =
        switch (site.kind()) {
          case ITEM_READER -> "ItemReader." + field;
          case RESULT_WRITER -> "ResultWriter." + field;
          default -> field;
        };
    String key = forState.containsKey(qualified) ? qualified : field;
    List<String> bound = forState.get(key);
    if (f.isStatic()) {
      f.literals().forEach(v -> checkPartition(f.path(), v));
      return f.literals();
    }
    if (bound != null) {
      usedBindings.add(site.stateName() + "\u0000" + key);
      List<String> all = new ArrayList<>(f.literals());
      all.addAll(bound);
      return all;
    }
    return null;
  }

  /** Like {@link #values} but reports a problem (and returns {@code null}) when unresolved. */
  List<String> required(TaskSite site, String field, String what) {
    List<String> v = values(site, field);
    if (v == null) {
      TaskSite.Field f = site.field(field);
      problems.add(
          f.path(),
          (f.present() ? "is only known at run time" : "is not set")
              + "; bind "
              + what
              + " with ExecutionRolePolicy.Builder.bind(\""
              + site.stateName()
              + "\", \""
              + field
              + "\", ...)");
    }
    return v;
  }

  void checkPartition(String path, String value) {
    String p = Arns.partitionOf(value);
    if (p != null) {
      checkPartitionId(path, p);
    }
  }

  private void checkPartitionId(String path, String id) {
    if (!id.equals(partition.id())) {
      problems.add(
          path,
          "uses partition '"
              + id
              + "' but region "
              + region
              + " is in partition '"
              + partition.id()
              + "'");
    }
  }
}
