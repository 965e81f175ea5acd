package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** EMR managed scaling: the compute limits EMR scales the cluster between. */
@Value.Immutable
@JsonSerialize(as = ImmutableManagedScalingPolicy.class)
@JsonDeserialize(as = ImmutableManagedScalingPolicy.class)
public interface ManagedScalingPolicy {

  static ImmutableManagedScalingPolicy.Builder builder() {
    return ImmutableManagedScalingPolicy.builder();
  }

  /** The unit the limits are expressed in. */
  enum UnitType {
    /** Instances (instance groups). */
    INSTANCES,
    /** Fleet capacity units (instance fleets). */
    INSTANCE_FLEET_UNITS,
    /** Virtual CPUs. */
    VCPU
  }

  UnitType unitType();

  int minimumCapacityUnits();

  int maximumCapacityUnits();

  Optional<Integer> maximumOnDemandCapacityUnits();

  Optional<Integer> maximumCoreCapacityUnits();
}
