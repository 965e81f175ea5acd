package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** EMR managed scaling: the compute limits EMR scales the cluster between. */
@Value.Immutable
@JsonSerialize(as = ImmutableManagedScalingPolicy.class)
@JsonDeserialize(as = ImmutableManagedScalingPolicy.class)
public interface ManagedScalingPolicy extends WithManagedScalingPolicy {

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
   * Builds {@link ManagedScalingPolicy} values: obtained from {@link
   * ManagedScalingPolicy#builder()} or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableManagedScalingPolicy.Builder {
    Builder() {}
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
