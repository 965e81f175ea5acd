package io.emrlaunch.core.repository;

/**
 * The store refused the caller's credentials for this record or namespace (for SSM: IAM denied the
 * parameter or the KMS key). Namespaces are the unit of access control, so the message names the
 * namespace and what was attempted.
 */
public class RepositoryAccessDeniedException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was attempted on which record or namespace
   * @param cause the store's exception
   */
  public RepositoryAccessDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
