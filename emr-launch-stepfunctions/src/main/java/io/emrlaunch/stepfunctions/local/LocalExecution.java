package io.emrlaunch.stepfunctions.local;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The result of one local execution, in Step Functions' shapes: status, output (JSON text) or error
 * and cause, and the execution history ({@code ExecutionStarted}, {@code TaskStateEntered}, {@code
 * TaskSucceeded}, ..., the terminal event).
 */
public final class LocalExecution {
  private final String executionArn;
  private final ExecutionStatus status;
  private final String output;
  private final String error;
  private final String cause;
  private final List<HistoryEvent> history;

  /**
   * An execution result.
   *
   * @param executionArn the execution's ARN
   * @param status SUCCEEDED, FAILED, TIMED_OUT or ABORTED
   * @param output the output when SUCCEEDED, else null
   * @param error the error name when not SUCCEEDED, else null
   * @param cause the cause when not SUCCEEDED, else null
   * @param history the events, oldest first
   */
  public LocalExecution(
      String executionArn,
      ExecutionStatus status,
      String output,
      String error,
      String cause,
      List<HistoryEvent> history) {
    this.executionArn = Objects.requireNonNull(executionArn, "executionArn");
    this.status = Objects.requireNonNull(status, "status");
    this.output = output;
    this.error = error;
    this.cause = cause;
    this.history = List.copyOf(history);
  }

  /** The execution's ARN. */
  public String executionArn() {
    return executionArn;
  }

  /** How it ended. */
  public ExecutionStatus status() {
    return status;
  }

  /** The output (JSON text) when it succeeded. */
  public Optional<String> output() {
    return Optional.ofNullable(output);
  }

  /** The error name when it did not succeed. */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** The cause when it did not succeed. */
  public Optional<String> cause() {
    return Optional.ofNullable(cause);
  }

  /** Every history event, oldest first. */
  public List<HistoryEvent> history() {
    return history;
  }

  @Override
  public String toString() {
    return "LocalExecution{"
        + executionArn
        + ", "
        + status
        + (output != null ? ", output=" + output : "")
        + (error != null ? ", error=" + error + ", cause=" + cause : "")
        + ", events="
        + history.size()
        + "}";
  }
}
