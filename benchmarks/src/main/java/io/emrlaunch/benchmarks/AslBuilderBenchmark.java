package io.emrlaunch.benchmarks;

import static com.amazonaws.services.stepfunctions.builder.StepFunctionBuilder.catcher;
import static com.amazonaws.services.stepfunctions.builder.StepFunctionBuilder.failState;
import static com.amazonaws.services.stepfunctions.builder.StepFunctionBuilder.next;
import static com.amazonaws.services.stepfunctions.builder.StepFunctionBuilder.retrier;
import static com.amazonaws.services.stepfunctions.builder.StepFunctionBuilder.stateMachine;
import static com.amazonaws.services.stepfunctions.builder.StepFunctionBuilder.succeedState;
import static com.amazonaws.services.stepfunctions.builder.StepFunctionBuilder.taskState;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.Payload;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateMachineBuilder;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Builds, validates and serialises the same state machine of {@link #states} states (a chain of EMR
 * addStep tasks, each with Parameters, ResultPath, a Retrier and a Catcher, plus a Succeed and a
 * Fail state) with our {@link StateMachineBuilder} and with the end-of-life SDK v1 builder, and
 * parses + validates the result with each. Both builders validate in {@code build()}.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar AslBuilderBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class AslBuilderBenchmark {
  private static final String ADD_STEP = "arn:aws:states:::elasticmapreduce:addStep.sync";

  /** Number of states in the machine (tasks + one Succeed + one Fail). */
  @Param({"1000"})
  public int states;

  private String ourJson;
  private String v1Json;

  /** Builds both once and checks they describe the same machine. */
  @Setup
  public void setUp() {
    ourJson = emrLaunchBuildValidateEmit();
    v1Json = sdkV1BuildValidateEmit();
    int ours = StateMachine.fromJson(ourJson).states().size();
    int theirs =
        com.amazonaws.services.stepfunctions.builder.StateMachine.fromJson(v1Json)
            .build()
            .getStates()
            .size();
    if (ours != states || theirs != states) {
      throw new IllegalStateException(
          "expected " + states + " states, got ours=" + ours + " sdkV1=" + theirs);
    }
  }

  private static String name(int i) {
    return "Step " + i;
  }

  /** Ours: fluent chain, validate on build, compact JSON. */
  @Benchmark
  public String emrLaunchBuildValidateEmit() {
    int tasks = states - 2;
    StateMachineBuilder b = null;
    for (int i = 0; i < tasks; i++) {
      var task =
          Flow.task(name(i), ADD_STEP)
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
        .build()
        .toJson();
  }

  /** SDK v1: the same machine, validate on build, compact JSON. */
  @Benchmark
  public String sdkV1BuildValidateEmit() {
    int tasks = states - 2;
    var b = stateMachine().comment("benchmark").startAt(name(0));
    for (int i = 0; i < tasks; i++) {
      ObjectNode params = JsonNodeFactory.instance.objectNode();
      params.put("ClusterId.$", "$.cluster.ClusterId");
      params.putObject("Step").put("Name", "step-" + i).put("ActionOnFailure", "CONTINUE");
      b.state(
          name(i),
          taskState()
              .resource(ADD_STEP)
              .parameters(params)
              .resultPath("$.lastStep")
              .retrier(retrier().errorEquals("States.TaskFailed").maxAttempts(2).backoffRate(2.0))
              .catcher(catcher().errorEquals("States.ALL").transition(next("Failed")))
              .transition(next(i + 1 < tasks ? name(i + 1) : "Done")));
    }
    b.state("Done", succeedState());
    b.state("Failed", failState().error("StepFailed").cause("step failed"));
    return b.build().toJson();
  }

  /** Ours: parse the definition and validate it. */
  @Benchmark
  public int emrLaunchParseValidate() {
    StateMachine m = StateMachine.fromJson(ourJson);
    return m.validate().size() + m.states().size();
  }

  /** SDK v1: parse the definition and validate it (its build() validates). */
  @Benchmark
  public int sdkV1ParseValidate() {
    return com.amazonaws.services.stepfunctions.builder.StateMachine.fromJson(v1Json)
        .build()
        .getStates()
        .size();
  }
}
