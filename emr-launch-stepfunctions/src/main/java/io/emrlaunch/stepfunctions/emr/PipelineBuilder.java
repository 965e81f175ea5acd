package io.emrlaunch.stepfunctions.emr;

import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.Chain;
import io.emrlaunch.stepfunctions.asl.ChoiceBuilder;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.Step;
import io.emrlaunch.stepfunctions.emr.internal.FailureEnd;
import io.emrlaunch.stepfunctions.emr.internal.PipelineFlows;
import io.emrlaunch.stepfunctions.emr.internal.Segment;
import io.emrlaunch.stepfunctions.emr.internal.StepArguments;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings every EMR step pipeline shares: its phases, how it calls EMR, whether it waits for
 * steps, the {@code StepArgumentOverrides} switch, the partition and optional SNS notifications.
 * See {@link TransientClusterPipeline} and {@link PersistentClusterPipeline}.
 *
 * <p>A builder is mutable and not thread-safe; {@code build()} returns an immutable, validated
 * {@link io.emrlaunch.stepfunctions.asl.StateMachine} and may be called again.
 *
 * @param <B> the concrete builder
 */
public abstract class PipelineBuilder<B extends PipelineBuilder<B>> {
  /**
   * The name of the state every failure ends in: a Choice that fails with the original error, or,
   * for Step Functions' own {@code States.*} errors (which a Fail state may not raise), with
   * {@value #PIPELINE_FAILED} and a cause that starts with the original name.
   */
  public static final String FAILED_STATE = "Pipeline Failed";

  /** The Fail state that re-raises the original error and cause. */
  public static final String FAILED_WITH_ERROR_STATE = "Pipeline Failed With Error";

  /** The Fail state for a Step Functions {@code States.*} error. */
  public static final String FAILED_AT_RUNTIME_STATE = "Pipeline Failed At Runtime";

  /** The error of a pipeline that failed with a Step Functions {@code States.*} error. */
  public static final String PIPELINE_FAILED = "EmrPipeline.Failed";

  /** The name of the SNS state of the failure path. */
  public static final String NOTIFY_FAILURE_STATE = "Notify Failure";

  /** The name of the SNS state of the success path. */
  public static final String NOTIFY_SUCCESS_STATE = "Notify Success";

  private static final Pattern PARTITION = Pattern.compile("aws(-[a-z]+)*");

  final List<Phase> phases = new ArrayList<>();
  ServiceIntegration integration = ServiceIntegration.OPTIMIZED;
  String partition = "aws";
  boolean waitForSteps = true;
  int pollIntervalSeconds = 30;
  boolean argumentOverrides = true;
  Optional<String> successTopicArn = Optional.empty();
  Optional<String> failureTopicArn = Optional.empty();
  Optional<String> comment = Optional.empty();
  Optional<Integer> timeoutSeconds = Optional.empty();

  PipelineBuilder() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * Adds a phase; phases run in the order added.
   *
   * @param phase the phase
   * @return this builder
   */
  public B phase(Phase phase) {
    phases.add(Objects.requireNonNull(phase, "phase"));
    return self();
  }

  /**
   * Adds phases.
   *
   * @param phases the phases in order
   * @return this builder
   */
  public B phases(Phase... phases) {
    Arrays.stream(phases).forEach(this::phase);
    return self();
  }

  /**
   * How EMR is called: the optimized {@code elasticmapreduce:*} integrations (default; waiting with
   * {@code .sync}) or the {@code aws-sdk:emr:*} calls with polling loops.
   *
   * @param integration the integration
   * @return this builder
   */
  public B integration(ServiceIntegration integration) {
    this.integration = Objects.requireNonNull(integration, "integration");
    return self();
  }

  /**
   * The ARN partition of every resource ({@code aws}, {@code aws-cn}, {@code aws-us-gov}).
   *
   * @param partition the partition
   * @return this builder
   */
  public B partition(String partition) {
    this.partition = Objects.requireNonNull(partition, "partition");
    return self();
  }

  /**
   * Whether the pipeline waits for each step (and child execution) to finish before the next one
   * starts (default true). A {@link PipelineStep#waitForCompletion(boolean)} setting wins.
   *
   * @param wait false to only submit steps
   * @return this builder
   */
  public B waitForSteps(boolean wait) {
    this.waitForSteps = wait;
    return self();
  }

  /**
   * Seconds between two polls of the AWS SDK waiting loops (default 30).
   *
   * @param seconds at least 1
   * @return this builder
   */
  public B pollIntervalSeconds(int seconds) {
    this.pollIntervalSeconds = seconds;
    return self();
  }

  /**
   * Whether steps read {@code StepArgumentOverrides} (alias {@code StepArgOverrides}) from the
   * execution input (default true). Off, step arguments are written as literals and no extra states
   * are generated.
   *
   * @param enabled false to ignore overrides
   * @return this builder
   */
  public B argumentOverrides(boolean enabled) {
    this.argumentOverrides = enabled;
    return self();
  }

  /**
   * Publishes the final state to an SNS topic when the pipeline succeeds.
   *
   * @param topicArn the topic
   * @return this builder
   */
  public B successTopic(String topicArn) {
    this.successTopicArn = Optional.of(topicArn);
    return self();
  }

  /**
   * Publishes the state, with the error under {@code Error}, to an SNS topic when the pipeline
   * fails.
   *
   * @param topicArn the topic
   * @return this builder
   */
  public B failureTopic(String topicArn) {
    this.failureTopicArn = Optional.of(topicArn);
    return self();
  }

  /**
   * The machine's comment.
   *
   * @param comment the text
   * @return this builder
   */
  public B comment(String comment) {
    this.comment = Optional.of(comment);
    return self();
  }

  /**
   * The most seconds an execution may run. Note that a timed-out execution does not terminate its
   * cluster: set an auto-termination policy on the cluster as a backstop.
   *
   * @param seconds a positive number
   * @return this builder
   */
  public B timeoutSeconds(int seconds) {
    this.timeoutSeconds = Optional.of(seconds);
    return self();
  }

  /** The state names the pipeline generates itself; steps and phases must not use them. */
  abstract Set<String> reservedNames();

  /** Checks the shared settings and the phases, each problem at its field path. */
  void checkShared(Problems problems) {
    if (!PARTITION.matcher(partition).matches()) {
      problems.add("partition", "must be a partition name like aws, aws-cn or aws-us-gov");
    }
    problems.min("pollIntervalSeconds", pollIntervalSeconds, 1);
    timeoutSeconds.ifPresent(t -> problems.min("timeoutSeconds", t, 1));
    successTopicArn.ifPresent(t -> checkArn(problems, "successTopic", t, "sns"));
    failureTopicArn.ifPresent(t -> checkArn(problems, "failureTopic", t, "sns"));
    if (phases.isEmpty()) {
      problems.add("phases", "must contain at least one phase");
    }
    Map<String, String> names = new HashMap<>();
    Set<String> reserved = reservedNames();
    for (int i = 0; i < phases.size(); i++) {
      Phase phase = phases.get(i);
      Problems at = problems.at("phases", i);
      if (phase.name().isBlank()) {
        at.add("name", "must not be blank");
      } else if (phase.mode() == Phase.Mode.PARALLEL) {
        unique(at.at("name"), phase.name(), names, reserved);
      }
      if (phase.steps().isEmpty()) {
        at.add("steps", "must contain at least one step");
      }
      for (int j = 0; j < phase.steps().size(); j++) {
        checkStep(at.at("steps", j), phase.steps().get(j), names, reserved);
      }
    }
  }

  private void checkStep(
      Problems at, PipelineStep step, Map<String, String> names, Set<String> reserved) {
    if (step.name().isBlank()) {
      at.add("name", "must not be blank");
      return;
    }
    unique(at.at("name"), step.name(), names, reserved);
    if (step.kind() == PipelineStep.Kind.STATE_MACHINE) {
      checkArn(at, "stateMachineArn", step.stateMachineArn().orElse(""), "states");
      return;
    }
    step.emrStep()
        .ifPresent(
            e -> {
              at.addAll(e.validationProblems());
              if (argumentOverrides
                  && !e.args().isEmpty()
                  && !StepArguments.canBeOverrideKey(e.name())) {
                at.add(
                    "name",
                    "must not contain a quote or backslash when argument overrides are on (it is"
                        + " a key of StepArgumentOverrides)");
              }
            });
  }

  private static void unique(
      Problems at, String name, Map<String, String> names, Set<String> reserved) {
    if (reserved.contains(name)) {
      at.add("clashes with a state the pipeline generates (" + name + ")");
    }
    String first = names.putIfAbsent(name, at.path());
    if (first != null) {
      at.add("duplicates " + first + " (" + name + "); state names must be unique");
    }
  }

  /** Checks an ARN's shape and partition. */
  void checkArn(Problems problems, String field, String arn, String service) {
    if (arn == null || arn.isBlank()) {
      problems.add(field, "must not be blank");
      return;
    }
    String prefix = "arn:" + partition + ":" + service + ":";
    if ("states".equals(service)) {
      try {
        if (NestedStateMachine.partitionOf(arn).equals(partition)) {
          return;
        }
      } catch (ValidationException e) {
        problems.add(field, e.problems().get(0).message());
        return;
      }
      problems.add(field, "must be in partition " + partition + " (was " + arn + ")");
    } else if (!arn.startsWith(prefix) || arn.split(":", -1).length < 6) {
      problems.add(field, "must be an ARN starting with " + prefix + " (was " + arn + ")");
    }
  }

  /** The generator's settings for this pipeline. */
  PipelineFlows.Settings settings(String clusterIdPath, String failureTarget) {
    return new PipelineFlows.Settings(
        integration,
        partition,
        waitForSteps,
        pollIntervalSeconds,
        argumentOverrides,
        clusterIdPath,
        failureTarget);
  }

  /** All phases, one after another. */
  Segment phasesFlow(PipelineFlows flows) {
    Segment out = null;
    for (Phase p : phases) {
      Segment next = flows.phase(p);
      out = out == null ? next : out.then(next);
    }
    return out;
  }

  /** Notify Failure (when a topic is set), then the Fail state; returns the entry. */
  Step failureEnd(PipelineFlows flows) {
    ChoiceBuilder fail =
        FailureEnd.of(
            FAILED_STATE,
            FAILED_AT_RUNTIME_STATE,
            FAILED_WITH_ERROR_STATE,
            PIPELINE_FAILED,
            PipelineFlows.ERROR_PATH);
    if (failureTopicArn.isEmpty()) {
      return fail;
    }
    return Chain.of(
            flows
                .notify(NOTIFY_FAILURE_STATE, failureTopicArn.get())
                // A failed notification must not hide the pipeline's own error.
                .catchErrors(Flow.goTo(FAILED_STATE), "$.NotifyError", "States.ALL"))
        .then(fail);
  }

  /** The name of the first state of the failure end. */
  String failureEndName() {
    return failureTopicArn.isPresent() ? NOTIFY_FAILURE_STATE : FAILED_STATE;
  }
}
