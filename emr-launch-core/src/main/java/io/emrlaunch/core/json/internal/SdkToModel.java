package io.emrlaunch.core.json.internal;

import io.emrlaunch.core.model.ApplicationConfiguration;
import io.emrlaunch.core.model.AutoScalingPolicy;
import io.emrlaunch.core.model.BootstrapAction;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EbsConfiguration;
import io.emrlaunch.core.model.EbsVolume;
import io.emrlaunch.core.model.FleetLaunchSpecification;
import io.emrlaunch.core.model.InstanceFleetConfig;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.core.model.InstanceTypeConfig;
import io.emrlaunch.core.model.ManagedScalingPolicy;
import io.emrlaunch.core.model.Market;
import io.emrlaunch.core.model.ScaleDownBehavior;
import io.emrlaunch.core.model.ScalingRule;
import io.emrlaunch.core.validation.Problems;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.emr.model.Configuration;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * The reverse of the request mapping: the resource half of an SDK {@code RunJobFlowRequest} (as
 * stored in aws-emr-launch configuration records) back into model values. Unknown enum values are
 * reported with their path, never thrown.
 */
public final class SdkToModel {
  private SdkToModel() {}

  /** Copies the resource fields of {@code r} into {@code b}. */
  public static void resources(RunJobFlowRequest r, ClusterConfiguration.Builder b, Problems p) {
    b.releaseLabel(r.releaseLabel() == null ? "" : r.releaseLabel());
    for (int i = 0; i < r.applications().size(); i++) {
      String app = r.applications().get(i).name();
      if (app == null) {
        p.at("Applications", i).add("Name", "is required");
      } else {
        b.addApplications(app);
      }
    }
    for (int i = 0; i < r.bootstrapActions().size(); i++) {
      var a = r.bootstrapActions().get(i);
      if (a.scriptBootstrapAction() == null) {
        p.at("BootstrapActions", i).add("ScriptBootstrapAction", "is required");
        continue;
      }
      b.addBootstrapActions(
          BootstrapAction.builder()
              .name(nz(a.name()))
              .path(nz(a.scriptBootstrapAction().path()))
              .args(a.scriptBootstrapAction().args())
              .build());
    }
    b.configurations(configurations(r.configurations()));
    b.stepConcurrencyLevel(Optional.ofNullable(r.stepConcurrencyLevel()));
    if (r.instances() != null) {
      b.instances(instances(r.instances(), p.at("Instances")));
    }
    if (r.managedScalingPolicy() != null && r.managedScalingPolicy().computeLimits() != null) {
      var l = r.managedScalingPolicy().computeLimits();
      Problems at = p.at("ManagedScalingPolicy").at("ComputeLimits");
      Optional<ManagedScalingPolicy.UnitType> unit =
          enumOf(
              l.unitTypeAsString(),
              ManagedScalingPolicy.UnitType.values(),
              u ->
                  switch (u) {
                    case INSTANCES -> "Instances";
                    case INSTANCE_FLEET_UNITS -> "InstanceFleetUnits";
                    case VCPU -> "VCPU";
                  },
              at,
              "UnitType");
      if (unit.isPresent()) {
        b.managedScaling(
            ManagedScalingPolicy.builder()
                .unitType(unit.get())
                .minimumCapacityUnits(orZero(l.minimumCapacityUnits()))
                .maximumCapacityUnits(orZero(l.maximumCapacityUnits()))
                .maximumOnDemandCapacityUnits(Optional.ofNullable(l.maximumOnDemandCapacityUnits()))
                .maximumCoreCapacityUnits(Optional.ofNullable(l.maximumCoreCapacityUnits()))
                .build());
      }
    }
    if (r.autoTerminationPolicy() != null) {
      b.autoTerminationIdleTimeoutSeconds(
          Optional.ofNullable(r.autoTerminationPolicy().idleTimeout()));
    }
    b.customAmiId(Optional.ofNullable(r.customAmiId()));
    b.ebsRootVolumeSize(Optional.ofNullable(r.ebsRootVolumeSize()));
    b.ebsRootVolumeIops(Optional.ofNullable(r.ebsRootVolumeIops()));
    b.ebsRootVolumeThroughput(Optional.ofNullable(r.ebsRootVolumeThroughput()));
    b.osReleaseLabel(Optional.ofNullable(r.osReleaseLabel()));
    b.logEncryptionKmsKeyId(Optional.ofNullable(r.logEncryptionKmsKeyId()));
    if (r.scaleDownBehaviorAsString() != null) {
      b.scaleDownBehavior(
          enumOf(
              r.scaleDownBehaviorAsString(),
              ScaleDownBehavior.values(),
              Enum::name,
              p,
              "ScaleDownBehavior"));
    }
    if (r.visibleToAllUsers() != null) {
      b.visibleToAllUsers(r.visibleToAllUsers());
    }
    r.tags().forEach(t -> b.putTags(nz(t.key()), nz(t.value())));
  }

  /** Application configurations, recursively. */
  public static List<ApplicationConfiguration> configurations(List<Configuration> configs) {
    return configs.stream()
        .map(
            c ->
                (ApplicationConfiguration)
                    ApplicationConfiguration.builder()
                        .classification(nz(c.classification()))
                        .putAllProperties(c.properties())
                        .configurations(configurations(c.configurations()))
                        .build())
        .toList();
  }

  private static ClusterInstances instances(JobFlowInstancesConfig i, Problems p) {
    ClusterInstances.Builder b = ClusterInstances.builder();
    int tasks = 0;
    for (int k = 0; k < i.instanceGroups().size(); k++) {
      var g = i.instanceGroups().get(k);
      Problems at = p.at("InstanceGroups", k);
      InstanceGroupConfig group = group(g, at);
      switch (String.valueOf(g.instanceRoleAsString())) {
        case "MASTER" -> b.masterGroup(group);
        case "CORE" -> b.coreGroup(group);
        case "TASK" -> b.addTaskGroups(group);
        default ->
            at.add(
                "InstanceRole",
                "must be MASTER, CORE or TASK (was " + g.instanceRoleAsString() + ")");
      }
    }
    for (int k = 0; k < i.instanceFleets().size(); k++) {
      var f = i.instanceFleets().get(k);
      Problems at = p.at("InstanceFleets", k);
      InstanceFleetConfig fleet = fleet(f, at);
      switch (String.valueOf(f.instanceFleetTypeAsString())) {
        case "MASTER" -> b.masterFleet(fleet);
        case "CORE" -> b.coreFleet(fleet);
        case "TASK" -> b.addTaskFleets(fleet);
        default ->
            at.add(
                "InstanceFleetType",
                "must be MASTER, CORE or TASK (was " + f.instanceFleetTypeAsString() + ")");
      }
    }
    b.ec2SubnetId(Optional.ofNullable(i.ec2SubnetId()));
    b.ec2SubnetIds(i.ec2SubnetIds());
    b.ec2KeyName(Optional.ofNullable(i.ec2KeyName()));
    if (i.placement() != null) {
      b.availabilityZone(Optional.ofNullable(i.placement().availabilityZone()));
      b.availabilityZones(i.placement().availabilityZones());
    }
    b.additionalMasterSecurityGroups(i.additionalMasterSecurityGroups());
    b.additionalSlaveSecurityGroups(i.additionalSlaveSecurityGroups());
    if (i.keepJobFlowAliveWhenNoSteps() != null) {
      b.keepJobFlowAliveWhenNoSteps(i.keepJobFlowAliveWhenNoSteps());
    }
    if (i.terminationProtected() != null) {
      b.terminationProtected(i.terminationProtected());
    }
    b.unhealthyNodeReplacement(Optional.ofNullable(i.unhealthyNodeReplacement()));
    return b.build();
  }

  private static InstanceGroupConfig group(
      software.amazon.awssdk.services.emr.model.InstanceGroupConfig g, Problems p) {
    var b =
        InstanceGroupConfig.builder()
            .name(Optional.ofNullable(g.name()))
            .instanceType(nz(g.instanceType()))
            .instanceCount(orZero(g.instanceCount()))
            .bidPrice(Optional.ofNullable(g.bidPrice()))
            .customAmiId(Optional.ofNullable(g.customAmiId()))
            .configurations(configurations(g.configurations()));
    if (g.marketAsString() != null) {
      enumOf(g.marketAsString(), Market.values(), Enum::name, p, "Market").ifPresent(b::market);
    }
    if (g.ebsConfiguration() != null) {
      b.ebsConfiguration(ebs(g.ebsConfiguration()));
    }
    if (g.autoScalingPolicy() != null) {
      var a = g.autoScalingPolicy();
      Problems at = p.at("AutoScalingPolicy");
      var asp =
          AutoScalingPolicy.builder()
              .minCapacity(a.constraints() == null ? 0 : orZero(a.constraints().minCapacity()))
              .maxCapacity(a.constraints() == null ? 0 : orZero(a.constraints().maxCapacity()));
      for (int k = 0; k < a.rules().size(); k++) {
        rule(a.rules().get(k), at.at("Rules", k)).ifPresent(asp::addRules);
      }
      b.autoScalingPolicy(asp.build());
    }
    return b.build();
  }

  private static Optional<ScalingRule> rule(
      software.amazon.awssdk.services.emr.model.ScalingRule r, Problems p) {
    if (r.action() == null
        || r.action().simpleScalingPolicyConfiguration() == null
        || r.trigger() == null
        || r.trigger().cloudWatchAlarmDefinition() == null) {
      p.add("needs Action.SimpleScalingPolicyConfiguration and Trigger.CloudWatchAlarmDefinition");
      return Optional.empty();
    }
    var s = r.action().simpleScalingPolicyConfiguration();
    var alarm = r.trigger().cloudWatchAlarmDefinition();
    var b =
        ScalingRule.builder()
            .name(nz(r.name()))
            .description(Optional.ofNullable(r.description()))
            .scalingAdjustment(orZero(s.scalingAdjustment()))
            .metricName(nz(alarm.metricName()))
            .threshold(alarm.threshold() == null ? 0 : alarm.threshold())
            .unit(Optional.ofNullable(alarm.unitAsString()));
    if (r.action().marketAsString() != null) {
      b.market(
          enumOf(r.action().marketAsString(), Market.values(), Enum::name, p, "Action.Market"));
    }
    if (s.adjustmentTypeAsString() != null) {
      enumOf(
              s.adjustmentTypeAsString(),
              ScalingRule.AdjustmentType.values(),
              Enum::name,
              p,
              "AdjustmentType")
          .ifPresent(b::adjustmentType);
    }
    if (s.coolDown() != null) {
      b.coolDownSeconds(s.coolDown());
    }
    if (alarm.namespace() != null) {
      b.metricNamespace(alarm.namespace());
    }
    enumOf(
            alarm.comparisonOperatorAsString(),
            ScalingRule.ComparisonOperator.values(),
            Enum::name,
            p,
            "ComparisonOperator")
        .ifPresent(b::comparisonOperator);
    if (alarm.statisticAsString() != null) {
      enumOf(alarm.statisticAsString(), ScalingRule.Statistic.values(), Enum::name, p, "Statistic")
          .ifPresent(b::statistic);
    }
    if (alarm.period() != null) {
      b.periodSeconds(alarm.period());
    }
    if (alarm.evaluationPeriods() != null) {
      b.evaluationPeriods(alarm.evaluationPeriods());
    }
    alarm.dimensions().forEach(d -> b.putDimensions(nz(d.key()), nz(d.value())));
    if (alarm.comparisonOperatorAsString() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(b.build());
    } catch (io.emrlaunch.core.validation.ValidationException e) {
      p.addAll(e.problems());
      return Optional.empty();
    }
  }

  private static InstanceFleetConfig fleet(
      software.amazon.awssdk.services.emr.model.InstanceFleetConfig f, Problems p) {
    var b =
        InstanceFleetConfig.builder()
            .name(Optional.ofNullable(f.name()))
            .targetOnDemandCapacity(orZero(f.targetOnDemandCapacity()))
            .targetSpotCapacity(orZero(f.targetSpotCapacity()));
    for (var t : f.instanceTypeConfigs()) {
      var tb =
          InstanceTypeConfig.builder()
              .instanceType(nz(t.instanceType()))
              .weightedCapacity(Optional.ofNullable(t.weightedCapacity()))
              .bidPrice(Optional.ofNullable(t.bidPrice()))
              .bidPriceAsPercentageOfOnDemandPrice(
                  Optional.ofNullable(t.bidPriceAsPercentageOfOnDemandPrice()))
              .priority(Optional.ofNullable(t.priority()))
              .customAmiId(Optional.ofNullable(t.customAmiId()))
              .configurations(configurations(t.configurations()));
      if (t.ebsConfiguration() != null) {
        tb.ebsConfiguration(ebs(t.ebsConfiguration()));
      }
      b.addInstanceTypeConfigs(tb.build());
    }
    var spec = f.launchSpecifications();
    if (spec != null) {
      var sb = FleetLaunchSpecification.builder();
      if (spec.onDemandSpecification() != null) {
        sb.onDemandAllocationStrategy(
            Optional.ofNullable(spec.onDemandSpecification().allocationStrategyAsString()));
      }
      if (spec.spotSpecification() != null) {
        var s = spec.spotSpecification();
        sb.spotAllocationStrategy(Optional.ofNullable(s.allocationStrategyAsString()))
            .spotTimeoutMinutes(Optional.ofNullable(s.timeoutDurationMinutes()));
        if (s.timeoutActionAsString() != null) {
          sb.spotTimeoutAction(
              enumOf(
                  s.timeoutActionAsString(),
                  FleetLaunchSpecification.SpotTimeoutAction.values(),
                  Enum::name,
                  p.at("LaunchSpecifications").at("SpotSpecification"),
                  "TimeoutAction"));
        }
      }
      b.launchSpecification(sb.build());
    }
    return b.build();
  }

  private static EbsConfiguration ebs(
      software.amazon.awssdk.services.emr.model.EbsConfiguration e) {
    var b = EbsConfiguration.builder().ebsOptimized(Optional.ofNullable(e.ebsOptimized()));
    for (var d : e.ebsBlockDeviceConfigs()) {
      var v = d.volumeSpecification();
      if (v == null) {
        continue;
      }
      b.addVolumes(
          EbsVolume.builder()
              .volumeType(nz(v.volumeType()))
              .sizeInGb(orZero(v.sizeInGB()))
              .iops(Optional.ofNullable(v.iops()))
              .throughput(Optional.ofNullable(v.throughput()))
              .volumesPerInstance(d.volumesPerInstance() == null ? 1 : d.volumesPerInstance())
              .build());
    }
    return b.build();
  }

  private static <E> Optional<E> enumOf(
      String text, E[] values, Function<E, String> name, Problems p, String field) {
    if (text == null) {
      p.add(field, "is required");
      return Optional.empty();
    }
    for (E e : values) {
      if (name.apply(e).equalsIgnoreCase(text)
          || name.apply(e)
              .replace("_", "")
              .equalsIgnoreCase(text.replace("-", "").replace("_", ""))) {
        return Optional.of(e);
      }
    }
    p.add(
        field,
        "must be one of "
            + java.util.Arrays.stream(values).map(name).toList()
            + " (was \""
            + text
            + "\")");
    return Optional.empty();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
