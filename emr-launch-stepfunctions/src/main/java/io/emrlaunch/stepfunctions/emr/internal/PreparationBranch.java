package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.stepfunctions.asl.Condition;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.TaskBuilder;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import java.util.List;

/**
 * The states that turn the two stored records and the execution input into the RunJobFlow request —
 * the work of aws-emr-launch's load, override, fail-if-running and tag Lambdas. They run as the one
 * branch of a Parallel state so that a Catch on that state also sees errors of Pass and Choice
 * states (which cannot have a Catch of their own); checks end the branch with a Fail state whose
 * error and cause become the launch function's.
 */
final class PreparationBranch {
  static final String WORK = "$.EmrLaunchWork";
  static final String CLUSTER = "$.ClusterConfiguration.Cluster";
  private static final String PROFILE = WORK + ".Profile.Value";
  private static final String RECORD = WORK + ".Configuration.Value";

  static final String SECRETS_CAUSE =
      "The configuration has SecretConfigurations or the profile a Kerberos attributes"
          + " secret; the pure-ASL launch function does not read secrets (their values"
          + " would be written to the execution history). Launch it with ClusterLauncher.";

  private PreparationBranch() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static Graph build(LaunchPlan plan, RequestShape shape) {
    Graph g = new Graph();
    ObjectNode function = object();
    function.set("Tags", TagMerge.functionTags(plan.function().clusterTags()));
    ObjectNode prepare = object().put("Input.$", "$$.Execution.Input");
    prepare.set("Allowed", OverrideChecks.allowedNames(plan.overrides()));
    if (plan.overrides().stream()
        .anyMatch(t -> t.override().type() == io.emrlaunch.core.model.OverrideType.INTEGER)) {
      prepare.set("AllowedNulls", OverrideChecks.allowedNulls(plan.overrides()));
    }
    prepare.set("Function", function);
    prepare.set("Kept", TagMerge.kept());
    // written when the profile has them, merged over the request at the end
    prepare.putObject("AutoScaling");
    prepare.putObject("Log");
    String fixedName = plan.function().clusterName();
    if (fixedName != null && !fixedName.isBlank()) {
      prepare.putObject("Fixed").put("Name", fixedName);
    }
    prepare.set("Shape", shape.templates());
    g.add(
        Flow.pass("Read Execution Input")
            .parameters(prepare)
            .resultPath(WORK)
            .next("Load Profile"));

    load(
        g,
        plan,
        "Load Profile",
        plan.profileParameter(),
        WORK + ".Profile",
        "Profile",
        plan.function().profile(),
        "Load Configuration");
    load(
        g,
        plan,
        "Load Configuration",
        plan.configurationParameter(),
        WORK + ".Configuration",
        "Configuration",
        plan.function().configuration(),
        "Secret Configurations?");
    g.ifSet(
        "Secret Configurations?",
        RECORD + ".SecretConfigurations",
        "Secrets Not Supported",
        "Kerberos Secret?");
    g.ifSet(
        "Kerberos Secret?",
        PROFILE + ".KerberosAttributesSecret",
        "Secrets Not Supported",
        "Start Cluster Request");
    g.add(
        Flow.fail("Secrets Not Supported")
            .error(LaunchFunctionMachine.UNSUPPORTED_RECORD)
            .cause(SECRETS_CAUSE));

    String name = plan.function().clusterName();
    boolean named = name != null && !name.isBlank();
    if (named) {
      // the function's cluster name goes over the record's in the same state
      g.add(
          Flow.pass("Start Cluster Request")
              .parameters(
                  object()
                      .put(
                          "Cluster.$",
                          "States.JsonMerge("
                              + RECORD
                              + ".ClusterConfiguration, "
                              + WORK
                              + ".Fixed, false)"))
              .resultPath("$.ClusterConfiguration")
              .next("Instance Profile?"));
    } else {
      g.copy(
          "Start Cluster Request", RECORD + ".ClusterConfiguration", CLUSTER, "Instance Profile?");
    }
    roles(g);
    securityGroups(g);
    g.ifSet(
        "Security Configuration?",
        PROFILE + ".SecurityConfiguration",
        "Set Security Configuration",
        "Find Overrides");
    g.copy(
        "Set Security Configuration",
        PROFILE + ".SecurityConfiguration",
        CLUSTER + ".SecurityConfiguration",
        "Find Overrides");

    String input = WORK + ".Input";
    g.add(
        Flow.choice("Find Overrides")
            .when(
                Condition.isPresent(input + ".ClusterConfigurationOverrides", true),
                Flow.goTo("Take Overrides"))
            .when(
                Condition.isPresent(input + ".ClusterConfigOverrides", true),
                Flow.goTo("Take Legacy Overrides"))
            // no overrides: nothing to check or apply
            .otherwise(Flow.goTo("Logs Bucket?")));
    String checks = "Overrides Given?";
    g.copy(
        "Take Overrides",
        input + ".ClusterConfigurationOverrides",
        OverrideChecks.OVERRIDES,
        checks);
    g.copy(
        "Take Legacy Overrides",
        input + ".ClusterConfigOverrides",
        OverrideChecks.OVERRIDES,
        checks);
    OverrideChecks.add(g, plan.overrides(), "Logs Bucket?");

    logUri(g, "Runtime Tags?");
    TagMerge.add(g, plan.function().clusterTags(), "Fail If Running?");
    failIfRunning(g, plan, "Complete Request");
    shape.add(g, "Request Ready");
    // The branch ends with exactly the request EMR receives; the Parallel state picks it up.
    g.add(
        Flow.pass("Request Ready")
            .parameters(
                shape.parameters(WORK + ".Completed.Cluster", WORK + ".Completed.Instances"))
            .end());
    return g;
  }

  private static void load(
      Graph g,
      LaunchPlan plan,
      String state,
      String parameter,
      String resultPath,
      String kind,
      RecordRef ref,
      String next) {
    String notFound = kind + " Not Found";
    TaskBuilder task =
        Flow.task(state, plan.resource("aws-sdk:ssm:getParameter"))
            // records saved with SsmRecordStore.secureString(..) are SecureString parameters; SSM
            // ignores WithDecryption for String ones
            .parameters(object().put("Name", parameter).put("WithDecryption", true))
            .resultSelector(
                object()
                    .put("Value.$", "States.StringToJson($.Parameter.Value)")
                    .put("Version.$", "$.Parameter.Version"))
            .resultPath(resultPath)
            .retry(
                r ->
                    r.addErrorEquals("Ssm.SsmException", "Ssm.InternalServerErrorException")
                        .intervalSeconds(2)
                        .maxAttempts(4)
                        .backoffRate(java.math.BigDecimal.valueOf(2)))
            // moto spells the service prefix in lower case; AWS writes "Ssm.".
            .catchErrors(
                Flow.goTo(notFound),
                "$.Error",
                "Ssm.ParameterNotFoundException",
                "ssm.ParameterNotFoundException")
            .next(next);
    g.add(task);
    g.add(
        Flow.fail(notFound)
            .error(LaunchFunctionMachine.RECORD_NOT_FOUND)
            .cause(
                kind
                    + "NotFound: "
                    + ref.namespace()
                    + "/"
                    + ref.name()
                    + " (SSM parameter "
                    + parameter
                    + ")"));
  }

  private static void roles(Graph g) {
    String roles = PROFILE + ".Roles";
    g.ifSet(
        "Instance Profile?",
        roles + ".InstanceProfile",
        "Use Instance Profile",
        "Use Instance Role");
    for (String source : List.of("InstanceProfile", "InstanceRole")) {
      String state =
          source.equals("InstanceProfile") ? "Use Instance Profile" : "Use Instance Role";
      g.add(
          Flow.pass(state)
              .parameters(
                  object()
                      .put("ServiceRole.$", lastSegment(roles + ".ServiceRole"))
                      .put("JobFlowRole.$", lastSegment(roles + "." + source)))
              .resultPath(WORK + ".Roles")
              .next("Auto Scaling Role?"));
    }
    // EMR takes an autoscaling role only for instance-group clusters.
    g.ifSet(
        "Auto Scaling Role?",
        roles + ".AutoScalingRole",
        "Instance Groups?",
        "Master Security Group?");
    g.ifSet(
        "Instance Groups?",
        CLUSTER + ".Instances.InstanceGroups[0]",
        "Name Auto Scaling Role",
        "Master Security Group?");
    g.add(
        Flow.pass("Name Auto Scaling Role")
            .parameters(object().put("AutoScalingRole.$", lastSegment(roles + ".AutoScalingRole")))
            .resultPath(WORK + ".AutoScaling")
            .next("Master Security Group?"));
  }

  private static void securityGroups(Graph g) {
    String[][] groups = {
      {"Master", "MasterGroup", "EmrManagedMasterSecurityGroup"},
      {"Workers", "WorkersGroup", "EmrManagedSlaveSecurityGroup"},
      {"Service Access", "ServiceGroup", "ServiceAccessSecurityGroup"}
    };
    for (int i = 0; i < groups.length; i++) {
      String next =
          i + 1 < groups.length ? groups[i + 1][0] + " Security Group?" : "Security Configuration?";
      String from = PROFILE + ".SecurityGroups." + groups[i][1];
      String set = "Set " + groups[i][0] + " Security Group";
      g.ifSet(groups[i][0] + " Security Group?", from, set, next);
      g.copy(set, from, CLUSTER + ".Instances." + groups[i][2], next);
    }
  }

  /**
   * {@code s3://bucket/prefix/clusterName} (no trailing slash: aws-emr-launch's {@code
   * os.path.join("s3://" + bucket, LogsPath, name)}), with the prefix's slashes as
   * RunJobFlowRequests.
   */
  private static void logUri(Graph g, String next) {
    String bucket = PROFILE + ".LogsBucket";
    String prefix = PROFILE + ".LogsPath";
    String clusterName = CLUSTER + ".Name";
    // One Choice: no bucket, no log location; then, as the aws-emr-launch profile codec, an unset
    // LogsPath means "elasticmapreduce/".
    g.add(
        Flow.choice("Logs Bucket?")
            .when(Condition.isPresent(bucket, false), Flow.goTo(next))
            .when(Condition.isNull(bucket, true), Flow.goTo(next))
            .when(
                Condition.isPresent(prefix, false), Flow.goTo("Log Location Under Default Prefix"))
            .when(Condition.isNull(prefix, true), Flow.goTo("Log Location Under Default Prefix"))
            .when(Condition.stringEquals(prefix, ""), Flow.goTo("Log Location"))
            .when(
                Condition.and(
                    Condition.stringMatches(prefix, "/*"), Condition.stringMatches(prefix, "*/")),
                Flow.goTo("Log Location Under /Prefix/"))
            .when(Condition.stringMatches(prefix, "/*"), Flow.goTo("Log Location Under /Prefix"))
            .when(Condition.stringMatches(prefix, "*/"), Flow.goTo("Log Location Under Prefix/"))
            .otherwise(Flow.goTo("Log Location Under Prefix")));
    logFormat(g, "Log Location", "s3://{}/{}", bucket + ", " + clusterName);
    logFormat(
        g,
        "Log Location Under Default Prefix",
        "s3://{}/elasticmapreduce/{}",
        bucket + ", " + clusterName);
    logFormat(
        g,
        "Log Location Under /Prefix/",
        "s3://{}{}{}",
        bucket + ", " + prefix + ", " + clusterName);
    logFormat(
        g,
        "Log Location Under /Prefix",
        "s3://{}{}/{}",
        bucket + ", " + prefix + ", " + clusterName);
    logFormat(
        g,
        "Log Location Under Prefix/",
        "s3://{}/{}{}",
        bucket + ", " + prefix + ", " + clusterName);
    logFormat(
        g,
        "Log Location Under Prefix",
        "s3://{}/{}/{}",
        bucket + ", " + prefix + ", " + clusterName);
  }

  private static void logFormat(Graph g, String state, String template, String args) {
    logFormat(g, state, template, args, "Runtime Tags?");
  }

  private static void logFormat(Graph g, String state, String template, String args, String next) {
    g.add(
        Flow.pass(state)
            .parameters(object().put("LogUri.$", "States.Format('" + template + "', " + args + ")"))
            .resultPath(WORK + ".Log")
            .next(next));
  }

  private static void failIfRunning(Graph g, LaunchPlan plan, String next) {
    String flag = WORK + ".Input.FailIfClusterRunning";
    String check = "List Active Clusters";
    String byDefault = plan.function().defaultFailIfClusterRunning() ? check : next;
    // As aws-emr-launch's parse_bool: str(v).lower() in (yes, true, t, 1); an explicit null is
    // false, only a missing flag takes the function's default.
    g.add(
        Flow.choice("Fail If Running?")
            .when(Condition.isPresent(flag, false), Flow.goTo(byDefault))
            .when(Condition.isNull(flag, true), Flow.goTo(next))
            .when(
                Condition.and(Condition.isBoolean(flag, true), Condition.booleanEquals(flag, true)),
                Flow.goTo(check))
            .when(
                Condition.and(
                    Condition.isString(flag, true),
                    Condition.or(
                        trueTexts().stream()
                            .map(t -> Condition.stringEquals(flag, t))
                            .toArray(Condition[]::new))),
                Flow.goTo(check))
            .when(
                Condition.and(Condition.isNumeric(flag, true), Condition.numericEquals(flag, 1)),
                Flow.goTo(check))
            .otherwise(Flow.goTo(next)));
    ObjectNode list = object();
    list.putArray("ClusterStates")
        .add("STARTING")
        .add("BOOTSTRAPPING")
        .add("RUNNING")
        .add("WAITING");
    g.add(listClusters(plan, check, list, "Same Name Active?"));
    ObjectNode more = list.deepCopy().put("Marker.$", WORK + ".Page.Marker");
    g.add(listClusters(plan, "List More Active Clusters", more, "Same Name Active?"));

    Graph item = new Graph();
    item.add(
        Flow.choice("Same Name?")
            .when(
                Condition.comparePaths(
                    "$.Name",
                    io.emrlaunch.stepfunctions.asl.ComparisonOperator.STRING_EQUALS_PATH,
                    "$.Wanted"),
                Flow.goTo("Cluster Running"))
            .otherwise(Flow.goTo("Other Name")));
    item.add(
        Flow.fail("Cluster Running")
            .error(LaunchFunctionMachine.CLUSTER_RUNNING)
            .causePath(
                Intrinsic.parse(
                    "States.Format('Found running Cluster with name {}. ClusterId: {}."
                        + " FailIfClusterRunning is true', $.Name, $.Id)")));
    item.add(Flow.succeed("Other Name"));
    g.add(
        Flow.map("Same Name Active?")
            .itemsPath(WORK + ".Page.Clusters")
            .itemSelector(
                object()
                    .put("Name.$", "$$.Map.Item.Value.Name")
                    .put("Id.$", "$$.Map.Item.Value.Id")
                    .put("Wanted.$", CLUSTER + ".Name"))
            .itemProcessor(item.chain())
            .discardResult()
            .next("More Clusters?"));
    String marker = WORK + ".Page.Marker";
    g.add(
        Flow.choice("More Clusters?")
            .when(Condition.isPresent(marker, false), Flow.goTo(next))
            .when(Condition.isNull(marker, true), Flow.goTo(next))
            .otherwise(Flow.goTo("List More Active Clusters")));
    // The last page stays in the work area until Request Ready, two states later, drops it.
  }

  private static TaskBuilder listClusters(
      LaunchPlan plan, String name, ObjectNode params, String next) {
    return Flow.task(name, plan.resource("aws-sdk:emr:listClusters"))
        .parameters(params)
        .resultPath(WORK + ".Page")
        .retry(LaunchFunctionAsl::emrReadRetry)
        .next(next);
  }

  /** Every upper/lower-case spelling of yes, true, t and 1 (Choice rules compare exactly). */
  static List<String> trueTexts() {
    List<String> out = new java.util.ArrayList<>();
    for (String word : List.of("yes", "true", "t", "1")) {
      java.util.Set<String> spellings = new java.util.LinkedHashSet<>();
      for (int mask = 0; mask < 1 << word.length(); mask++) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
          char c = word.charAt(i);
          b.append((mask & (1 << i)) != 0 ? Character.toUpperCase(c) : c);
        }
        spellings.add(b.toString());
      }
      out.addAll(spellings);
    }
    return out;
  }

  /** The last {@code /} segment of an ARN (a role or instance profile name); a name stays. */
  static String lastSegment(String path) {
    String split = "States.StringSplit(" + path + ", '/')";
    return "States.ArrayGetItem("
        + split
        + ", States.MathAdd(States.ArrayLength("
        + split
        + "), -1))";
  }
}
