package io.emrlaunch.benchmarks.coldstart;

import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.launch.LaunchWait;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.PresetOptions;
import java.lang.management.ManagementFactory;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * What a short-lived process does: the {@code main} of a fresh JVM that builds an EMR client and
 * launches one cluster, either through {@link ClusterLauncher} (profile, preset configuration,
 * validation, idempotency) or with one bare SDK {@code RunJobFlow} call carrying the same cluster.
 * Run by {@link ColdStartBenchmark}; prints the JVM's start time and the time {@code main} began,
 * both in epoch milliseconds, so the driver can split JVM boot from our work.
 *
 * <p>Arguments: {@code ours|sdk netty|crt http://127.0.0.1:PORT}.
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  /**
   * Launches one cluster against the endpoint and exits.
   *
   * @param args side, HTTP client and endpoint
   */
  public static void main(String[] args) throws Exception {
    long mainAt = System.currentTimeMillis();
    String side = args[0];
    SdkAsyncHttpClient http =
        "crt".equals(args[1]) ? AwsCrtAsyncHttpClient.create() : NettyNioAsyncHttpClient.create();
    try (EmrAsyncClient emr =
        EmrAsyncClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(args[2]))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .httpClient(http)
            .build()) {
      if ("ours".equals(side)) {
        launchThroughLauncher(emr);
      } else {
        launchWithSdk(emr);
      }
    } finally {
      http.close();
    }
    System.out.println(
        "probe jvmStart="
            + ManagementFactory.getRuntimeMXBean().getStartTime()
            + " main="
            + mainAt);
    System.out.flush();
    // Netty and CRT keep non-daemon threads for a while; the measurement is over.
    System.exit(0);
  }

  private static void launchThroughLauncher(EmrAsyncClient emr) {
    EmrProfile profile =
        EmrProfile.builder()
            .name("analytics")
            .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
            .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
            .logsBucket("my-emr-logs")
            .build();
    ClusterConfiguration configuration =
        ClusterPresets.instanceGroups(PresetOptions.of("spark-small", "subnet-0abc"));
    try (ClusterLauncher launcher = ClusterLauncher.builder().emr(emr).build()) {
      launcher
          .launch(
              r ->
                  r.profile(profile)
                      .configuration(configuration)
                      .clusterName("cold-start")
                      .waitFor(LaunchWait.NONE))
          .join();
    }
  }

  private static void launchWithSdk(EmrAsyncClient emr) {
    emr.runJobFlow(
            RunJobFlowRequest.builder()
                .name("cold-start")
                .releaseLabel("emr-7.5.0")
                .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
                .jobFlowRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
                .logUri("s3://my-emr-logs/elasticmapreduce/")
                .applications(Application.builder().name("Spark").build())
                .instances(
                    JobFlowInstancesConfig.builder()
                        .ec2SubnetId("subnet-0abc")
                        .keepJobFlowAliveWhenNoSteps(true)
                        .instanceGroups(
                            InstanceGroupConfig.builder()
                                .instanceRole(InstanceRoleType.MASTER)
                                .instanceType("m5.xlarge")
                                .instanceCount(1)
                                .build(),
                            InstanceGroupConfig.builder()
                                .instanceRole(InstanceRoleType.CORE)
                                .instanceType("m5.2xlarge")
                                .instanceCount(2)
                                .build())
                        .build())
                .visibleToAllUsers(true)
                .build())
        .join();
  }
}
