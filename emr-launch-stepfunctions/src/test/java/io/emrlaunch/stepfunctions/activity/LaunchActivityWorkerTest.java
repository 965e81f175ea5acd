package io.emrlaunch.stepfunctions.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.ssm.SsmRecordStore;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.e2e.SampleRecords;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import io.emrlaunch.stepfunctions.local.LocalEngine;
import io.emrlaunch.stepfunctions.local.LocalExecution;
import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.Configuration;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.Tag;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Issue 14: launch functions with secrets and no Lambda. The generated machine hands the launch to
 * an activity; {@link LaunchActivityWorker} (over the local engine's activity API) launches with
 * {@code ClusterLauncher} on FakeAws in virtual time. Secret values reach the request EMR receives
 * and never the execution history, the definition, the output or the stored records.
 */
class LaunchActivityWorkerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:emr-launch";
  static final String KDC_PW = "kdc-Adm1n-pw-4471";
  static final String DB_PW = "hive-Db-pw-8812";
  static final List<String> VALUES = List.of(KDC_PW, DB_PW);

  final FakeAws aws = FakeAws.create();
  final LocalEngine engine =
      LocalEngine.builder()
          .clock(aws.clock())
          .scheduler(aws.scheduler())
          .client(aws.emrAsync())
          .client(aws.ssmAsync())
          .build();
  final EngineActivities sfn = new EngineActivities(engine);
  final SsmRecordStore store = SsmRecordStore.builder().client(aws.ssmAsync()).build();
  final ClusterLauncher launcher =
      ClusterLauncher.builder()
          .emr(aws.emrAsync())
          .secretsManager(aws.secretsManagerAsync())
          .scheduler(aws.scheduler())
          .clock(aws.clock())
          .build();
  LaunchActivityWorker worker;

  @AfterEach
  void stopWorker() {
    if (worker != null) {
      aws.time().runUntil(worker.stop(), Duration.ofMinutes(5)).join();
    }
    launcher.close();
  }

  LaunchActivityWorker.Builder workerBuilder() {
    return LaunchActivityWorker.builder()
        .sfn(sfn)
        .activityArn(ACTIVITY)
        .launcher(launcher)
        .store(store)
        .workerName("test-worker")
        .scheduler(aws.scheduler())
        .clock(aws.clock());
  }

  /** Saves the sample records with a Kerberos secret and a hive-site secret configuration. */
  LaunchFunction saveRecords(boolean kerberosSecretExists) {
    String kdc =
        kerberosSecretExists
            ? aws.secretsManagerBackend()
                .putSecretString(
                    "emr/kdc",
                    "{\"Realm\":\"EC2.INTERNAL\",\"KdcAdminPassword\":\"" + KDC_PW + "\"}")
            : "arn:aws:secretsmanager:us-east-1:123456789012:secret:emr/none-AbCdEf";
    String hive =
        aws.secretsManagerBackend()
            .putSecretString(
                "emr/hive", "{\"javax.jdo.option.ConnectionPassword\":\"" + DB_PW + "\"}");
    EmrProfile profile = SampleRecords.profile().withKerberosAttributesSecretArn(kdc);
    ClusterConfiguration configuration =
        SampleRecords.configuration().withSecretConfigurations(Map.of("hive-site", hive));
    LaunchFunction function = SampleRecords.launchFunction();
    aws.time().runUntil(store.profiles().save(profile), Duration.ofMinutes(1)).join();
    aws.time().runUntil(store.configurations().save(configuration), Duration.ofMinutes(1)).join();
    aws.time().runUntil(store.launchFunctions().save(function), Duration.ofMinutes(1)).join();
    aws.emr()
        .createSecurityConfiguration(
            r ->
                r.name(profile.securityConfigurationName().orElseThrow())
                    .securityConfiguration("{}"));
    return function;
  }

  StateMachine machine(LaunchFunction function, Duration heartbeat) {
    return LaunchFunctionMachine.builder(
            function, SampleRecords.profile(), SampleRecords.configuration())
        .launchActivity(ACTIVITY)
        .activityHeartbeat(heartbeat)
        .build();
  }

  LocalExecution run(StateMachine machine, String input) {
    CompletableFuture<LocalExecution> f = engine.start(machine, input);
    aws.time().runUntil(f, Duration.ofDays(1));
    assertThat(f).as("the execution ends within a virtual day").isDone();
    return f.join();
  }

  static void assertNoSecretIn(String surface, Object text) {
    for (String v : VALUES) {
      assertThat(String.valueOf(text)).as("%s must not show a secret", surface).doesNotContain(v);
    }
  }

  @Test
  void machineActivityWorkerClusterOutputWithSecretsOnlyInTheRequestEmrReceives() throws Exception {
    LaunchFunction function = saveRecords(true);
    StateMachine machine = machine(function, Duration.ofMinutes(2));
    worker = workerBuilder().heartbeatInterval(Duration.ofSeconds(30)).build().start();

    LocalExecution done =
        run(
            machine,
            "{\"ClusterConfigurationOverrides\":{\"CoreInstanceCount\":5},"
                + "\"Tags\":[{\"Key\":\"team\",\"Value\":\"from-input\"}]}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode out = JSON.readTree(done.output().orElseThrow());
    String id = out.at("/LaunchClusterResult/ClusterId").asText();
    assertThat(out.at("/LaunchClusterResult/ClusterName").asText())
        .isEqualTo(SampleRecords.CLUSTER_NAME);
    Cluster c = aws.emr().describeCluster(r -> r.clusterId(id)).cluster();
    assertThat(c.status().state()).isIn(ClusterState.WAITING, ClusterState.RUNNING);
    Map<String, String> tags =
        c.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    assertThat(tags).containsEntry("team", "from-input").containsEntry("env", "from-function");

    // the request EMR received has the secrets and the override
    List<RunJobFlowRequest> sent =
        aws.calls().requests(FakeAws.EMR, "RunJobFlow", RunJobFlowRequest.class);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).kerberosAttributes().kdcAdminPassword()).isEqualTo(KDC_PW);
    Map<String, Configuration> byClass = new LinkedHashMap<>();
    sent.get(0).configurations().forEach(k -> byClass.put(k.classification(), k));
    assertThat(byClass.get("hive-site").properties())
        .containsEntry("javax.jdo.option.ConnectionPassword", DB_PW);
    assertThat(sent.get(0).instances().instanceGroups())
        .anySatisfy(g -> assertThat(g.instanceCount()).isEqualTo(5));

    // ... and nothing Step Functions keeps
    assertThat(done.history()).isNotEmpty();
    assertNoSecretIn("the execution history", done.history());
    assertNoSecretIn("the output", done.output());
    assertNoSecretIn("the definition", machine.toPrettyJson());
    assertNoSecretIn(
        "the SSM parameters",
        aws.ssm().getParametersByPath(r -> r.path("/emr_launch").recursive(true)).parameters());
    assertThat(sfn.count("SendTaskSuccess")).isEqualTo(1);
    // FakeEmr takes minutes to boot: the worker kept the task alive
    assertThat(sfn.count("SendTaskHeartbeat")).isPositive();
    assertThat(worker.tasksAnswered()).isEqualTo(1);
  }

  @Test
  void aMissingSecretReachesTheMachinesFailureChainAsATypedError() {
    LaunchFunction function = saveRecords(false);
    worker = workerBuilder().build().start();

    LocalExecution done = run(machine(function, Duration.ofMinutes(2)), "{}");

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).contains(LaunchActivityWorker.SECRET_NOT_FOUND);
    assertThat(done.cause().orElseThrow())
        .contains("emr/none-AbCdEf")
        .contains("profile.kerberosAttributesSecretArn");
    assertThat(done.history().toString()).contains("Launch Function Failed");
    assertThat(aws.calls().count(FakeAws.EMR, "RunJobFlow")).isZero();
    assertNoSecretIn("the execution history", done.history());
    assertThat(sfn.count("SendTaskFailure")).isEqualTo(1);
  }

  @Test
  void badOverridesAndUnknownFunctionsAreTypedErrors() {
    LaunchFunction function = saveRecords(true);
    worker = workerBuilder().build().start();

    LocalExecution tooMany =
        run(
            machine(function, Duration.ofMinutes(2)),
            "{\"ClusterConfigurationOverrides\":{\"CoreInstanceCount\":11}}");
    assertThat(tooMany.error()).contains(LaunchFunctionMachine.INVALID_OVERRIDE);
    assertThat(tooMany.cause().orElseThrow()).contains("CoreInstanceCount");

    LocalExecution notAList = run(machine(function, Duration.ofMinutes(2)), "{\"Tags\":{}}");
    assertThat(notAList.error()).contains(LaunchFunctionMachine.INVALID_INPUT);

    LocalExecution unknown =
        run(machine(function.withName("not-stored"), Duration.ofMinutes(2)), "{}");
    assertThat(unknown.error()).contains(LaunchFunctionMachine.RECORD_NOT_FOUND);
    assertThat(aws.calls().count(FakeAws.EMR, "RunJobFlow")).isZero();
  }

  @Test
  void heartbeatsKeepATaskAliveLongerThanItsHeartbeatSeconds() {
    LaunchFunction function = saveRecords(true);
    // the machine gives up after 20 s of silence; the cluster takes minutes to start
    worker = workerBuilder().heartbeatInterval(Duration.ofSeconds(5)).build().start();

    LocalExecution done = run(machine(function, Duration.ofSeconds(20)), "{}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(sfn.count("SendTaskHeartbeat")).isGreaterThan(4);
  }

  @Test
  void aWorkerTooSlowToBeatLosesItsTaskAndTerminatesTheCluster() {
    LaunchFunction function = saveRecords(true);
    // beats every 5 min; the machine gives up after 30 s of silence
    worker = workerBuilder().heartbeatInterval(Duration.ofMinutes(5)).build().start();

    LocalExecution done = run(machine(function, Duration.ofSeconds(30)), "{}");

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).contains(LaunchFunctionMachine.LAUNCH_FAILED);
    assertThat(done.cause().orElseThrow()).startsWith("States.HeartbeatTimeout");
    // the worker's next beat learns the task is gone: the launch is cancelled, its cluster ends
    aws.time().advance(Duration.ofHours(1));
    assertThat(sfn.count("SendTaskHeartbeat")).isPositive();
    List<Cluster> clusters =
        aws.emr().listClusters().clusters().stream()
            .map(s -> aws.emr().describeCluster(r -> r.clusterId(s.id())).cluster())
            .toList();
    assertThat(clusters).hasSize(1);
    assertThat(clusters.get(0).status().state())
        .isIn(ClusterState.TERMINATED, ClusterState.TERMINATING);
    assertThat(sfn.count("SendTaskSuccess") + sfn.count("SendTaskFailure")).isZero();
  }

  @Test
  void pollFailuresAreRetriedAndStopEndsPolling() {
    LaunchFunction function = saveRecords(true);
    sfn.failPolls.set(3);
    worker = workerBuilder().concurrency(1).build().start();

    LocalExecution done = run(machine(function, Duration.ofMinutes(2)), "{}");
    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(sfn.count("GetActivityTask")).isGreaterThan(3);

    CompletableFuture<Void> stopped = worker.stop();
    aws.time().runUntil(stopped, Duration.ofMinutes(5));
    assertThat(stopped).isCompleted();
    long polls = sfn.count("GetActivityTask");
    aws.time().advance(Duration.ofMinutes(10));
    assertThat(sfn.count("GetActivityTask")).isEqualTo(polls);
    assertThatThrownBy(worker::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anInvalidTaskInputIsAnsweredWithInvalidInput() {
    worker = workerBuilder().build();
    CompletableFuture<Void> answered = worker.handle("token-1", "{\"LaunchFunction\":7}");
    aws.time().runUntil(answered, Duration.ofMinutes(1)).join();
    assertThat(sfn.calls).containsExactly("SendTaskFailure");
  }

  @Test
  void theBuilderNamesEveryMissingOrInvalidOption() {
    assertThatThrownBy(() -> LaunchActivityWorker.builder().build())
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).problems())
                    .extracting(Problem::path)
                    .containsExactlyInAnyOrder("sfn", "launcher", "store", "activityArn"));
    assertThatThrownBy(
            () ->
                workerBuilder()
                    .activityArn("arn:aws:states:us-east-1:123456789012:stateMachine:x")
                    .concurrency(0)
                    .heartbeatInterval(Duration.ZERO)
                    .build())
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).problems())
                    .extracting(Problem::path)
                    .containsExactlyInAnyOrder("activityArn", "concurrency", "heartbeatInterval"));
  }
}
