package io.emrlaunch.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.json.EmrLaunchFormat;
import io.emrlaunch.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

class ModelSkeletonTest {

  static ClusterConfiguration groups() {
    return ClusterConfiguration.builder()
        .name("spark-small")
        .releaseLabel("emr-7.5.0")
        .addApplications("Hadoop", "Spark")
        .instances(
            ClusterInstances.builder()
                .masterGroup(InstanceGroupConfig.of("Master", "m5.xlarge", 1))
                .coreGroup(InstanceGroupConfig.of("Core", "m5.2xlarge", 2))
                .ec2SubnetId("subnet-0abc")
                .build())
        .build();
  }

  @Test
  void configurationRoundTripsInOwnFormat() {
    EmrLaunchFormat<ClusterConfiguration> format = EmrLaunchFormat.of(ClusterConfiguration.class);
    ClusterConfiguration config = groups();
    assertThat(format.read(format.write(config))).isEqualTo(config);
  }

  @Test
  void configurationReportsEveryProblemWithPath() {
    ClusterConfiguration bad =
        groups()
            .withReleaseLabel("7.5")
            .withStepConcurrencyLevel(0)
            .withInstances(
                ClusterInstances.builder()
                    .masterGroup(InstanceGroupConfig.of("Master", "m5.xlarge", 2))
                    .coreGroup(InstanceGroupConfig.of("Core", "m5.xlarge", -1))
                    .build());
    assertThatThrownBy(bad::validate)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("releaseLabel: must be an EMR release label")
        .hasMessageContaining("stepConcurrencyLevel: must be between 1 and 256 (was 0)")
        .hasMessageContaining("instances.masterGroup.instanceCount: must be 1 or 3 (was 2)")
        .hasMessageContaining("instances.coreGroup.instanceCount: must be >= 0 (was -1)");
  }

  @Test
  void profileAndLaunchFunctionRoundTrip() {
    EmrProfile profile =
        EmrProfile.builder()
            .name("analytics")
            .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
            .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
            .logsBucket("logs")
            .build();
    assertThat(
            EmrLaunchFormat.of(EmrProfile.class)
                .read(EmrLaunchFormat.of(EmrProfile.class).write(profile)))
        .isEqualTo(profile);
    LaunchFunction function =
        LaunchFunction.builder()
            .name("nightly")
            .profile(profile.ref())
            .configuration(groups().ref())
            .clusterName("nightly")
            .putClusterTags("team", "data")
            .build();
    EmrLaunchFormat<LaunchFunction> f = EmrLaunchFormat.of(LaunchFunction.class);
    assertThat(f.read(f.write(function))).isEqualTo(function);
    assertThat(f.write(function)).contains("\"profile\":\"default/analytics\"");
  }
}
