package io.emrlaunch.core.launch.internal;

import io.emrlaunch.core.model.ApplicationConfiguration;
import io.emrlaunch.core.model.ApplicationOptions;
import io.emrlaunch.core.model.AutoScalingPolicy;
import io.emrlaunch.core.model.BootstrapAction;
import io.emrlaunch.core.model.CapacityReservationOptions;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EbsConfiguration;
import io.emrlaunch.core.model.EbsVolume;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.FleetLaunchSpecification;
import io.emrlaunch.core.model.FleetResizeSpecification;
import io.emrlaunch.core.model.InstanceFleetConfig;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.core.model.InstanceTypeConfig;
import io.emrlaunch.core.model.ManagedScalingPolicy;
import io.emrlaunch.core.model.MonitoringConfiguration;
import io.emrlaunch.core.model.PlacementGroupConfig;
import io.emrlaunch.core.model.ScalingRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.AutoScalingPolicy.Builder;
import software.amazon.awssdk.services.emr.model.AutoTerminationPolicy;
import software.amazon.awssdk.services.emr.model.BootstrapActionConfig;
import software.amazon.awssdk.services.emr.model.CloudWatchAlarmDefinition;
import software.amazon.awssdk.services.emr.model.ComputeLimits;
import software.amazon.awssdk.services.emr.model.Configuration;
import software.amazon.awssdk.services.emr.model.EbsBlockDeviceConfig;
import software.amazon.awssdk.services.emr.model.HadoopJarStepConfig;
import software.amazon.awssdk.services.emr.model.InstanceFleetProvisioningSpecifications;
import software.amazon.awssdk.services.emr.model.InstanceFleetResizingSpecifications;
import software.amazon.awssdk.services.emr.model.InstanceFleetType;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.KeyValue;
import software.amazon.awssdk.services.emr.model.MetricDimension;
import software.amazon.awssdk.services.emr.model.OnDemandCapacityReservationOptions;
import software.amazon.awssdk.services.emr.model.OnDemandProvisioningSpecification;
import software.amazon.awssdk.services.emr.model.OnDemandResizingSpecification;
import software.amazon.awssdk.services.emr.model.PlacementType;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.ScalingAction;
import software.amazon.awssdk.services.emr.model.ScalingConstraints;
import software.amazon.awssdk.services.emr.model.ScalingTrigger;
import software.amazon.awssdk.services.emr.model.SimpleScalingPolicyConfiguration;
import software.amazon.awssdk.services.emr.model.SpotProvisioningSpecification;
import software.amazon.awssdk.services.emr.model.SpotResizingSpecification;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.Tag;
import software.amazon.awssdk.services.emr.model.VolumeSpecification;

/** Converts model values to their AWS SDK counterparts, one small function per type. */
public final class SdkModel {
  private SdkModel() {}

  /**
   * The resource half of a request: everything a configuration defines (no name, roles, security
   * groups, log location or steps).
   */
  public static RunJobFlowRequest.Builder resources(ClusterConfiguration c) {
    RunJobFlowRequest.Builder b =
        RunJobFlowRequest.builder()
            .releaseLabel(c.releaseLabel())
            .applications(
                c.applications().stream()
                    .map(a -> application(a, c.applicationOptions().get(a)))
                    .toList())
            .bootstrapActions(c.bootstrapActions().stream().map(SdkModel::bootstrapAction).toList())
            .configurations(configurations(c.configurations()))
            .visibleToAllUsers(c.visibleToAllUsers())
            .instances(instances(c.instances()).build());
    c.stepConcurrencyLevel().ifPresent(b::stepConcurrencyLevel);
    c.managedScaling().map(SdkModel::managedScaling).ifPresent(b::managedScalingPolicy);
    c.autoTerminationIdleTimeoutSeconds()
        .ifPresent(
            t -> b.autoTerminationPolicy(AutoTerminationPolicy.builder().idleTimeout(t).build()));
    c.customAmiId().ifPresent(b::customAmiId);
    c.ebsRootVolumeSize().ifPresent(b::ebsRootVolumeSize);
    c.ebsRootVolumeIops().ifPresent(b::ebsRootVolumeIops);
    c.ebsRootVolumeThroughput().ifPresent(b::ebsRootVolumeThroughput);
    c.osReleaseLabel().ifPresent(b::osReleaseLabel);
    c.logEncryptionKmsKeyId().ifPresent(b::logEncryptionKmsKeyId);
    c.scaleDownBehavior().map(Enum::name).ifPresent(b::scaleDownBehavior);
    c.additionalInfo().ifPresent(b::additionalInfo);
    c.repoUpgradeOnBoot().map(Enum::name).ifPresent(b::repoUpgradeOnBoot);
    if (!c.placementGroupConfigs().isEmpty()) {
      b.placementGroupConfigs(
          c.placementGroupConfigs().stream().map(SdkModel::placementGroup).toList());
    }
    c.extendedSupport().ifPresent(b::extendedSupport);
    c.monitoring().map(SdkModel::monitoring).ifPresent(b::monitoringConfiguration);
    c.sessionEnabled().ifPresent(b::sessionEnabled);
    if (!c.tags().isEmpty()) {
      b.tags(tags(c.tags()));
    }
    return b;
  }

  /** The instances of a configuration (without the profile's security groups). */
  public static JobFlowInstancesConfig.Builder instances(ClusterInstances inst) {
    JobFlowInstancesConfig.Builder b =
        JobFlowInstancesConfig.builder()
            .keepJobFlowAliveWhenNoSteps(inst.keepJobFlowAliveWhenNoSteps())
            .terminationProtected(inst.terminationProtected());
    if (inst.usesInstanceGroups()) {
      List<software.amazon.awssdk.services.emr.model.InstanceGroupConfig> groups =
          new ArrayList<>();
      inst.masterGroup().ifPresent(g -> groups.add(instanceGroup(g, InstanceRoleType.MASTER)));
      inst.coreGroup().ifPresent(g -> groups.add(instanceGroup(g, InstanceRoleType.CORE)));
      inst.taskGroups().forEach(g -> groups.add(instanceGroup(g, InstanceRoleType.TASK)));
      b.instanceGroups(groups);
    }
    if (inst.usesInstanceFleets()) {
      List<software.amazon.awssdk.services.emr.model.InstanceFleetConfig> fleets =
          new ArrayList<>();
      inst.masterFleet().ifPresent(f -> fleets.add(instanceFleet(f, InstanceFleetType.MASTER)));
      inst.coreFleet().ifPresent(f -> fleets.add(instanceFleet(f, InstanceFleetType.CORE)));
      inst.taskFleets().forEach(f -> fleets.add(instanceFleet(f, InstanceFleetType.TASK)));
      b.instanceFleets(fleets);
    }
    inst.ec2SubnetId().ifPresent(b::ec2SubnetId);
    if (!inst.ec2SubnetIds().isEmpty()) {
      b.ec2SubnetIds(inst.ec2SubnetIds());
    }
    inst.ec2KeyName().ifPresent(b::ec2KeyName);
    if (inst.availabilityZone().isPresent() || !inst.availabilityZones().isEmpty()) {
      PlacementType.Builder p = PlacementType.builder();
      inst.availabilityZone().ifPresent(p::availabilityZone);
      if (!inst.availabilityZones().isEmpty()) {
        p.availabilityZones(inst.availabilityZones());
      }
      b.placement(p.build());
    }
    if (!inst.additionalMasterSecurityGroups().isEmpty()) {
      b.additionalMasterSecurityGroups(inst.additionalMasterSecurityGroups());
    }
    if (!inst.additionalSlaveSecurityGroups().isEmpty()) {
      b.additionalSlaveSecurityGroups(inst.additionalSlaveSecurityGroups());
    }
    inst.unhealthyNodeReplacement().ifPresent(b::unhealthyNodeReplacement);
    return b;
  }

  /** A bootstrap action. */
  public static BootstrapActionConfig bootstrapAction(BootstrapAction a) {
    return BootstrapActionConfig.builder()
        .name(a.name())
        .scriptBootstrapAction(s -> s.path(a.path()).args(a.args()))
        .build();
  }

  /** Application configurations, recursively. */
  public static List<Configuration> configurations(List<ApplicationConfiguration> configs) {
    return configs.stream().map(SdkModel::configuration).toList();
  }

  private static Configuration configuration(ApplicationConfiguration c) {
    Configuration.Builder b = Configuration.builder().classification(c.classification());
    if (!c.properties().isEmpty()) {
      b.properties(c.properties());
    }
    if (!c.configurations().isEmpty()) {
      b.configurations(configurations(c.configurations()));
    }
    return b.build();
  }

  /** An instance group with its role. */
  public static software.amazon.awssdk.services.emr.model.InstanceGroupConfig instanceGroup(
      InstanceGroupConfig g, InstanceRoleType role) {
    var b =
        software.amazon.awssdk.services.emr.model.InstanceGroupConfig.builder()
            .name(g.name().orElse(null))
            .instanceRole(role)
            .instanceType(g.instanceType())
            .instanceCount(g.instanceCount())
            .market(g.market().name())
            .bidPrice(g.bidPrice().orElse(null))
            .customAmiId(g.customAmiId().orElse(null));
    g.ebsConfiguration().ifPresent(e -> b.ebsConfiguration(ebs(e)));
    g.autoScalingPolicy().ifPresent(p -> b.autoScalingPolicy(autoScaling(p)));
    if (!g.configurations().isEmpty()) {
      b.configurations(configurations(g.configurations()));
    }
    return b.build();
  }

  /** An instance fleet with its type. */
  public static software.amazon.awssdk.services.emr.model.InstanceFleetConfig instanceFleet(
      InstanceFleetConfig f, InstanceFleetType type) {
    var b =
        software.amazon.awssdk.services.emr.model.InstanceFleetConfig.builder()
            .name(f.name().orElse(null))
            .instanceFleetType(type)
            .targetOnDemandCapacity(f.targetOnDemandCapacity())
            .targetSpotCapacity(f.targetSpotCapacity())
            .instanceTypeConfigs(
                f.instanceTypeConfigs().stream().map(SdkModel::typeConfig).toList());
    f.launchSpecification().ifPresent(s -> b.launchSpecifications(launchSpecification(s)));
    f.resizeSpecification().ifPresent(s -> b.resizeSpecifications(resizeSpecification(s)));
    f.context().ifPresent(b::context);
    return b.build();
  }

  private static software.amazon.awssdk.services.emr.model.InstanceTypeConfig typeConfig(
      InstanceTypeConfig t) {
    var b =
        software.amazon.awssdk.services.emr.model.InstanceTypeConfig.builder()
            .instanceType(t.instanceType())
            .weightedCapacity(t.weightedCapacity().orElse(null))
            .bidPrice(t.bidPrice().orElse(null))
            .bidPriceAsPercentageOfOnDemandPrice(
                t.bidPriceAsPercentageOfOnDemandPrice().orElse(null))
            .priority(t.priority().orElse(null))
            .customAmiId(t.customAmiId().orElse(null));
    t.ebsConfiguration().ifPresent(e -> b.ebsConfiguration(ebs(e)));
    if (!t.configurations().isEmpty()) {
      b.configurations(configurations(t.configurations()));
    }
    return b.build();
  }

  private static InstanceFleetProvisioningSpecifications launchSpecification(
      FleetLaunchSpecification s) {
    var b = InstanceFleetProvisioningSpecifications.builder();
    if (s.onDemandAllocationStrategy().isPresent() || s.onDemandCapacityReservation().isPresent()) {
      b.onDemandSpecification(
          OnDemandProvisioningSpecification.builder()
              .allocationStrategy(s.onDemandAllocationStrategy().orElse(null))
              .capacityReservationOptions(
                  s.onDemandCapacityReservation().map(SdkModel::capacityReservation).orElse(null))
              .build());
    }
    if (s.spotAllocationStrategy().isPresent()
        || s.spotTimeoutMinutes().isPresent()
        || s.spotTimeoutAction().isPresent()) {
      b.spotSpecification(
          SpotProvisioningSpecification.builder()
              .allocationStrategy(s.spotAllocationStrategy().orElse(null))
              .timeoutDurationMinutes(s.spotTimeoutMinutes().orElse(null))
              .timeoutAction(s.spotTimeoutAction().map(Enum::name).orElse(null))
              .build());
    }
    return b.build();
  }

  private static software.amazon.awssdk.services.emr.model.EbsConfiguration ebs(
      EbsConfiguration e) {
    return software.amazon.awssdk.services.emr.model.EbsConfiguration.builder()
        .ebsOptimized(e.ebsOptimized().orElse(null))
        .ebsBlockDeviceConfigs(e.volumes().stream().map(SdkModel::volume).toList())
        .build();
  }

  private static EbsBlockDeviceConfig volume(EbsVolume v) {
    return EbsBlockDeviceConfig.builder()
        .volumeSpecification(
            VolumeSpecification.builder()
                .volumeType(v.volumeType())
                .sizeInGB(v.sizeInGb())
                .iops(v.iops().orElse(null))
                .throughput(v.throughput().orElse(null))
                .build())
        .volumesPerInstance(v.volumesPerInstance())
        .build();
  }

  private static software.amazon.awssdk.services.emr.model.AutoScalingPolicy autoScaling(
      AutoScalingPolicy p) {
    Builder b =
        software.amazon.awssdk.services.emr.model.AutoScalingPolicy.builder()
            .constraints(
                ScalingConstraints.builder()
                    .minCapacity(p.minCapacity())
                    .maxCapacity(p.maxCapacity())
                    .build());
    return b.rules(p.rules().stream().map(SdkModel::rule).toList()).build();
  }

  private static software.amazon.awssdk.services.emr.model.ScalingRule rule(ScalingRule r) {
    return software.amazon.awssdk.services.emr.model.ScalingRule.builder()
        .name(r.name())
        .description(r.description().orElse(null))
        .action(
            ScalingAction.builder()
                .market(r.market().map(Enum::name).orElse(null))
                .simpleScalingPolicyConfiguration(
                    SimpleScalingPolicyConfiguration.builder()
                        .adjustmentType(r.adjustmentType().name())
                        .scalingAdjustment(r.scalingAdjustment())
                        .coolDown(r.coolDownSeconds())
                        .build())
                .build())
        .trigger(
            ScalingTrigger.builder()
                .cloudWatchAlarmDefinition(
                    CloudWatchAlarmDefinition.builder()
                        .comparisonOperator(r.comparisonOperator().name())
                        .evaluationPeriods(r.evaluationPeriods())
                        .metricName(r.metricName())
                        .namespace(r.metricNamespace())
                        .period(r.periodSeconds())
                        .statistic(r.statistic().name())
                        .threshold(r.threshold())
                        .unit(r.unit().orElse(null))
                        .dimensions(
                            r.dimensions().entrySet().stream()
                                .map(
                                    e ->
                                        MetricDimension.builder()
                                            .key(e.getKey())
                                            .value(e.getValue())
                                            .build())
                                .toList())
                        .build())
                .build())
        .build();
  }

  /** Managed scaling compute limits. */
  public static software.amazon.awssdk.services.emr.model.ManagedScalingPolicy managedScaling(
      ManagedScalingPolicy p) {
    String unit =
        switch (p.unitType()) {
          case INSTANCES -> "Instances";
          case INSTANCE_FLEET_UNITS -> "InstanceFleetUnits";
          case VCPU -> "VCPU";
        };
    return software.amazon.awssdk.services.emr.model.ManagedScalingPolicy.builder()
        .computeLimits(
            ComputeLimits.builder()
                .unitType(unit)
                .minimumCapacityUnits(p.minimumCapacityUnits())
                .maximumCapacityUnits(p.maximumCapacityUnits())
                .maximumOnDemandCapacityUnits(p.maximumOnDemandCapacityUnits().orElse(null))
                .maximumCoreCapacityUnits(p.maximumCoreCapacityUnits().orElse(null))
                .build())
        .scalingStrategy(p.scalingStrategy().map(Enum::name).orElse(null))
        .utilizationPerformanceIndex(p.utilizationPerformanceIndex().orElse(null))
        .build();
  }

  /** A step. */
  public static StepConfig step(EmrStep s) {
    HadoopJarStepConfig.Builder jar =
        HadoopJarStepConfig.builder()
            .jar(s.jar())
            .mainClass(s.mainClass().orElse(null))
            .args(s.args());
    if (!s.properties().isEmpty()) {
      jar.properties(
          s.properties().entrySet().stream()
              .map(e -> KeyValue.builder().key(e.getKey()).value(e.getValue()).build())
              .toList());
    }
    StepConfig.Builder step =
        StepConfig.builder()
            .name(s.name())
            .actionOnFailure(s.actionOnFailure().name())
            .hadoopJarStep(jar.build());
    if (s.logUri().isPresent() || s.logEncryptionKeyArn().isPresent()) {
      step.stepMonitoringConfiguration(
          m ->
              m.s3MonitoringConfiguration(
                  s3 ->
                      s3.logUri(s.logUri().orElse(null))
                          .encryptionKeyArn(s.logEncryptionKeyArn().orElse(null))));
    }
    return step.build();
  }

  /** One {@code Applications} entry: the name and its options, if any. */
  private static Application application(String name, ApplicationOptions options) {
    Application.Builder b = Application.builder().name(name);
    if (options != null) {
      b.version(options.version().orElse(null));
      if (!options.args().isEmpty()) {
        b.args(options.args());
      }
      if (!options.additionalInfo().isEmpty()) {
        b.additionalInfo(options.additionalInfo());
      }
    }
    return b.build();
  }

  private static software.amazon.awssdk.services.emr.model.PlacementGroupConfig placementGroup(
      PlacementGroupConfig p) {
    return software.amazon.awssdk.services.emr.model.PlacementGroupConfig.builder()
        .instanceRole(p.instanceRole().name())
        .placementStrategy(p.placementStrategy().map(Enum::name).orElse(null))
        .build();
  }

  /** The wire value of a log type of {@code S3LoggingConfiguration}. */
  public static String wire(MonitoringConfiguration.LogType t) {
    return switch (t) {
      case SYSTEM_LOGS -> "system-logs";
      case APPLICATION_LOGS -> "application-logs";
      case PERSISTENT_UI_LOGS -> "persistent-ui-logs";
    };
  }

  /** The wire value of an S3 log upload policy. */
  public static String wire(MonitoringConfiguration.UploadPolicy p) {
    return switch (p) {
      case EMR_MANAGED -> "emr-managed";
      case ON_CUSTOMER_S3_ONLY -> "on-customer-s3only";
      case DISABLED -> "disabled";
    };
  }

  /** The wire value of a capacity reservation usage strategy. */
  public static String wire(CapacityReservationOptions.UsageStrategy u) {
    return switch (u) {
      case USE_CAPACITY_RESERVATIONS_FIRST -> "use-capacity-reservations-first";
    };
  }

  /** The wire value of a capacity reservation preference. */
  public static String wire(CapacityReservationOptions.Preference p) {
    return switch (p) {
      case OPEN -> "open";
      case NONE -> "none";
    };
  }

  private static software.amazon.awssdk.services.emr.model.MonitoringConfiguration monitoring(
      MonitoringConfiguration m) {
    var b = software.amazon.awssdk.services.emr.model.MonitoringConfiguration.builder();
    m.cloudWatchLogs()
        .ifPresent(
            cw -> {
              var c =
                  software.amazon.awssdk.services.emr.model.CloudWatchLogConfiguration.builder()
                      .enabled(cw.enabled())
                      .logGroupName(cw.logGroupName().orElse(null))
                      .logStreamNamePrefix(cw.logStreamNamePrefix().orElse(null))
                      .encryptionKeyArn(cw.encryptionKeyArn().orElse(null));
              if (!cw.logTypes().isEmpty()) {
                c.logTypes(cw.logTypes());
              }
              b.cloudWatchLogConfiguration(c.build());
            });
    if (!m.s3LogUploadPolicy().isEmpty()) {
      Map<String, String> policy = new java.util.LinkedHashMap<>();
      m.s3LogUploadPolicy().forEach((k, v) -> policy.put(wire(k), wire(v)));
      b.s3LoggingConfiguration(s -> s.logTypeUploadPolicyWithStrings(policy));
    }
    return b.build();
  }

  private static OnDemandCapacityReservationOptions capacityReservation(
      CapacityReservationOptions o) {
    return OnDemandCapacityReservationOptions.builder()
        .usageStrategy(o.usageStrategy().map(SdkModel::wire).orElse(null))
        .capacityReservationPreference(o.preference().map(SdkModel::wire).orElse(null))
        .capacityReservationResourceGroupArn(o.resourceGroupArn().orElse(null))
        .build();
  }

  private static InstanceFleetResizingSpecifications resizeSpecification(
      FleetResizeSpecification s) {
    var b = InstanceFleetResizingSpecifications.builder();
    if (s.spotTimeoutMinutes().isPresent() || s.spotAllocationStrategy().isPresent()) {
      b.spotResizeSpecification(
          SpotResizingSpecification.builder()
              .timeoutDurationMinutes(s.spotTimeoutMinutes().orElse(null))
              .allocationStrategy(s.spotAllocationStrategy().orElse(null))
              .build());
    }
    if (s.onDemandTimeoutMinutes().isPresent()
        || s.onDemandAllocationStrategy().isPresent()
        || s.onDemandCapacityReservation().isPresent()) {
      b.onDemandResizeSpecification(
          OnDemandResizingSpecification.builder()
              .timeoutDurationMinutes(s.onDemandTimeoutMinutes().orElse(null))
              .allocationStrategy(s.onDemandAllocationStrategy().orElse(null))
              .capacityReservationOptions(
                  s.onDemandCapacityReservation().map(SdkModel::capacityReservation).orElse(null))
              .build());
    }
    return b.build();
  }

  /** Tags, in map order. */
  public static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }
}
