package io.emrlaunch.stepfunctions.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.repository.ParameterLayout;
import io.emrlaunch.ssm.SsmRecordStore;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.emr.ClusterLaunch;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import io.emrlaunch.stepfunctions.emr.Phase;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import io.emrlaunch.stepfunctions.emr.TransientClusterPipeline;
import io.emrlaunch.stepfunctions.local.LocalEngine;
import io.emrlaunch.stepfunctions.local.LocalExecution;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.emr.EmrClient;

/**
 * Conformance suite: each scenario of the moto end-to-end tests (launch function: overrides,
 * refusals, fail-if-running, tags, missing records, parameter root; a transient pipeline) is
 * described once, set up in both worlds by the same code, and executed by moto's Step Functions and
 * by the local engine on FakeAws. Status, error, cause and output must be the same once the
 * generated ids (cluster {@code j-…}, step {@code s-…}) are replaced by placeholders.
 *
 * <p>Not here, because moto takes more than a minute on them on a loaded machine: the 51-tag
 * refusal (hundreds of state transitions) and the refusals that only differ in the value refused;
 * {@link LaunchFunctionLocalTest} checks those against the errors moto gives.
 */
@MotoTest
class LocalVersusMotoConformanceTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final EmrProfile PROFILE = SampleRecords.profile();
  static final ClusterConfiguration CONFIGURATION = SampleRecords.configuration();
  static final LaunchFunction FUNCTION = SampleRecords.launchFunction();

  /** What exists before the execution: records, and maybe a cluster named like the function's. */
  enum Existing {
    NOTHING,
    RUNNING_CLUSTER,
    TERMINATED_CLUSTER
  }

  /**
   * One scenario.
   *
   * @param machine builds the machine (the same definition runs in both engines)
   * @param configuration the stored configuration record; null: none is stored
   * @param root the SSM parameter root the records are stored under; null: the default
   */
  record Scenario(
      String name,
      Function<ServiceIntegration, StateMachine> machine,
      String input,
      ClusterConfiguration configuration,
      String root,
      Existing existing) {
    @Override
    public String toString() {
      return name;
    }
  }

  static StateMachine launchFunction(LaunchFunction f, ClusterConfiguration c, String root) {
    LaunchFunctionMachine.Builder b =
        LaunchFunctionMachine.builder(f, PROFILE, c)
            .integration(ServiceIntegration.AWS_SDK)
            .pollInterval(Duration.ofSeconds(1));
    if (root != null) {
      b.parameterRoot(root);
    }
    return b.build();
  }

  static Scenario launch(String name, String input) {
    return new Scenario(
        name,
        i -> launchFunction(FUNCTION, CONFIGURATION, null),
        input,
        CONFIGURATION,
        null,
        Existing.NOTHING);
  }

  static Stream<Scenario> scenarios() {
    ClusterConfiguration withSecrets =
        CONFIGURATION.withSecretConfigurations(
            Map.of(
                "hive-site",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:hive-site-AbCdEf"));
    return Stream.of(
        launch("launches with the records as stored", "{\"Caller\":{\"id\":7}}"),
        launch(
            "allowed overrides and a runtime tag",
            "{\"ClusterConfigurationOverrides\":{\"ClusterName\":\"adhoc-etl\","
                + "\"CoreInstanceCount\":5,\"CoreInstanceType\":\"r5.2xlarge\"},"
                + "\"Tags\":[{\"Key\":\"team\",\"Value\":\"from-input\"}]}"),
        launch(
            "override above the maximum",
            "{\"ClusterConfigurationOverrides\":{\"CoreInstanceCount\":11}}"),
        launch(
            "unknown override next to an allowed one",
            "{\"ClusterConfigurationOverrides\":{\"CoreInstanceCount\":3,\"Bogus\":1}}"),
        launch(
            "aws-emr-launch's older overrides key",
            "{\"ClusterConfigOverrides\":{\"CoreInstanceCount\":4}}"),
        launch("tags that are not a list", "{\"Tags\":{\"team\":\"data\"}}"),
        new Scenario(
            "fail if running, a cluster of that name runs",
            i -> launchFunction(FUNCTION, CONFIGURATION, null),
            "{\"FailIfClusterRunning\":true}",
            CONFIGURATION,
            null,
            Existing.RUNNING_CLUSTER),
        new Scenario(
            "not fail if running, a cluster of that name runs",
            i -> launchFunction(FUNCTION, CONFIGURATION, null),
            "{\"FailIfClusterRunning\":false}",
            CONFIGURATION,
            null,
            Existing.RUNNING_CLUSTER),
        new Scenario(
            "fail if running, the cluster of that name is terminated",
            i -> launchFunction(FUNCTION, CONFIGURATION, null),
            "{\"FailIfClusterRunning\":true}",
            CONFIGURATION,
            null,
            Existing.TERMINATED_CLUSTER),
        new Scenario(
            "missing configuration record",
            i -> launchFunction(FUNCTION, CONFIGURATION, null),
            "{}",
            null,
            null,
            Existing.NOTHING),
        new Scenario(
            "records under another parameter root",
            i -> launchFunction(FUNCTION, CONFIGURATION, "/platform/emr"),
            "{}",
            CONFIGURATION,
            "/platform/emr",
            Existing.NOTHING),
        new Scenario(
            "a configuration with secrets is refused",
            i -> launchFunction(FUNCTION, withSecrets, null),
            "{}",
            withSecrets,
            null,
            Existing.NOTHING),
        new Scenario(
            "without waiting for the cluster",
            i -> launchFunction(FUNCTION.withWaitForClusterStart(false), CONFIGURATION, null),
            "{}",
            CONFIGURATION,
            null,
            Existing.NOTHING),
        new Scenario(
            "transient pipeline: launch function, steps, terminate",
            i -> pipeline(),
            "{\"ClusterConfigurationOverrides\": {\"ClusterName\": \"pipeline-run\"},"
                + " \"Tags\": [{\"Key\": \"run\", \"Value\": \"42\"}],"
                + " \"StepArgumentOverrides\": {\"Ingest\": {\"DAY\": \"2026-11-24\"}}}",
            CONFIGURATION,
            null,
            Existing.NOTHING));
  }

  /** TransientPipelineMotoTest's pipeline (steps not awaited: moto never finishes them). */
  static StateMachine pipeline() {
    return TransientClusterPipeline.builder()
        .launch(ClusterLaunch.inline(launchFunction(FUNCTION, CONFIGURATION, null)))
        .integration(ServiceIntegration.AWS_SDK)
        .waitForSteps(false)
        .pollIntervalSeconds(1)
        .phase(
            Phase.sequential(
                "Ingest", EmrStep.sparkSubmit("Ingest", "s3://code/ingest.py", "--day", "DAY")))
        .phase(
            Phase.parallel(
                "Prepare",
                EmrStep.sparkSubmit("Orders", "s3://code/orders.py"),
                EmrStep.sparkSubmit("Customers", "s3://code/customers.py")))
        .build();
  }

  // ---- the same setup in both worlds

  static ParameterLayout layout(Scenario s) {
    return s.root() == null ? ParameterLayout.defaultLayout() : ParameterLayout.withRoot(s.root());
  }

  static void existingCluster(Scenario s, EmrClient emr) {
    if (s.existing() == Existing.NOTHING) {
      return;
    }
    String id =
        emr.runJobFlow(
                r ->
                    r.name(SampleRecords.CLUSTER_NAME)
                        .releaseLabel("emr-7.5.0")
                        .serviceRole("e2e-EMR_ServiceRole")
                        .jobFlowRole("e2e-EMR_EC2_Role")
                        .instances(
                            i ->
                                i.instanceCount(1)
                                    .masterInstanceType("m5.xlarge")
                                    .keepJobFlowAliveWhenNoSteps(true)))
            .jobFlowId();
    if (s.existing() == Existing.TERMINATED_CLUSTER) {
      emr.terminateJobFlows(r -> r.jobFlowIds(id));
    }
  }

  static MotoStepFunctions harness;
  MotoServer moto;

  @BeforeEach
  void setUp(MotoServer moto) {
    this.moto = moto;
    if (harness == null) {
      harness = MotoStepFunctions.on(moto);
    }
  }

  @AfterAll
  static void close() {
    if (harness != null) {
      harness.close();
      harness = null;
    }
  }

  ExecutionOutcome inMoto(Scenario s) {
    LaunchFixtures records =
        LaunchFixtures.of(PROFILE, s.configuration() == null ? CONFIGURATION : s.configuration());
    LaunchFixtures fixtures0 = s.configuration() == null ? records.withoutConfiguration() : records;
    LaunchFixtures fixtures = s.root() == null ? fixtures0 : fixtures0.underRoot(s.root());
    return harness.run(
        s.machine().apply(ServiceIntegration.AWS_SDK),
        s.input(),
        (m, iam) -> {
          fixtures.create(m, iam);
          existingCluster(s, m.emr());
        });
  }

  static LocalExecution locally(Scenario s) {
    // moto's EMR reaches WAITING inside RunJobFlow and terminates at once: the same EMR here, so
    // that the two engines see the same world (the default FakeEmr takes 8 virtual minutes).
    FakeAws aws =
        FakeAws.builder()
            .emrBehavior(
                EmrBehavior.builder()
                    .startingTime(DurationDistribution.fixed(Duration.ZERO))
                    .bootstrappingTime(DurationDistribution.fixed(Duration.ZERO))
                    .terminatingTime(DurationDistribution.fixed(Duration.ZERO))
                    .build())
            .build();
    SsmRecordStore store =
        SsmRecordStore.builder().client(aws.ssmAsync()).layout(layout(s)).build();
    aws.time().runUntil(store.profiles().save(PROFILE), Duration.ofMinutes(1)).join();
    if (s.configuration() != null) {
      aws.time()
          .runUntil(store.configurations().save(s.configuration()), Duration.ofMinutes(1))
          .join();
    }
    PROFILE
        .securityConfigurationName()
        .ifPresent(
            n ->
                aws.emr()
                    .createSecurityConfiguration(
                        r ->
                            r.name(n)
                                .securityConfiguration(
                                    "{\"EncryptionConfiguration\":{"
                                        + "\"EnableInTransitEncryption\":false,"
                                        + "\"EnableAtRestEncryption\":false}}")));
    existingCluster(s, aws.emr());
    LocalEngine engine =
        LocalEngine.builder()
            .clock(aws.clock())
            .scheduler(aws.scheduler())
            .client(aws.emrAsync())
            .client(aws.ssmAsync())
            .client(aws.sfnAsync())
            .build();
    var f = engine.start(s.machine().apply(ServiceIntegration.AWS_SDK), s.input());
    aws.time().runUntil(f, Duration.ofDays(1));
    assertThat(f).as("the local execution ends within a virtual day").isDone();
    return f.join();
  }

  /** Generated ids replaced by placeholders, so that two worlds can be compared. */
  static String normalized(String text) {
    if (text == null) {
      return null;
    }
    return text.replaceAll("\\bj-[A-Z0-9]{8,}\\b", "j-ID")
        .replaceAll("\\bs-[A-Z0-9]{8,}\\b", "s-ID");
  }

  /**
   * The output, ids normalized and every {@code Polls} count (how many DescribeCluster polls the
   * machine made before the cluster was up) replaced: moto's EMR is WAITING inside RunJobFlow,
   * FakeEmr reaches WAITING on the virtual clock after it (one poll with zero-length phases), so
   * the count measures the EMR simulation, not the engine.
   */
  static JsonNode json(String text) throws Exception {
    if (text == null) {
      return null;
    }
    JsonNode tree = JSON.readTree(normalized(text));
    tree.findParents("Polls").forEach(p -> ((ObjectNode) p).put("Polls", "N"));
    return tree;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void theLocalEngineEndsAsMotoDoes(Scenario s) throws Exception {
    ExecutionOutcome moto = inMoto(s);
    LocalExecution local = locally(s);

    String both = "\n  moto:  " + moto + "\n  local: " + local;
    assertThat(local.status()).as(both).isEqualTo(moto.status());
    assertThat(local.error().orElse(null)).as(both).isEqualTo(moto.error());
    assertThat(normalized(local.cause().orElse(null))).as(both).isEqualTo(normalized(moto.cause()));
    assertThat(json(local.output().orElse(null))).as(both).isEqualTo(json(moto.output()));
  }
}
