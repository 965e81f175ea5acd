package io.emrlaunch.core.launch;

import static io.emrlaunch.core.launch.LaunchWithSecretsTest.AD_PW;
import static io.emrlaunch.core.launch.LaunchWithSecretsTest.CROSS_PW;
import static io.emrlaunch.core.launch.LaunchWithSecretsTest.DB_PW;
import static io.emrlaunch.core.launch.LaunchWithSecretsTest.DROPPED;
import static io.emrlaunch.core.launch.LaunchWithSecretsTest.KDC_PW;
import static io.emrlaunch.core.launch.LaunchWithSecretsTest.SPARK_SECRET;
import static io.emrlaunch.core.launch.LaunchWithSecretsTest.assertNoSecretIn;
import static io.emrlaunch.core.launch.LaunchWithSecretsTest.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.testing.RecordingLogs;
import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.Configuration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;

/**
 * Issue 14, D11 over HTTP: the launcher reads moto's Secrets Manager and moto's EMR receives the
 * Kerberos attributes and the merged secret configurations (moto 5.2.1 keeps both and returns them
 * from DescribeCluster, so that is where the test reads what EMR received).
 */
@MotoTest
class LaunchWithSecretsMotoTest {

  static ClusterLauncher launcher(EmrAsyncClient emr, SecretsManagerAsyncClient secrets) {
    return ClusterLauncher.builder()
        .emr(emr)
        .secretsManager(secrets)
        .cadence(
            MonitorCadence.builder()
                .startupPeriod(Duration.ofMillis(200))
                .activePeriod(Duration.ofMillis(200))
                .build())
        .build();
  }

  static String create(SecretsManagerAsyncClient sm, String name, String json) {
    return sm.createSecret(r -> r.name(name).secretString(json)).join().arn();
  }

  @Test
  void kerberosAndSecretConfigurationsReachMotosEmrAndNothingElse(
      MotoServer moto, EmrAsyncClient emr) throws Exception {
    RecordingLogs.clear();
    LaunchWithSecretsTest.Recorder recorder = new LaunchWithSecretsTest.Recorder();
    try (SecretsManagerAsyncClient sm =
            moto.configure(SecretsManagerAsyncClient.builder()).build();
        ClusterLauncher launcher = launcher(emr, sm)) {
      String kdc =
          create(
              sm,
              "emr/kdc",
              "{\"Realm\":\"EC2.INTERNAL\",\"KdcAdminPassword\":\""
                  + KDC_PW
                  + "\",\"ADDomainJoinUser\":\"joiner\",\"ADDomainJoinPassword\":\""
                  + AD_PW
                  + "\",\"CrossRealmTrustPrincipalPassword\":\""
                  + CROSS_PW
                  + "\",\"Extra\":\""
                  + DROPPED
                  + "\"}");
      Map<String, String> secretConfigurations = new LinkedHashMap<>();
      secretConfigurations.put(
          "spark-defaults",
          create(sm, "emr/spark", "{\"spark.authenticate.secret\":\"" + SPARK_SECRET + "\"}"));
      secretConfigurations.put(
          "hive-site",
          create(sm, "emr/hive", "{\"javax.jdo.option.ConnectionPassword\":\"" + DB_PW + "\"}"));
      EmrProfile profile = RunJobFlowRequestsTest.profile().withKerberosAttributesSecretArn(kdc);

      LaunchedCluster cluster =
          launcher
              .launch(
                  r ->
                      r.profile(profile)
                          .configuration(
                              ClusterLauncherTest.persistent()
                                  .withSecretConfigurations(secretConfigurations))
                          .clusterName("moto-kerberized")
                          .addListeners(recorder)
                          .waitFor(LaunchWait.WAITING)
                          .timeout(Duration.ofSeconds(30)))
              .get(60, TimeUnit.SECONDS);
      assertThat(cluster.snapshot().orElseThrow().state()).contains(ClusterState.WAITING);

      Cluster received =
          emr.describeCluster(r -> r.clusterId(cluster.clusterId())).join().cluster();
      assertThat(received.kerberosAttributes().realm()).isEqualTo("EC2.INTERNAL");
      assertThat(received.kerberosAttributes().kdcAdminPassword()).isEqualTo(KDC_PW);
      assertThat(received.kerberosAttributes().adDomainJoinUser()).isEqualTo("joiner");
      assertThat(received.kerberosAttributes().adDomainJoinPassword()).isEqualTo(AD_PW);
      assertThat(received.kerberosAttributes().crossRealmTrustPrincipalPassword())
          .isEqualTo(CROSS_PW);
      Map<String, Configuration> byClass = new LinkedHashMap<>();
      received.configurations().forEach(c -> byClass.put(c.classification(), c));
      assertThat(byClass.get("spark-defaults").properties())
          .containsEntry("spark.executor.memory", "16G")
          .containsEntry("spark.authenticate.secret", SPARK_SECRET);
      assertThat(byClass.get("hive-site").properties())
          .containsEntry("javax.jdo.option.ConnectionPassword", DB_PW);
      assertThat(received.toString()).doesNotContain(DROPPED);

      assertThat(RecordingLogs.lines())
          .anyMatch(l -> l.contains("reading 3 secret(s) for cluster moto-kerberized"));
      assertNoSecretIn("the log", RecordingLogs.lines());
      assertThat(recorder.events).anyMatch(e -> e.startsWith("completed"));
      assertNoSecretIn("listener events", recorder.events);
      assertNoSecretIn("LaunchedCluster.toString", cluster);
    }
  }

  @Test
  void aSecretMotoDoesNotHaveFailsTypedAndCreatesNoCluster(MotoServer moto, EmrAsyncClient emr) {
    try (SecretsManagerAsyncClient sm =
            moto.configure(SecretsManagerAsyncClient.builder()).build();
        ClusterLauncher launcher = launcher(emr, sm)) {
      String missing = "arn:aws:secretsmanager:us-east-1:123456789012:secret:emr/none-AbCdEf";
      assertThatThrownBy(
              () ->
                  launcher
                      .launch(
                          r ->
                              r.profile(
                                      RunJobFlowRequestsTest.profile()
                                          .withKerberosAttributesSecretArn(missing))
                                  .configuration(ClusterLauncherTest.persistent())
                                  .clusterName("moto-no-secret"))
                      .get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .satisfies(e -> assertNoSecretIn("the exception", describe(e)))
          .cause()
          .isInstanceOf(SecretNotFoundException.class)
          .hasMessageContaining("profile.kerberosAttributesSecretArn");
      assertThat(emr.listClusters(r -> {}).join().clusters()).isEmpty();
    }
  }
}
