package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The instances of a cluster: instance groups <em>or</em> instance fleets, networking and lifetime
 * flags. The EMR-managed security groups come from the {@link EmrProfile}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableClusterInstances.class)
@JsonDeserialize(as = ImmutableClusterInstances.class)
public interface ClusterInstances extends WithClusterInstances {

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
   * Builds {@link ClusterInstances} values: obtained from {@link ClusterInstances#builder()} or
   * {@link #toBuilder()}.
   */
  final class Builder extends ImmutableClusterInstances.Builder {
    Builder() {}
  }

  Optional<InstanceGroupConfig> masterGroup();

  Optional<InstanceGroupConfig> coreGroup();

  List<InstanceGroupConfig> taskGroups();

  Optional<InstanceFleetConfig> masterFleet();

  Optional<InstanceFleetConfig> coreFleet();

  List<InstanceFleetConfig> taskFleets();

  /** The subnet of an instance-group cluster. */
  Optional<String> ec2SubnetId();

  /** The subnets EMR may choose from for an instance-fleet cluster. */
  List<String> ec2SubnetIds();

  Optional<String> ec2KeyName();

  Optional<String> availabilityZone();

  List<String> availabilityZones();

  List<String> additionalMasterSecurityGroups();

  List<String> additionalSlaveSecurityGroups();

  /** False makes the cluster terminate once its steps are done. */
  @Value.Default
  default boolean keepJobFlowAliveWhenNoSteps() {
    return true;
  }

  @Value.Default
  default boolean terminationProtected() {
    return false;
  }

  Optional<Boolean> unhealthyNodeReplacement();

  /** Whether this cluster uses instance groups (any group is set). */
  @Value.Derived
  @com.fasterxml.jackson.annotation.JsonIgnore
  default boolean usesInstanceGroups() {
    return masterGroup().isPresent() || coreGroup().isPresent() || !taskGroups().isEmpty();
  }

  /** Whether this cluster uses instance fleets (any fleet is set). */
  @Value.Derived
  @com.fasterxml.jackson.annotation.JsonIgnore
  default boolean usesInstanceFleets() {
    return masterFleet().isPresent() || coreFleet().isPresent() || !taskFleets().isEmpty();
  }
}
