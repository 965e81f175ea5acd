package io.emrlaunch.stepfunctions.emr;

import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.JsonPath;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateMachineBuilder;
import io.emrlaunch.stepfunctions.emr.internal.PipelineFlows;
import io.emrlaunch.stepfunctions.emr.internal.Segment;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A pipeline on a running cluster: phases of steps against the cluster whose id is in the state
 * ({@code $.ClusterId} of the execution input by default). It neither launches nor terminates the
 * cluster. Every Task and Parallel state catches {@code States.ALL} into {@code $.Error} and ends
 * in the Fail state {@value PipelineBuilder#FAILED_STATE} with the real error and cause (after the
 * failure notification, if any).
 *
 * <pre>{@code
 * StateMachine pipeline = PersistentClusterPipeline.builder()
 *     .phase(Phase.parallel("Phase 1", ingestOrders, ingestCustomers))
 *     .phase(Phase.sequential("Phase 2", report))
 *     .build();
 * // start it with {"ClusterId": "j-...", "StepArgumentOverrides": {...}}
 * }</pre>
 */
public final class PersistentClusterPipeline {
  private PersistentClusterPipeline() {}

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a persistent-cluster pipeline. */
  public static final class Builder extends PipelineBuilder<Builder> {
    private String clusterIdPath = "$.ClusterId";

    private Builder() {}

    /**
     * Where the cluster id is read (default {@code $.ClusterId}, the execution input's field).
     *
     * @param path a JSONPath reference path into the state or {@code $$.Execution.Input...}
     * @return this builder
     */
    public Builder clusterIdPath(String path) {
      this.clusterIdPath = Objects.requireNonNull(path, "path");
      return this;
    }

    @Override
    Set<String> reservedNames() {
      return new HashSet<>(List.of(NOTIFY_SUCCESS_STATE, NOTIFY_FAILURE_STATE, FAILED_STATE));
    }

    /**
     * Builds and validates the state machine.
     *
     * @return the machine
     * @throws ValidationException naming every bad field, e.g. {@code clusterIdPath} or {@code
     *     phases[0].steps}
     */
    public StateMachine build() {
      Problems problems = Problems.root();
      try {
        JsonPath.of(clusterIdPath);
      } catch (ValidationException e) {
        e.problems().forEach(p -> problems.add("clusterIdPath", p.message()));
      }
      checkShared(problems);
      problems.throwIfAny();

      PipelineFlows flows = new PipelineFlows(settings(clusterIdPath, failureEndName()));
      Segment main = phasesFlow(flows);
      if (successTopicArn.isPresent()) {
        main.tail()
            .then(
                flows
                    .notify(NOTIFY_SUCCESS_STATE, successTopicArn.get())
                    .catchErrors(Flow.goTo(FAILED_STATE), PipelineFlows.ERROR_PATH, "States.ALL"));
      }
      StateMachineBuilder b = StateMachineBuilder.startWith(main.entry()).define(failureEnd(flows));
      comment.ifPresent(b::comment);
      timeoutSeconds.ifPresent(b::timeoutSeconds);
      return b.build();
    }
  }
}
