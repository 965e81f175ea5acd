package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateMachineBuilder;
import io.emrlaunch.stepfunctions.asl.TaskBuilder;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;

/**
 * The launch function in JSONata ({@code "QueryLanguage": "JSONata"}): the same behaviour, state
 * names of the JSONPath variant where a state survives, but the record mapping, override checks,
 * log location and tag merge are one Pass state ({@link JsonataRequest}) followed by one Choice
 * that fails with the first problem; the wait loop counts polls in its Wait state, and the failure
 * end is one Fail state whose error and cause are expressions.
 */
public final class LaunchFunctionJsonata {
  private static final String ID = "$states.input.LaunchClusterResult.ClusterId";
  private static final String STATE = "$states.input.LaunchClusterResult.Status.State";

  private LaunchFunctionJsonata() {}

  static String expr(String body) {
    return "{% " + body + " %}";
  }

  /** The state input with {@code key} set to {@code value} (a JSONPath ResultPath write). */
  static String withKey(String key, String value) {
    return expr("$merge([$states.input, {" + JsonataRequest.str(key) + ": " + value + "}])");
  }

  private static TaskBuilder catchTo(TaskBuilder t, String target, String key) {
    return t.catchWith(
        Flow.goTo(target),
        c ->
            c.addErrorEquals("States.ALL")
                .output(TextNode.valueOf(withKey(key, "$states.errorOutput"))));
  }

  /**
   * Builds and validates the machine.
   *
   * @param plan the checked options
   * @return the machine
   */
  public static StateMachine build(LaunchPlan plan) {
    LaunchFunction fn = plan.function();
    String failureStart =
        fn.failureTopicArn().isPresent() ? "Failure Notification" : "Execution Failed";
    String successStart = fn.successTopicArn().isPresent() ? "Success Notification" : "Succeeded";
    Graph g = new Graph();
    String what;
    if (plan.activity().isPresent()) {
      LaunchPlan.ActivityPlan a = plan.activity().get();
      ObjectNode args =
          io.emrlaunch.stepfunctions.activity.internal.LaunchTask.parameters(
              fn.ref(), a.startTimeoutSeconds());
      args.remove("Input.$");
      args.put("Input", expr("$states.input"));
      g.add(
          catchTo(
                  Flow.task("Launch Cluster", a.arn())
                      .arguments(args)
                      .heartbeatSeconds(a.heartbeatSeconds())
                      .timeoutSeconds(a.timeoutSeconds())
                      .output(withKey("LaunchClusterResult", "$states.result")),
                  failureStart,
                  "Error")
              .next(successStart));
      what = "activity " + a.arn();
    } else {
      RequestShape shape = new RequestShape(plan);
      g.add(
          Flow.parallel("Prepare Cluster Request")
              .branch(branch(plan, shape).chain())
              .output(withKey("ClusterConfiguration", "{\"Cluster\": $states.result[0]}"))
              .catchWith(
                  Flow.goTo(failureStart),
                  c ->
                      c.addErrorEquals("States.ALL")
                          .output(TextNode.valueOf(withKey("Error", "$states.errorOutput"))))
              .next("Create Cluster"));
      create(g, plan, successStart, failureStart);
      what = "profile " + fn.profile() + ", configuration " + fn.configuration();
    }
    fn.successTopicArn()
        .ifPresent(
            t ->
                publish(
                    g,
                    plan,
                    "Success Notification",
                    t,
                    "$states.input.LaunchClusterResult",
                    "Launch EMR Config Succeeded",
                    "Succeeded"));
    g.add(Flow.succeed("Succeeded"));
    fn.failureTopicArn()
        .ifPresent(
            t ->
                publish(
                    g,
                    plan,
                    "Failure Notification",
                    t,
                    "$states.input.Error",
                    "EMR Launch Function Failure",
                    "Execution Failed"));
    // A Fail state may not raise Step Functions' own States.* names: those are wrapped.
    String reserved = "$substring($states.input.Error.Error, 0, 7) = 'States.'";
    g.add(
        Flow.fail("Execution Failed")
            .error(
                expr(
                    reserved
                        + " ? "
                        + JsonataRequest.str(LaunchFunctionMachine.LAUNCH_FAILED)
                        + " : $states.input.Error.Error"))
            .cause(
                expr(
                    reserved
                        + " ? $states.input.Error.Error & ': ' & $states.input.Error.Cause :"
                        + " $states.input.Error.Cause")));
    return StateMachineBuilder.startWith(g.chain())
        .queryLanguage(QueryLanguage.JSONATA)
        .comment(
            "emr-launch launch function "
                + fn.namespace()
                + "/"
                + fn.name()
                + ": "
                + what
                + " (generated; do not edit)")
        .build();
  }

  private static Graph branch(LaunchPlan plan, RequestShape shape) {
    Graph g = new Graph();
    load(
        g,
        plan,
        "Load Profile",
        plan.profileParameter(),
        "profile",
        "Profile",
        "Load Configuration");
    load(
        g,
        plan,
        "Load Configuration",
        plan.configurationParameter(),
        "record",
        "Configuration",
        "Build Cluster Request");
    g.add(
        Flow.pass("Build Cluster Request")
            .output(expr(JsonataRequest.expression(plan, shape)))
            .next("Request Valid?"));
    g.add(
        Flow.choice("Request Valid?")
            .whenJsonata(expr("$exists($states.input.Problem)"), Flow.goTo("Invalid Request"))
            .whenJsonata(expr("$states.input.FailIfRunning"), Flow.goTo("List Active Clusters"))
            .otherwise(Flow.goTo("Request Ready")));
    g.add(
        Flow.fail("Invalid Request")
            .error(expr("$states.input.Problem.Error"))
            .cause(expr("$states.input.Problem.Cause")));
    String marker = "$exists($states.input.Marker) and $type($states.input.Marker) != 'null'";
    String states = "'ClusterStates': ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING']";
    g.add(
        Flow.task("List Active Clusters", plan.resource("aws-sdk:emr:listClusters"))
            .arguments(
                expr(
                    marker
                        + " ? {"
                        + states
                        + ", 'Marker': $states.input.Marker} : {"
                        + states
                        + "}"))
            // only what the next page and the check need: the page holds timestamps
            .output(
                expr(
                    "{'Request': $states.input.Request, 'Marker': $states.result.Marker,"
                        + " 'Running': ($m := $states.result.Clusters[Name ="
                        + " $states.input.Request.Name]; $m[0])}"))
            .retry(LaunchFunctionAsl::emrReadRetry)
            .next("Same Name Active?"));
    g.add(
        Flow.choice("Same Name Active?")
            .whenJsonata(expr("$exists($states.input.Running)"), Flow.goTo("Cluster Running"))
            .whenJsonata(expr(marker), Flow.goTo("List Active Clusters"))
            .otherwise(Flow.goTo("Request Ready")));
    g.add(
        Flow.fail("Cluster Running")
            .error(LaunchFunctionMachine.CLUSTER_RUNNING)
            .cause(
                expr(
                    "'Found running Cluster with name ' & $states.input.Running.Name & '."
                        + " ClusterId: ' & $states.input.Running.Id & '. FailIfClusterRunning is"
                        + " true'")));
    // The branch ends with exactly the request EMR receives.
    g.add(Flow.pass("Request Ready").output(expr("$states.input.Request")).end());
    return g;
  }

  private static void load(
      Graph g,
      LaunchPlan plan,
      String state,
      String parameter,
      String variable,
      String kind,
      String next) {
    String notFound = kind + " Not Found";
    io.emrlaunch.core.model.RecordRef ref =
        kind.equals("Profile") ? plan.function().profile() : plan.function().configuration();
    g.add(
        Flow.task(state, plan.resource("aws-sdk:ssm:getParameter"))
            .arguments(
                PreparationBranch.object().put("Name", parameter).put("WithDecryption", true))
            .assign(variable, expr("$parse($states.result.Parameter.Value)"))
            .output(expr("{}"))
            .retry(
                r ->
                    r.addErrorEquals("Ssm.SsmException", "Ssm.InternalServerErrorException")
                        .intervalSeconds(2)
                        .maxAttempts(4)
                        .backoffRate(java.math.BigDecimal.valueOf(2)))
            .catchWith(
                Flow.goTo(notFound),
                c ->
                    c.addErrorEquals(
                        "Ssm.ParameterNotFoundException", "ssm.ParameterNotFoundException"))
            .next(next));
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

  private static void create(Graph g, LaunchPlan plan, String successStart, String failureStart) {
    LaunchFunction fn = plan.function();
    String request = expr("$states.input.ClusterConfiguration.Cluster");
    if (plan.integration() == ServiceIntegration.OPTIMIZED) {
      g.add(
          catchTo(
                  Flow.task(
                          "Create Cluster",
                          plan.resource(
                              "elasticmapreduce:createCluster"
                                  + (fn.waitForClusterStart() ? ".sync" : "")))
                      .arguments(request)
                      .output(withKey("LaunchClusterResult", "$states.result")),
                  failureStart,
                  "Error")
              .next(successStart));
      return;
    }
    boolean wait = fn.waitForClusterStart();
    g.add(
        catchTo(
                Flow.task("Create Cluster", plan.resource("aws-sdk:emr:runJobFlow"))
                    .arguments(request)
                    .output(
                        withKey(
                            "LaunchClusterResult",
                            "{'ClusterId': $states.result.JobFlowId"
                                + (wait ? ", 'Wait': {'Polls': 0}" : "")
                                + "}")),
                // No Retry: a repeated RunJobFlow could start a second cluster.
                failureStart,
                "Error")
            .next(wait ? "Describe Cluster" : successStart));
    if (!wait) {
      return;
    }
    String result = "$states.input.LaunchClusterResult";
    ObjectNode byId = PreparationBranch.object().put("ClusterId", expr(ID));
    g.add(
        catchTo(
                Flow.task("Describe Cluster", plan.resource("aws-sdk:emr:describeCluster"))
                    .arguments(byId)
                    .output(
                        withKey(
                            "LaunchClusterResult",
                            "$merge(["
                                + result
                                + ", {'Status': {'State': $states.result.Cluster.Status.State}}])"))
                    .retry(LaunchFunctionAsl::emrReadRetry),
                "Unprotect Failed Cluster",
                "Error")
            .next("Cluster Started?"));
    g.add(
        Flow.choice("Cluster Started?")
            .whenJsonata(expr(STATE + " in ['WAITING', 'RUNNING']"), Flow.goTo(successStart))
            .whenJsonata(
                expr(STATE + " in ['TERMINATING', 'TERMINATED', 'TERMINATED_WITH_ERRORS']"),
                Flow.goTo("Read Failure Reason"))
            .whenJsonata(
                expr(result + ".Wait.Polls >= " + plan.maxPolls()),
                Flow.goTo("Cluster Start Timed Out"))
            .otherwise(Flow.goTo("Wait For Cluster")));
    // the Wait state counts the poll (the JSONPath variant needs a Pass for it)
    g.add(
        Flow.waitSeconds("Wait For Cluster", plan.pollSeconds())
            .output(
                withKey(
                    "LaunchClusterResult",
                    "$merge([" + result + ", {'Wait': {'Polls': " + result + ".Wait.Polls + 1}}])"))
            .next("Describe Cluster"));
    g.add(
        Flow.pass("Cluster Start Timed Out")
            .output(
                withKey(
                    "Error",
                    "{'Error': "
                        + JsonataRequest.str(LaunchFunctionMachine.CLUSTER_START_TIMEOUT)
                        + ", 'Cause': 'Cluster ' & "
                        + ID
                        + " & ' is still ' & "
                        + STATE
                        + " & ' after "
                        + plan.maxPolls() * plan.pollSeconds()
                        + " s; it is terminated'}"))
            .next("Unprotect Failed Cluster"));
    // The cluster has ended: reading why is safe, and a failed read still reports the state.
    String failed = JsonataRequest.str(LaunchFunctionMachine.CLUSTER_FAILED);
    g.add(
        Flow.task("Read Failure Reason", plan.resource("aws-sdk:emr:describeCluster"))
            .arguments(byId.deepCopy())
            .output(
                expr(
                    "($reason := $string($states.result.Cluster.Status.StateChangeReason);"
                        + " $merge([$states.input, {'LaunchClusterResult': $merge(["
                        + result
                        + ", {'Failure': {'Reason': $reason}}]), 'Error': {'Error': "
                        + failed
                        + ", 'Cause': 'Cluster ' & "
                        + ID
                        + " & ' is ' & "
                        + STATE
                        + " & ': ' & $reason}}]))"))
            .retry(LaunchFunctionAsl::emrReadRetry)
            .catchWith(
                Flow.goTo("Unprotect Failed Cluster"),
                c ->
                    c.addErrorEquals("States.ALL")
                        .output(
                            TextNode.valueOf(
                                expr(
                                    "$merge([$states.input, {'LaunchClusterResult': $merge(["
                                        + result
                                        + ", {'Failure': $states.errorOutput}]), 'Error':"
                                        + " {'Error': "
                                        + failed
                                        + ", 'Cause': 'Cluster ' & "
                                        + ID
                                        + " & ' is ' & "
                                        + STATE
                                        + "}}])"))))
            .next("Unprotect Failed Cluster"));
    ObjectNode ids = PreparationBranch.object().put("JobFlowIds", expr("[" + ID + "]"));
    g.add(
        catchTo(
                Flow.task(
                        "Unprotect Failed Cluster",
                        plan.resource("aws-sdk:emr:setTerminationProtection"))
                    .arguments(ids.deepCopy().put("TerminationProtected", false))
                    .output(expr("$states.input")),
                "Terminate Failed Cluster",
                "CleanupError")
            .next("Terminate Failed Cluster"));
    g.add(
        catchTo(
                Flow.task(
                        "Terminate Failed Cluster", plan.resource("aws-sdk:emr:terminateJobFlows"))
                    .arguments(ids)
                    .output(expr("$states.input"))
                    .retry(LaunchFunctionAsl::emrReadRetry),
                "Termination Failed",
                "CleanupError")
            .next(failureStart));
    g.add(
        Flow.pass("Termination Failed")
            .output(
                withKey(
                    "Error",
                    "{'Error': $states.input.Error.Error, 'Cause': $states.input.Error.Cause & '"
                        + " The cluster ' & "
                        + ID
                        + " & ' could NOT be terminated: ' & $states.input.CleanupError.Cause}"))
            .next(failureStart));
  }

  /** An SNS publish (aws-emr-launch's subjects) that goes on to {@code next} even if it fails. */
  private static void publish(
      Graph g,
      LaunchPlan plan,
      String name,
      String topic,
      String message,
      String subject,
      String next) {
    g.add(
        catchTo(
                Flow.task(name, plan.resource("sns:publish"))
                    .arguments(
                        PreparationBranch.object()
                            .put("TopicArn", topic)
                            .put("Message", expr(message))
                            .put("Subject", subject))
                    .output(withKey("PublishResult", "$states.result")),
                next,
                "PublishError")
            .next(next));
  }
}
