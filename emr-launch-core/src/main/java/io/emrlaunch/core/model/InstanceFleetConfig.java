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
public interface InstanceFleetConfig {

  static ImmutableInstanceFleetConfig.Builder builder() {
    return ImmutableInstanceFleetConfig.builder();
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
