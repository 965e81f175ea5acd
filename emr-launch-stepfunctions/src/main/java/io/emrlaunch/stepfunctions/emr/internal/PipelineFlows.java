package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.stepfunctions.asl.Chain;
import io.emrlaunch.stepfunctions.asl.ChoiceBuilder;
import io.emrlaunch.stepfunctions.asl.Condition;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.GuardedBuilder;
import io.emrlaunch.stepfunctions.asl.ParallelBuilder;
import io.emrlaunch.stepfunctions.asl.PassBuilder;
import io.emrlaunch.stepfunctions.asl.Payload;
import io.emrlaunch.stepfunctions.asl.Step;
import io.emrlaunch.stepfunctions.asl.TaskBuilder;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsics;
import io.emrlaunch.stepfunctions.emr.Arg;
import io.emrlaunch.stepfunctions.emr.EmrSdkTasks;
import io.emrlaunch.stepfunctions.emr.EmrTasks;
import io.emrlaunch.stepfunctions.emr.NestedStateMachine;
import io.emrlaunch.stepfunctions.emr.Phase;
import io.emrlaunch.stepfunctions.emr.PipelineStep;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import java.util.List;
import java.util.Optional;

/**
 * Generates the states of a pipeline's phases, its launch and its termination. Every Task or
 * Parallel state on the top level catches {@code States.ALL} into {@code $.Error} and goes to the
 * failure target; states inside a Parallel branch have no Catch (a branch cannot leave its graph),
 * so their errors fail the Parallel state, whose Catch handles them.
 */
public final class PipelineFlows {
  /** Where a caught error is kept; the Fail state reads {@code Error} and {@code Cause} from it. */
  public static final String ERROR_PATH = "$.Error";

  /** Error name of an EMR step that ended FAILED, CANCELLED or INTERRUPTED (AWS SDK polling). */
  public static final String STEP_FAILED = "EMR.StepFailed";

  private static final List<String> STEP_FAILURES = List.of("FAILED", "CANCELLED", "INTERRUPTED");

  /**
   * What every generated state shares.
   *
   * @param integration optimized or AWS SDK EMR calls
   * @param partition the ARN partition
   * @param waitForSteps the default for waiting on steps and child executions
   * @param pollIntervalSeconds seconds between polls of the AWS SDK loops
   * @param argumentOverrides whether steps read {@code StepArgumentOverrides}
   * @param clusterIdPath where the cluster id is in the state
   * @param failureTarget the state a top-level error goes to
   */
  public record Settings(
      ServiceIntegration integration,
      String partition,
      boolean waitForSteps,
      int pollIntervalSeconds,
      boolean argumentOverrides,
      String clusterIdPath,
      String failureTarget) {}

  private final Settings s;
  private final Arg cluster;

  /**
   * A generator.
   *
   * @param settings the settings
   */
  public PipelineFlows(Settings settings) {
    this.s = settings;
    this.cluster = Arg.path(settings.clusterIdPath());
  }

  /** The flow of one phase on the top level. */
  public Segment phase(Phase phase) {
    if (phase.mode() == Phase.Mode.PARALLEL) {
      ParallelBuilder p = Flow.parallel(phase.name()).discardResult();
      for (PipelineStep step : phase.steps()) {
        p.branch(step(step, false).entry());
      }
      return Segment.of(Chain.of(guard(p)));
    }
    Segment out = null;
    for (PipelineStep step : phase.steps()) {
      Segment next = step(step, true);
      out = out == null ? next : out.then(next);
    }
    return out;
  }

  /** The flow of one step, on the top level (with catches) or in a branch (without). */
  public Segment step(PipelineStep step, boolean topLevel) {
    boolean wait = step.waitForCompletionSetting().orElse(s.waitForSteps());
    if (step.kind() == PipelineStep.Kind.STATE_MACHINE) {
      TaskBuilder t =
          startExecution(
                  StateNames.base(step.name()),
                  step.stateMachineArn().orElseThrow(),
                  step.input(),
                  wait)
              .discardResult();
      return Segment.of(Chain.of(topLevel ? guard(t) : t));
    }
    EmrStep emr = step.emrStep().orElseThrow();
    String base = StateNames.base(emr.name());
    Segment args = null;
    Optional<StepArguments> layout = Optional.empty();
    boolean overridable = s.argumentOverrides() && !emr.args().isEmpty();
    if (overridable || !step.argumentPaths().isEmpty()) {
      StepArguments a = new StepArguments(emr.args(), step.argumentPaths());
      layout = Optional.of(a);
      args = arguments(base, emr.name(), a, overridable && a.hasOverridable());
    }
    TaskBuilder add = addStep(base, emr, layout, wait);
    Segment run;
    if (s.integration() == ServiceIntegration.AWS_SDK && wait) {
      run = pollStep(base, add, topLevel);
    } else {
      run = Segment.of(Chain.of(topLevel ? guard(add) : add));
    }
    return args == null ? run : args.then(run);
  }

  /** Static arguments, then (when the input has some) the step's overrides merged over them. */
  private Segment arguments(String base, String stepName, StepArguments a, boolean overrides) {
    PassBuilder fixed =
        Flow.pass(base + " - Args").result(a.staticResult()).resultPath(StepArguments.SCRATCH);
    if (!overrides) {
      return Segment.of(Chain.of(fixed));
    }
    String primary = "$$.Execution.Input.StepArgumentOverrides['" + stepName + "']";
    String alias = "$$.Execution.Input.StepArgOverrides['" + stepName + "']";
    Chain done = Chain.of(Flow.pass(base + " - Args Ready"));
    ChoiceBuilder choice =
        Flow.choice(base + " - Overrides?")
            // Like the Python library: StepArgumentOverrides wins; StepArgOverrides is read only
            // when the new name is absent. Strings, numbers, booleans and null are not maps.
            .when(
                overrideMap(primary),
                Chain.of(merge(base + " - Merge Overrides", primary, a))
                    .then(Flow.goTo(done.startName())))
            .when(
                Condition.and(
                    Condition.isPresent("$$.Execution.Input.StepArgumentOverrides", false),
                    overrideMap(alias)),
                Chain.of(merge(base + " - Merge StepArgOverrides", alias, a))
                    .then(Flow.goTo(done.startName())))
            .otherwise(done);
    return new Segment(Chain.of(fixed).then(choice), done);
  }

  private static Condition overrideMap(String path) {
    return Condition.and(
        Condition.isPresent(path, true),
        Condition.isString(path, false),
        Condition.isNumeric(path, false),
        Condition.isBoolean(path, false),
        Condition.isNull(path, false));
  }

  private static PassBuilder merge(String name, String overridesPath, StepArguments a) {
    Payload p =
        Payload.object()
            .intrinsic(
                "Args",
                Intrinsics.jsonMerge(
                    Intrinsics.path(StepArguments.SCRATCH + ".Args"),
                    Intrinsics.path(overridesPath)));
    if (a.hasFixed()) {
      p.path("Fixed", StepArguments.SCRATCH + ".Fixed");
    }
    return Flow.pass(name).parameters(p).resultPath(StepArguments.SCRATCH);
  }

  /** The add-step Task: {@code addStep(.sync)} or {@code aws-sdk:emr:addJobFlowSteps}. */
  private TaskBuilder addStep(
      String name, EmrStep emr, Optional<StepArguments> args, boolean wait) {
    if (s.integration() == ServiceIntegration.OPTIMIZED) {
      var task = EmrTasks.addStep(name, cluster, emr).inPartition(s.partition());
      ObjectNode request = task.request();
      args.ifPresent(a -> runtimeArgs((ObjectNode) request.path("Step").path("HadoopJarStep"), a));
      TaskBuilder t = wait ? task.sync() : task.requestResponse();
      return t.parameters(request).discardResult();
    }
    var task = EmrSdkTasks.addJobFlowSteps(name, cluster, List.of(emr)).inPartition(s.partition());
    ObjectNode request = task.request();
    args.ifPresent(
        a -> runtimeArgs((ObjectNode) request.path("Steps").path(0).path("HadoopJarStep"), a));
    return task.requestResponse()
        .parameters(request)
        .resultSelector(Payload.object().path("StepId", "$.StepIds[0]"))
        .resultPath("$.StepResult");
  }

  private static void runtimeArgs(ObjectNode hadoopJarStep, StepArguments a) {
    hadoopJarStep.remove("Args");
    hadoopJarStep.put("Args.$", a.arrayCall().render());
  }

  /** addJobFlowSteps, then Wait, describeStep and a Choice on the step's state, in a loop. */
  private Segment pollStep(String base, TaskBuilder add, boolean topLevel) {
    String waitName = base + " - Wait";
    TaskBuilder describe =
        EmrSdkTasks.describeStep(base + " - Poll", cluster, Arg.path("$.StepResult.StepId"))
            .inPartition(s.partition())
            .requestResponse()
            .resultSelector(
                Payload.object()
                    .path("Name", "$.Step.Name")
                    .path("StepId", "$.Step.Id")
                    .path("State", "$.Step.Status.State"))
            .resultPath("$.StepStatus");
    Chain done = Chain.of(Flow.pass(base + " - Completed"));
    Step failed = stepFailed(base + " - Failed", topLevel);
    Condition[] failures =
        STEP_FAILURES.stream()
            .map(st -> Condition.stringEquals("$.StepStatus.State", st))
            .toArray(Condition[]::new);
    ChoiceBuilder choice =
        Flow.choice(base + " - Status?")
            .when(Condition.stringEquals("$.StepStatus.State", "COMPLETED"), done)
            .when(Condition.or(failures), failed)
            .otherwise(Flow.goTo(waitName));
    Chain loop =
        Chain.of(topLevel ? guard(add) : add)
            .then(Flow.waitSeconds(waitName, s.pollIntervalSeconds()))
            .then(topLevel ? guard(describe) : describe)
            .then(choice);
    return new Segment(loop, done);
  }

  /** A failed step: a Fail state in a branch, or an error record and the failure path on top. */
  private Step stepFailed(String name, boolean topLevel) {
    var cause =
        Intrinsics.format(
            "EMR step {} ({}) ended {}",
            Intrinsics.path("$.StepStatus.Name"),
            Intrinsics.path("$.StepStatus.StepId"),
            Intrinsics.path("$.StepStatus.State"));
    if (!topLevel) {
      return Flow.fail(name).error(STEP_FAILED).causePath(cause);
    }
    return Chain.of(
            Flow.pass(name)
                .parameters(Payload.object().put("Error", STEP_FAILED).intrinsic("Cause", cause))
                .resultPath(ERROR_PATH))
        .then(Flow.goTo(s.failureTarget()));
  }

  /** {@code states:startExecution.sync:2} (or request-response) of a child state machine. */
  public TaskBuilder startExecution(
      String name, String stateMachineArn, Optional<JsonNode> input, boolean wait) {
    if (input.isPresent()) {
      return wait
          ? NestedStateMachine.run(name, stateMachineArn, input.get())
          : NestedStateMachine.start(name, stateMachineArn, input.get());
    }
    return wait
        ? NestedStateMachine.run(name, stateMachineArn)
        : NestedStateMachine.start(name, stateMachineArn);
  }

  /** The terminate flow of a transient pipeline's success path. */
  public Segment terminate(String name, boolean wait) {
    if (s.integration() == ServiceIntegration.OPTIMIZED) {
      var task = EmrTasks.terminateCluster(name, cluster).inPartition(s.partition());
      return Segment.of(
          Chain.of(guard((wait ? task.sync() : task.requestResponse()).discardResult())));
    }
    TaskBuilder t =
        guard(
            EmrSdkTasks.terminateJobFlows(name, cluster)
                .inPartition(s.partition())
                .requestResponse()
                .discardResult());
    if (!wait) {
      return Segment.of(Chain.of(t));
    }
    String pollName = name + " - Poll";
    TaskBuilder poll =
        guard(
            EmrSdkTasks.describeCluster(pollName, cluster)
                .inPartition(s.partition())
                .requestResponse()
                .resultSelector(Payload.object().path("State", "$.Cluster.Status.State"))
                .resultPath("$.ClusterStatus"));
    Chain done = Chain.of(Flow.pass("Cluster Terminated"));
    ChoiceBuilder choice =
        Flow.choice(name + " - Status?")
            .when(
                Condition.or(
                    Condition.stringEquals("$.ClusterStatus.State", "TERMINATED"),
                    Condition.stringEquals("$.ClusterStatus.State", "TERMINATED_WITH_ERRORS")),
                done)
            .otherwise(
                Chain.of(Flow.waitSeconds(name + " - Wait", s.pollIntervalSeconds()))
                    .then(Flow.goTo(pollName)));
    return new Segment(Chain.of(t).then(poll).then(choice), done);
  }

  /** The terminate Task of the failure path (no polling: the execution fails right after). */
  public TaskBuilder terminateAfterFailure(String name, boolean wait) {
    if (s.integration() == ServiceIntegration.OPTIMIZED) {
      var task = EmrTasks.terminateCluster(name, cluster).inPartition(s.partition());
      return (wait ? task.sync() : task.requestResponse()).discardResult();
    }
    return EmrSdkTasks.terminateJobFlows(name, cluster)
        .inPartition(s.partition())
        .requestResponse()
        .discardResult();
  }

  /** {@code sns:publish} of the whole state as the message. */
  public TaskBuilder notify(String name, String topicArn) {
    return Flow.task(name, "arn:" + s.partition() + ":states:::sns:publish")
        .parameters(
            Payload.object()
                .put("TopicArn", topicArn)
                .intrinsic("Message", Intrinsics.jsonToString(Intrinsics.path("$"))))
        .discardResult();
  }

  /** Catches every error into {@code $.Error} and goes to the failure target. */
  public <B extends GuardedBuilder<B>> B guard(B state) {
    return state.catchErrors(Flow.goTo(s.failureTarget()), ERROR_PATH, "States.ALL");
  }
}
