package io.emrlaunch.core;

/**
 * Base of every exception this library throws on purpose. Unchecked: a caller that wants to react
 * to a specific failure catches the subtype (for example {@link
 * io.emrlaunch.core.validation.ValidationException}).
 */
public class EmrLaunchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message meant for people.
   *
   * @param message what went wrong and, where it helps, what to do about it
   */
  public EmrLaunchException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause it wraps.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public EmrLaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}
