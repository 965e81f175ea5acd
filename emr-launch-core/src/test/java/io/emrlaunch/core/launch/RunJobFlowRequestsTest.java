package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.model.ApplicationConfiguration;
import io.emrlaunch.core.model.AutoScalingPolicy;
import io.emrlaunch.core.model.BootstrapAction;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EbsConfiguration;
import io.emrlaunch.core.model.EbsVolume;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.FleetLaunchSpecification;
import io.emrlaunch.core.model.InstanceFleetConfig;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.core.model.InstanceTypeConfig;
import io.emrlaunch.core.model.ManagedScalingPolicy;
import io.emrlaunch.core.model.Market;
import io.emrlaunch.core.model.ScaleDownBehavior;
import io.emrlaunch.core.model.ScalingRule;
import io.emrlaunch.core.model.StepFailureAction;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.InstanceFleetType;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.Tag;

class RunJobFlowRequestsTest {

  static final String ACCOUNT = "123456789012";

  static EmrProfile profile() {
    return EmrProfile.builder()
        .namespace("analytics")
        .name("secure")
        .serviceRole("arn:aws:iam::" + ACCOUNT + ":role/analytics_secure-ServiceRole")
        .instanceRole("arn:aws:iam::" + ACCOUNT + ":role/analytics_secure-InstanceRole")
        .autoScalingRole("arn:aws:iam::" + ACCOUNT + ":role/analytics_secure-AutoScalingRole")
        .masterSecurityGroup("sg-0123456789abcdef0")
        .workersSecurityGroup("sg-0123456789abcdef1")
        .serviceAccessSecurityGroup("sg-0123456789abcdef2")
        .securityConfigurationName("analytics-secure-sc")
        .logsBucket("my-logs")
        .build();
  }

  static ClusterConfiguration groups() {
    return ClusterConfiguration.builder()
        .name("spark-groups")
        .releaseLabel("emr-7.5.0")
        .addApplications("Hadoop", "Spark")
        .addBootstrapActions(BootstrapAction.of("deps", "s3://code/bootstrap.sh", "--fast"))
        .addConfigurations(
            ApplicationConfiguration.builder()
                .classification("spark-defaults")
                .putProperties("spark.executor.memory", "16G")
                .addConfigurations(
                    ApplicationConfiguration.of("export", Map.of("PYSPARK_PYTHON", "python3")))
                .build())
        .stepConcurrencyLevel(4)
        .instances(
            ClusterInstances.builder()
                .masterGroup(InstanceGroupConfig.of("Master", "m5.xlarge", 1))
                .coreGroup(
                    InstanceGroupConfig.builder()
                        .name("Core")
                        .instanceType("m5.2xlarge")
                        .instanceCount(2)
                        .ebsConfiguration(
                            EbsConfiguration.builder()
                                .addVolumes(EbsVolume.of("st1", 500, 1))
                                .ebsOptimized(true)
                                .build())
                        .build())
                .addTaskGroups(
                    InstanceGroupConfig.builder()
                        .name("Task")
                        .instanceType("m5.xlarge")
                        .instanceCount(2)
                        .market(Market.SPOT)
                        .bidPrice("0.10")
                        .autoScalingPolicy(
                            AutoScalingPolicy.builder()
                                .minCapacity(2)
                                .maxCapacity(5)
                                .addRules(
                                    ScalingRule.builder()
                                        .name("ScaleOut")
                                        .scalingAdjustment(2)
                                        .metricName("YARNMemoryAvailablePercentage")
                                        .comparisonOperator(
                                            ScalingRule.ComparisonOperator.LESS_THAN)
                                        .threshold(15)
                                        .unit("PERCENT")
                                        .evaluationPeriods(3)
                                        .putDimensions("JobFlowId", "${emr.clusterId}")
                                        .build())
                                .build())
                        .build())
                .ec2SubnetId("subnet-0abc")
                .ec2KeyName("ops")
                .addAdditionalMasterSecurityGroups("sg-0aaaaaaaaaaaaaaa0")
                .keepJobFlowAliveWhenNoSteps(false)
                .build())
        .autoTerminationIdleTimeoutSeconds(3600L)
        .ebsRootVolumeSize(32)
        .osReleaseLabel("2.0.20241001.0")
        .scaleDownBehavior(ScaleDownBehavior.TERMINATE_AT_TASK_COMPLETION)
        .putTags("team", "data")
        .putTags("cost-center", "42")
        .build();
  }

  @Test
  void mapsEveryFieldOfAnInstanceGroupCluster() {
    EmrStep step =
        EmrStep.builder()
            .name("etl")
            .jar(EmrStep.COMMAND_RUNNER)
            .addArgs("spark-submit", "s3://code/etl.py")
            .putProperties("k", "v")
            .actionOnFailure(StepFailureAction.TERMINATE_CLUSTER)
            .build();
    RunJobFlowRequest r =
        RunJobFlowRequests.from(
            profile(), groups(), "nightly", Map.of("team", "platform"), List.of(step));

    assertThat(r.name()).isEqualTo("nightly");
    assertThat(r.releaseLabel()).isEqualTo("emr-7.5.0");
    assertThat(r.applications()).extracting(a -> a.name()).containsExactly("Hadoop", "Spark");
    assertThat(r.logUri()).isEqualTo("s3://my-logs/elasticmapreduce/nightly/");
    assertThat(r.serviceRole()).isEqualTo("analytics_secure-ServiceRole");
    assertThat(r.jobFlowRole()).isEqualTo("analytics_secure-InstanceRole");
    assertThat(r.autoScalingRole()).isEqualTo("analytics_secure-AutoScalingRole");
    assertThat(r.securityConfiguration()).isEqualTo("analytics-secure-sc");
    assertThat(r.stepConcurrencyLevel()).isEqualTo(4);
    assertThat(r.autoTerminationPolicy().idleTimeout()).isEqualTo(3600L);
    assertThat(r.ebsRootVolumeSize()).isEqualTo(32);
    assertThat(r.osReleaseLabel()).isEqualTo("2.0.20241001.0");
    assertThat(r.scaleDownBehaviorAsString()).isEqualTo("TERMINATE_AT_TASK_COMPLETION");
    assertThat(r.visibleToAllUsers()).isTrue();
    assertThat(r.tags())
        .containsExactly(
            Tag.builder().key("team").value("platform").build(),
            Tag.builder().key("cost-center").value("42").build());

    assertThat(r.bootstrapActions()).hasSize(1);
    assertThat(r.bootstrapActions().get(0).scriptBootstrapAction().path())
        .isEqualTo("s3://code/bootstrap.sh");
    assertThat(r.bootstrapActions().get(0).scriptBootstrapAction().args())
        .containsExactly("--fast");
    assertThat(r.configurations().get(0).classification()).isEqualTo("spark-defaults");
    assertThat(r.configurations().get(0).properties())
        .containsEntry("spark.executor.memory", "16G");
    assertThat(r.configurations().get(0).configurations().get(0).properties())
        .containsEntry("PYSPARK_PYTHON", "python3");

    var inst = r.instances();
    assertThat(inst.keepJobFlowAliveWhenNoSteps()).isFalse();
    assertThat(inst.terminationProtected()).isFalse();
    assertThat(inst.ec2SubnetId()).isEqualTo("subnet-0abc");
    assertThat(inst.ec2KeyName()).isEqualTo("ops");
    assertThat(inst.emrManagedMasterSecurityGroup()).isEqualTo("sg-0123456789abcdef0");
    assertThat(inst.emrManagedSlaveSecurityGroup()).isEqualTo("sg-0123456789abcdef1");
    assertThat(inst.serviceAccessSecurityGroup()).isEqualTo("sg-0123456789abcdef2");
    assertThat(inst.additionalMasterSecurityGroups()).containsExactly("sg-0aaaaaaaaaaaaaaa0");
    assertThat(inst.instanceGroups())
        .extracting(g -> g.instanceRole(), g -> g.instanceType(), g -> g.instanceCount())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(InstanceRoleType.MASTER, "m5.xlarge", 1),
            org.assertj.core.groups.Tuple.tuple(InstanceRoleType.CORE, "m5.2xlarge", 2),
            org.assertj.core.groups.Tuple.tuple(InstanceRoleType.TASK, "m5.xlarge", 2));
    var core = inst.instanceGroups().get(1);
    assertThat(core.ebsConfiguration().ebsOptimized()).isTrue();
    assertThat(
            core.ebsConfiguration().ebsBlockDeviceConfigs().get(0).volumeSpecification().sizeInGB())
        .isEqualTo(500);
    var task = inst.instanceGroups().get(2);
    assertThat(task.marketAsString()).isEqualTo("SPOT");
    assertThat(task.bidPrice()).isEqualTo("0.10");
    assertThat(task.autoScalingPolicy().constraints().maxCapacity()).isEqualTo(5);
    var alarm = task.autoScalingPolicy().rules().get(0).trigger().cloudWatchAlarmDefinition();
    assertThat(alarm.comparisonOperatorAsString()).isEqualTo("LESS_THAN");
    assertThat(alarm.threshold()).isEqualTo(15.0);
    assertThat(alarm.namespace()).isEqualTo("AWS/ElasticMapReduce");
    assertThat(alarm.dimensions().get(0).value()).isEqualTo("${emr.clusterId}");

    assertThat(r.steps()).hasSize(1);
    assertThat(r.steps().get(0).actionOnFailureAsString()).isEqualTo("TERMINATE_CLUSTER");
    assertThat(r.steps().get(0).hadoopJarStep().jar()).isEqualTo("command-runner.jar");
    assertThat(r.steps().get(0).hadoopJarStep().args())
        .containsExactly("spark-submit", "s3://code/etl.py");
    assertThat(r.steps().get(0).hadoopJarStep().properties().get(0).key()).isEqualTo("k");
  }

  @Test
  void fleetClustersGetNoAutoScalingRoleAndKeepFleetDetails() {
    ClusterConfiguration fleets =
        ClusterConfiguration.builder()
            .name("fleets")
            .releaseLabel("emr-6.15.0")
            .instances(
                ClusterInstances.builder()
                    .masterFleet(
                        InstanceFleetConfig.builder()
                            .name("Master")
                            .targetOnDemandCapacity(1)
                            .addInstanceTypeConfigs(InstanceTypeConfig.of("m5.xlarge"))
                            .build())
                    .coreFleet(
                        InstanceFleetConfig.builder()
                            .name("Core")
                            .targetOnDemandCapacity(2)
                            .targetSpotCapacity(6)
                            .addInstanceTypeConfigs(
                                InstanceTypeConfig.builder()
                                    .instanceType("r5.2xlarge")
                                    .weightedCapacity(2)
                                    .build(),
                                InstanceTypeConfig.builder()
                                    .instanceType("r5.4xlarge")
                                    .weightedCapacity(4)
                                    .bidPriceAsPercentageOfOnDemandPrice(80.0)
                                    .build())
                            .launchSpecification(
                                FleetLaunchSpecification.builder()
                                    .spotAllocationStrategy("price-capacity-optimized")
                                    .spotTimeoutMinutes(20)
                                    .spotTimeoutAction(
                                        FleetLaunchSpecification.SpotTimeoutAction
                                            .SWITCH_TO_ON_DEMAND)
                                    .onDemandAllocationStrategy("lowest-price")
                                    .build())
                            .build())
                    .addEc2SubnetIds("subnet-1", "subnet-2")
                    .build())
            .managedScaling(
                ManagedScalingPolicy.builder()
                    .unitType(ManagedScalingPolicy.UnitType.INSTANCE_FLEET_UNITS)
                    .minimumCapacityUnits(2)
                    .maximumCapacityUnits(10)
                    .build())
            .build();
    EmrProfile noLogs = profile().withLogsBucket(java.util.Optional.empty());
    RunJobFlowRequest r = RunJobFlowRequests.from(noLogs, fleets, "", Map.of());

    assertThat(r.name()).isEqualTo("fleets");
    assertThat(r.logUri()).isNull();
    assertThat(r.autoScalingRole()).isNull();
    assertThat(r.instances().instanceGroups()).isEmpty();
    assertThat(r.instances().ec2SubnetIds()).containsExactly("subnet-1", "subnet-2");
    var core = r.instances().instanceFleets().get(1);
    assertThat(core.instanceFleetType()).isEqualTo(InstanceFleetType.CORE);
    assertThat(core.targetSpotCapacity()).isEqualTo(6);
    assertThat(core.instanceTypeConfigs())
        .extracting(t -> t.weightedCapacity())
        .containsExactly(2, 4);
    assertThat(core.launchSpecifications().spotSpecification().timeoutActionAsString())
        .isEqualTo("SWITCH_TO_ON_DEMAND");
    assertThat(core.launchSpecifications().spotSpecification().allocationStrategyAsString())
        .isEqualTo("price-capacity-optimized");
    assertThat(r.managedScalingPolicy().computeLimits().unitTypeAsString())
        .isEqualTo("InstanceFleetUnits");
  }

  @Test
  void explicitInstanceProfileAndCustomLogPrefix() {
    EmrProfile p =
        EmrProfile.builder()
            .from(profile())
            .instanceProfile("arn:aws:iam::" + ACCOUNT + ":instance-profile/path/Custom-Profile")
            .logsPrefix("/team/logs")
            .build();
    RunJobFlowRequest r = RunJobFlowRequests.from(p, groups(), "c1", Map.of());
    assertThat(r.jobFlowRole()).isEqualTo("Custom-Profile");
    assertThat(r.logUri()).isEqualTo("s3://my-logs/team/logs/c1/");
  }

  @Test
  void invalidInputsAreReportedTogetherWithPrefixedPaths() {
    EmrProfile badProfile = EmrProfile.builder().from(profile()).name("bad name").build();
    ClusterConfiguration badConfig = groups().withReleaseLabel("seven");
    assertThatThrownBy(() -> RunJobFlowRequests.from(badProfile, badConfig, "x", Map.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("profile.name")
        .hasMessageContaining("configuration.releaseLabel");
  }

  @Test
  void clusterNamePrecedenceAndLogUriFollowIt() {
    ClusterConfiguration named = groups().withClusterName("from-config");
    assertThat(RunJobFlowRequests.from(profile(), named, "", Map.of()).name())
        .isEqualTo("from-config");
    assertThat(RunJobFlowRequests.from(profile(), named, null, Map.of()).logUri())
        .isEqualTo("s3://my-logs/elasticmapreduce/from-config/");
    assertThat(RunJobFlowRequests.from(profile(), named, "explicit", Map.of()).name())
        .isEqualTo("explicit");
    assertThat(RunJobFlowRequests.from(profile(), groups(), " ", Map.of()).name())
        .isEqualTo("spark-groups");
  }

  @Test
  void invalidProfileAndConfigurationAreReportedTogetherWithPrefixes() {
    EmrProfile badProfile = profile().withMasterSecurityGroup("not-a-group");
    ClusterConfiguration badConfig = groups().withEbsRootVolumeSize(500);
    assertThatThrownBy(() -> RunJobFlowRequests.from(badProfile, badConfig, "c", Map.of()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(io.emrlaunch.core.validation.Problem::path)
                    .containsExactly(
                        "configuration.ebsRootVolumeSize", "profile.masterSecurityGroup"));
  }
}
