package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How on-demand instances of an instance fleet use EC2 capacity reservations ({@code
 * CapacityReservationOptions} of an on-demand launch or resize specification).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableCapacityReservationOptions.class)
@JsonDeserialize(as = ImmutableCapacityReservationOptions.class)
public interface CapacityReservationOptions extends WithCapacityReservationOptions {

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
   * Builds {@link CapacityReservationOptions} values: obtained from {@link
   * CapacityReservationOptions#builder()} or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableCapacityReservationOptions.Builder {
    Builder() {}
  }

  /** Whether a reservation is used before other on-demand capacity. */
  enum UsageStrategy {
    /** {@code use-capacity-reservations-first}. */
    USE_CAPACITY_RESERVATIONS_FIRST
  }

  /** Which reservations instances may run in. */
  enum Preference {
    /** {@code open}: any open reservation with matching attributes. */
    OPEN,
    /** {@code none}: no reservation. */
    NONE
  }

  /** {@code UsageStrategy}. */
  Optional<UsageStrategy> usageStrategy();

  /** {@code CapacityReservationPreference}. */
  Optional<Preference> preference();

  /** {@code CapacityReservationResourceGroupArn}: the resource group of targeted reservations. */
  Optional<String> resourceGroupArn();
}
