package io.emrlaunch.stepfunctions.emr;

import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.OverrideType;
import io.emrlaunch.core.model.PresetOptions;
import io.emrlaunch.core.model.RecordRef;

/** A profile, a configuration and a launch function as a team would define them. */
final class LaunchFunctionFixtures {
  private LaunchFunctionFixtures() {}

  static EmrProfile profile() {
    return EmrProfile.builder()
        .name("etl-profile")
        .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole_V2")
        .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
        .autoScalingRole("arn:aws:iam::123456789012:role/EMR_AutoScaling_DefaultRole")
        .masterSecurityGroup("sg-0a1b2c3d")
        .workersSecurityGroup("sg-0b2c3d4e")
        .serviceAccessSecurityGroup("sg-0c3d4e5f")
        .securityConfigurationName("etl-security")
        .logsBucket("etl-logs")
        .build();
  }

  static ClusterConfiguration configuration() {
    ClusterConfiguration c =
        ClusterPresets.instanceGroups(PresetOptions.of("etl-config", "subnet-0abc"));
    return c.withTags(java.util.Map.of("team", "data", "cost-center", "cfg"))
        .withAllowedOverrides(
            AllowedOverride.builder()
                .name("ClusterName")
                .path("clusterName")
                .type(OverrideType.STRING)
                .build(),
            AllowedOverride.builder()
                .name("CoreInstanceCount")
                .path("instances.coreGroup.instanceCount")
                .type(OverrideType.INTEGER)
                .minimum(1.0)
                .maximum(20.0)
                .build(),
            AllowedOverride.builder()
                .name("CoreInstanceType")
                .path("instances.coreGroup.instanceType")
                .addAllowedValues("m5.xlarge", "m5.2xlarge")
                .build());
  }

  static LaunchFunction function() {
    return LaunchFunction.builder()
        .name("nightly-etl")
        .profile(RecordRef.of("default", "etl-profile"))
        .configuration(RecordRef.of("default", "etl-config"))
        .clusterName("nightly-etl")
        .putClusterTags("cost-center", "fn")
        .putClusterTags("owner", "pipelines")
        .defaultFailIfClusterRunning(true)
        .build();
  }
}
