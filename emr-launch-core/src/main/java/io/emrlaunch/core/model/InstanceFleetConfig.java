package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An instance fleet: on-demand and spot capacity targets filled from several instance types. Its
 * role (master, core or task) is given by where it sits in {@link ClusterInstances}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableInstanceFleetConfig.class)
@JsonDeserialize(as = ImmutableInstanceFleetConfig.class)
public interface InstanceFleetConfig extends WithInstanceFleetConfig {

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
   * Builds {@link InstanceFleetConfig} values: obtained from {@link InstanceFleetConfig#builder()}
   * or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableInstanceFleetConfig.Builder {
    Builder() {}
  }

  Optional<String> name();

  @Value.Default
  default int targetOnDemandCapacity() {
    return 0;
  }

  @Value.Default
  default int targetSpotCapacity() {
    return 0;
  }

  List<InstanceTypeConfig> instanceTypeConfigs();

  Optional<FleetLaunchSpecification> launchSpecification();
}
