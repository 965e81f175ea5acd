package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** EBS volumes of one specification attached to each instance. */
@Value.Immutable
@JsonSerialize(as = ImmutableEbsVolume.class)
@JsonDeserialize(as = ImmutableEbsVolume.class)
public interface EbsVolume extends WithEbsVolume {

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
   * Builds {@link EbsVolume} values: obtained from {@link EbsVolume#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableEbsVolume.Builder {
    Builder() {}
  }

  /** Creates {@code count} volumes of {@code sizeInGb} GiB of {@code volumeType}. */
  static EbsVolume of(String volumeType, int sizeInGb, int count) {
    return builder().volumeType(volumeType).sizeInGb(sizeInGb).volumesPerInstance(count).build();
  }

  /** {@code gp3}, {@code gp2}, {@code io1}, {@code st1}, {@code sc1} or {@code standard}. */
  String volumeType();

  int sizeInGb();

  Optional<Integer> iops();

  /** Throughput in MiB/s (gp3 only). */
  Optional<Integer> throughput();

  @Value.Default
  default int volumesPerInstance() {
    return 1;
  }
}
