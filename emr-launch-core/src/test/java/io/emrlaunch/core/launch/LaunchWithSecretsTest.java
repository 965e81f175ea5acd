package io.emrlaunch.core.launch;

import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.failure;
import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.prepared;
import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.testing.RecordingLogs;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.Configuration;
import software.amazon.awssdk.services.emr.model.KerberosAttributes;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * Issue 14, D11: a Kerberos profile and a configuration with secret configurations launch through
 * {@code ClusterLauncher}; the secret values reach the request EMR receives and nothing else (logs,
 * listener events, exceptions, {@code toString()}).
 */
class LaunchWithSecretsTest {
  static final String KDC_PW = "kdc-Adm1n-pw-7781";
  static final String AD_PW = "ad-J0in-pw-5512";
  static final String CROSS_PW = "cr0ss-Realm-pw-9034";
  static final String DB_PW = "hive-Db-pw-2290";
  static final String SPARK_SECRET = "spark-Auth-s3cret-6650";
  static final String DROPPED = "dropped-Extra-v4lue";
  static final List<String> VALUES = List.of(KDC_PW, AD_PW, CROSS_PW, DB_PW, SPARK_SECRET, DROPPED);

  /** Every argument of every listener call, as text. */
  static final class Recorder implements LaunchListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void launchStarted(String clusterName, String launchToken) {
      events.add("started " + clusterName + " " + launchToken);
    }

    @Override
    public void clusterCreated(LaunchedCluster cluster, Duration sinceLaunch) {
      events.add("created " + cluster);
    }

    @Override
    public void launchCompleted(LaunchedCluster cluster, Duration sinceLaunch) {
      events.add("completed " + cluster + " " + cluster.snapshot());
    }

    @Override
    public void launchFailed(String clusterName, String clusterId, Throwable error) {
      events.add("failed " + clusterName + " " + clusterId + " " + describe(error));
    }

    @Override
    public void orphanTerminated(String clusterId, String why) {
      events.add("orphan " + clusterId + " " + why);
    }

    @Override
    public void clusterChanged(ClusterSnapshot previous, ClusterSnapshot current) {
      events.add("changed " + previous + " " + current);
    }

    @Override
    public void polled(String operation, boolean throttled) {
      events.add("polled " + operation);
    }
  }

  /** An exception's text as a user would see it: every message and toString down the chain. */
  static String describe(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c).append(" | ").append(c.getMessage()).append(" | ");
      for (Throwable s : c.getSuppressed()) {
        b.append(s).append(" | ");
      }
    }
    return b.toString();
  }

  static void assertNoSecretIn(String surface, Object text) {
    String s = String.valueOf(text);
    for (String v : VALUES) {
      assertThat(s).as("%s must not show a secret value", surface).doesNotContain(v);
    }
  }

  final FakeAws aws = prepared(FakeAws.builder().seed(14).build());
  final Recorder recorder = new Recorder();

  String kerberosSecret() {
    return aws.secretsManagerBackend()
        .putSecretString(
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
  }

  EmrProfile kerberized(String arn) {
    return RunJobFlowRequestsTest.profile().withKerberosAttributesSecretArn(arn);
  }

  ClusterConfiguration withSecrets(Map<String, String> secretConfigurations) {
    return ClusterLauncherTest.persistent().withSecretConfigurations(secretConfigurations);
  }

  Map<String, String> configurationSecrets() {
    String hive =
        aws.secretsManagerBackend()
            .putSecretString(
                "emr/hive", "{\"javax.jdo.option.ConnectionPassword\":\"" + DB_PW + "\"}");
    String spark =
        aws.secretsManagerBackend()
            .putSecretString(
                "emr/spark", "{\"spark.authenticate.secret\":\"" + SPARK_SECRET + "\"}");
    Map<String, String> m = new LinkedHashMap<>();
    m.put("spark-defaults", spark); // merged into the configuration's own spark-defaults
    m.put("hive-site", hive); // a classification the configuration does not have: appended
    return m;
  }

  ClusterLauncher launcher(boolean withSecretsManager) {
    ClusterLauncherBuilder b =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .listener(recorder);
    if (withSecretsManager) {
      b.secretsManager(aws.secretsManagerAsync());
    }
    return b.build();
  }

  @Test
  void kerberosProfileAndSecretConfigurationsReachEmrAndNothingElse() {
    RecordingLogs.clear();
    EmrProfile profile = kerberized(kerberosSecret());
    ClusterConfiguration config = withSecrets(configurationSecrets());
    Recorder perRequest = new Recorder();
    LaunchRequest request =
        LaunchRequest.builder()
            .profile(profile)
            .configuration(config)
            .clusterName("kerberized-etl")
            .waitFor(LaunchWait.WAITING)
            .addListeners(perRequest)
            .build();
    ClusterLauncher launcher = launcher(true);

    var f = launcher.launch(request);
    LaunchedCluster cluster = aws.time().runUntil(f, Duration.ofHours(1)).join();
    assertThat(cluster.snapshot().orElseThrow().state()).contains(ClusterState.WAITING);

    // What EMR received: the five Kerberos attributes, secret properties merged by classification.
    List<RunJobFlowRequest> sent =
        aws.calls().requests(FakeAws.EMR, "RunJobFlow", RunJobFlowRequest.class);
    assertThat(sent).hasSize(1);
    KerberosAttributes k = sent.get(0).kerberosAttributes();
    assertThat(k.realm()).isEqualTo("EC2.INTERNAL");
    assertThat(k.kdcAdminPassword()).isEqualTo(KDC_PW);
    assertThat(k.adDomainJoinUser()).isEqualTo("joiner");
    assertThat(k.adDomainJoinPassword()).isEqualTo(AD_PW);
    assertThat(k.crossRealmTrustPrincipalPassword()).isEqualTo(CROSS_PW);
    assertThat(k.toString()).doesNotContain(DROPPED);
    Map<String, Configuration> byClass = new LinkedHashMap<>();
    sent.get(0).configurations().forEach(c -> byClass.put(c.classification(), c));
    assertThat(byClass.get("spark-defaults").properties())
        .containsEntry("spark.executor.memory", "16G")
        .containsEntry("spark.authenticate.secret", SPARK_SECRET);
    assertThat(byClass.get("hive-site").properties())
        .containsExactlyEntriesOf(Map.of("javax.jdo.option.ConnectionPassword", DB_PW));
    assertThat(
            aws.emr()
                .describeCluster(r -> r.clusterId(cluster.clusterId()))
                .cluster()
                .kerberosAttributes()
                .kdcAdminPassword())
        .isEqualTo(KDC_PW);
    assertThat(aws.calls().count(FakeAws.SECRETS_MANAGER, "GetSecretValue")).isEqualTo(3);

    // ... and nowhere else.
    assertThat(RecordingLogs.lines())
        .anyMatch(l -> l.contains("reading 3 secret(s) for cluster kerberized-etl"))
        .anyMatch(l -> l.contains("launched: WAITING"));
    assertNoSecretIn("the log", RecordingLogs.lines());
    assertThat(recorder.events).anyMatch(e -> e.startsWith("completed"));
    assertThat(perRequest.events).anyMatch(e -> e.startsWith("changed"));
    assertNoSecretIn("launcher listener events", recorder.events);
    assertNoSecretIn("request listener events", perRequest.events);
    assertNoSecretIn("LaunchedCluster.toString", cluster);
    assertNoSecretIn("LaunchRequest.toString", request);
    assertNoSecretIn("EmrProfile.toString", profile);
    assertNoSecretIn("ClusterConfiguration.toString", config);
    assertNoSecretIn(
        "the request ClusterLauncher.runJobFlowRequest shows",
        ClusterLauncher.runJobFlowRequest(request, "t"));
  }

  @Test
  void theSecretsAreReadOnceEvenWhenRunJobFlowIsRetried() {
    aws.faults().on(FakeAws.EMR, "RunJobFlow").next(1).loseResponse();
    EmrProfile profile = kerberized(kerberosSecret());
    var f =
        launcher(true)
            .launch(
                r ->
                    r.profile(profile)
                        .configuration(withSecrets(configurationSecrets()))
                        .clusterName("retried"));
    aws.time().runUntil(f, Duration.ofHours(1)).join();
    assertThat(aws.emrBackend().clusterCount()).isEqualTo(1);
    assertThat(aws.calls().count(FakeAws.SECRETS_MANAGER, "GetSecretValue")).isEqualTo(3);
  }

  @Test
  void withoutSecretsManagerClientTheLaunchIsInvalidAndNothingIsCalled() {
    EmrProfile profile = kerberized(kerberosSecret());
    ClusterConfiguration config = withSecrets(configurationSecrets());
    aws.calls().reset();
    var f = launcher(false).launch(r -> r.profile(profile).configuration(config));
    ValidationException e = (ValidationException) failure(f);
    assertThat(e.problems())
        .extracting(Problem::path)
        .containsExactlyInAnyOrder(
            "profile.kerberosAttributesSecretArn",
            "configuration.secretConfigurations.spark-defaults",
            "configuration.secretConfigurations.hive-site");
    assertThat(e.getMessage()).contains("secretsManager(");
    assertThat(aws.calls().total()).isZero();

    // the same inputs without secrets need no client
    var plain =
        launcher(false)
            .launch(
                r ->
                    r.profile(RunJobFlowRequestsTest.profile())
                        .configuration(ClusterLauncherTest.persistent()));
    aws.time().runUntil(plain, Duration.ofHours(1)).join();
    assertThat(aws.calls().count(FakeAws.SECRETS_MANAGER)).isZero();
  }

  @Test
  void aMissingSecretFailsTypedBeforeRunJobFlow() {
    RecordingLogs.clear();
    String missing = "arn:aws:secretsmanager:us-east-1:123456789012:secret:emr/none-AbCdEf";
    var f =
        launcher(true)
            .launch(
                r ->
                    r.profile(kerberized(missing))
                        .configuration(withSecrets(configurationSecrets()))
                        .clusterName("no-secret"));
    aws.time().runUntil(f, Duration.ofHours(1));
    Throwable e = failure(f);
    assertThat(e)
        .isInstanceOf(SecretNotFoundException.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("profile.kerberosAttributesSecretArn");
    assertThat(((SecretNotFoundException) e).secretId()).isEqualTo(missing);
    assertThat(aws.calls().count(FakeAws.EMR, "RunJobFlow")).isZero();
    assertThat(aws.emrBackend().clusterCount()).isZero();
    assertThat(recorder.events).anyMatch(ev -> ev.startsWith("failed no-secret null"));
    assertNoSecretIn("the exception", describe(e));
    assertNoSecretIn("listener events", recorder.events);
    assertNoSecretIn("the log", RecordingLogs.lines());
  }

  @Test
  void undecryptableAndMalformedSecretsFailTypedAndNeverEchoTheValue() {
    RecordingLogs.clear();
    List<Throwable> failures = new ArrayList<>();
    String locked = aws.secretsManagerBackend().putSecretString("emr/locked", "{\"a\":\"b\"}");
    aws.secretsManagerBackend().failDecryption(locked);
    String notJson =
        aws.secretsManagerBackend().putSecretString("emr/raw", "password=" + DB_PW + " {");
    String notText =
        aws.secretsManagerBackend().putSecretString("emr/list", "[\"" + SPARK_SECRET + "\"]");
    for (String arn : List.of(locked, notJson, notText)) {
      var f =
          launcher(true)
              .launch(
                  r ->
                      r.profile(RunJobFlowRequestsTest.profile())
                          .configuration(withSecrets(Map.of("hive-site", arn)))
                          .clusterName("bad-secret"));
      aws.time().runUntil(f, Duration.ofHours(1));
      failures.add(failure(f));
    }
    assertThat(failures)
        .allSatisfy(
            e ->
                assertThat(e)
                    .isInstanceOf(SecretDecryptionFailureException.class)
                    .hasMessageContaining("configuration.secretConfigurations.hive-site"));
    assertThat(aws.calls().count(FakeAws.EMR, "RunJobFlow")).isZero();
    for (Throwable e : failures) {
      assertNoSecretIn("the exception", describe(e));
    }
    assertNoSecretIn("listener events", recorder.events);
    assertNoSecretIn("the log", RecordingLogs.lines());
  }
}
