package io.emrlaunch.stepfunctions.deploy;

import io.emrlaunch.core.EmrLaunchException;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * An execution ended in {@code FAILED}, {@code TIMED_OUT} or {@code ABORTED}; carries the error and
 * cause Step Functions reported.
 */
public class ExecutionFailedException extends EmrLaunchException {
  private static final long serialVersionUID = 1L;

  private final String executionArn;
  private final ExecutionStatus status;
  private final String error;
  private final String errorCause;

  /**
   * Creates the exception.
   *
   * @param executionArn the execution
   * @param status its final status
   * @param error the error name, e.g. {@code States.TaskFailed}; may be {@code null}
   * @param errorCause the cause text; may be {@code null}
   */
  public ExecutionFailedException(
      String executionArn, ExecutionStatus status, String error, String errorCause) {
    super(
        "execution "
            + executionArn
            + " ended "
            + status
            + (error == null ? "" : ": " + error)
            + (errorCause == null ? "" : " (" + errorCause + ")"));
    this.executionArn = executionArn;
    this.status = status;
    this.error = error;
    this.errorCause = errorCause;
  }

  /**
   * The execution.
   *
   * @return its ARN
   */
  public String executionArn() {
    return executionArn;
  }

  /**
   * How it ended.
   *
   * @return {@code FAILED}, {@code TIMED_OUT} or {@code ABORTED}
   */
  public ExecutionStatus status() {
    return status;
  }

  /**
   * The error name.
   *
   * @return e.g. {@code States.TaskFailed}, if reported
   */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /**
   * The error's cause.
   *
   * @return the cause text, if reported
   */
  public Optional<String> errorCause() {
    return Optional.ofNullable(errorCause);
  }
}
