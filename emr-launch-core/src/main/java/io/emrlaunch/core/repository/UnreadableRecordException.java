package io.emrlaunch.core.repository;

import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.validation.ValidationException;

/**
 * A stored record exists but is not a valid record of its kind (hand-edited, truncated, or written
 * by an incompatible tool). The cause lists every problem with its field path.
 */
public class UnreadableRecordException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  private final transient RecordRef ref;

  /**
   * Creates the exception.
   *
   * @param kind the kind read
   * @param ref the record read
   * @param where where it is stored (for SSM the parameter name and version)
   * @param cause the problems found
   */
  public UnreadableRecordException(
      RecordKind<?> kind, RecordRef ref, String where, ValidationException cause) {
    super(
        "stored "
            + kind.displayName()
            + " '"
            + ref.name()
            + "' in namespace '"
            + ref.namespace()
            + "' ("
            + where
            + ") is unreadable: "
            + cause.getMessage(),
        cause);
    this.ref = ref;
  }

  /**
   * The record read.
   *
   * @return the reference
   */
  public RecordRef ref() {
    return ref;
  }

  /**
   * The problems found, each with its field path.
   *
   * @return the validation failure
   */
  public ValidationException problems() {
    return (ValidationException) getCause();
  }
}
