package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How an instance fleet provisions capacity when it is resized ({@code ResizeSpecifications}):
 * timeouts and allocation strategies for spot and on-demand capacity.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableFleetResizeSpecification.class)
@JsonDeserialize(as = ImmutableFleetResizeSpecification.class)
public interface FleetResizeSpecification extends WithFleetResizeSpecification {

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
   * Builds {@link FleetResizeSpecification} values: obtained from {@link
   * FleetResizeSpecification#builder()} or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableFleetResizeSpecification.Builder {
    Builder() {}
  }

  /** {@code SpotResizeSpecification.TimeoutDurationMinutes} (5 to 10080). */
  Optional<Integer> spotTimeoutMinutes();

  /**
   * {@code SpotResizeSpecification.AllocationStrategy}: the spot strategies of {@link
   * FleetLaunchSpecification#spotAllocationStrategy()}.
   */
  Optional<String> spotAllocationStrategy();

  /** {@code OnDemandResizeSpecification.TimeoutDurationMinutes} (5 to 10080). */
  Optional<Integer> onDemandTimeoutMinutes();

  /**
   * {@code OnDemandResizeSpecification.AllocationStrategy}: {@code lowest-price} or {@code
   * prioritized}.
   */
  Optional<String> onDemandAllocationStrategy();

  /** {@code OnDemandResizeSpecification.CapacityReservationOptions}. */
  Optional<CapacityReservationOptions> onDemandCapacityReservation();
}
