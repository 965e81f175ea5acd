package io.emrlaunch.core.model;

/** Small valid inputs shared by model tests. */
final class RunJobFlowRequestsFixture {
  private RunJobFlowRequestsFixture() {}

  static EmrProfile profile() {
    return EmrProfile.builder()
        .name("p")
        .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
        .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
        .logsBucket("logs")
        .build();
  }

  static ClusterConfiguration config() {
    return ClusterConfiguration.builder()
        .name("c")
        .releaseLabel("emr-7.5.0")
        .addApplications("Spark")
        .instances(
            ClusterInstances.builder()
                .masterGroup(InstanceGroupConfig.of("Master", "m5.xlarge", 1))
                .build())
        .build();
  }
}
