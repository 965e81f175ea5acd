package io.emrlaunch.stepfunctions.local.internal;

/** A Step Functions error (name and cause) raised while a state runs; no stack trace. */
public final class StatesError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String error;
  private final String errorCause;

  public StatesError(String error, String cause) {
    super(error + ": " + cause, null, false, false);
    this.error = error;
    this.errorCause = cause;
  }

  public static StatesError runtime(String cause) {
    return new StatesError("States.Runtime", cause);
  }

  public String error() {
    return error;
  }

  public String errorCause() {
    return errorCause;
  }

  /**
   * The error a failed future carries, unwrapped; anything that is not a StatesError is Runtime.
   */
  public static StatesError of(Throwable t) {
    Throwable c = t;
    while ((c instanceof java.util.concurrent.CompletionException
            || c instanceof java.util.concurrent.ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof StatesError s) {
      return s;
    }
    if (c instanceof io.emrlaunch.stepfunctions.local.LocalTaskFailure f) {
      return new StatesError(f.error(), f.errorCause());
    }
    return runtime(c.getClass().getSimpleName() + ": " + c.getMessage());
  }
}
