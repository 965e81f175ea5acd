package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** One instance type an instance fleet may use, with its weight and price cap. */
@Value.Immutable
@JsonSerialize(as = ImmutableInstanceTypeConfig.class)
@JsonDeserialize(as = ImmutableInstanceTypeConfig.class)
public interface InstanceTypeConfig extends WithInstanceTypeConfig {

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
   * Builds {@link InstanceTypeConfig} values: obtained from {@link InstanceTypeConfig#builder()} or
   * {@link #toBuilder()}.
   */
  final class Builder extends ImmutableInstanceTypeConfig.Builder {
    Builder() {}
  }

  /** Creates a type config of weight 1. */
  static InstanceTypeConfig of(String instanceType) {
    return builder().instanceType(instanceType).build();
  }

  String instanceType();

  /** Units of fleet capacity one instance provides (default 1). */
  Optional<Integer> weightedCapacity();

  Optional<String> bidPrice();

  Optional<Double> bidPriceAsPercentageOfOnDemandPrice();

  /** Launch priority for the prioritized allocation strategy (lower first). */
  Optional<Double> priority();

  Optional<EbsConfiguration> ebsConfiguration();

  List<ApplicationConfiguration> configurations();

  Optional<String> customAmiId();
}
