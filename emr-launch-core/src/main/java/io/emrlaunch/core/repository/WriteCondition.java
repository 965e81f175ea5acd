package io.emrlaunch.core.repository;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import java.util.OptionalLong;

/**
 * When a save may go ahead: always (overwrite), only when the record does not exist yet
 * (create-only), or only when the stored record is still at an expected version (optimistic locking
 * against lost updates). A save whose condition does not hold fails with {@link
 * RecordConflictException}.
 */
public final class WriteCondition {
  private static final WriteCondition ANY = new WriteCondition(-1);
  private static final WriteCondition ABSENT = new WriteCondition(0);

  /** -1 any, 0 absent, n expected version. */
  private final long expected;

  private WriteCondition(long expected) {
    this.expected = expected;
  }

  /**
   * Overwrite whatever is stored.
   *
   * @return the condition
   */
  public static WriteCondition any() {
    return ANY;
  }

  /**
   * Create only: fail if the record exists.
   *
   * @return the condition
   */
  public static WriteCondition absent() {
    return ABSENT;
  }

  /**
   * Replace only the given version: fail if another writer saved since it was read.
   *
   * @param version the version read, 1 or more (see {@link StoredRecord#version()})
   * @return the condition
   * @throws ValidationException when the version is below 1
   */
  public static WriteCondition version(long version) {
    if (version < 1) {
      throw new ValidationException(
          List.of(Problem.of("expectedVersion", "must be >= 1 (was " + version + ")")));
    }
    return new WriteCondition(version);
  }

  /**
   * Whether any stored state is accepted.
   *
   * @return true for {@link #any()}
   */
  public boolean isAny() {
    return expected < 0;
  }

  /**
   * Whether the record must not exist.
   *
   * @return true for {@link #absent()}
   */
  public boolean isAbsent() {
    return expected == 0;
  }

  /**
   * The version the stored record must be at, if that is the condition.
   *
   * @return the expected version
   */
  public OptionalLong expectedVersion() {
    return expected > 0 ? OptionalLong.of(expected) : OptionalLong.empty();
  }

  @Override
  public String toString() {
    return isAny() ? "any" : isAbsent() ? "absent" : "version " + expected;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WriteCondition c && c.expected == expected;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(expected);
  }
}
