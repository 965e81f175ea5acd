package io.emrlaunch.core.repository;

import io.emrlaunch.core.model.RecordRef;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A record as stored: the value with the version it was read or written at. Pass {@link #version()}
 * to {@link WriteCondition#version(long)} to update it without losing a concurrent writer's change.
 *
 * @param <T> the value type
 */
@Value.Immutable
public interface StoredRecord<T> extends WithStoredRecord<T> {

  /**
   * A builder.
   *
   * @param <T> the value type
   * @return a new builder
   */
  static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /**
   * A builder holding this value's attributes, to change several of them at once.
   *
   * @return a new builder initialised from this value
   */
  default Builder<T> toBuilder() {
    return StoredRecord.<T>builder().from(this);
  }

  /**
   * Builds {@link StoredRecord} values: obtained from {@link StoredRecord#builder()} or {@link
   * #toBuilder()}.
   *
   * @param <T> the value type
   */
  final class Builder<T> extends ImmutableStoredRecord.Builder<T> {
    Builder() {}
  }

  /**
   * The kind of record.
   *
   * @return the kind
   */
  RecordKind<T> kind();

  /**
   * Where it is stored.
   *
   * @return the reference
   */
  RecordRef ref();

  /**
   * The value.
   *
   * @return the value
   */
  T value();

  /**
   * The store's version number of this value (SSM's parameter version), starting at 1.
   *
   * @return the version
   */
  long version();

  /**
   * When this version was written, when the store reports it.
   *
   * @return the time
   */
  Optional<Instant> lastModified();

  /**
   * The format the value was stored in.
   *
   * @return the format
   */
  RecordFormat format();
}
