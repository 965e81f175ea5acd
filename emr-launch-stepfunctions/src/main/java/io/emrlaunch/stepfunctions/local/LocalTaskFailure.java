package io.emrlaunch.stepfunctions.local;

import java.util.Objects;

/**
 * A task failure with a Step Functions error name and cause: what a {@link TaskHandler} completes
 * its future with (or throws) to fail the Task state, so that {@code Retry} and {@code Catch} see
 * {@code error}.
 */
public final class LocalTaskFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String error;
  private final String errorCause;

  /**
   * @param error the error name, e.g. {@code Lambda.ServiceException} or {@code MyApp.Refused}
   * @param cause the cause text (may be empty)
   */
  public LocalTaskFailure(String error, String cause) {
    super(error + ": " + cause);
    this.error = Objects.requireNonNull(error, "error");
    this.errorCause = cause == null ? "" : cause;
  }

  /** The error name. */
  public String error() {
    return error;
  }

  /** The cause text. */
  public String errorCause() {
    return errorCause;
  }
}
