package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The parameters of the ready-made {@link ClusterPresets}, with the defaults of aws-emr-launch's
 * managed configurations ({@code InstanceGroupConfiguration}, {@code
 * AutoScalingClusterConfiguration}, {@code InstanceFleetConfiguration} and the two {@code
 * ManagedScalingConfiguration}s).
 *
 * <pre>{@code
 * PresetOptions options = PresetOptions.builder()
 *     .name("high-mem")
 *     .addSubnetIds("subnet-0abc")
 *     .coreInstanceType("r5.2xlarge")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePresetOptions.class)
@JsonDeserialize(as = ImmutablePresetOptions.class)
public interface PresetOptions extends WithPresetOptions {

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
   * Builds {@link PresetOptions} values: obtained from {@link PresetOptions#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutablePresetOptions.Builder {
    Builder() {}
  }

  /**
   * The options with every default, for a configuration named {@code name} in {@code subnetId}.
   *
   * @param name the configuration name
   * @param subnetId the subnet (instance groups) or the only subnet (instance fleets)
   * @return the options
   */
  static PresetOptions of(String name, String subnetId) {
    return builder().name(name).addSubnetIds(subnetId).build();
  }

  /** Configuration name. */
  String name();

  /** Namespace, {@code default} unless set. */
  @Value.Default
  default String namespace() {
    return RecordRef.DEFAULT_NAMESPACE;
  }

  /** Description stored with the configuration. */
  Optional<String> description();

  /**
   * Subnets: the first one for instance groups, all of them for instance fleets (aws-emr-launch
   * required them).
   */
  List<String> subnetIds();

  /**
   * EMR release; absent means {@link ClusterPresets#DEFAULT_RELEASE} (aws-emr-launch used {@code
   * emr-5.29.0}, or {@code emr-6.6.0} for the managed-scaling presets).
   */
  Optional<String> releaseLabel();

  /** Applications, {@code Hadoop, Hive, Spark} unless set. */
  @Value.Default
  default List<String> applications() {
    return List.of("Hadoop", "Hive", "Spark");
  }

  /** Whether Hive and Spark use the Glue Data Catalog (default true). */
  @Value.Default
  default boolean useGlueCatalog() {
    return true;
  }

  /** Step concurrency (default 1). */
  @Value.Default
  default int stepConcurrencyLevel() {
    return 1;
  }

  /** Master instance type (default {@code m5.2xlarge}). */
  @Value.Default
  default String masterInstanceType() {
    return "m5.2xlarge";
  }

  /** Master market (default on demand). */
  @Value.Default
  default Market masterInstanceMarket() {
    return Market.ON_DEMAND;
  }

  /** Core instance type (default {@code m5.xlarge}). */
  @Value.Default
  default String coreInstanceType() {
    return "m5.xlarge";
  }

  /** Core market of instance groups (default on demand). */
  @Value.Default
  default Market coreInstanceMarket() {
    return Market.ON_DEMAND;
  }

  /** Core instances of instance groups (default 2). */
  @Value.Default
  default int coreInstanceCount() {
    return 2;
  }

  /** Task instance type of the autoscaling preset (default {@code m5.xlarge}). */
  @Value.Default
  default String taskInstanceType() {
    return "m5.xlarge";
  }

  /** Task market of the autoscaling preset (default on demand). */
  @Value.Default
  default Market taskInstanceMarket() {
    return Market.ON_DEMAND;
  }

  /** Initial task instances (default 2). */
  @Value.Default
  default int initialTaskInstanceCount() {
    return 2;
  }

  /** Autoscaling lower bound of the task group (default 2). */
  @Value.Default
  default int minimumTaskInstanceCount() {
    return 2;
  }

  /** Autoscaling upper bound of the task group (default 5). */
  @Value.Default
  default int maximumTaskInstanceCount() {
    return 5;
  }

  /** Instances added per scale-out (default 2; the sign is ignored). */
  @Value.Default
  default int scaleOutAdjustment() {
    return 2;
  }

  /** Instances removed per scale-in (default 2; the sign is ignored). */
  @Value.Default
  default int scaleInAdjustment() {
    return 2;
  }

  /** On-demand core capacity of instance fleets (default 2). */
  @Value.Default
  default int coreInstanceOnDemandCount() {
    return 2;
  }

  /** Spot core capacity of instance fleets (default 0). */
  @Value.Default
  default int coreInstanceSpotCount() {
    return 0;
  }

  /** Managed scaling lower limit (default 2). */
  @Value.Default
  default int minimumCapacity() {
    return 2;
  }

  /** Managed scaling upper limit (default 10). */
  @Value.Default
  default int maximumCapacity() {
    return 10;
  }
}
