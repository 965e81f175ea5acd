package io.emrlaunch.stepfunctions.emr;

import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.Branch;
import io.emrlaunch.stepfunctions.asl.Chain;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.ParallelState;
import io.emrlaunch.stepfunctions.asl.Payload;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.asl.State;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateMachineBuilder;
import io.emrlaunch.stepfunctions.asl.Step;
import io.emrlaunch.stepfunctions.asl.TaskBuilder;
import io.emrlaunch.stepfunctions.emr.internal.PipelineFlows;
import io.emrlaunch.stepfunctions.emr.internal.Segment;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pipeline on a cluster of its own: launch the cluster, run the phases of steps, terminate the
 * cluster. Pure Amazon States Language, no Lambda functions.
 *
 * <pre>{@code
 * StateMachine pipeline = TransientClusterPipeline.builder()
 *     .launch(ClusterLaunch.nested("arn:aws:states:us-east-1:123456789012:stateMachine:launch"))
 *     .phase(Phase.parallel("Phase 1", ingestOrders, ingestCustomers))
 *     .phase(Phase.sequential("Phase 2", report))
 *     .failureTopic("arn:aws:sns:us-east-1:123456789012:pipeline-failed")
 *     .build();
 * }</pre>
 *
 * <p><b>Never an orphan cluster:</b> every Task and Parallel state after the launch catches {@code
 * States.ALL} into {@code $.Error} and goes to {@value #TERMINATE_AFTER_FAILURE_STATE}, which
 * terminates the cluster (its own failure is caught too) and ends in the Fail state {@value
 * PipelineBuilder#FAILED_STATE} with the original error and cause. A failed launch has no cluster
 * and goes straight to the failure end. A stopped or timed-out execution cannot run a Catch: give
 * the cluster an auto-termination policy as a backstop.
 *
 * <p><b>Input contract:</b> the execution input is passed to the launch (overrides, tags, ...);
 * {@code StepArgumentOverrides} ({@code {"<step name>": {"<old arg>": "<new arg>"}}}, alias {@code
 * StepArgOverrides}) replaces whole step arguments. The state keeps the input and adds {@code
 * LaunchClusterResult.ClusterId}; scratch fields {@code StepArgs}, {@code StepResult}, {@code
 * StepStatus} and {@code ClusterStatus} are written along the way.
 */
public final class TransientClusterPipeline {
  /** Where the pipeline keeps the cluster id. */
  public static final String CLUSTER_ID_PATH = "$.LaunchClusterResult.ClusterId";

  /** The terminate state of the success path. */
  public static final String TERMINATE_STATE = "Terminate Cluster";

  /** The terminate state of the failure path. */
  public static final String TERMINATE_AFTER_FAILURE_STATE = "Terminate Cluster After Failure";

  private static final String PLACEHOLDER = "Launch Placeholder";

  private TransientClusterPipeline() {}

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a transient-cluster pipeline. */
  public static final class Builder extends PipelineBuilder<Builder> {
    private ClusterLaunch launch;
    private boolean waitForTermination = true;

    private Builder() {}

    /**
     * How the cluster is launched (required).
     *
     * @param launch inline or nested
     * @return this builder
     */
    public Builder launch(ClusterLaunch launch) {
      this.launch = launch;
      return this;
    }

    /**
     * Whether the success path waits until the cluster is terminated (default true): {@code
     * terminateCluster.sync}, or for the AWS SDK integration a describeCluster loop until
     * TERMINATED or TERMINATED_WITH_ERRORS. The failure path never polls.
     *
     * @param wait false to only request termination
     * @return this builder
     */
    public Builder waitForTermination(boolean wait) {
      this.waitForTermination = wait;
      return this;
    }

    @Override
    Set<String> reservedNames() {
      Set<String> names = new HashSet<>();
      names.addAll(
          List.of(
              TERMINATE_STATE,
              TERMINATE_STATE + " - Poll",
              TERMINATE_STATE + " - Status?",
              TERMINATE_STATE + " - Wait",
              "Cluster Terminated",
              TERMINATE_AFTER_FAILURE_STATE,
              NOTIFY_SUCCESS_STATE,
              NOTIFY_FAILURE_STATE,
              FAILED_STATE,
              FAILED_WITH_ERROR_STATE,
              FAILED_AT_RUNTIME_STATE,
              PLACEHOLDER));
      if (launch != null) {
        names.add(launch.stateName());
      }
      return names;
    }

    /**
     * Builds and validates the state machine.
     *
     * @return the machine
     * @throws ValidationException naming every bad field ({@code launch}, {@code
     *     phases[1].steps[0].name}, ...) or, for a generated definition, every ASL problem
     */
    public StateMachine build() {
      Problems problems = Problems.root();
      if (launch == null) {
        problems.add("launch", "is required");
      } else {
        checkLaunch(problems.at("launch"));
      }
      checkShared(problems);
      problems.throwIfAny();

      PipelineFlows flows =
          new PipelineFlows(settings(CLUSTER_ID_PATH, TERMINATE_AFTER_FAILURE_STATE));
      // A failed launch has no cluster to terminate.
      Step first = launchState(flows);
      Segment main = Segment.of(Chain.of(first));
      main =
          main.then(phasesFlow(flows)).then(flows.terminate(TERMINATE_STATE, waitForTermination));
      Chain mainChain = main.entry();
      if (successTopicArn.isPresent()) {
        main.tail()
            .then(
                flows
                    .notify(NOTIFY_SUCCESS_STATE, successTopicArn.get())
                    .catchErrors(Flow.goTo(FAILED_STATE), PipelineFlows.ERROR_PATH, "States.ALL"));
      }
      TaskBuilder terminate =
          flows
              .terminateAfterFailure(TERMINATE_AFTER_FAILURE_STATE, waitForTermination)
              .catchErrors(Flow.goTo(failureEndName()), "$.TerminateError", "States.ALL");
      StateMachineBuilder b =
          StateMachineBuilder.startWith(mainChain)
              .define(Chain.of(terminate).then(failureEnd(flows)));
      comment.ifPresent(b::comment);
      timeoutSeconds.ifPresent(b::timeoutSeconds);
      StateMachine machine = b.buildUnvalidated();
      if (launch.machine().isPresent()) {
        machine = embed(machine, launch.machine().get());
      }
      return machine.validateOrThrow();
    }

    private void checkLaunch(Problems at) {
      at.required("stateName", launch.stateName());
      launch.stateMachineArn().ifPresent(arn -> checkArn(at, "stateMachineArn", arn, "states"));
      launch
          .machine()
          .ifPresent(
              m -> {
                if (m.effectiveQueryLanguage() != QueryLanguage.JSONPATH) {
                  at.add(
                      "machine.QueryLanguage",
                      "must be JSONPath to embed the launch inline (use ClusterLaunch.nested)");
                }
                Set<String> ours = reservedNames();
                phases.forEach(
                    p -> {
                      ours.add(p.name());
                      p.steps().forEach(s -> ours.add(s.name()));
                    });
                for (StateMachine.StateEntry e : m.allStates()) {
                  if (ours.contains(e.name())) {
                    at.add(
                        "machine." + e.location(),
                        "clashes with a state name of the pipeline (" + e.name() + ")");
                  }
                }
              });
    }

    private Step launchState(PipelineFlows flows) {
      String toFailure = failureEndName();
      if (launch.machine().isPresent()) {
        return Flow.parallel(launch.stateName())
            .branch(Flow.pass(PLACEHOLDER))
            .resultSelector(
                Payload.object().path("ClusterId", "$[0].LaunchClusterResult.ClusterId"))
            .resultPath("$.LaunchClusterResult")
            .catchErrors(Flow.goTo(toFailure), PipelineFlows.ERROR_PATH, "States.ALL");
      }
      return flows
          .startExecution(
              launch.stateName(), launch.stateMachineArn().orElseThrow(), launch.input(), true)
          .resultSelector(
              Payload.object().path("ClusterId", "$.Output.LaunchClusterResult.ClusterId"))
          .resultPath("$.LaunchClusterResult")
          .catchErrors(Flow.goTo(toFailure), PipelineFlows.ERROR_PATH, "States.ALL");
    }

    /** Puts the launch machine's states into the launch Parallel state's only branch. */
    private StateMachine embed(StateMachine pipeline, StateMachine launchMachine) {
      Map<String, State> states = new LinkedHashMap<>(pipeline.states());
      ParallelState p = (ParallelState) states.get(launch.stateName());
      Branch branch =
          Branch.builder()
              .startAt(launchMachine.startAt())
              .states(launchMachine.states())
              .comment(launchMachine.comment())
              .build();
      states.put(launch.stateName(), p.withBranches(List.of(branch)));
      return pipeline.withStates(states);
    }
  }
}
