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

  /** EMR's XmlStringMaxLen256 without control codes: names of groups, actions, key pairs. */
  static final Pattern NAME_256 = Pattern.compile("[^\\p{Cntrl}]{1,256}");

  /** An EC2 subnet id, as EC2 forms them (8 or 17 hex digits; shorter ones occur in tests). */
  static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{1,17}");

  static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{1,17}");
  static final Pattern AMI = Pattern.compile("ami-[0-9a-f]{1,17}");

  /** An EC2 instance type: family, a dot, size ({@code m5.xlarge}, {@code u-6tb1.metal}). */
  static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]{0,30}\\.[a-z0-9-]{1,30}");

  static final Pattern AVAILABILITY_ZONE = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+");

  /** The most instances one group may ask for; more is a typo, not a cluster. */
  public static final int MAX_INSTANCE_COUNT = 10_000;

  /** The most capacity units one fleet may target. */
  public static final int MAX_FLEET_CAPACITY = 100_000;

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
      if (at.required("name", a.name())) {
        at.matches("name", a.name(), NAME_256, "1 to 256 characters without control codes");
      }
      if (at.required("path", a.path())) {
        Locations.scriptLocation(a.path(), "path", at);
      }
    }
    config
        .customAmiId()
        .ifPresent(a -> p.matches("customAmiId", a, AMI, "an AMI id like ami-0abc1234"));
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

  private static void instanceType(String type, Problems p) {
    if (p.required("instanceType", type)) {
      p.matches("instanceType", type, INSTANCE_TYPE, "an EC2 instance type like m5.xlarge");
    }
  }

  /** Ids by their AWS shapes: subnets, security groups, key pair and zones. */
  private static void networkIds(ClusterInstances instances, Problems p) {
    instances
        .ec2SubnetId()
        .ifPresent(s -> p.matches("ec2SubnetId", s, SUBNET, "a subnet id like subnet-0abc1234"));
    for (int i = 0; i < instances.ec2SubnetIds().size(); i++) {
      p.matches(
          "ec2SubnetIds[" + i + "]",
          instances.ec2SubnetIds().get(i),
          SUBNET,
          "a subnet id like subnet-0abc1234");
    }
    for (int i = 0; i < instances.additionalMasterSecurityGroups().size(); i++) {
      p.matches(
          "additionalMasterSecurityGroups[" + i + "]",
          instances.additionalMasterSecurityGroups().get(i),
          SECURITY_GROUP,
          "a security group id like sg-0abc1234");
    }
    for (int i = 0; i < instances.additionalSlaveSecurityGroups().size(); i++) {
      p.matches(
          "additionalSlaveSecurityGroups[" + i + "]",
          instances.additionalSlaveSecurityGroups().get(i),
          SECURITY_GROUP,
          "a security group id like sg-0abc1234");
    }
    instances
        .ec2KeyName()
        .ifPresent(
            k -> p.matches("ec2KeyName", k, NAME_256, "1 to 256 characters without control codes"));
    instances
        .availabilityZone()
        .ifPresent(
            z ->
                p.matches(
                    "availabilityZone",
                    z,
                    AVAILABILITY_ZONE,
                    "an availability zone like us-east-1a"));
    for (int i = 0; i < instances.availabilityZones().size(); i++) {
      p.matches(
          "availabilityZones[" + i + "]",
          instances.availabilityZones().get(i),
          AVAILABILITY_ZONE,
          "an availability zone like us-east-1a");
    }
  }

  private static void validateInstances(ClusterInstances instances, Problems p) {
    networkIds(instances, p);
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
    instanceType(group.instanceType(), p);
    if (p.min("instanceCount", group.instanceCount(), 0)
        && group.instanceCount() > MAX_INSTANCE_COUNT) {
      p.add(
          "instanceCount",
          "must be at most " + MAX_INSTANCE_COUNT + " (was " + group.instanceCount() + ")");
    }
    group
        .name()
        .ifPresent(
            n -> p.matches("name", n, NAME_256, "1 to 256 characters without control codes"));
    group
        .customAmiId()
        .ifPresent(a -> p.matches("customAmiId", a, AMI, "an AMI id like ami-0abc1234"));
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
    if (p.min("targetOnDemandCapacity", fleet.targetOnDemandCapacity(), 0)
        && fleet.targetOnDemandCapacity() > MAX_FLEET_CAPACITY) {
      p.add(
          "targetOnDemandCapacity",
          "must be at most "
              + MAX_FLEET_CAPACITY
              + " (was "
              + fleet.targetOnDemandCapacity()
              + ")");
    }
    if (p.min("targetSpotCapacity", fleet.targetSpotCapacity(), 0)
        && fleet.targetSpotCapacity() > MAX_FLEET_CAPACITY) {
      p.add(
          "targetSpotCapacity",
          "must be at most " + MAX_FLEET_CAPACITY + " (was " + fleet.targetSpotCapacity() + ")");
    }
    fleet
        .name()
        .ifPresent(
            n -> p.matches("name", n, NAME_256, "1 to 256 characters without control codes"));
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
      instanceType(t.instanceType(), at);
      t.customAmiId()
          .ifPresent(a -> at.matches("customAmiId", a, AMI, "an AMI id like ami-0abc1234"));
      t.weightedCapacity()
          .ifPresent(
              w -> {
                if (at.min("weightedCapacity", w, 1) && w > MAX_FLEET_CAPACITY) {
                  at.add("weightedCapacity", "must be at most " + MAX_FLEET_CAPACITY);
                }
              });
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
