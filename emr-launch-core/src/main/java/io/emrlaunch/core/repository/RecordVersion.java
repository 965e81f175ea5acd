package io.emrlaunch.core.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** One entry of a record's history: a version, when and by whom it was written, its labels. */
@Value.Immutable
public interface RecordVersion extends WithRecordVersion {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this value's attributes, to change several of them at once.
   *
   * @return a new builder initialised from this value
   */
  default Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * Builds {@link RecordVersion} values: obtained from {@link RecordVersion#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableRecordVersion.Builder {
    Builder() {}
  }

  /**
   * The version number.
   *
   * @return the version, 1 or more
   */
  long version();

  /**
   * When it was written.
   *
   * @return the time, when the store reports it
   */
  Optional<Instant> lastModified();

  /**
   * Who wrote it (for SSM, the IAM principal's ARN).
   *
   * @return the writer, when the store reports it
   */
  Optional<String> modifiedBy();

  /**
   * The labels on this version.
   *
   * @return the labels; empty when none
   */
  List<String> labels();

  /**
   * The store's storage class of this version (for SSM, {@code Standard} or {@code Advanced}).
   *
   * @return the tier, when the store has one
   */
  Optional<String> tier();
}
