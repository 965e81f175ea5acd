package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An instance group: a number of identical instances. Its role (master, core or task) is given by
 * where it sits in {@link ClusterInstances}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableInstanceGroupConfig.class)
@JsonDeserialize(as = ImmutableInstanceGroupConfig.class)
public interface InstanceGroupConfig extends WithInstanceGroupConfig {

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
   * Builds {@link InstanceGroupConfig} values: obtained from {@link InstanceGroupConfig#builder()}
   * or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableInstanceGroupConfig.Builder {
    Builder() {}
  }

  /** Creates an on-demand group of {@code count} instances of {@code instanceType}. */
  static InstanceGroupConfig of(String name, String instanceType, int count) {
    return builder().name(name).instanceType(instanceType).instanceCount(count).build();
  }

  Optional<String> name();

  String instanceType();

  int instanceCount();

  @Value.Default
  default Market market() {
    return Market.ON_DEMAND;
  }

  /** Maximum spot price in USD, or absent for the on-demand price cap. */
  Optional<String> bidPrice();

  Optional<EbsConfiguration> ebsConfiguration();

  Optional<AutoScalingPolicy> autoScalingPolicy();

  List<ApplicationConfiguration> configurations();

  Optional<String> customAmiId();
}
