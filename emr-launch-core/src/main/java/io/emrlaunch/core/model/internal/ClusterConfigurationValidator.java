package io.emrlaunch.core.model.internal;

import io.emrlaunch.core.model.ApplicationConfiguration;
import io.emrlaunch.core.model.AutoScalingPolicy;
import io.emrlaunch.core.model.BootstrapAction;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EbsConfiguration;
import io.emrlaunch.core.model.InstanceFleetConfig;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.core.model.InstanceTypeConfig;
import io.emrlaunch.core.model.ManagedScalingPolicy;
import io.emrlaunch.core.model.Market;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.model.ScalingRule;
import io.emrlaunch.core.validation.Problems;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validation rules of {@link ClusterConfiguration}, with the ranges EMR documents. */
public final class ClusterConfigurationValidator {
  private static final Pattern SECRET_ARN =
      Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+");
  private static final Pattern CLUSTER_NAME = Pattern.compile("[^\\p{Cntrl}]{1,256}");

  private ClusterConfigurationValidator() {}

  /** Reports every problem of {@code config} into {@code p}. */
  public static void validate(ClusterConfiguration config, Problems p) {
    p.ssmSafeName("namespace", config.namespace(), RecordRef.MAX_SEGMENT_LENGTH);
    p.ssmSafeName("name", config.name(), RecordRef.MAX_SEGMENT_LENGTH);
    config
        .clusterName()
        .ifPresent(
            n ->
                p.matches(
                    "clusterName", n, CLUSTER_NAME, "1 to 256 characters without control codes"));
    Optional<ReleaseLabel> release = ReleaseLabel.parse(config.releaseLabel());
    if (release.isEmpty()) {
      p.matches(
          "releaseLabel",
          config.releaseLabel(),
          ReleaseLabel.PATTERN,
          "an EMR release label like emr-7.5.0");
    }
    for (int i = 0; i < config.applications().size(); i++) {
      p.required("applications[" + i + "]", config.applications().get(i));
    }
    for (int i = 0; i < config.bootstrapActions().size(); i++) {
      BootstrapAction a = config.bootstrapActions().get(i);
      Problems at = p.at("bootstrapActions", i);
      at.required("name", a.name());
      at.required("path", a.path());
    }
    configurations(config.configurations(), p, "configurations");
    config
        .stepConcurrencyLevel()
        .ifPresent(
            level -> {
              p.range("stepConcurrencyLevel", level, 1, 256);
              if (level > 1 && release.isPresent() && !release.get().atLeast(5, 28, 0)) {
                p.add("stepConcurrencyLevel", "needs emr-5.28.0 or later (was " + level + ")");
              }
            });
    config
        .autoTerminationIdleTimeoutSeconds()
        .ifPresent(t -> p.range("autoTerminationIdleTimeoutSeconds", t, 60, 604_800));
    config.ebsRootVolumeSize().ifPresent(s -> p.range("ebsRootVolumeSize", s, 15, 100));
    config.ebsRootVolumeIops().ifPresent(s -> p.range("ebsRootVolumeIops", s, 3000, 16_000));
    config
        .ebsRootVolumeThroughput()
        .ifPresent(s -> p.range("ebsRootVolumeThroughput", s, 125, 1000));
    validateInstances(config.instances(), p.at("instances"));
    config
        .managedScaling()
        .ifPresent(m -> managedScaling(m, config.instances(), p.at("managedScaling")));
    for (Map.Entry<String, String> tag : config.tags().entrySet()) {
      tag(tag, p);
    }
    for (Map.Entry<String, String> s : config.secretConfigurations().entrySet()) {
      p.required("secretConfigurations", s.getKey());
      p.matches(
          "secretConfigurations." + s.getKey(),
          s.getValue(),
          SECRET_ARN,
          "a Secrets Manager secret ARN");
    }
    OverrideRules.validateAllowList(config.allowedOverrides(), p);
    RunJobFlowSurfaceValidator.validate(config, p);
  }

  static void tag(Map.Entry<String, String> tag, Problems p) {
    if (tag.getKey().isBlank() || tag.getKey().length() > 128) {
      p.add("tags", "keys must be 1 to 128 characters (was \"" + tag.getKey() + "\")");
    }
    if (tag.getValue().length() > 256) {
      p.add("tags." + tag.getKey(), "must be at most 256 characters");
    }
  }

  private static void configurations(
      List<ApplicationConfiguration> configs, Problems p, String field) {
    for (int i = 0; i < configs.size(); i++) {
      ApplicationConfiguration c = configs.get(i);
      Problems at = p.at(field, i);
      at.required("classification", c.classification());
      configurations(c.configurations(), at, "configurations");
    }
  }

  private static void validateInstances(ClusterInstances instances, Problems p) {
    if (instances.usesInstanceGroups() && instances.usesInstanceFleets()) {
      p.add("", "use instance groups or instance fleets, not both");
    }
    if (!instances.usesInstanceGroups() && !instances.usesInstanceFleets()) {
      p.add("", "needs instance groups (masterGroup, ...) or instance fleets (masterFleet, ...)");
    }
    if (instances.usesInstanceGroups()) {
      if (instances.masterGroup().isEmpty()) {
        p.add("masterGroup", "is required with instance groups");
      }
      instances
          .masterGroup()
          .ifPresent(
              g -> {
                if (g.instanceCount() != 1 && g.instanceCount() != 3) {
                  p.at("masterGroup")
                      .add("instanceCount", "must be 1 or 3 (was " + g.instanceCount() + ")");
                }
                if (g.autoScalingPolicy().isPresent()) {
                  p.at("masterGroup")
                      .add("autoScalingPolicy", "is not supported on the master group");
                }
                validateGroup(g, p.at("masterGroup"));
              });
      instances.coreGroup().ifPresent(g -> validateGroup(g, p.at("coreGroup")));
      for (int i = 0; i < instances.taskGroups().size(); i++) {
        validateGroup(instances.taskGroups().get(i), p.at("taskGroups", i));
      }
      if (!instances.ec2SubnetIds().isEmpty()) {
        p.add("ec2SubnetIds", "is for instance fleets; use ec2SubnetId with instance groups");
      }
      if (!instances.availabilityZones().isEmpty()) {
        p.add(
            "availabilityZones",
            "is for instance fleets; use availabilityZone with instance groups");
      }
    }
    if (instances.usesInstanceFleets()) {
      if (instances.masterFleet().isEmpty()) {
        p.add("masterFleet", "is required with instance fleets");
      }
      instances
          .masterFleet()
          .ifPresent(
              f -> {
                int total = f.targetOnDemandCapacity() + f.targetSpotCapacity();
                if (total != 1) {
                  p.at("masterFleet")
                      .add(
                          "",
                          "must target exactly 1 instance on demand or spot (was " + total + ")");
                }
                validateFleet(f, p.at("masterFleet"));
              });
      instances.coreFleet().ifPresent(f -> validateFleet(f, p.at("coreFleet")));
      for (int i = 0; i < instances.taskFleets().size(); i++) {
        validateFleet(instances.taskFleets().get(i), p.at("taskFleets", i));
      }
    }
  }

  private static void validateGroup(InstanceGroupConfig group, Problems p) {
    p.required("instanceType", group.instanceType());
    p.min("instanceCount", group.instanceCount(), 0);
    group
        .bidPrice()
        .ifPresent(
            b -> {
              if (group.market() != Market.SPOT) {
                p.add("bidPrice", "is only used with the SPOT market");
              }
              price("bidPrice", b, p);
            });
    group.ebsConfiguration().ifPresent(e -> ebs(e, p.at("ebsConfiguration")));
    group.autoScalingPolicy().ifPresent(a -> autoScaling(a, p.at("autoScalingPolicy")));
    configurations(group.configurations(), p, "configurations");
  }

  private static void validateFleet(InstanceFleetConfig fleet, Problems p) {
    p.min("targetOnDemandCapacity", fleet.targetOnDemandCapacity(), 0);
    p.min("targetSpotCapacity", fleet.targetSpotCapacity(), 0);
    if (fleet.instanceTypeConfigs().isEmpty()) {
      p.add("instanceTypeConfigs", "needs at least one instance type");
    }
    if (fleet.instanceTypeConfigs().size() > 30) {
      p.add(
          "instanceTypeConfigs",
          "must have at most 30 instance types (was " + fleet.instanceTypeConfigs().size() + ")");
    }
    for (int i = 0; i < fleet.instanceTypeConfigs().size(); i++) {
      InstanceTypeConfig t = fleet.instanceTypeConfigs().get(i);
      Problems at = p.at("instanceTypeConfigs", i);
      at.required("instanceType", t.instanceType());
      t.weightedCapacity().ifPresent(w -> at.min("weightedCapacity", w, 1));
      t.bidPrice().ifPresent(b -> price("bidPrice", b, at));
      t.bidPriceAsPercentageOfOnDemandPrice()
          .ifPresent(v -> at.range("bidPriceAsPercentageOfOnDemandPrice", v, 0.0, 1000.0));
      t.priority().ifPresent(v -> at.range("priority", v, 0.0, 65535.0));
      t.ebsConfiguration().ifPresent(e -> ebs(e, at.at("ebsConfiguration")));
      configurations(t.configurations(), at, "configurations");
    }
    fleet
        .launchSpecification()
        .ifPresent(
            s -> {
              Problems at = p.at("launchSpecification");
              s.spotTimeoutMinutes().ifPresent(m -> at.range("spotTimeoutMinutes", m, 5, 1440));
              s.onDemandAllocationStrategy()
                  .ifPresent(
                      a -> {
                        if (!List.of("lowest-price", "prioritized").contains(a)) {
                          at.add(
                              "onDemandAllocationStrategy",
                              "must be lowest-price or prioritized (was \"" + a + "\")");
                        }
                      });
              s.spotAllocationStrategy()
                  .ifPresent(
                      a -> {
                        if (!List.of(
                                "capacity-optimized",
                                "price-capacity-optimized",
                                "lowest-price",
                                "diversified",
                                "capacity-optimized-prioritized")
                            .contains(a)) {
                          at.add(
                              "spotAllocationStrategy",
                              "must be an EMR spot allocation strategy (was \"" + a + "\")");
                        }
                      });
            });
  }

  private static void price(String field, String price, Problems p) {
    try {
      if (new java.math.BigDecimal(price).signum() <= 0) {
        p.add(field, "must be a positive price in USD (was \"" + price + "\")");
      }
    } catch (NumberFormatException e) {
      p.add(field, "must be a price in USD like 0.25 (was \"" + price + "\")");
    }
  }

  private static void ebs(EbsConfiguration ebs, Problems p) {
    for (int i = 0; i < ebs.volumes().size(); i++) {
      var v = ebs.volumes().get(i);
      Problems at = p.at("volumes", i);
      if (!List.of("gp3", "gp2", "io1", "io2", "st1", "sc1", "standard").contains(v.volumeType())) {
        at.add(
            "volumeType",
            "must be gp3, gp2, io1, io2, st1, sc1 or standard (was \"" + v.volumeType() + "\")");
      }
      at.range("sizeInGb", v.sizeInGb(), 1, 16_384);
      at.range("volumesPerInstance", v.volumesPerInstance(), 1, 32);
      v.iops().ifPresent(iops -> at.min("iops", iops, 100));
      v.throughput().ifPresent(t -> at.range("throughput", t, 125, 1000));
    }
  }

  private static void autoScaling(AutoScalingPolicy a, Problems p) {
    p.min("minCapacity", a.minCapacity(), 0);
    if (a.maxCapacity() < a.minCapacity()) {
      p.add(
          "maxCapacity",
          "must be >= minCapacity (" + a.maxCapacity() + " < " + a.minCapacity() + ")");
    }
    if (a.rules().isEmpty()) {
      p.add("rules", "needs at least one rule");
    }
    for (int i = 0; i < a.rules().size(); i++) {
      ScalingRule r = a.rules().get(i);
      Problems at = p.at("rules", i);
      at.required("name", r.name());
      at.required("metricName", r.metricName());
      if (r.scalingAdjustment() == 0) {
        at.add("scalingAdjustment", "must not be 0");
      }
      at.min("coolDownSeconds", r.coolDownSeconds(), 0);
      if (r.periodSeconds() < 60 || r.periodSeconds() % 60 != 0) {
        at.add("periodSeconds", "must be a multiple of 60 (was " + r.periodSeconds() + ")");
      }
      at.min("evaluationPeriods", r.evaluationPeriods(), 1);
    }
  }

  private static void managedScaling(
      ManagedScalingPolicy m, ClusterInstances instances, Problems p) {
    p.min("minimumCapacityUnits", m.minimumCapacityUnits(), 1);
    if (m.maximumCapacityUnits() < m.minimumCapacityUnits()) {
      p.add(
          "maximumCapacityUnits",
          "must be >= minimumCapacityUnits ("
              + m.maximumCapacityUnits()
              + " < "
              + m.minimumCapacityUnits()
              + ")");
    }
    m.maximumOnDemandCapacityUnits()
        .ifPresent(v -> p.range("maximumOnDemandCapacityUnits", v, 0, m.maximumCapacityUnits()));
    m.maximumCoreCapacityUnits()
        .ifPresent(v -> p.range("maximumCoreCapacityUnits", v, 1, m.maximumCapacityUnits()));
    if (m.unitType() == ManagedScalingPolicy.UnitType.INSTANCE_FLEET_UNITS
        && instances.usesInstanceGroups()) {
      p.add("unitType", "INSTANCE_FLEET_UNITS needs instance fleets");
    }
    if (m.unitType() == ManagedScalingPolicy.UnitType.INSTANCES && instances.usesInstanceFleets()) {
      p.add("unitType", "INSTANCES needs instance groups; use INSTANCE_FLEET_UNITS with fleets");
    }
  }
}
