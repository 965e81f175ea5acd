package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A RunJobFlow {@code PlacementGroupConfigs} entry: the EC2 placement strategy of one instance role
 * (EMR supports it for the master role of multi-master clusters, with {@code SPREAD}).
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePlacementGroupConfig.class)
@JsonDeserialize(as = ImmutablePlacementGroupConfig.class)
public interface PlacementGroupConfig extends WithPlacementGroupConfig {

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
   * Builds {@link PlacementGroupConfig} values: obtained from {@link
   * PlacementGroupConfig#builder()} or {@link #toBuilder()}.
   */
  final class Builder extends ImmutablePlacementGroupConfig.Builder {
    Builder() {}
  }

  /** The instance role the placement applies to. */
  enum Role {
    /** Primary (master) nodes. */
    MASTER,
    /** Core nodes. */
    CORE,
    /** Task nodes. */
    TASK
  }

  /** EC2 placement group strategies. */
  enum Strategy {
    /** Instances on distinct hardware. */
    SPREAD,
    /** Instances in logical partitions. */
    PARTITION,
    /** Instances close together in one Availability Zone. */
    CLUSTER,
    /** No placement group. */
    NONE
  }

  /**
   * Creates a placement group configuration.
   *
   * @param role the instance role
   * @param strategy the strategy
   * @return the configuration
   */
  static PlacementGroupConfig of(Role role, Strategy strategy) {
    return builder().instanceRole(role).placementStrategy(strategy).build();
  }

  /** {@code InstanceRole}. */
  Role instanceRole();

  /** {@code PlacementStrategy}; absent lets EMR choose ({@code SPREAD} for the master role). */
  Optional<Strategy> placementStrategy();
}
