package io.emrlaunch.core.repository;

import io.emrlaunch.core.EmrLaunchException;

/**
 * A repository operation failed. Subtypes say why ({@link RecordNotFoundException}, {@link
 * RecordConflictException}, {@link RecordTooLargeException}, {@link
 * RepositoryAccessDeniedException}, {@link UnreadableRecordException}); this type itself covers
 * store failures that remain after the client's retries (throttling, service errors), with the
 * store's exception as the cause.
 */
public class RepositoryException extends EmrLaunchException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, naming the record or namespace
   */
  public RepositoryException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed, naming the record or namespace
   * @param cause the store's exception
   */
  public RepositoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
