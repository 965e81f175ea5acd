package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** How an instance fleet provisions its on-demand and spot capacity. */
@Value.Immutable
@JsonSerialize(as = ImmutableFleetLaunchSpecification.class)
@JsonDeserialize(as = ImmutableFleetLaunchSpecification.class)
public interface FleetLaunchSpecification extends WithFleetLaunchSpecification {

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
   * Builds {@link FleetLaunchSpecification} values: obtained from {@link
   * FleetLaunchSpecification#builder()} or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableFleetLaunchSpecification.Builder {
    Builder() {}
  }

  /** What EMR does when spot capacity is not provisioned in time. */
  enum SpotTimeoutAction {
    /** Fill the remainder with on-demand instances. */
    SWITCH_TO_ON_DEMAND,
    /** Give up and terminate the cluster. */
    TERMINATE_CLUSTER
  }

  /** On-demand allocation strategy: {@code lowest-price} or {@code prioritized}. */
  Optional<String> onDemandAllocationStrategy();

  /**
   * Spot allocation strategy: {@code capacity-optimized}, {@code price-capacity-optimized}, {@code
   * lowest-price}, {@code diversified} or {@code capacity-optimized-prioritized}.
   */
  Optional<String> spotAllocationStrategy();

  /** Minutes to wait for spot capacity (5 to 1440). */
  Optional<Integer> spotTimeoutMinutes();

  Optional<SpotTimeoutAction> spotTimeoutAction();
}
