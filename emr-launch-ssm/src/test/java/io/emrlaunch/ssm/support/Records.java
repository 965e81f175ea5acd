package io.emrlaunch.ssm.support;

import io.emrlaunch.core.model.ApplicationConfiguration;
import io.emrlaunch.core.model.BootstrapAction;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import java.util.Map;

/** Valid records of every kind for the repository tests. */
public final class Records {
  public static final String ACCOUNT = "123456789012";

  private Records() {}

  public static EmrProfile profile(String namespace, String name) {
    return EmrProfile.builder()
        .namespace(namespace)
        .name(name)
        .description("profile " + name)
        .serviceRole("arn:aws:iam::" + ACCOUNT + ":role/" + name + "-ServiceRole")
        .instanceRole("arn:aws:iam::" + ACCOUNT + ":role/" + name + "-InstanceRole")
        .autoScalingRole("arn:aws:iam::" + ACCOUNT + ":role/" + name + "-AutoScalingRole")
        .masterSecurityGroup("sg-0123456789abcdef0")
        .workersSecurityGroup("sg-0123456789abcdef1")
        .serviceAccessSecurityGroup("sg-0123456789abcdef2")
        .securityConfigurationName(name + "-sc")
        .logsBucket("my-logs")
        .build();
  }

  public static ClusterConfiguration configuration(String namespace, String name) {
    return ClusterConfiguration.builder()
        .namespace(namespace)
        .name(name)
        .releaseLabel("emr-7.5.0")
        .addApplications("Hadoop", "Spark")
        .addBootstrapActions(BootstrapAction.of("deps", "s3://code/bootstrap.sh", "--fast"))
        .addConfigurations(
            ApplicationConfiguration.of("spark-defaults", Map.of("spark.executor.memory", "4G")))
        .instances(
            ClusterInstances.builder()
                .masterGroup(InstanceGroupConfig.of("Master", "m5.xlarge", 1))
                .coreGroup(InstanceGroupConfig.of("Core", "m5.2xlarge", 2))
                .ec2SubnetId("subnet-0abc")
                .build())
        .putTags("team", "data")
        .build();
  }

  /**
   * A configuration whose stored form is about {@code approxBytes} long (padding in properties).
   */
  public static ClusterConfiguration bigConfiguration(
      String namespace, String name, int approxBytes) {
    ClusterConfiguration base = configuration(namespace, name);
    int base64 = approxBytes - 1200;
    StringBuilder pad = new StringBuilder();
    for (int i = 0; pad.length() < base64; i++) {
      pad.append("abcdefghij");
    }
    return ClusterConfiguration.builder()
        .from(base)
        .addConfigurations(
            ApplicationConfiguration.of("hadoop-env", Map.of("PADDING", pad.toString())))
        .build();
  }

  public static LaunchFunction launchFunction(String namespace, String name) {
    return LaunchFunction.builder()
        .namespace(namespace)
        .name(name)
        .description("nightly etl")
        .profile(RecordRef.of(namespace, "analytics"))
        .configuration(RecordRef.of(namespace, "spark-small"))
        .clusterName("nightly-etl")
        .putClusterTags("team", "data")
        .build();
  }
}
