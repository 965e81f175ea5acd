package io.emrlaunch.core.repository;

import io.emrlaunch.core.model.RecordRef;
import java.util.OptionalLong;

/**
 * A save's {@link WriteCondition} did not hold: the record already existed (create-only), or
 * another writer saved a version after the one expected. Nothing is lost: every version written
 * stays in the record's history (see {@link RecordRepository#history(RecordRef)}). Re-read the
 * record, merge, and save again with the new version.
 */
public class RecordConflictException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  private final transient RecordKind<?> kind;
  private final transient RecordRef ref;
  private final transient WriteCondition condition;
  private final long currentVersion;
  private final long rejectedVersion;

  /**
   * Creates the exception.
   *
   * @param kind the kind written
   * @param ref the record written
   * @param condition the condition that did not hold
   * @param currentVersion the version now current in the store (0 when the record is absent)
   * @param rejectedVersion the version this save's value was kept at in the history, or 0 when
   *     nothing was written
   * @param detail what happened, for people
   */
  public RecordConflictException(
      RecordKind<?> kind,
      RecordRef ref,
      WriteCondition condition,
      long currentVersion,
      long rejectedVersion,
      String detail) {
    super(
        "conflict saving "
            + kind.displayName()
            + " '"
            + ref.name()
            + "' in namespace '"
            + ref.namespace()
            + "' (expected "
            + condition
            + "): "
            + detail);
    this.kind = kind;
    this.ref = ref;
    this.condition = condition;
    this.currentVersion = currentVersion;
    this.rejectedVersion = rejectedVersion;
  }

  /**
   * The kind written.
   *
   * @return the kind
   */
  public RecordKind<?> kind() {
    return kind;
  }

  /**
   * The record written.
   *
   * @return the reference
   */
  public RecordRef ref() {
    return ref;
  }

  /**
   * The condition that did not hold.
   *
   * @return the condition
   */
  public WriteCondition condition() {
    return condition;
  }

  /**
   * The version current in the store when the conflict was detected.
   *
   * @return the version; 0 when the record does not exist
   */
  public long currentVersion() {
    return currentVersion;
  }

  /**
   * Where this save's value can still be found in the history, when it reached the store before the
   * conflict was detected.
   *
   * @return the history version holding the rejected value; empty when nothing was written
   */
  public OptionalLong rejectedVersion() {
    return rejectedVersion > 0 ? OptionalLong.of(rejectedVersion) : OptionalLong.empty();
  }
}
