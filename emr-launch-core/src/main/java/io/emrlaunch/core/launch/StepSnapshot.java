package io.emrlaunch.core.launch;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.emr.model.StepState;

/**
 * What the monitor knows about a step at one moment: its state and, for a failed step, EMR's
 * failure details and the log file to read.
 */
public final class StepSnapshot {
  private final String clusterId;
  private final String stepId;
  private final String name;
  private final StepState state;
  private final String failureReason;
  private final String failureMessage;
  private final String logFile;
  private final Instant observedAt;

  StepSnapshot(
      String clusterId,
      String stepId,
      String name,
      StepState state,
      String failureReason,
      String failureMessage,
      String logFile,
      Instant observedAt) {
    this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
    this.stepId = Objects.requireNonNull(stepId, "stepId");
    this.name = name;
    this.state = Objects.requireNonNull(state, "state");
    this.failureReason = failureReason;
    this.failureMessage = failureMessage;
    this.logFile = logFile;
    this.observedAt = observedAt;
  }

  /**
   * The cluster the step runs on.
   *
   * @return the cluster id
   */
  public String clusterId() {
    return clusterId;
  }

  /**
   * The step id ({@code s-...}).
   *
   * @return the id
   */
  public String stepId() {
    return stepId;
  }

  /**
   * The step name.
   *
   * @return the name, when known
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * The step state.
   *
   * @return the state
   */
  public StepState state() {
    return state;
  }

  /**
   * Whether the step is over ({@code COMPLETED}, {@code FAILED}, {@code CANCELLED} or {@code
   * INTERRUPTED}).
   *
   * @return true when over
   */
  public boolean done() {
    return state == StepState.COMPLETED
        || state == StepState.FAILED
        || state == StepState.CANCELLED
        || state == StepState.INTERRUPTED;
  }

  /**
   * EMR's short failure reason.
   *
   * @return the reason, for a failed step
   */
  public Optional<String> failureReason() {
    return Optional.ofNullable(failureReason);
  }

  /**
   * EMR's failure message.
   *
   * @return the message, for a failed step
   */
  public Optional<String> failureMessage() {
    return Optional.ofNullable(failureMessage);
  }

  /**
   * The S3 URI of the log that explains a failure (EMR's {@code FailureDetails.LogFile}, usually
   * the step's {@code stderr.gz}).
   *
   * @return the URI, when EMR reports one
   */
  public Optional<String> logFile() {
    return Optional.ofNullable(logFile);
  }

  /**
   * When the monitor learned this.
   *
   * @return the observation time
   */
  public Instant observedAt() {
    return observedAt;
  }

  @Override
  public String toString() {
    return stepId
        + (name == null ? "" : " (" + name + ")")
        + " "
        + state
        + (failureReason == null ? "" : " [" + failureReason + ": " + failureMessage + "]");
  }
}
