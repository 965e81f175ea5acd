package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.SdkShapes;
import io.emrlaunch.core.launch.RunJobFlowRequests;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.SparkJob;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import java.util.Optional;

/**
 * The Cluster Manager machine as JSON (JSONPath): payload in, defaults merged, spark-submit
 * arguments assembled as JSON text (so every value is escaped by {@code States.JsonToString}),
 * cluster created, step run, cluster terminated, failure published.
 */
public final class SparkJobAsl {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Error of a payload the machine refuses before launching anything. */
  public static final String INVALID_INPUT = "EmrLaunch.InvalidInput";

  /** Error of a step that ended FAILED, CANCELLED or INTERRUPTED. */
  public static final String STEP_FAILED = "EmrLaunch.StepFailed";

  /** Error of the execution when the job did not complete. */
  public static final String JOB_FAILED = "EmrLaunch.JobFailed";

  private final EmrProfile profile;
  private final ServiceIntegration integration;
  private final String partition;
  private final int pollSeconds;
  private final Optional<String> topicArn;
  private final String defaultRelease;
  private final ObjectNode states = F.objectNode();

  /** Settings of one generation. */
  public SparkJobAsl(
      EmrProfile profile,
      ServiceIntegration integration,
      String partition,
      int pollSeconds,
      Optional<String> topicArn,
      String defaultRelease) {
    this.profile = profile;
    this.integration = integration;
    this.partition = partition;
    this.pollSeconds = pollSeconds;
    this.topicArn = topicArn;
    this.defaultRelease = defaultRelease;
  }

  private String resource(String r) {
    return "arn:" + partition + ":states:::" + r;
  }

  private ObjectNode state(String name, String type) {
    ObjectNode s = states.putObject(name);
    s.put("Type", type);
    return s;
  }

  private ObjectNode pass(String name, String resultPath, String next) {
    ObjectNode s = state(name, "Pass");
    s.put("ResultPath", resultPath);
    s.put("Next", next);
    return s;
  }

  private ObjectNode invalid(String name, String cause) {
    ObjectNode s = pass(name, "$.error", "Notify Failure");
    s.putObject("Result").put("Error", INVALID_INPUT).put("Cause", cause);
    return s;
  }

  private static void catchAll(ObjectNode task, String resultPath, String next) {
    ArrayNode c = task.putArray("Catch");
    ObjectNode k = c.addObject();
    k.putArray("ErrorEquals").add("States.ALL");
    k.put("ResultPath", resultPath);
    k.put("Next", next);
  }

  private static void readRetry(ObjectNode task) {
    ObjectNode r = task.putArray("Retry").addObject();
    r.putArray("ErrorEquals").add("Emr.ThrottlingException").add("Emr.InternalServerException");
    r.put("IntervalSeconds", 2);
    r.put("MaxAttempts", 5);
    r.put("BackoffRate", 2.0);
  }

  private static ObjectNode not(ObjectNode rule) {
    ObjectNode n = F.objectNode();
    n.set("Not", rule);
    return n;
  }

  private static ObjectNode isPresent(String path) {
    return F.objectNode().put("Variable", path).put("IsPresent", true);
  }

  /** The definition. */
  public ObjectNode definition() {
    // The security half and fixed request fields, exactly as the Java launcher maps the profile.
    SparkJob placeholder =
        SparkJob.builder().jobName("placeholder").entryPoint("s3://placeholder/x.py").build();
    ObjectNode base = SdkShapes.toCompactJson(RunJobFlowRequests.from(profile, placeholder));
    ObjectNode defaults = F.objectNode();
    defaults.put("namespace", "");
    defaults.putArray("arguments");
    defaults.put("mem_executor", "16G");
    defaults.put("mem_driver", "8G");
    defaults.put("master_type", "m5.xlarge");
    defaults.put("slave_type", "m5.2xlarge");
    defaults.put("release", defaultRelease);
    defaults.putArray("spark_packages");
    profile.logsBucket().ifPresent(b -> defaults.put("log_bucket", "s3://" + b));

    ObjectNode read = pass("Read Payload", "$", "Apply Defaults");
    read.remove("ResultPath");
    read.putObject("Parameters").<ObjectNode>set("defaults", defaults).put("input.$", "$");
    ObjectNode apply = pass("Apply Defaults", "$", "Check Payload");
    apply.remove("ResultPath");
    apply.putObject("Parameters").put("payload.$", "States.JsonMerge($.defaults, $.input, false)");

    ObjectNode check = state("Check Payload", "Choice");
    ArrayNode rules = check.putArray("Choices");
    rules.add(not(isPresent("$.payload.job_name")).put("Next", "Missing job_name"));
    rules.add(not(isPresent("$.payload.code_entrypoint")).put("Next", "Missing code_entrypoint"));
    rules.add(
        not(F.objectNode()
                .put("Variable", "$.payload.code_entrypoint")
                .put("StringMatches", "s3://*"))
            .put("Next", "Entry Point Not In S3"));
    rules.add(not(isPresent("$.payload.log_bucket")).put("Next", "Missing log_bucket"));
    check.put("Default", "Count Lists");
    invalid("Missing job_name", "job_name: is required");
    invalid("Missing code_entrypoint", "code_entrypoint: is required");
    invalid(
        "Entry Point Not In S3",
        "code_entrypoint: the state machine needs an S3 URI like s3://bucket/main.py");
    invalid("Missing log_bucket", "log_bucket: is required (the profile has no logs bucket)");

    pass("Count Lists", "$.counts", "Start Arguments")
        .putObject("Parameters")
        .put("arguments.$", "States.ArrayLength($.payload.arguments)")
        .put("packages.$", "States.ArrayLength($.payload.spark_packages)");
    pass("Start Arguments", "$.acc", "Has Code Files?")
        .putObject("Parameters")
        .put(
            "v.$",
            "States.Format('\"spark-submit\",\"--deploy-mode\",\"cluster\",\"--executor-memory\",{},"
                + "\"--driver-memory\",{}', States.JsonToString($.payload.mem_executor),"
                + " States.JsonToString($.payload.mem_driver))")
        .put("i", 0);
    ObjectNode hasCode = state("Has Code Files?", "Choice");
    hasCode
        .putArray("Choices")
        .add(isPresent("$.payload.code_files").put("Next", "Add Code Files"));
    hasCode.put("Default", "Has Packages?");
    pass("Add Code Files", "$.acc", "Has Packages?")
        .putObject("Parameters")
        .put(
            "v.$",
            "States.Format('{},\"--py-files\",{}', $.acc.v,"
                + " States.JsonToString($.payload.code_files))")
        .put("i", 0);
    ObjectNode hasPk = state("Has Packages?", "Choice");
    hasPk
        .putArray("Choices")
        .add(
            F.objectNode()
                .put("Variable", "$.counts.packages")
                .put("NumericGreaterThan", 0)
                .put("Next", "First Package"));
    hasPk.put("Default", "Add Entry Point");
    pass("First Package", "$.pk", "More Packages?")
        .putObject("Parameters")
        .put("v.$", "States.ArrayGetItem($.payload.spark_packages, 0)")
        .put("i", 1);
    ObjectNode morePk = state("More Packages?", "Choice");
    morePk
        .putArray("Choices")
        .add(
            F.objectNode()
                .put("Variable", "$.pk.i")
                .put("NumericLessThanPath", "$.counts.packages")
                .put("Next", "Next Package"));
    morePk.put("Default", "Add Packages");
    pass("Next Package", "$.pk", "More Packages?")
        .putObject("Parameters")
        .put(
            "v.$",
            "States.Format('{},{}', $.pk.v, States.ArrayGetItem($.payload.spark_packages, $.pk.i))")
        .put("i.$", "States.MathAdd($.pk.i, 1)");
    pass("Add Packages", "$.acc", "Add Entry Point")
        .putObject("Parameters")
        .put("v.$", "States.Format('{},\"--packages\",{}', $.acc.v, States.JsonToString($.pk.v))")
        .put("i", 0);
    pass("Add Entry Point", "$.acc", "More Arguments?")
        .putObject("Parameters")
        .put(
            "v.$",
            "States.Format('{},{}', $.acc.v, States.JsonToString($.payload.code_entrypoint))")
        .put("i", 0);
    ObjectNode moreArgs = state("More Arguments?", "Choice");
    moreArgs
        .putArray("Choices")
        .add(
            F.objectNode()
                .put("Variable", "$.acc.i")
                .put("NumericLessThanPath", "$.counts.arguments")
                .put("Next", "Read Argument"));
    moreArgs.put("Default", "Build Instances");
    pass("Read Argument", "$.arg", "Namespace?")
        .putObject("Parameters")
        .put("a.$", "States.ArrayGetItem($.payload.arguments, $.acc.i)");
    ObjectNode ns = state("Namespace?", "Choice");
    ns.putArray("Choices")
        .add(
            F.objectNode()
                .put("Variable", "$.payload.namespace")
                .put("StringEquals", "")
                .put("Next", "Render Bare Argument"));
    ns.put("Default", "Render Argument");
    pass("Render Argument", "$.arg", "Add Argument")
        .putObject("Parameters")
        .put(
            "s.$",
            "States.Format('{}.{}={}', $.payload.namespace, $.arg.a.argument, $.arg.a.value)");
    pass("Render Bare Argument", "$.arg", "Add Argument")
        .putObject("Parameters")
        .put("s.$", "States.Format('{}={}', $.arg.a.argument, $.arg.a.value)");
    pass("Add Argument", "$.acc", "More Arguments?")
        .putObject("Parameters")
        .put("v.$", "States.Format('{},{}', $.acc.v, States.JsonToString($.arg.s))")
        .put("i.$", "States.MathAdd($.acc.i, 1)");

    // Instances: the profile's security groups, the payload's types, the subnet when given.
    ObjectNode instances = ((ObjectNode) base.get("Instances")).deepCopy();
    instances.remove("Ec2SubnetId");
    ArrayNode groups = instances.putArray("InstanceGroups");
    groups
        .addObject()
        .put("Name", "Master")
        .put("Market", "ON_DEMAND")
        .put("InstanceRole", "MASTER")
        .put("InstanceType.$", "$.payload.master_type")
        .put("InstanceCount", 1);
    groups
        .addObject()
        .put("Name", "Core")
        .put("Market", "ON_DEMAND")
        .put("InstanceRole", "CORE")
        .put("InstanceType.$", "$.payload.slave_type")
        .put("InstanceCount", 2);
    instances.put("KeepJobFlowAliveWhenNoSteps", true);
    instances.put("TerminationProtected", false);
    pass("Build Instances", "$.instances", "Has Subnet?")
        .putObject("Parameters")
        .set("v", instances);
    ObjectNode hasSubnet = state("Has Subnet?", "Choice");
    hasSubnet.putArray("Choices").add(isPresent("$.payload.subnet").put("Next", "Set Subnet"));
    hasSubnet.put("Default", "Build Step Arguments");
    pass("Set Subnet", "$.subnet", "Merge Subnet")
        .putObject("Parameters")
        .put("Ec2SubnetId.$", "$.payload.subnet");
    pass("Merge Subnet", "$.instances", "Build Step Arguments")
        .putObject("Parameters")
        .put("v.$", "States.JsonMerge($.instances.v, $.subnet, false)");
    pass("Build Step Arguments", "$.step", "Create Cluster")
        .putObject("Parameters")
        .put("Args.$", "States.StringToJson(States.Format('[{}]', $.acc.v))");

    ObjectNode request = base.deepCopy();
    request.remove(
        java.util.List.of(
            "Name", "LogUri", "ReleaseLabel", "Instances", "Steps", "Tags", "Configurations"));
    request.put("Name.$", "$.payload.job_name");
    String prefix = profile.logsPrefix().replaceAll("^/+", "");
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    request.put(
        "LogUri.$",
        "States.Format('{}/"
            + prefix.replace("'", "\\'")
            + "{}/', $.payload.log_bucket, $.payload.job_name)");
    request.put("ReleaseLabel.$", "$.payload.release");
    request.put("Instances.$", "$.instances.v");
    ArrayNode tags = request.putArray("Tags");
    tags.addObject().put("Key", "emr-launch:job").put("Value.$", "$.payload.job_name");

    ObjectNode stepRequest = F.objectNode();
    stepRequest.put("Name.$", "$.payload.job_name");
    stepRequest.put("ActionOnFailure", "CONTINUE");
    stepRequest
        .putObject("HadoopJarStep")
        .put("Jar", "command-runner.jar")
        .put("Args.$", "$.step.Args");

    if (integration == ServiceIntegration.OPTIMIZED) {
      ObjectNode create = state("Create Cluster", "Task");
      create.put("Resource", resource("elasticmapreduce:createCluster.sync"));
      create.set("Parameters", request);
      create.putObject("ResultSelector").put("ClusterId.$", "$.ClusterId");
      create.put("ResultPath", "$.cluster");
      catchAll(create, "$.error", "Notify Failure");
      create.put("Next", "Run Spark Step");
      ObjectNode run = state("Run Spark Step", "Task");
      run.put("Resource", resource("elasticmapreduce:addStep.sync"));
      run.putObject("Parameters")
          .put("ClusterId.$", "$.cluster.ClusterId")
          .set("Step", stepRequest);
      run.putObject("ResultSelector").put("StepId.$", "$.StepId").put("State", "COMPLETED");
      run.put("ResultPath", "$.stepResult");
      catchAll(run, "$.error", "Terminate After Failure");
      run.put("Next", "Terminate Cluster");
      ObjectNode term = state("Terminate Cluster", "Task");
      term.put("Resource", resource("elasticmapreduce:terminateCluster.sync"));
      term.putObject("Parameters").put("ClusterId.$", "$.cluster.ClusterId");
      term.put("ResultPath", (String) null);
      catchAll(term, "$.error", "Notify Failure");
      term.put("Next", "Job Succeeded");
      ObjectNode after = state("Terminate After Failure", "Task");
      after.put("Resource", resource("elasticmapreduce:terminateCluster"));
      after.putObject("Parameters").put("ClusterId.$", "$.cluster.ClusterId");
      after.put("ResultPath", (String) null);
      catchAll(after, "$.terminateError", "Notify Failure");
      after.put("Next", "Notify Failure");
    } else {
      sdkFlow(request, stepRequest);
    }

    ObjectNode ok = state("Job Succeeded", "Pass");
    ok.putObject("Parameters")
        .put("JobName.$", "$.payload.job_name")
        .put("ClusterId.$", "$.cluster.ClusterId")
        .put("StepId.$", "$.stepResult.StepId")
        .put("StepState.$", "$.stepResult.State")
        .put("ClusterState", "TERMINATED");
    ok.put("End", true);

    if (topicArn.isPresent()) {
      ObjectNode notify = state("Notify Failure", "Task");
      notify.put("Resource", resource("sns:publish"));
      notify
          .putObject("Parameters")
          .put("TopicArn", topicArn.get())
          .put("Subject", "emr-launch: a Spark job failed")
          .put("Message.$", "States.JsonToString($)");
      notify.put("ResultPath", (String) null);
      catchAll(notify, "$.notifyError", "Job Failed");
      notify.put("Next", "Job Failed");
    } else {
      ObjectNode notify = state("Notify Failure", "Pass");
      notify.put("Comment", "no failure topic configured");
      notify.put("Next", "Job Failed");
    }
    ObjectNode fail = state("Job Failed", "Fail");
    fail.put("Error", JOB_FAILED);
    fail.put("CausePath", "States.Format('{}: {}', $.error.Error, $.error.Cause)");

    ObjectNode def = F.objectNode();
    def.put(
        "Comment",
        "emr-launch Spark job (EMR Cluster Manager payload as input; "
            + (integration == ServiceIntegration.OPTIMIZED ? "optimized" : "aws-sdk")
            + " integration; generated, do not edit)");
    def.put("StartAt", "Read Payload");
    def.set("States", states);
    return def;
  }

  private void sdkFlow(ObjectNode request, ObjectNode stepRequest) {
    ObjectNode create = state("Create Cluster", "Task");
    create.put("Resource", resource("aws-sdk:emr:runJobFlow"));
    create.set("Parameters", request);
    create.putObject("ResultSelector").put("ClusterId.$", "$.JobFlowId");
    create.put("ResultPath", "$.cluster");
    catchAll(create, "$.error", "Notify Failure");
    create.put("Next", "Describe Cluster");
    ObjectNode describe = state("Describe Cluster", "Task");
    describe.put("Resource", resource("aws-sdk:emr:describeCluster"));
    describe.putObject("Parameters").put("ClusterId.$", "$.cluster.ClusterId");
    describe.putObject("ResultSelector").put("State.$", "$.Cluster.Status.State");
    describe.put("ResultPath", "$.clusterStatus");
    readRetry(describe);
    catchAll(describe, "$.error", "Terminate After Failure");
    describe.put("Next", "Cluster Up?");
    ObjectNode up = state("Cluster Up?", "Choice");
    ArrayNode c = up.putArray("Choices");
    c.add(anyState("$.clusterStatus.State", "WAITING", "RUNNING").put("Next", "Add Spark Step"));
    c.add(
        anyState("$.clusterStatus.State", "TERMINATING", "TERMINATED", "TERMINATED_WITH_ERRORS")
            .put("Next", "Cluster Failed"));
    up.put("Default", "Wait For Cluster");
    ObjectNode w1 = state("Wait For Cluster", "Wait");
    w1.put("Seconds", pollSeconds);
    w1.put("Next", "Describe Cluster");
    ObjectNode cf = pass("Cluster Failed", "$.error", "Notify Failure");
    cf.putObject("Parameters")
        .put("Error", "EmrLaunch.ClusterFailed")
        .put(
            "Cause.$",
            "States.Format('cluster {} ended {} before the step ran', $.cluster.ClusterId,"
                + " $.clusterStatus.State)");

    ObjectNode add = state("Add Spark Step", "Task");
    add.put("Resource", resource("aws-sdk:emr:addJobFlowSteps"));
    add.putObject("Parameters")
        .put("JobFlowId.$", "$.cluster.ClusterId")
        .putArray("Steps")
        .add(stepRequest);
    add.putObject("ResultSelector").put("StepId.$", "$.StepIds[0]");
    add.put("ResultPath", "$.stepResult");
    catchAll(add, "$.error", "Terminate After Failure");
    add.put("Next", "Wait For Step");
    ObjectNode w2 = state("Wait For Step", "Wait");
    w2.put("Seconds", pollSeconds);
    w2.put("Next", "Describe Step");
    ObjectNode ds = state("Describe Step", "Task");
    ds.put("Resource", resource("aws-sdk:emr:describeStep"));
    ds.putObject("Parameters")
        .put("ClusterId.$", "$.cluster.ClusterId")
        .put("StepId.$", "$.stepResult.StepId");
    ds.putObject("ResultSelector")
        .put("StepId.$", "$.Step.Id")
        .put("State.$", "$.Step.Status.State");
    ds.put("ResultPath", "$.stepResult");
    readRetry(ds);
    catchAll(ds, "$.error", "Terminate After Failure");
    ds.put("Next", "Step Done?");
    ObjectNode sd = state("Step Done?", "Choice");
    ArrayNode sc = sd.putArray("Choices");
    sc.add(anyState("$.stepResult.State", "COMPLETED").put("Next", "Terminate Cluster"));
    sc.add(
        anyState("$.stepResult.State", "FAILED", "CANCELLED", "INTERRUPTED")
            .put("Next", "Step Failed"));
    sd.put("Default", "Wait For Step");
    ObjectNode sf = pass("Step Failed", "$.error", "Terminate After Failure");
    sf.putObject("Parameters")
        .put("Error", STEP_FAILED)
        .put(
            "Cause.$",
            "States.Format('step {} on cluster {} ended {}', $.stepResult.StepId,"
                + " $.cluster.ClusterId, $.stepResult.State)");

    ObjectNode term = state("Terminate Cluster", "Task");
    term.put("Resource", resource("aws-sdk:emr:terminateJobFlows"));
    term.putObject("Parameters").put("JobFlowIds.$", "States.Array($.cluster.ClusterId)");
    term.put("ResultPath", (String) null);
    catchAll(term, "$.error", "Notify Failure");
    term.put("Next", "Describe Terminating Cluster");
    ObjectNode dt = state("Describe Terminating Cluster", "Task");
    dt.put("Resource", resource("aws-sdk:emr:describeCluster"));
    dt.putObject("Parameters").put("ClusterId.$", "$.cluster.ClusterId");
    dt.putObject("ResultSelector").put("State.$", "$.Cluster.Status.State");
    dt.put("ResultPath", "$.clusterStatus");
    readRetry(dt);
    catchAll(dt, "$.error", "Notify Failure");
    dt.put("Next", "Cluster Terminated?");
    ObjectNode ct = state("Cluster Terminated?", "Choice");
    ct.putArray("Choices")
        .add(
            anyState("$.clusterStatus.State", "TERMINATED", "TERMINATED_WITH_ERRORS")
                .put("Next", "Job Succeeded"));
    ct.put("Default", "Wait For Termination");
    ObjectNode w3 = state("Wait For Termination", "Wait");
    w3.put("Seconds", pollSeconds);
    w3.put("Next", "Describe Terminating Cluster");

    ObjectNode after = state("Terminate After Failure", "Task");
    after.put("Resource", resource("aws-sdk:emr:terminateJobFlows"));
    after.putObject("Parameters").put("JobFlowIds.$", "States.Array($.cluster.ClusterId)");
    after.put("ResultPath", (String) null);
    catchAll(after, "$.terminateError", "Notify Failure");
    after.put("Next", "Notify Failure");
  }

  private static ObjectNode anyState(String path, String... values) {
    if (values.length == 1) {
      return F.objectNode().put("Variable", path).put("StringEquals", values[0]);
    }
    ObjectNode or = F.objectNode();
    ArrayNode a = or.putArray("Or");
    for (String v : values) {
      a.addObject().put("Variable", path).put("StringEquals", v);
    }
    return or;
  }
}
