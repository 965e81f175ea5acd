package io.emrlaunch.stepfunctions.asl.internal;

import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.Payload;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateMachineBuilder;
import java.math.BigDecimal;

/**
 * The machine {@code AslBuilderBenchmark} builds (benchmarks module): a chain of EMR addStep tasks,
 * each with Parameters, ResultPath, a Retrier and a Catcher, then a Succeed and a Fail state.
 */
final class BenchmarkMachine {
  private BenchmarkMachine() {}

  /** The machine of {@code states} states (tasks + one Succeed + one Fail), validated. */
  static StateMachine of(int states) {
    StateMachineBuilder b = null;
    for (int i = 0; i < states - 2; i++) {
      var task =
          Flow.task("Step " + i, "arn:aws:states:::elasticmapreduce:addStep.sync")
              .parameters(
                  Payload.object()
                      .path("ClusterId", "$.cluster.ClusterId")
                      .put(
                          "Step",
                          Payload.object()
                              .put("Name", "step-" + i)
                              .put("ActionOnFailure", "CONTINUE")))
              .resultPath("$.lastStep")
              .retry(
                  r ->
                      r.addErrorEquals("States.TaskFailed")
                          .maxAttempts(2)
                          .backoffRate(BigDecimal.valueOf(2.0)))
              .catchAll(Flow.goTo("Failed"));
      b = b == null ? StateMachineBuilder.startWith(task) : b.then(task);
    }
    return b.then(Flow.succeed("Done"))
        .define(Flow.fail("Failed").error("StepFailed"))
        .comment("benchmark")
        .build();
  }
}
