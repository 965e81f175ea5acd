package io.emrlaunch.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ApplicationConfiguration;
import io.emrlaunch.core.model.AutoScalingPolicy;
import io.emrlaunch.core.model.BootstrapAction;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EbsConfiguration;
import io.emrlaunch.core.model.EbsVolume;
import io.emrlaunch.core.model.EmrFsRoleMapping;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.FleetLaunchSpecification;
import io.emrlaunch.core.model.InstanceFleetConfig;
import io.emrlaunch.core.model.InstanceTypeConfig;
import io.emrlaunch.core.model.KerberosConfig;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.LocalDiskEncryption;
import io.emrlaunch.core.model.ManagedScalingPolicy;
import io.emrlaunch.core.model.OverrideType;
import io.emrlaunch.core.model.PresetOptions;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.model.S3Encryption;
import io.emrlaunch.core.model.ScaleDownBehavior;
import io.emrlaunch.core.model.SecurityConfiguration;
import io.emrlaunch.core.model.TlsCertificates;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Records as aws-emr-launch writes them (written by hand from inventory §1.7, §2.2, §2.7, §3.5).
 */
class AwsEmrLaunchFormatTest {
  static final String KEY =
      "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555";

  static String resource(String name) throws IOException {
    try (InputStream in =
        AwsEmrLaunchFormatTest.class.getResourceAsStream("/aws-emr-launch/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static JsonNode tree(String json) throws IOException {
    return EmrLaunchJson.newMapper().readTree(json);
  }

  @Test
  void pythonProfileRecordLoadsAndWritesBackIdentically() throws Exception {
    String record = resource("profile-sse-kms.json");
    EmrProfile p = AwsEmrLaunchFormat.profiles().read(record);
    assertThat(p.name()).isEqualTo("sse-kms-profile");
    assertThat(p.namespace()).isEqualTo("default");
    assertThat(p.vpcId()).contains("vpc-0a1b2c3d4e5f67890");
    assertThat(p.mutableSecurityGroups()).isFalse();
    assertThat(p.masterSecurityGroup()).contains("sg-0a1b2c3d4e5f60001");
    assertThat(p.workersSecurityGroup()).contains("sg-0a1b2c3d4e5f60002");
    assertThat(p.serviceAccessSecurityGroup()).contains("sg-0a1b2c3d4e5f60003");
    assertThat(p.serviceRole()).endsWith("role/default_sse-kms-profile-ServiceRole");
    assertThat(p.instanceProfile()).as("derived profile is implied").isEmpty();
    assertThat(p.autoScalingRole()).get().asString().endsWith("AutoScalingRole");
    assertThat(p.logsBucket()).contains("emr-launch-123456789012-eu-west-1-logs");
    assertThat(p.logsPrefix()).isEqualTo("elasticmapreduce/");
    assertThat(p.artifactsPrefix()).isEmpty();
    assertThat(p.kerberosAttributesSecretArn()).get().asString().contains(":secret:");
    assertThat(p.securityConfigurationName())
        .contains("sse-kms-profile-SecurityConfiguration-ABC123");
    SecurityConfiguration sc = p.securityConfiguration().orElseThrow();
    assertThat(sc.s3Encryption()).contains(S3Encryption.sseKms(KEY));
    assertThat(sc.localDiskEncryption()).contains(LocalDiskEncryption.awsKms(KEY, true));
    assertThat(sc.tlsCertificates())
        .contains(
            TlsCertificates.pem("s3://emr-launch-123456789012-eu-west-1-artifacts/certs/emr.zip"));
    assertThat(sc.kerberos()).contains(KerberosConfig.clusterDedicatedKdc(24));
    assertThat(sc.emrFsRoleMappings())
        .containsExactly(
            EmrFsRoleMapping.of(
                "arn:aws:iam::123456789012:role/data-reader",
                EmrFsRoleMapping.IdentifierType.PREFIX,
                "s3://data/raw/"));
    assertThat(p.description()).contains("SSE-KMS profile");
    p.validate();
    assertThat(tree(AwsEmrLaunchFormat.profiles().write(p))).isEqualTo(tree(record));
  }

  @Test
  void pythonConfigurationRecordEqualsThePreset() throws Exception {
    String record = resource("configuration-instance-groups.json");
    ClusterConfiguration c = AwsEmrLaunchFormat.configurations().read(record);
    ClusterConfiguration preset =
        ClusterPresets.instanceGroups(
            PresetOptions.of("basic-instance-group-cluster", "subnet-0a1b2c3d4e5f60001")
                .withReleaseLabel(ClusterPresets.AWS_EMR_LAUNCH_RELEASE));
    assertThat(c).isEqualTo(preset);
    assertThat(tree(AwsEmrLaunchFormat.configurations().write(preset))).isEqualTo(tree(record));
  }

  @Test
  void pythonLaunchFunctionRecordRoundTrips() throws Exception {
    String record = resource("launch-function.json");
    LaunchFunction f = AwsEmrLaunchFormat.launchFunctions().read(record);
    assertThat(f.name()).isEqualTo("launch-basic-cluster");
    assertThat(f.profile()).isEqualTo(RecordRef.of("default", "sse-kms-profile"));
    assertThat(f.configuration()).isEqualTo(RecordRef.of("basic-instance-group-cluster"));
    assertThat(f.clusterName()).isEqualTo("basic-cluster");
    assertThat(f.defaultFailIfClusterRunning()).isTrue();
    assertThat(f.waitForClusterStart()).isTrue();
    assertThat(f.successTopicArn()).contains("arn:aws:sns:eu-west-1:123456789012:launch-success");
    assertThat(f.failureTopicArn()).isEmpty();
    assertThat(f.stateMachineArn()).get().asString().endsWith("default_launch-basic-cluster");
    assertThat(f.clusterTags())
        .containsExactly(
            Map.entry("Key1", "Value1"), Map.entry("deployment:product:name", "aws-emr-launch"));
    assertThat(f.allowedOverrides())
        .containsExactly(
            AllowedOverride.builder().name("ClusterName").path("clusterName").build(),
            AllowedOverride.builder()
                .name("CoreInstanceCount")
                .path("instances.coreGroup.instanceCount")
                .type(OverrideType.INTEGER)
                .minimum(0.0)
                .maximum(10.0)
                .build(),
            AllowedOverride.builder()
                .name("TaskInstanceType")
                .path("instances.taskGroups.0.instanceType")
                .build());
    f.validate();
    assertThat(tree(AwsEmrLaunchFormat.launchFunctions().write(f))).isEqualTo(tree(record));
  }

  static ClusterConfiguration rich() {
    return ClusterConfiguration.builder()
        .namespace("analytics")
        .name("rich")
        .description("every field")
        .clusterName("rich-cluster")
        .releaseLabel("emr-7.5.0")
        .addApplications("Spark", "Trino")
        .addBootstrapActions(BootstrapAction.of("deps", "s3://code/bootstrap.sh", "--fast"))
        .addConfigurations(
            ApplicationConfiguration.builder()
                .classification("spark-env")
                .addConfigurations(
                    ApplicationConfiguration.of("export", Map.of("PYSPARK_PYTHON", "python3")))
                .build())
        .stepConcurrencyLevel(5)
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
                        .targetSpotCapacity(8)
                        .addInstanceTypeConfigs(
                            InstanceTypeConfig.builder()
                                .instanceType("r5.2xlarge")
                                .weightedCapacity(2)
                                .bidPriceAsPercentageOfOnDemandPrice(60.0)
                                .ebsConfiguration(
                                    EbsConfiguration.builder()
                                        .addVolumes(EbsVolume.of("gp3", 200, 2))
                                        .build())
                                .build(),
                            InstanceTypeConfig.builder()
                                .instanceType("r5.4xlarge")
                                .weightedCapacity(4)
                                .build())
                        .launchSpecification(
                            FleetLaunchSpecification.builder()
                                .onDemandAllocationStrategy("lowest-price")
                                .spotAllocationStrategy("price-capacity-optimized")
                                .spotTimeoutMinutes(30)
                                .spotTimeoutAction(
                                    FleetLaunchSpecification.SpotTimeoutAction.SWITCH_TO_ON_DEMAND)
                                .build())
                        .build())
                .addEc2SubnetIds("subnet-a", "subnet-b")
                .ec2KeyName("ops")
                .addAdditionalMasterSecurityGroups("sg-0aaa")
                .terminationProtected(true)
                .build())
        .managedScaling(
            ManagedScalingPolicy.builder()
                .unitType(ManagedScalingPolicy.UnitType.INSTANCE_FLEET_UNITS)
                .minimumCapacityUnits(2)
                .maximumCapacityUnits(40)
                .maximumOnDemandCapacityUnits(10)
                .build())
        .autoTerminationIdleTimeoutSeconds(3600L)
        .customAmiId("ami-0abc")
        .ebsRootVolumeSize(50)
        .ebsRootVolumeIops(4000)
        .ebsRootVolumeThroughput(250)
        .osReleaseLabel("2.0.20240709.1")
        .logEncryptionKmsKeyId(KEY)
        .scaleDownBehavior(ScaleDownBehavior.TERMINATE_AT_TASK_COMPLETION)
        .putTags("team", "data")
        .addAllowedOverrides(
            AllowedOverride.builder()
                .name("CoreSpot")
                .path("instances.coreFleet.targetSpotCapacity")
                .type(OverrideType.INTEGER)
                .minimum(0.0)
                .maximum(64.0)
                .description("spot units")
                .build(),
            AllowedOverride.builder()
                .name("CoreType")
                .path("instances.coreFleet.instanceTypeConfigs.1.instanceType")
                .addAllowedValues("r5.4xlarge", "r6g.4xlarge")
                .build(),
            AllowedOverride.builder()
                .name("IdleTimeout")
                .path("autoTerminationIdleTimeoutSeconds")
                .type(OverrideType.INTEGER)
                .build(),
            AllowedOverride.builder()
                .name("SpotShare")
                .path(
                    "instances.coreFleet.instanceTypeConfigs.0.bidPriceAsPercentageOfOnDemandPrice")
                .type(OverrideType.NUMBER)
                .build(),
            AllowedOverride.builder().name("Key").path("instances.ec2KeyName").build())
        .putSecretConfigurations(
            "hive-site", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:metastore-AbCd")
        .addConfigurationArtifacts(
            io.emrlaunch.core.model.ConfigurationArtifact.of("code", "bootstrap/*"))
        .build();
  }

  @Test
  void everyConfigurationFieldRoundTripsThroughTheAwsFormat() throws Exception {
    ClusterConfiguration c = rich();
    c.validate();
    String written = AwsEmrLaunchFormat.configurations().write(c);
    JsonNode t = tree(written);
    assertThat(t.at("/ClusterConfiguration/Name").asText()).isEqualTo("rich-cluster");
    assertThat(t.at("/ClusterConfiguration/AutoTerminationPolicy/IdleTimeout").asLong())
        .isEqualTo(3600);
    assertThat(t.at("/ClusterConfiguration/OSReleaseLabel").asText()).isEqualTo("2.0.20240709.1");
    assertThat(t.at("/ClusterConfiguration/Tags/0/Key").asText()).isEqualTo("team");
    assertThat(t.at("/OverrideInterfaces/default/CoreSpot/JsonPath").asText())
        .isEqualTo("Instances.InstanceFleets.1.TargetSpotCapacity");
    assertThat(t.at("/OverrideInterfaces/default/CoreSpot/Default").asInt()).isEqualTo(8);
    assertThat(t.at("/OverrideInterfaces/default/CoreSpot/Minimum").asInt()).isZero();
    assertThat(t.at("/OverrideInterfaces/default/IdleTimeout/JsonPath").asText())
        .isEqualTo("AutoTerminationPolicy.IdleTimeout");
    assertThat(t.at("/SecretConfigurations/hive-site").asText()).contains(":secret:metastore");
    assertThat(AwsEmrLaunchFormat.configurations().read(written)).isEqualTo(c);
  }

  @Test
  void everyTypeRoundTripsInOwnFormat() {
    EmrProfile profile =
        AwsEmrLaunchFormat.profiles()
            .read(
                AwsEmrLaunchFormat.profiles()
                    .write(
                        EmrProfile.builder()
                            .name("p")
                            .serviceRole("EMR_DefaultRole")
                            .instanceRole("EMR_EC2_DefaultRole")
                            .instanceProfile("custom-profile")
                            .build()));
    assertThat(profile.instanceProfile()).contains("custom-profile");
    roundTrip(EmrProfile.class, profile);
    roundTrip(ClusterConfiguration.class, rich());
    for (ClusterConfiguration preset :
        java.util.List.of(
            ClusterPresets.instanceGroupsWithAutoScaling(PresetOptions.of("a", "subnet-0abc")),
            ClusterPresets.instanceFleetsWithManagedScaling(
                PresetOptions.of("b", "subnet-0abc")))) {
      roundTrip(ClusterConfiguration.class, preset);
      assertThat(
              AwsEmrLaunchFormat.configurations()
                  .read(AwsEmrLaunchFormat.configurations().write(preset)))
          .isEqualTo(preset);
    }
    roundTrip(
        LaunchFunction.class,
        LaunchFunction.builder()
            .name("f")
            .profile(RecordRef.of("p"))
            .configuration(RecordRef.of("ns", "c"))
            .clusterName("c")
            .successTopicArn("arn:aws:sns:eu-west-1:123456789012:ok")
            .addAllowedOverrides(AllowedOverride.builder().name("N").path("clusterName").build())
            .build());
    roundTrip(
        io.emrlaunch.core.model.SparkJob.class,
        io.emrlaunch.core.model.SparkJob.builder()
            .jobName("j")
            .entryPoint("s3://c/m.py")
            .putNamedArguments("a.b", "c")
            .addSparkPackages("g:a:1")
            .build());
    roundTrip(
        io.emrlaunch.core.model.EmrStep.class,
        io.emrlaunch.core.model.EmrStep.sparkSubmit("s", "s3://c/m.py", "x")
            .withExecutionRoleArn("arn:aws:iam::123456789012:role/r"));
    roundTrip(PresetOptions.class, PresetOptions.of("x", "subnet-0abc"));
    roundTrip(
        SecurityConfiguration.class,
        SecurityConfiguration.builder()
            .s3Encryption(S3Encryption.cseCustom("s3://k/p.jar", "com.example.P"))
            .kerberos(KerberosConfig.externalKdcWithAdIntegration("a", "b", "AD.X", "ad.x"))
            .build());
    AutoScalingPolicy asp =
        ClusterPresets.instanceGroupsWithAutoScaling(PresetOptions.of("a", "subnet-0abc"))
            .instances()
            .taskGroups()
            .get(0)
            .autoScalingPolicy()
            .orElseThrow();
    roundTrip(AutoScalingPolicy.class, asp);
  }

  static <T> void roundTrip(Class<T> type, T value) {
    EmrLaunchFormat<T> f = EmrLaunchFormat.of(type);
    assertThat(f.read(f.write(value))).as(type.getSimpleName()).isEqualTo(value);
  }

  @Test
  void overridesWithoutAPythonCounterpartAreReportedOnWrite() {
    ClusterConfiguration c =
        ClusterPresets.instanceGroups(PresetOptions.of("g", "subnet-0abc"))
            .withAllowedOverrides(
                AllowedOverride.builder().name("Owner").path("tags.Owner").build());
    assertThatThrownBy(() -> AwsEmrLaunchFormat.configurations().write(c))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("allowedOverrides[0].path: has no aws-emr-launch counterpart");
  }

  @Test
  void brokenRecordsNameEveryProblem() {
    assertThatThrownBy(
            () ->
                AwsEmrLaunchFormat.configurations()
                    .read(
                        "{\"ConfigurationName\":\"c\",\"ClusterConfiguration\":{"
                            + "\"Instances\":{\"InstanceGroups\":[{\"InstanceRole\":\"BOSS\",\"InstanceCount\":\"two\"}]}},"
                            + "\"OverrideInterfaces\":{\"default\":{\"X\":{\"JsonPath\":\"Instances.Foo\"}}}}"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::path)
                    .contains(
                        "ClusterConfiguration.Instances.InstanceGroups[0].InstanceCount",
                        "ClusterConfiguration.Instances.InstanceGroups[0].InstanceRole",
                        "ClusterConfiguration.ReleaseLabel",
                        "OverrideInterfaces.default.X.JsonPath"));
    assertThatThrownBy(() -> AwsEmrLaunchFormat.profiles().read("{\"Roles\":{}}"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::path)
                    .containsExactly("ProfileName", "Roles.InstanceRole", "Roles.ServiceRole"));
    assertThatThrownBy(() -> AwsEmrLaunchFormat.launchFunctions().read("[1]"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(
            () ->
                AwsEmrLaunchFormat.launchFunctions()
                    .read("{\"LaunchFunctionName\":\"f\",\"EMRProfile\":\"a/b/c d\"}"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::path)
                    .containsExactly("ClusterConfiguration", "EMRProfile.name"));
  }
}
