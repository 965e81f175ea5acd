package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.stepfunctions.asl.ComparisonOperator;
import io.emrlaunch.stepfunctions.asl.Condition;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.Retrier;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateMachineBuilder;
import io.emrlaunch.stepfunctions.emr.EmrSdkTasks;
import io.emrlaunch.stepfunctions.emr.EmrTasks;
import io.emrlaunch.stepfunctions.emr.IntegrationPattern;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import java.math.BigDecimal;

/**
 * Assembles the launch function: the preparation branch (in a Parallel state, so one Catch covers
 * it), the cluster creation (and, for aws-sdk tasks, the wait loop), then the success chain or the
 * failure chain. After the cluster exists, a failure lifts termination protection and terminates it
 * before failing, so a failed launch leaves no cluster running.
 */
public final class LaunchFunctionAsl {
  private static final String CLUSTER_ID = LaunchFunctionMachine.CLUSTER_ID_PATH;
  private static final String REQUEST = "$.ClusterConfiguration.Cluster";

  private LaunchFunctionAsl() {}

  /**
   * Builds and validates the machine.
   *
   * @param plan the checked options
   * @return the machine
   */
  public static StateMachine build(LaunchPlan plan) {
    if (plan.queryLanguage() == io.emrlaunch.stepfunctions.asl.QueryLanguage.JSONATA) {
      return LaunchFunctionJsonata.build(plan);
    }
    LaunchFunction fn = plan.function();
    String failureStart =
        fn.failureTopicArn().isPresent() ? "Failure Notification" : "Execution Failed";
    String successStart = fn.successTopicArn().isPresent() ? "Success Notification" : "Succeeded";
    Graph g = new Graph();
    if (plan.activity().isPresent()) {
      LaunchPlan.ActivityPlan a = plan.activity().get();
      // The worker launches in its process: the machine never sees a record or a secret.
      g.add(
          Flow.task("Launch Cluster", a.arn())
              .parameters(
                  io.emrlaunch.stepfunctions.activity.internal.LaunchTask.parameters(
                      fn.ref(), a.startTimeoutSeconds()))
              .heartbeatSeconds(a.heartbeatSeconds())
              .timeoutSeconds(a.timeoutSeconds())
              .resultPath("$.LaunchClusterResult")
              // No Retry: the worker already retries what is safe; a second launch could make a
              // second cluster.
              .catchErrors(Flow.goTo(failureStart), "$.Error", "States.ALL")
              .next(successStart));
      return finish(g, plan, fn, successStart, "activity " + a.arn());
    }
    RequestShape shape = new RequestShape(plan);
    ObjectNode request = shape.parameters(REQUEST);
    g.add(
        Flow.parallel("Prepare Cluster Request")
            .branch(PreparationBranch.build(plan, shape).chain())
            .resultSelector(
                PreparationBranch.object().put("Cluster.$", "States.ArrayGetItem($, 0)"))
            .resultPath("$.ClusterConfiguration")
            .catchErrors(Flow.goTo(failureStart), "$.Error", "States.ALL")
            .next("Create Cluster"));
    if (plan.integration() == ServiceIntegration.OPTIMIZED) {
      g.add(
          EmrTasks.createCluster("Create Cluster", request)
              .inPartition(plan.partition())
              .pattern(
                  fn.waitForClusterStart()
                      ? IntegrationPattern.RUN_JOB
                      : IntegrationPattern.REQUEST_RESPONSE)
              .resultPath("$.LaunchClusterResult")
              .catchErrors(Flow.goTo(failureStart), "$.Error", "States.ALL")
              .next(successStart));
    } else {
      sdkCreate(g, plan, request, successStart, failureStart);
    }
    return finish(
        g,
        plan,
        fn,
        successStart,
        "profile " + fn.profile() + ", configuration " + fn.configuration());
  }

  private static StateMachine finish(
      Graph g, LaunchPlan plan, LaunchFunction fn, String successStart, String what) {
    // A lost notification never changes the outcome: on success the cluster is already up.
    fn.successTopicArn()
        .ifPresent(
            t ->
                publish(
                    g,
                    plan,
                    "Success Notification",
                    t,
                    "$.LaunchClusterResult",
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
                    "$.Error",
                    "EMR Launch Function Failure",
                    "Execution Failed"));
    g.add(
        FailureEnd.of(
            "Execution Failed",
            "Launch Failed",
            "Launch Function Failed",
            LaunchFunctionMachine.LAUNCH_FAILED,
            "$.Error"));

    return StateMachineBuilder.startWith(g.chain())
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

  private static void sdkCreate(
      Graph g, LaunchPlan plan, ObjectNode request, String successStart, String failureStart) {
    g.add(
        EmrSdkTasks.runJobFlow("Create Cluster", request)
            .inPartition(plan.partition())
            .requestResponse()
            .resultSelector(sdkResult(plan.function().waitForClusterStart()))
            .resultPath("$.LaunchClusterResult")
            // No Retry: a repeated RunJobFlow could start a second cluster.
            .catchErrors(Flow.goTo(failureStart), "$.Error", "States.ALL")
            .next(plan.function().waitForClusterStart() ? "Describe Cluster" : successStart));
    if (!plan.function().waitForClusterStart()) {
      return;
    }
    String polls = "$.LaunchClusterResult.Wait.Polls";
    g.add(
        Flow.task("Describe Cluster", plan.resource("aws-sdk:emr:describeCluster"))
            .parameters(PreparationBranch.object().put("ClusterId.$", CLUSTER_ID))
            // Only State: a missing field here would be an uncatchable error with the cluster up.
            .resultSelector(PreparationBranch.object().put("State.$", "$.Cluster.Status.State"))
            .resultPath("$.LaunchClusterResult.Status")
            .retry(LaunchFunctionAsl::emrReadRetry)
            .catchErrors(Flow.goTo("Unprotect Failed Cluster"), "$.Error", "States.ALL")
            .next("Cluster Started?"));
    String state = "$.LaunchClusterResult.Status.State";
    g.add(
        Flow.choice("Cluster Started?")
            .when(
                Condition.or(
                    Condition.stringEquals(state, "WAITING"),
                    Condition.stringEquals(state, "RUNNING")),
                Flow.goTo(successStart))
            .when(
                Condition.or(
                    Condition.stringEquals(state, "TERMINATING"),
                    Condition.stringEquals(state, "TERMINATED"),
                    Condition.stringEquals(state, "TERMINATED_WITH_ERRORS")),
                Flow.goTo("Read Failure Reason"))
            .when(
                Condition.compare(
                    polls,
                    ComparisonOperator.NUMERIC_GREATER_THAN_EQUALS,
                    LongNode.valueOf(plan.maxPolls())),
                Flow.goTo("Cluster Start Timed Out"))
            .otherwise(Flow.goTo("Wait For Cluster")));
    g.add(Flow.waitSeconds("Wait For Cluster", plan.pollSeconds()).next("Count Poll"));
    g.add(
        Flow.pass("Count Poll")
            .parameters(
                PreparationBranch.object().put("Polls.$", "States.MathAdd(" + polls + ", 1)"))
            .resultPath("$.LaunchClusterResult.Wait")
            .next("Describe Cluster"));
    g.add(
        Flow.pass("Cluster Start Timed Out")
            .parameters(
                PreparationBranch.object()
                    .put("Error", LaunchFunctionMachine.CLUSTER_START_TIMEOUT)
                    .put(
                        "Cause.$",
                        "States.Format('Cluster {} is still {} after "
                            + plan.maxPolls() * plan.pollSeconds()
                            + " s; it is terminated', "
                            + CLUSTER_ID
                            + ", "
                            + state
                            + ")"))
            .resultPath("$.Error")
            .next("Unprotect Failed Cluster"));
    // The cluster has ended: reading why is safe, and a failed read still reports the state.
    g.add(
        Flow.task("Read Failure Reason", plan.resource("aws-sdk:emr:describeCluster"))
            .parameters(PreparationBranch.object().put("ClusterId.$", CLUSTER_ID))
            .resultSelector(
                PreparationBranch.object()
                    .put("Reason.$", "States.JsonToString($.Cluster.Status.StateChangeReason)"))
            .resultPath("$.LaunchClusterResult.Failure")
            .retry(LaunchFunctionAsl::emrReadRetry)
            .catchErrors(
                Flow.goTo("Cluster Failed Unexplained"),
                "$.LaunchClusterResult.Failure",
                "States.ALL")
            .next("Cluster Failed"));
    g.add(
        Flow.pass("Cluster Failed")
            .parameters(
                PreparationBranch.object()
                    .put("Error", LaunchFunctionMachine.CLUSTER_FAILED)
                    .put(
                        "Cause.$",
                        "States.Format('Cluster {} is {}: {}', "
                            + CLUSTER_ID
                            + ", "
                            + state
                            + ", $.LaunchClusterResult.Failure.Reason)"))
            .resultPath("$.Error")
            .next("Unprotect Failed Cluster"));
    g.add(
        Flow.pass("Cluster Failed Unexplained")
            .parameters(
                PreparationBranch.object()
                    .put("Error", LaunchFunctionMachine.CLUSTER_FAILED)
                    .put(
                        "Cause.$",
                        "States.Format('Cluster {} is {}', " + CLUSTER_ID + ", " + state + ")"))
            .resultPath("$.Error")
            .next("Unprotect Failed Cluster"));
    ObjectNode ids =
        PreparationBranch.object().put("JobFlowIds.$", "States.Array(" + CLUSTER_ID + ")");
    g.add(
        Flow.task("Unprotect Failed Cluster", plan.resource("aws-sdk:emr:setTerminationProtection"))
            .parameters(ids.deepCopy().put("TerminationProtected", false))
            .discardResult()
            .catchErrors(Flow.goTo("Terminate Failed Cluster"), "$.CleanupError", "States.ALL")
            .next("Terminate Failed Cluster"));
    g.add(
        Flow.task("Terminate Failed Cluster", plan.resource("aws-sdk:emr:terminateJobFlows"))
            .parameters(ids)
            .discardResult()
            .retry(LaunchFunctionAsl::emrReadRetry)
            .catchErrors(Flow.goTo("Termination Failed"), "$.CleanupError", "States.ALL")
            .next(failureStart));
    g.add(
        Flow.pass("Termination Failed")
            .parameters(
                PreparationBranch.object()
                    .put("Error.$", "$.Error.Error")
                    .put(
                        "Cause.$",
                        "States.Format('{} The cluster {} could NOT be terminated: {}', $.Error.Cause, "
                            + CLUSTER_ID
                            + ", $.CleanupError.Cause)"))
            .resultPath("$.Error")
            .next(failureStart));
  }

  /** RunJobFlow's result: the cluster id and, when the machine waits, the poll count 0. */
  private static ObjectNode sdkResult(boolean wait) {
    ObjectNode r = PreparationBranch.object().put("ClusterId.$", "$.JobFlowId");
    if (wait) {
      r.putObject("Wait").put("Polls", 0);
    }
    return r;
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
        Flow.task(name, plan.resource("sns:publish"))
            .parameters(
                PreparationBranch.object()
                    .put("TopicArn", topic)
                    .put("Message.$", message)
                    .put("Subject", subject))
            .resultPath("$.PublishResult")
            .catchErrors(Flow.goTo(next), "$.PublishError", "States.ALL")
            .next(next));
  }

  /** Retries for EMR calls that are safe to repeat (reads and terminate). */
  static void emrReadRetry(Retrier.Builder r) {
    r.addErrorEquals(
            "Emr.EmrException", "Emr.InternalServerException", "Emr.InternalServerErrorException")
        .intervalSeconds(2)
        .maxAttempts(5)
        .backoffRate(BigDecimal.valueOf(2));
  }
}
