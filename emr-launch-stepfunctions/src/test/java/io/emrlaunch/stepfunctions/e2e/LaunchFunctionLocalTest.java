package io.emrlaunch.stepfunctions.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.repository.ParameterLayout;
import io.emrlaunch.ssm.SsmRecordStore;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import io.emrlaunch.stepfunctions.local.LocalEngine;
import io.emrlaunch.stepfunctions.local.LocalExecution;
import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.Tag;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The scenarios of {@link LaunchFunctionMachineMotoTest}, executed by the local engine on FakeAws
 * in virtual time, for both integrations (moto runs only the aws-sdk one): same status, error,
 * cause and output, and here the cluster really reaches WAITING.
 */
class LaunchFunctionLocalTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final EmrProfile PROFILE = SampleRecords.profile();
  static final ClusterConfiguration CONFIGURATION = SampleRecords.configuration();
  static final LaunchFunction FUNCTION = SampleRecords.launchFunction();

  final FakeAws aws = FakeAws.create();
  final LocalEngine engine =
      LocalEngine.builder()
          .clock(aws.clock())
          .scheduler(aws.scheduler())
          .client(aws.emrAsync())
          .client(aws.ssmAsync())
          .client(aws.sfnAsync())
          .build();

  void saveRecords(ParameterLayout layout, boolean withConfiguration) {
    SsmRecordStore store = SsmRecordStore.builder().client(aws.ssmAsync()).layout(layout).build();
    aws.time().runUntil(store.profiles().save(PROFILE), Duration.ofMinutes(1)).join();
    if (withConfiguration) {
      aws.time().runUntil(store.configurations().save(CONFIGURATION), Duration.ofMinutes(1)).join();
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
  }

  StateMachine machine(LaunchFunction function, ServiceIntegration integration) {
    return LaunchFunctionMachine.builder(function, PROFILE, CONFIGURATION)
        .integration(integration)
        .pollInterval(Duration.ofSeconds(30))
        .build();
  }

  LocalExecution launch(ServiceIntegration integration, String input) {
    saveRecords(ParameterLayout.defaultLayout(), true);
    return run(machine(FUNCTION, integration), input);
  }

  LocalExecution run(StateMachine machine, String input) {
    var f = engine.start(machine, input);
    aws.time().runUntil(f, Duration.ofDays(1));
    assertThat(f).as("the execution ends within a virtual day").isDone();
    return f.join();
  }

  static JsonNode output(LocalExecution e) throws Exception {
    return JSON.readTree(e.output().orElseThrow(() -> new AssertionError(e.toString())));
  }

  List<ClusterSummary> clusters() {
    return aws.emr().listClusters().clusters();
  }

  @ParameterizedTest
  @EnumSource(ServiceIntegration.class)
  void launchesAndTheClusterReachesWaiting(ServiceIntegration integration) throws Exception {
    LocalExecution done = launch(integration, "{}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    String id = output(done).at("/LaunchClusterResult/ClusterId").asText();
    Cluster c = aws.emr().describeCluster(r -> r.clusterId(id)).cluster();
    assertThat(c.name()).isEqualTo(SampleRecords.CLUSTER_NAME);
    assertThat(c.status().state()).isIn(ClusterState.WAITING, ClusterState.RUNNING);
    assertThat(c.releaseLabel()).isEqualTo(CONFIGURATION.releaseLabel());
    assertThat(clusters()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(ServiceIntegration.class)
  void appliesAllowedOverridesAndRuntimeTags(ServiceIntegration integration) throws Exception {
    LocalExecution done =
        launch(
            integration,
            "{\"ClusterConfigurationOverrides\":{\"ClusterName\":\"adhoc-etl\","
                + "\"CoreInstanceCount\":5,\"CoreInstanceType\":\"r5.2xlarge\"},"
                + "\"Tags\":[{\"Key\":\"team\",\"Value\":\"from-input\"}]}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    String id = output(done).at("/LaunchClusterResult/ClusterId").asText();
    Cluster c = aws.emr().describeCluster(r -> r.clusterId(id)).cluster();
    assertThat(c.name()).isEqualTo("adhoc-etl");
    Map<String, String> tags =
        c.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    assertThat(tags).containsEntry("team", "from-input");
    assertThat(aws.emr().listInstanceGroups(r -> r.clusterId(id)).instanceGroups())
        .filteredOn(g -> g.instanceGroupTypeAsString().equals("CORE"))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.requestedInstanceCount()).isEqualTo(5);
              assertThat(g.instanceType()).isEqualTo("r5.2xlarge");
            });
  }

  static Stream<Arguments> refusals() {
    return Stream.of(ServiceIntegration.values())
        .flatMap(
            i ->
                Stream.of(
                    Arguments.of(
                        i,
                        "{\"ClusterConfigurationOverrides\":{\"CoreInstanceCount\":11}}",
                        LaunchFunctionMachine.INVALID_OVERRIDE,
                        "CoreInstanceCount"),
                    Arguments.of(
                        i,
                        "{\"ClusterConfigurationOverrides\":{\"CoreInstanceType\":\"m4.large\"}}",
                        LaunchFunctionMachine.INVALID_OVERRIDE,
                        "CoreInstanceType"),
                    Arguments.of(
                        i,
                        "{\"ClusterConfigurationOverrides\":{\"CoreInstanceCount\":3,\"Bogus\":1}}",
                        LaunchFunctionMachine.INVALID_OVERRIDE,
                        "Bogus"),
                    Arguments.of(
                        i,
                        "{\"ClusterConfigurationOverrides\":\"CoreInstanceCount=3\"}",
                        LaunchFunctionMachine.INVALID_OVERRIDE,
                        "ClusterConfigurationOverrides"),
                    Arguments.of(
                        i,
                        "{\"Tags\":{\"team\":\"data\"}}",
                        LaunchFunctionMachine.INVALID_INPUT,
                        "Tags must be a list"),
                    Arguments.of(
                        i,
                        "{\"Tags\":"
                            + IntStream.range(0, 51)
                                .mapToObj(n -> "{\"Key\":\"k" + n + "\",\"Value\":\"v\"}")
                                .collect(Collectors.joining(",", "[", "]"))
                            + "}",
                        LaunchFunctionMachine.INVALID_INPUT,
                        "at most 50 tags")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("refusals")
  void refusedInputFailsWithTheErrorMotoGivesAndLaunchesNothing(
      ServiceIntegration integration, String input, String error, String cause) {
    LocalExecution done = launch(integration, input);

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).as(done.toString()).contains(error);
    assertThat(done.cause().orElse("")).contains(cause);
    assertThat(clusters()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ServiceIntegration.class)
  void failIfClusterRunningRefusesASecondClusterOfTheSameName(ServiceIntegration integration) {
    saveRecords(ParameterLayout.defaultLayout(), true);
    String running =
        aws.emr()
            .runJobFlow(
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

    LocalExecution done = run(machine(FUNCTION, integration), "{\"FailIfClusterRunning\":true}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).contains(LaunchFunctionMachine.CLUSTER_RUNNING);
    assertThat(done.cause().orElse("")).contains(SampleRecords.CLUSTER_NAME).contains(running);
    assertThat(clusters()).extracting(ClusterSummary::id).containsExactly(running);
  }

  @ParameterizedTest
  @EnumSource(ServiceIntegration.class)
  void aMissingConfigurationRecordFailsAndLaunchesNothing(ServiceIntegration integration) {
    saveRecords(ParameterLayout.defaultLayout(), false);

    LocalExecution done = run(machine(FUNCTION, integration), "{}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).contains(LaunchFunctionMachine.RECORD_NOT_FOUND);
    assertThat(done.cause().orElse(""))
        .contains("/emr_launch/cluster_configurations/e2e/spark-small");
    assertThat(clusters()).isEmpty();
  }
}
