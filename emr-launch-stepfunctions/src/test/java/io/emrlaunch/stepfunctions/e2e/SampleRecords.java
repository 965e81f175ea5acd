package io.emrlaunch.stepfunctions.e2e;

import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ApplicationConfiguration;
import io.emrlaunch.core.model.BootstrapAction;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.OverrideType;
import java.util.Map;

/**
 * The records of the end-to-end tests: a profile whose every reference {@link LaunchFixtures} makes
 * real in moto, a configuration, and a launch function with a bounded allow-list. Tag keys are
 * chosen so that each layer (configuration, launch function, run time) overwrites one key of the
 * layer below.
 */
public final class SampleRecords {
  /** moto's account. */
  public static final String ACCOUNT = "123456789012";

  /** The records' namespace. */
  public static final String NAMESPACE = "e2e";

  /** The launch function's cluster name. */
  public static final String CLUSTER_NAME = "nightly-etl";

  private SampleRecords() {}

  /**
   * The security half: roles, security groups, security configuration, logs.
   *
   * @return the profile
   */
  public static EmrProfile profile() {
    return EmrProfile.builder()
        .namespace(NAMESPACE)
        .name("analytics")
        .description("e2e profile")
        .serviceRole("arn:aws:iam::" + ACCOUNT + ":role/e2e-EMR_ServiceRole")
        .instanceRole("arn:aws:iam::" + ACCOUNT + ":role/e2e-EMR_EC2_Role")
        .autoScalingRole("arn:aws:iam::" + ACCOUNT + ":role/e2e-EMR_AutoScaling_Role")
        .masterSecurityGroup("sg-0a1b2c3d4e5f60001")
        .workersSecurityGroup("sg-0a1b2c3d4e5f60002")
        .serviceAccessSecurityGroup("sg-0a1b2c3d4e5f60003")
        .securityConfigurationName("e2e-security")
        .logsBucket("e2e-emr-logs")
        .logsPrefix("clusters/")
        .build();
  }

  /**
   * The resource half: release, applications, a bootstrap action, Spark settings, master and core
   * groups, tags {@code team}, {@code env}, {@code owner}.
   *
   * @return the configuration
   */
  public static ClusterConfiguration configuration() {
    return ClusterConfiguration.builder()
        .namespace(NAMESPACE)
        .name("spark-small")
        .releaseLabel("emr-7.5.0")
        .addApplications("Hadoop", "Spark", "Hive")
        .addBootstrapActions(BootstrapAction.of("deps", "s3://e2e-code/bootstrap.sh", "--fast"))
        .addConfigurations(
            ApplicationConfiguration.of("spark-defaults", Map.of("spark.executor.memory", "4G")))
        .instances(
            ClusterInstances.builder()
                .masterGroup(InstanceGroupConfig.of("Master", "m5.xlarge", 1))
                .coreGroup(InstanceGroupConfig.of("Core", "m5.2xlarge", 2))
                .ec2SubnetId("subnet-0e2e0000000000001")
                .build())
        .putTags("team", "data")
        .putTags("env", "from-configuration")
        .putTags("owner", "from-configuration")
        .build();
  }

  /**
   * The launch function: the two records above, {@value #CLUSTER_NAME}, tags {@code env} and {@code
   * owner} (over the configuration's), and its own allow-list: {@code ClusterName}, {@code
   * CoreInstanceCount} in [1, 10], {@code CoreInstanceType} in {m5.2xlarge, r5.2xlarge}.
   *
   * @return the launch function
   */
  public static LaunchFunction launchFunction() {
    return LaunchFunction.builder()
        .namespace(NAMESPACE)
        .name("nightly")
        .profile(profile().ref())
        .configuration(configuration().ref())
        .clusterName(CLUSTER_NAME)
        .putClusterTags("env", "from-function")
        .putClusterTags("owner", "from-function")
        .addAllowedOverrides(
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
                .maximum(10.0)
                .build(),
            AllowedOverride.builder()
                .name("CoreInstanceType")
                .path("instances.coreGroup.instanceType")
                .type(OverrideType.STRING)
                .addAllowedValues("m5.2xlarge", "r5.2xlarge")
                .build())
        .build();
  }
}
