package io.emrlaunch.core.launch;

import io.emrlaunch.core.model.ApplicationConfiguration;
import io.emrlaunch.core.model.ApplicationOptions;
import io.emrlaunch.core.model.AutoScalingPolicy;
import io.emrlaunch.core.model.BootstrapAction;
import io.emrlaunch.core.model.CapacityReservationOptions;
import io.emrlaunch.core.model.CloudWatchLogConfiguration;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EbsConfiguration;
import io.emrlaunch.core.model.EbsVolume;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.FleetLaunchSpecification;
import io.emrlaunch.core.model.FleetResizeSpecification;
import io.emrlaunch.core.model.InstanceFleetConfig;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.core.model.InstanceTypeConfig;
import io.emrlaunch.core.model.ManagedScalingPolicy;
import io.emrlaunch.core.model.Market;
import io.emrlaunch.core.model.MonitoringConfiguration;
import io.emrlaunch.core.model.PlacementGroupConfig;
import io.emrlaunch.core.model.RepoUpgradeOnBoot;
import io.emrlaunch.core.model.ScaleDownBehavior;
import io.emrlaunch.core.model.ScalingRule;
import io.emrlaunch.core.model.StepFailureAction;
import java.util.List;
import java.util.Map;

/** Model values that set every field the model has, for the RunJobFlow surface tests. */
final class RunJobFlowSurfaceFixtures {
  static final String KEY =
      "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555";
  static final String ROLE = "arn:aws:iam::123456789012:role/StepRuntime";

  private RunJobFlowSurfaceFixtures() {}

  static EmrProfile profile() {
    return EmrProfile.builder()
        .name("full")
        .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
        .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
        .instanceProfile("arn:aws:iam::123456789012:instance-profile/EMR_EC2_DefaultRole")
        .autoScalingRole("arn:aws:iam::123456789012:role/EMR_AutoScaling_DefaultRole")
        .masterSecurityGroup("sg-0000000000000000a")
        .workersSecurityGroup("sg-0000000000000000b")
        .serviceAccessSecurityGroup("sg-0000000000000000c")
        .securityConfigurationName("full-sc")
        .logsBucket("logs-bucket")
        .build();
  }

  static List<EmrStep> steps() {
    return List.of(
        EmrStep.builder()
            .name("jar")
            .jar("s3://code/app.jar")
            .mainClass("com.example.Main")
            .addArgs("--date", "2024-01-01")
            .putProperties("k", "v")
            .actionOnFailure(StepFailureAction.CONTINUE)
            .executionRoleArn(ROLE)
            .logUri("s3://step-logs/jar/")
            .logEncryptionKeyArn(KEY)
            .build());
  }

  static ApplicationConfiguration nestedConfiguration() {
    return ApplicationConfiguration.builder()
        .classification("hadoop-env")
        .putProperties("HADOOP_HEAPSIZE", "2048")
        .addConfigurations(
            ApplicationConfiguration.of("export", Map.of("JAVA_HOME", "/usr/lib/jvm")))
        .build();
  }

  static EbsConfiguration ebs() {
    return EbsConfiguration.builder()
        .ebsOptimized(true)
        .addVolumes(
            EbsVolume.builder()
                .volumeType("gp3")
                .sizeInGb(100)
                .iops(3000)
                .throughput(250)
                .volumesPerInstance(2)
                .build())
        .build();
  }

  /** Everything a configuration can say, instance groups flavour. */
  static ClusterConfiguration groups() {
    ScalingRule rule =
        ScalingRule.builder()
            .name("out")
            .description("scale out")
            .market(Market.SPOT)
            .scalingAdjustment(1)
            .metricName("YARNMemoryAvailablePercentage")
            .threshold(15.0)
            .unit("PERCENT")
            .comparisonOperator(ScalingRule.ComparisonOperator.LESS_THAN)
            .putDimensions("JobFlowId", "${emr.clusterId}")
            .build();
    return common()
        .name("full-groups")
        .managedScaling(
            ManagedScalingPolicy.builder()
                .unitType(ManagedScalingPolicy.UnitType.INSTANCES)
                .minimumCapacityUnits(2)
                .maximumCapacityUnits(20)
                .maximumOnDemandCapacityUnits(10)
                .maximumCoreCapacityUnits(5)
                .scalingStrategy(ManagedScalingPolicy.ScalingStrategy.ADVANCED)
                .utilizationPerformanceIndex(75)
                .build())
        .instances(
            ClusterInstances.builder()
                .masterGroup(InstanceGroupConfig.of("Master", "m5.xlarge", 1))
                .coreGroup(
                    InstanceGroupConfig.builder()
                        .name("Core")
                        .instanceType("m5.2xlarge")
                        .instanceCount(2)
                        .market(Market.SPOT)
                        .bidPrice("0.5")
                        .ebsConfiguration(ebs())
                        .autoScalingPolicy(
                            AutoScalingPolicy.builder()
                                .minCapacity(2)
                                .maxCapacity(10)
                                .addRules(rule)
                                .build())
                        .addConfigurations(nestedConfiguration())
                        .customAmiId("ami-0123456789abcdef0")
                        .build())
                .ec2SubnetId("subnet-0abc")
                .ec2KeyName("key")
                .availabilityZone("eu-west-1a")
                .addAdditionalMasterSecurityGroups("sg-0000000000000000d")
                .addAdditionalSlaveSecurityGroups("sg-0000000000000000e")
                .keepJobFlowAliveWhenNoSteps(true)
                .terminationProtected(true)
                .unhealthyNodeReplacement(true)
                .build())
        .build();
  }

  /** Everything a configuration can say, instance fleets flavour. */
  static ClusterConfiguration fleets() {
    CapacityReservationOptions reservation =
        CapacityReservationOptions.builder()
            .usageStrategy(CapacityReservationOptions.UsageStrategy.USE_CAPACITY_RESERVATIONS_FIRST)
            .preference(CapacityReservationOptions.Preference.OPEN)
            .resourceGroupArn(
                "arn:aws:resource-groups:eu-west-1:123456789012:group/emr-reservations")
            .build();
    InstanceTypeConfig type =
        InstanceTypeConfig.builder()
            .instanceType("m5.2xlarge")
            .weightedCapacity(2)
            .bidPrice("0.4")
            .bidPriceAsPercentageOfOnDemandPrice(80.0)
            .priority(1.0)
            .ebsConfiguration(ebs())
            .addConfigurations(nestedConfiguration())
            .customAmiId("ami-0123456789abcdef0")
            .build();
    InstanceFleetConfig core =
        InstanceFleetConfig.builder()
            .name("Core")
            .targetOnDemandCapacity(2)
            .targetSpotCapacity(4)
            .addInstanceTypeConfigs(type)
            .launchSpecification(
                FleetLaunchSpecification.builder()
                    .onDemandAllocationStrategy("lowest-price")
                    .onDemandCapacityReservation(reservation)
                    .spotAllocationStrategy("price-capacity-optimized")
                    .spotTimeoutMinutes(30)
                    .spotTimeoutAction(
                        FleetLaunchSpecification.SpotTimeoutAction.SWITCH_TO_ON_DEMAND)
                    .build())
            .resizeSpecification(
                FleetResizeSpecification.builder()
                    .spotTimeoutMinutes(60)
                    .spotAllocationStrategy("capacity-optimized")
                    .onDemandTimeoutMinutes(20)
                    .onDemandAllocationStrategy("prioritized")
                    .onDemandCapacityReservation(reservation)
                    .build())
            .context("reserved")
            .build();
    return common()
        .name("full-fleets")
        .managedScaling(
            ManagedScalingPolicy.builder()
                .unitType(ManagedScalingPolicy.UnitType.INSTANCE_FLEET_UNITS)
                .minimumCapacityUnits(2)
                .maximumCapacityUnits(20)
                .scalingStrategy(ManagedScalingPolicy.ScalingStrategy.DEFAULT)
                .build())
        .instances(
            ClusterInstances.builder()
                .masterFleet(
                    InstanceFleetConfig.builder()
                        .name("Master")
                        .targetOnDemandCapacity(1)
                        .addInstanceTypeConfigs(InstanceTypeConfig.of("m5.xlarge"))
                        .build())
                .coreFleet(core)
                .addEc2SubnetIds("subnet-0abc", "subnet-0def")
                .addAvailabilityZones("eu-west-1a", "eu-west-1b")
                .build())
        .build();
  }

  private static ClusterConfiguration.Builder common() {
    return ClusterConfiguration.builder()
        .description("sets everything")
        .clusterName("full-cluster")
        .releaseLabel("emr-7.5.0")
        .addApplications("Hadoop", "Spark")
        .putApplicationOptions(
            "Spark",
            ApplicationOptions.builder()
                .version("3.5.2")
                .addArgs("--verbose")
                .putAdditionalInfo("mode", "advanced")
                .build())
        .addBootstrapActions(
            BootstrapAction.builder()
                .name("setup")
                .path("s3://code/setup.sh")
                .addArgs("--fast")
                .build())
        .addConfigurations(
            ApplicationConfiguration.of(
                "spark-defaults", Map.of("spark.dynamicAllocation.enabled", "true")),
            nestedConfiguration())
        .stepConcurrencyLevel(4)
        .autoTerminationIdleTimeoutSeconds(3600L)
        .customAmiId("ami-0123456789abcdef0")
        .ebsRootVolumeSize(30)
        .ebsRootVolumeIops(3000)
        .ebsRootVolumeThroughput(250)
        .osReleaseLabel("2.0.20240709.1")
        .logEncryptionKmsKeyId(KEY)
        .scaleDownBehavior(ScaleDownBehavior.TERMINATE_AT_TASK_COMPLETION)
        .visibleToAllUsers(true)
        .putTags("team", "data")
        .additionalInfo("{\"instanceAwsClientConfiguration\":{\"proxyPort\":8099}}")
        .repoUpgradeOnBoot(RepoUpgradeOnBoot.NONE)
        .addPlacementGroupConfigs(
            PlacementGroupConfig.of(
                PlacementGroupConfig.Role.MASTER, PlacementGroupConfig.Strategy.SPREAD))
        .extendedSupport(true)
        .sessionEnabled(true)
        .monitoring(
            MonitoringConfiguration.builder()
                .cloudWatchLogs(
                    CloudWatchLogConfiguration.builder()
                        .enabled(true)
                        .logGroupName("/aws/emr/full")
                        .logStreamNamePrefix("cluster")
                        .encryptionKeyArn(KEY)
                        .putLogTypes("STEP_LOGS", List.of("STDOUT", "STDERR"))
                        .build())
                .putS3LogUploadPolicy(
                    MonitoringConfiguration.LogType.SYSTEM_LOGS,
                    MonitoringConfiguration.UploadPolicy.ON_CUSTOMER_S3_ONLY)
                .putS3LogUploadPolicy(
                    MonitoringConfiguration.LogType.APPLICATION_LOGS,
                    MonitoringConfiguration.UploadPolicy.EMR_MANAGED)
                .build());
  }
}
