package io.emrlaunch.cli.internal;

/** Bad input found before any AWS call: one line on stderr, exit 2. */
public final class UsageError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * The error.
   *
   * @param message the line shown
   */
  public UsageError(String message) {
    super(message);
  }
}
