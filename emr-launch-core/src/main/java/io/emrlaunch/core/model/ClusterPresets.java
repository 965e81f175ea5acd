package io.emrlaunch.core.model;

import io.emrlaunch.core.model.ScalingRule.ComparisonOperator;
import java.util.ArrayList;
import java.util.List;

/**
 * Ready-made cluster configurations equal to aws-emr-launch's managed configurations, with the same
 * defaults and the same allowed overrides (same names; paths in this library's model):
 *
 * <ul>
 *   <li>{@link #instanceGroups} — {@code InstanceGroupConfiguration};
 *   <li>{@link #instanceGroupsWithAutoScaling} — {@code AutoScalingClusterConfiguration};
 *   <li>{@link #instanceGroupsWithManagedScaling} — {@code
 *       instance_group_configuration.ManagedScalingConfiguration};
 *   <li>{@link #instanceFleets} — {@code InstanceFleetConfiguration};
 *   <li>{@link #instanceFleetsWithManagedScaling} — {@code
 *       instance_fleet_configuration.ManagedScalingConfiguration}.
 * </ul>
 *
 * Every preset allows {@code ClusterName}, {@code ReleaseLabel} and {@code StepConcurrencyLevel}.
 * The results are ordinary values: change them with {@code withX} copies.
 */
public final class ClusterPresets {
  /**
   * The release every preset, every {@link SparkJob} and the docs use unless told otherwise: the
   * library's one default. aws-emr-launch defaulted to {@value #AWS_EMR_LAUNCH_RELEASE} (Spark 2.4)
   * and {@value #AWS_EMR_LAUNCH_MANAGED_SCALING_RELEASE}; pass those through {@link
   * PresetOptions#releaseLabel()} for a configuration identical to a Python stack's.
   */
  public static final String DEFAULT_RELEASE = "emr-7.5.0";

  /** aws-emr-launch's default release of a cluster configuration (Spark 2.4). */
  public static final String AWS_EMR_LAUNCH_RELEASE = "emr-5.29.0";

  /** aws-emr-launch's default release of its managed-scaling configurations. */
  public static final String AWS_EMR_LAUNCH_MANAGED_SCALING_RELEASE = "emr-6.6.0";

  private ClusterPresets() {}

  /**
   * A master group and a core group (500 GiB st1 EBS each) in one subnet.
   *
   * @param o the options
   * @return the configuration
   */
  public static ClusterConfiguration instanceGroups(PresetOptions o) {
    return groupsBase(o, DEFAULT_RELEASE).build();
  }

  /**
   * {@link #instanceGroups} plus a task group with a custom automatic scaling policy (scale out on
   * low YARN memory or pending containers, scale in on plenty of YARN memory).
   *
   * @param o the options
   * @return the configuration
   */
  public static ClusterConfiguration instanceGroupsWithAutoScaling(PresetOptions o) {
    ClusterConfiguration base = groupsBase(o, DEFAULT_RELEASE).build();
    InstanceGroupConfig task =
        InstanceGroupConfig.builder()
            .name("Task")
            .instanceType(o.taskInstanceType())
            .market(o.taskInstanceMarket())
            .instanceCount(o.initialTaskInstanceCount())
            .autoScalingPolicy(
                AutoScalingPolicy.builder()
                    .minCapacity(o.minimumTaskInstanceCount())
                    .maxCapacity(o.maximumTaskInstanceCount())
                    .addRules(
                        rule(
                            "ScaleOut-YARNMemoryAvailablePercentage",
                            "YARNMemoryAvailablePercentage",
                            ComparisonOperator.LESS_THAN,
                            15,
                            "PERCENT",
                            Math.abs(o.scaleOutAdjustment())),
                        rule(
                            "ScaleOut-ContainerPendingRatio",
                            "ContainerPendingRatio",
                            ComparisonOperator.GREATER_THAN,
                            0.75,
                            "COUNT",
                            Math.abs(o.scaleOutAdjustment())),
                        rule(
                            "ScaleIn-YARNMemoryAvailablePercentage",
                            "YARNMemoryAvailablePercentage",
                            ComparisonOperator.GREATER_THAN,
                            75,
                            "PERCENT",
                            -Math.abs(o.scaleInAdjustment())))
                    .build())
            .build();
    String t = "instances.taskGroups.0.";
    return base.withInstances(base.instances().withTaskGroups(task))
        .withAllowedOverrides(
            concat(
                base.allowedOverrides(),
                List.of(
                    string("TaskInstanceType", t + "instanceType"),
                    string("TaskInstanceMarket", t + "market"),
                    integer("TaskInitialInstanceCount", t + "instanceCount"),
                    integer("TaskMinimumInstanceCount", t + "autoScalingPolicy.minCapacity"),
                    integer("TaskMaximumInstanceCount", t + "autoScalingPolicy.maxCapacity"))));
  }

  /**
   * {@link #instanceGroups} with EMR managed scaling between {@code minimumCapacity} and {@code
   * maximumCapacity} instances; release {@value #DEFAULT_RELEASE} unless set.
   *
   * @param o the options
   * @return the configuration
   */
  public static ClusterConfiguration instanceGroupsWithManagedScaling(PresetOptions o) {
    ClusterConfiguration base = groupsBase(o, DEFAULT_RELEASE).build();
    return base.withManagedScaling(
            ManagedScalingPolicy.builder()
                .unitType(ManagedScalingPolicy.UnitType.INSTANCES)
                .minimumCapacityUnits(o.minimumCapacity())
                .maximumCapacityUnits(o.maximumCapacity())
                .build())
        .withAllowedOverrides(
            concat(
                base.allowedOverrides(),
                List.of(
                    integer("MinimumInstances", "managedScaling.minimumCapacityUnits"),
                    integer("MaximumInstances", "managedScaling.maximumCapacityUnits"))));
  }

  /**
   * A master fleet and a core fleet of one instance type each (500 GiB st1 EBS), in the given
   * subnets.
   *
   * @param o the options
   * @return the configuration
   */
  public static ClusterConfiguration instanceFleets(PresetOptions o) {
    return fleetsBase(o, DEFAULT_RELEASE).build();
  }

  /**
   * {@link #instanceFleets} with EMR managed scaling between {@code minimumCapacity} and {@code
   * maximumCapacity} fleet units; release {@value #DEFAULT_RELEASE} unless set.
   *
   * @param o the options
   * @return the configuration
   */
  public static ClusterConfiguration instanceFleetsWithManagedScaling(PresetOptions o) {
    ClusterConfiguration base = fleetsBase(o, DEFAULT_RELEASE).build();
    return base.withManagedScaling(
            ManagedScalingPolicy.builder()
                .unitType(ManagedScalingPolicy.UnitType.INSTANCE_FLEET_UNITS)
                .minimumCapacityUnits(o.minimumCapacity())
                .maximumCapacityUnits(o.maximumCapacity())
                .build())
        .withAllowedOverrides(
            concat(
                base.allowedOverrides(),
                List.of(
                    integer("MinimumCapacity", "managedScaling.minimumCapacityUnits"),
                    integer("MaximumCapacity", "managedScaling.maximumCapacityUnits"))));
  }

  /** The 500 GiB st1 volume aws-emr-launch gives master and core instances. */
  static EbsConfiguration defaultEbs() {
    return EbsConfiguration.builder()
        .addVolumes(EbsVolume.of("st1", 500, 1))
        .ebsOptimized(true)
        .build();
  }

  private static ClusterConfiguration.Builder common(PresetOptions o, String release) {
    ClusterConfiguration.Builder b =
        ClusterConfiguration.builder()
            .namespace(o.namespace())
            .name(o.name())
            .description(o.description())
            .releaseLabel(o.releaseLabel().orElse(release))
            .applications(o.applications())
            .stepConcurrencyLevel(o.stepConcurrencyLevel())
            .addAllowedOverrides(
                string("ClusterName", "clusterName"),
                string("ReleaseLabel", "releaseLabel"),
                integer("StepConcurrencyLevel", "stepConcurrencyLevel"));
    if (o.useGlueCatalog()) {
      b.configurations(
          io.emrlaunch.core.model.internal.ConfigurationEdits.glueCatalog(List.of(), true));
    }
    return b;
  }

  private static ClusterConfiguration.Builder groupsBase(PresetOptions o, String release) {
    ClusterInstances.Builder instances =
        ClusterInstances.builder()
            .masterGroup(
                InstanceGroupConfig.builder()
                    .name("Master")
                    .instanceType(o.masterInstanceType())
                    .market(o.masterInstanceMarket())
                    .instanceCount(1)
                    .ebsConfiguration(defaultEbs())
                    .build())
            .coreGroup(
                InstanceGroupConfig.builder()
                    .name("Core")
                    .instanceType(o.coreInstanceType())
                    .market(o.coreInstanceMarket())
                    .instanceCount(o.coreInstanceCount())
                    .ebsConfiguration(defaultEbs())
                    .build());
    if (!o.subnetIds().isEmpty()) {
      instances.ec2SubnetId(o.subnetIds().get(0));
    }
    return common(o, release)
        .instances(instances.build())
        .addAllowedOverrides(
            string("MasterInstanceType", "instances.masterGroup.instanceType"),
            string("MasterInstanceMarket", "instances.masterGroup.market"),
            integer("CoreInstanceCount", "instances.coreGroup.instanceCount"),
            string("CoreInstanceType", "instances.coreGroup.instanceType"),
            string("CoreInstanceMarket", "instances.coreGroup.market"),
            string("Subnet", "instances.ec2SubnetId"));
  }

  private static ClusterConfiguration.Builder fleetsBase(PresetOptions o, String release) {
    boolean spotMaster = o.masterInstanceMarket() == Market.SPOT;
    InstanceFleetConfig master =
        InstanceFleetConfig.builder()
            .name("Master")
            .targetOnDemandCapacity(spotMaster ? 0 : 1)
            .targetSpotCapacity(spotMaster ? 1 : 0)
            .addInstanceTypeConfigs(
                InstanceTypeConfig.builder()
                    .instanceType(o.masterInstanceType())
                    .ebsConfiguration(defaultEbs())
                    .build())
            .build();
    InstanceFleetConfig core =
        InstanceFleetConfig.builder()
            .name("Core")
            .targetOnDemandCapacity(o.coreInstanceOnDemandCount())
            .targetSpotCapacity(o.coreInstanceSpotCount())
            .addInstanceTypeConfigs(
                InstanceTypeConfig.builder()
                    .instanceType(o.coreInstanceType())
                    .ebsConfiguration(defaultEbs())
                    .build())
            .build();
    return common(o, release)
        .instances(
            ClusterInstances.builder()
                .masterFleet(master)
                .coreFleet(core)
                .ec2SubnetIds(o.subnetIds())
                .build())
        .addAllowedOverrides(
            string(
                "MasterInstanceType", "instances.masterFleet.instanceTypeConfigs.0.instanceType"),
            string("CoreInstanceType", "instances.coreFleet.instanceTypeConfigs.0.instanceType"),
            integer("CoreInstanceOnDemandCount", "instances.coreFleet.targetOnDemandCapacity"),
            integer("CoreInstanceSpotCount", "instances.coreFleet.targetSpotCapacity"));
  }

  private static ScalingRule rule(
      String name,
      String metric,
      ComparisonOperator op,
      double threshold,
      String unit,
      int adjustment) {
    return ScalingRule.builder()
        .name(name)
        .adjustmentType(ScalingRule.AdjustmentType.CHANGE_IN_CAPACITY)
        .scalingAdjustment(adjustment)
        .coolDownSeconds(300)
        .metricName(metric)
        .metricNamespace("AWS/ElasticMapReduce")
        .comparisonOperator(op)
        .threshold(threshold)
        .unit(unit)
        .statistic(ScalingRule.Statistic.AVERAGE)
        .periodSeconds(300)
        .evaluationPeriods(3)
        .putDimensions("JobFlowId", "${emr.clusterId}")
        .build();
  }

  private static AllowedOverride string(String name, String path) {
    return AllowedOverride.builder().name(name).path(path).type(OverrideType.STRING).build();
  }

  private static AllowedOverride integer(String name, String path) {
    return AllowedOverride.builder().name(name).path(path).type(OverrideType.INTEGER).build();
  }

  private static List<AllowedOverride> concat(List<AllowedOverride> a, List<AllowedOverride> b) {
    List<AllowedOverride> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
