package io.emrlaunch.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.launch.RunJobFlowRequests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.EbsBlockDeviceConfig;
import software.amazon.awssdk.services.emr.model.InstanceFleetType;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * The presets carry aws-emr-launch's managed-configuration defaults (inventory §2.1, §2.5, §2.9).
 */
class ClusterPresetsTest {
  static final PresetOptions OPTIONS = PresetOptions.of("preset", "subnet-0abc");
  static final EmrProfile PROFILE =
      EmrProfile.builder()
          .name("p")
          .serviceRole("EMR_DefaultRole")
          .instanceRole("EMR_EC2_DefaultRole")
          .autoScalingRole("EMR_AutoScaling_DefaultRole")
          .build();

  static List<String> names(ClusterConfiguration c) {
    return c.allowedOverrides().stream().map(AllowedOverride::name).toList();
  }

  static RunJobFlowRequest request(ClusterConfiguration c) {
    return RunJobFlowRequests.from(PROFILE, c, "x", Map.of());
  }

  static void assertDefaultEbs(software.amazon.awssdk.services.emr.model.EbsConfiguration ebs) {
    assertThat(ebs.ebsOptimized()).isTrue();
    assertThat(ebs.ebsBlockDeviceConfigs()).hasSize(1);
    EbsBlockDeviceConfig d = ebs.ebsBlockDeviceConfigs().get(0);
    assertThat(d.volumeSpecification().sizeInGB()).isEqualTo(500);
    assertThat(d.volumeSpecification().volumeType()).isEqualTo("st1");
    assertThat(d.volumesPerInstance()).isEqualTo(1);
  }

  static void assertBaseDefaults(ClusterConfiguration c, String release) {
    c.validate();
    assertThat(c.releaseLabel()).isEqualTo(release);
    assertThat(c.applications()).containsExactly("Hadoop", "Hive", "Spark");
    assertThat(c.stepConcurrencyLevel()).contains(1);
    assertThat(c.usesGlueCatalog()).isTrue();
    assertThat(c.configurations())
        .extracting(ApplicationConfiguration::classification)
        .containsExactly("hive-site", "spark-hive-site");
    assertThat(c.configurations().get(0).properties())
        .containsExactly(
            Map.entry(
                "hive.metastore.client.factory.class",
                "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory"));
    assertThat(c.instances().keepJobFlowAliveWhenNoSteps()).isTrue();
    assertThat(c.instances().terminationProtected()).isFalse();
    assertThat(c.visibleToAllUsers()).isTrue();
  }

  @Test
  void instanceGroupsEqualsInstanceGroupConfiguration() {
    ClusterConfiguration c = ClusterPresets.instanceGroups(OPTIONS);
    assertBaseDefaults(c, ClusterPresets.DEFAULT_RELEASE);
    RunJobFlowRequest r = request(c);
    assertThat(r.instances().ec2SubnetId()).isEqualTo("subnet-0abc");
    var groups = r.instances().instanceGroups();
    assertThat(groups).hasSize(2);
    assertThat(groups.get(0).name()).isEqualTo("Master");
    assertThat(groups.get(0).instanceRole()).isEqualTo(InstanceRoleType.MASTER);
    assertThat(groups.get(0).instanceType()).isEqualTo("m5.2xlarge");
    assertThat(groups.get(0).market()).hasToString("ON_DEMAND");
    assertThat(groups.get(0).instanceCount()).isEqualTo(1);
    assertDefaultEbs(groups.get(0).ebsConfiguration());
    assertThat(groups.get(1).name()).isEqualTo("Core");
    assertThat(groups.get(1).instanceRole()).isEqualTo(InstanceRoleType.CORE);
    assertThat(groups.get(1).instanceType()).isEqualTo("m5.xlarge");
    assertThat(groups.get(1).instanceCount()).isEqualTo(2);
    assertDefaultEbs(groups.get(1).ebsConfiguration());
    assertThat(r.managedScalingPolicy()).isNull();
    assertThat(names(c))
        .containsExactly(
            "ClusterName",
            "ReleaseLabel",
            "StepConcurrencyLevel",
            "MasterInstanceType",
            "MasterInstanceMarket",
            "CoreInstanceCount",
            "CoreInstanceType",
            "CoreInstanceMarket",
            "Subnet");
  }

  @Test
  void autoScalingEqualsAutoScalingClusterConfiguration() {
    ClusterConfiguration c = ClusterPresets.instanceGroupsWithAutoScaling(OPTIONS);
    assertBaseDefaults(c, ClusterPresets.DEFAULT_RELEASE);
    var task = request(c).instances().instanceGroups().get(2);
    assertThat(task.name()).isEqualTo("Task");
    assertThat(task.instanceRole()).isEqualTo(InstanceRoleType.TASK);
    assertThat(task.instanceType()).isEqualTo("m5.xlarge");
    assertThat(task.instanceCount()).isEqualTo(2);
    assertThat(task.ebsConfiguration()).isNull();
    var policy = task.autoScalingPolicy();
    assertThat(policy.constraints().minCapacity()).isEqualTo(2);
    assertThat(policy.constraints().maxCapacity()).isEqualTo(5);
    assertThat(policy.rules())
        .extracting(
            r -> r.name(),
            r -> r.trigger().cloudWatchAlarmDefinition().metricName(),
            r -> r.trigger().cloudWatchAlarmDefinition().comparisonOperatorAsString(),
            r -> r.trigger().cloudWatchAlarmDefinition().threshold(),
            r -> r.trigger().cloudWatchAlarmDefinition().unitAsString(),
            r -> r.action().simpleScalingPolicyConfiguration().scalingAdjustment())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ScaleOut-YARNMemoryAvailablePercentage",
                "YARNMemoryAvailablePercentage",
                "LESS_THAN",
                15.0,
                "PERCENT",
                2),
            org.assertj.core.groups.Tuple.tuple(
                "ScaleOut-ContainerPendingRatio",
                "ContainerPendingRatio",
                "GREATER_THAN",
                0.75,
                "COUNT",
                2),
            org.assertj.core.groups.Tuple.tuple(
                "ScaleIn-YARNMemoryAvailablePercentage",
                "YARNMemoryAvailablePercentage",
                "GREATER_THAN",
                75.0,
                "PERCENT",
                -2));
    for (var rule : policy.rules()) {
      var alarm = rule.trigger().cloudWatchAlarmDefinition();
      assertThat(rule.action().simpleScalingPolicyConfiguration().coolDown()).isEqualTo(300);
      assertThat(rule.action().simpleScalingPolicyConfiguration().adjustmentTypeAsString())
          .isEqualTo("CHANGE_IN_CAPACITY");
      assertThat(alarm.statisticAsString()).isEqualTo("AVERAGE");
      assertThat(alarm.period()).isEqualTo(300);
      assertThat(alarm.evaluationPeriods()).isEqualTo(3);
      assertThat(alarm.namespace()).isEqualTo("AWS/ElasticMapReduce");
      assertThat(alarm.dimensions())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.key()).isEqualTo("JobFlowId");
                assertThat(d.value()).isEqualTo("${emr.clusterId}");
              });
    }
    assertThat(request(c).autoScalingRole()).isEqualTo("EMR_AutoScaling_DefaultRole");
    assertThat(names(c))
        .endsWith(
            "TaskInstanceType",
            "TaskInstanceMarket",
            "TaskInitialInstanceCount",
            "TaskMinimumInstanceCount",
            "TaskMaximumInstanceCount");
    // negative adjustments are taken by magnitude, as in Python (abs)
    ClusterConfiguration neg =
        ClusterPresets.instanceGroupsWithAutoScaling(
            PresetOptions.builder()
                .from(OPTIONS)
                .scaleOutAdjustment(-3)
                .scaleInAdjustment(4)
                .build());
    assertThat(neg.instances().taskGroups().get(0).autoScalingPolicy().get().rules())
        .extracting(ScalingRule::scalingAdjustment)
        .containsExactly(3, 3, -4);
  }

  @Test
  void managedScalingForGroups() {
    ClusterConfiguration c = ClusterPresets.instanceGroupsWithManagedScaling(OPTIONS);
    assertBaseDefaults(c, ClusterPresets.DEFAULT_RELEASE);
    var limits = request(c).managedScalingPolicy().computeLimits();
    assertThat(limits.unitTypeAsString()).isEqualTo("Instances");
    assertThat(limits.minimumCapacityUnits()).isEqualTo(2);
    assertThat(limits.maximumCapacityUnits()).isEqualTo(10);
    assertThat(names(c)).endsWith("Subnet", "MinimumInstances", "MaximumInstances");
  }

  @Test
  void instanceFleetsEqualsInstanceFleetConfiguration() {
    ClusterConfiguration c =
        ClusterPresets.instanceFleets(
            PresetOptions.builder().name("f").addSubnetIds("subnet-a", "subnet-b").build());
    assertBaseDefaults(c, ClusterPresets.DEFAULT_RELEASE);
    RunJobFlowRequest r = request(c);
    assertThat(r.instances().ec2SubnetIds()).containsExactly("subnet-a", "subnet-b");
    assertThat(r.autoScalingRole()).isNull();
    var fleets = r.instances().instanceFleets();
    assertThat(fleets.get(0).instanceFleetType()).isEqualTo(InstanceFleetType.MASTER);
    assertThat(fleets.get(0).targetOnDemandCapacity()).isEqualTo(1);
    assertThat(fleets.get(0).targetSpotCapacity()).isZero();
    assertThat(fleets.get(0).instanceTypeConfigs().get(0).instanceType()).isEqualTo("m5.2xlarge");
    assertDefaultEbs(fleets.get(0).instanceTypeConfigs().get(0).ebsConfiguration());
    assertThat(fleets.get(1).instanceFleetType()).isEqualTo(InstanceFleetType.CORE);
    assertThat(fleets.get(1).targetOnDemandCapacity()).isEqualTo(2);
    assertThat(fleets.get(1).targetSpotCapacity()).isZero();
    assertThat(fleets.get(1).instanceTypeConfigs().get(0).instanceType()).isEqualTo("m5.xlarge");
    assertThat(names(c))
        .containsExactly(
            "ClusterName",
            "ReleaseLabel",
            "StepConcurrencyLevel",
            "MasterInstanceType",
            "CoreInstanceType",
            "CoreInstanceOnDemandCount",
            "CoreInstanceSpotCount");
    ClusterConfiguration spot =
        ClusterPresets.instanceFleets(
            PresetOptions.builder().from(OPTIONS).masterInstanceMarket(Market.SPOT).build());
    assertThat(spot.instances().masterFleet().get().targetSpotCapacity()).isEqualTo(1);
    assertThat(spot.instances().masterFleet().get().targetOnDemandCapacity()).isZero();
  }

  @Test
  void managedScalingForFleets() {
    ClusterConfiguration c = ClusterPresets.instanceFleetsWithManagedScaling(OPTIONS);
    assertBaseDefaults(c, ClusterPresets.DEFAULT_RELEASE);
    var limits = request(c).managedScalingPolicy().computeLimits();
    assertThat(limits.unitTypeAsString()).isEqualTo("InstanceFleetUnits");
    assertThat(limits.minimumCapacityUnits()).isEqualTo(2);
    assertThat(limits.maximumCapacityUnits()).isEqualTo(10);
    assertThat(names(c)).endsWith("MinimumCapacity", "MaximumCapacity");
  }

  @Test
  void everyPresetOverrideAppliesToItsPreset() {
    for (ClusterConfiguration c :
        List.of(
            ClusterPresets.instanceGroups(OPTIONS),
            ClusterPresets.instanceGroupsWithAutoScaling(OPTIONS),
            ClusterPresets.instanceGroupsWithManagedScaling(OPTIONS),
            ClusterPresets.instanceFleets(OPTIONS),
            ClusterPresets.instanceFleetsWithManagedScaling(OPTIONS))) {
      for (AllowedOverride o : c.allowedOverrides()) {
        Object value =
            switch (o.name()) {
              case "ClusterName" -> "renamed";
              case "ReleaseLabel" -> "emr-7.9.0";
              case "Subnet" -> "subnet-0new";
              case "MasterInstanceMarket", "CoreInstanceMarket", "TaskInstanceMarket" -> "SPOT";
              case "MinimumInstances", "MinimumCapacity", "TaskMinimumInstanceCount" -> 1;
              case "CoreInstanceSpotCount" -> 3;
              default -> o.type() == OverrideType.INTEGER ? 4 : "r5.4xlarge";
            };
        ClusterConfiguration out =
            io.emrlaunch.core.overrides.Overrides.apply(c, Map.of(o.name(), value));
        assertThat(out).as(o.name()).isNotEqualTo(c);
      }
    }
  }

  @Test
  void withoutGlueCatalogNoMetastoreSettings() {
    ClusterConfiguration c =
        ClusterPresets.instanceGroups(
            PresetOptions.builder().from(OPTIONS).useGlueCatalog(false).build());
    assertThat(c.configurations()).isEmpty();
    assertThat(c.usesGlueCatalog()).isFalse();
  }
}
