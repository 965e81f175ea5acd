package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** The EBS volumes of the instances of a group or fleet instance type. */
@Value.Immutable
@JsonSerialize(as = ImmutableEbsConfiguration.class)
@JsonDeserialize(as = ImmutableEbsConfiguration.class)
public interface EbsConfiguration extends WithEbsConfiguration {

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
   * Builds {@link EbsConfiguration} values: obtained from {@link EbsConfiguration#builder()} or
   * {@link #toBuilder()}.
   */
  final class Builder extends ImmutableEbsConfiguration.Builder {
    Builder() {}
  }

  List<EbsVolume> volumes();

  Optional<Boolean> ebsOptimized();
}
