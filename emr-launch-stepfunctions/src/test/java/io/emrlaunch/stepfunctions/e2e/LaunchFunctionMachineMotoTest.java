package io.emrlaunch.stepfunctions.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.SdkShapes;
import io.emrlaunch.core.launch.RunJobFlowRequests;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.overrides.InvalidOverrideException;
import io.emrlaunch.core.overrides.Overrides;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.Tag;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The generated launch function ({@link LaunchFunctionMachine}, aws-sdk integration) executed by
 * moto's Step Functions against moto's SSM and EMR, one execution per test (per moto reset). The
 * cluster moto made is compared with the request {@code RunJobFlowRequests.from} computes in Java
 * for the same records, overrides and tags.
 */
@MotoTest
class LaunchFunctionMachineMotoTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final EmrProfile PROFILE = SampleRecords.profile();
  static final ClusterConfiguration CONFIGURATION = SampleRecords.configuration();
  static final LaunchFunction FUNCTION = SampleRecords.launchFunction();
  static final LaunchFixtures FIXTURES = LaunchFixtures.of(PROFILE, CONFIGURATION);

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

  static LaunchFunctionMachine.Builder generator(LaunchFunction function) {
    return LaunchFunctionMachine.builder(function, PROFILE, CONFIGURATION)
        .integration(ServiceIntegration.AWS_SDK)
        .pollInterval(Duration.ofSeconds(1));
  }

  ExecutionOutcome launch(String input) {
    return launch(generator(FUNCTION).build(), input, FIXTURES);
  }

  ExecutionOutcome launch(StateMachine machine, String input, MotoStepFunctions.Fixture fixture) {
    return harness.run(machine, input, fixture);
  }

  /** What Java sends for the same launch: overrides applied as the launch function does. */
  static RunJobFlowRequest expectedRequest(
      LaunchFunction function, Map<String, Object> overrides, Map<String, String> runtimeTags) {
    return expectedRequest(function, CONFIGURATION, overrides, runtimeTags);
  }

  static RunJobFlowRequest expectedRequest(
      LaunchFunction function,
      ClusterConfiguration configuration,
      Map<String, Object> overrides,
      Map<String, String> runtimeTags) {
    Map<String, String> tags = new LinkedHashMap<>(function.clusterTags());
    tags.putAll(runtimeTags);
    ClusterConfiguration applied = Overrides.apply(function, configuration, overrides);
    return RunJobFlowRequests.from(PROFILE, applied, "", tags);
  }

  static Map<String, String> tagMap(List<Tag> tags) {
    return tags.stream()
        .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b, LinkedHashMap::new));
  }

  static String clusterId(ExecutionOutcome done) {
    return done.outputJson().at("/LaunchClusterResult/ClusterId").asText();
  }

  List<ClusterSummary> clusters() {
    return moto.emr().listClusters().clusters();
  }

  /** Every field moto keeps of a cluster, compared with the request Java computes. */
  void assertClusterMatches(String clusterId, RunJobFlowRequest expected) {
    Cluster c = moto.emr().describeCluster(r -> r.clusterId(clusterId)).cluster();
    assertThat(c.status().state()).isEqualTo(ClusterState.WAITING);
    assertThat(c.name()).isEqualTo(expected.name());
    assertThat(c.serviceRole()).isEqualTo(expected.serviceRole());
    assertThat(c.autoScalingRole()).isEqualTo(expected.autoScalingRole());
    assertThat(c.securityConfiguration()).isEqualTo(expected.securityConfiguration());
    assertThat(c.logUri()).isEqualTo(expected.logUri());
    assertThat(c.releaseLabel()).isEqualTo(expected.releaseLabel());
    assertThat(c.applications())
        .extracting(Application::name)
        .containsExactlyInAnyOrderElementsOf(
            expected.applications().stream().map(Application::name).toList());
    assertThat(tagMap(c.tags())).isEqualTo(tagMap(expected.tags()));
    var ec2 = c.ec2InstanceAttributes();
    var instances = expected.instances();
    assertThat(ec2.iamInstanceProfile()).isEqualTo(expected.jobFlowRole());
    assertThat(ec2.ec2SubnetId()).isEqualTo(instances.ec2SubnetId());
    assertThat(ec2.emrManagedMasterSecurityGroup())
        .isEqualTo(instances.emrManagedMasterSecurityGroup());
    assertThat(ec2.emrManagedSlaveSecurityGroup())
        .isEqualTo(instances.emrManagedSlaveSecurityGroup());
    assertThat(ec2.serviceAccessSecurityGroup()).isEqualTo(instances.serviceAccessSecurityGroup());
    assertThat(c.configurations())
        .extracting(x -> x.classification())
        .containsExactlyElementsOf(
            expected.configurations().stream().map(x -> x.classification()).toList());

    List<InstanceGroup> groups =
        moto.emr().listInstanceGroups(r -> r.clusterId(clusterId)).instanceGroups();
    assertThat(groups)
        .extracting(
            g ->
                g.instanceGroupTypeAsString()
                    + " "
                    + g.instanceType()
                    + " x"
                    + g.requestedInstanceCount())
        .containsExactlyInAnyOrderElementsOf(
            instances.instanceGroups().stream()
                .map(
                    (InstanceGroupConfig g) ->
                        g.instanceRoleAsString()
                            + " "
                            + g.instanceType()
                            + " x"
                            + g.instanceCount())
                .toList());
    assertThat(moto.emr().listBootstrapActions(r -> r.clusterId(clusterId)).bootstrapActions())
        .extracting(b -> b.name() + " " + b.scriptPath() + " " + b.args())
        .containsExactlyElementsOf(
            expected.bootstrapActions().stream()
                .map(
                    b ->
                        b.name()
                            + " "
                            + b.scriptBootstrapAction().path()
                            + " "
                            + b.scriptBootstrapAction().args())
                .toList());
  }

  /** The request the machine put into its output, compared with Java's whole request. */
  static void assertSentRequestMatches(ExecutionOutcome done, RunJobFlowRequest expected) {
    JsonNode sent = done.outputJson().at("/ClusterConfiguration/Cluster");
    assertThat(sent.isObject()).as(done.toString()).isTrue();
    ObjectNode sentJson =
        SdkShapes.toCompactJson(SdkShapes.fromJson(sent, RunJobFlowRequest.builder()).build());
    ObjectNode expectedJson = SdkShapes.toCompactJson(expected);
    // Tag order is the merge's business; the set of tags is compared as a map.
    assertThat(tagMap(SdkShapes.fromJson(sent, RunJobFlowRequest.builder()).build().tags()))
        .isEqualTo(tagMap(expected.tags()));
    sentJson.remove("Tags");
    expectedJson.remove("Tags");
    assertThat(sentJson).isEqualTo(expectedJson);
  }

  @Test
  void launchesTheClusterJavaWouldLaunch() throws Exception {
    String input =
        "{\"Tags\":[{\"Key\":\"owner\",\"Value\":\"from-input\"},"
            + "{\"Key\":\"run\",\"Value\":\"42\"}],\"Caller\":{\"id\":7}}";

    ExecutionOutcome done = launch(input);

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    RunJobFlowRequest expected =
        expectedRequest(FUNCTION, Map.of(), Map.of("owner", "from-input", "run", "42"));
    assertThat(tagMap(expected.tags()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "team", "data",
                "env", "from-function",
                "owner", "from-input",
                "run", "42"));
    assertThat(expected.name()).isEqualTo(SampleRecords.CLUSTER_NAME);
    assertThat(expected.logUri()).isEqualTo("s3://e2e-emr-logs/clusters/nightly-etl/");

    assertThat(clusters())
        .singleElement()
        .extracting(ClusterSummary::id)
        .isEqualTo(clusterId(done));
    assertClusterMatches(clusterId(done), expected);
    assertSentRequestMatches(done, expected);
    // Output: the input, kept, plus the cluster id.
    JsonNode out = done.outputJson();
    assertThat(out.get("Caller")).isEqualTo(JSON.readTree("{\"id\":7}"));
    assertThat(out.get("Tags")).isEqualTo(JSON.readTree(input).get("Tags"));
    assertThat(done.statesEntered()).contains("Create Cluster", "Describe Cluster");
  }

  @Test
  void appliesAllowedOverrides() {
    Map<String, Object> overrides =
        Map.of(
            "ClusterName", "adhoc-etl", "CoreInstanceCount", 5, "CoreInstanceType", "r5.2xlarge");

    // A runtime tag over a key only the configuration sets, too.
    ExecutionOutcome done =
        launch(
            "{\"ClusterConfigurationOverrides\":{\"ClusterName\":\"adhoc-etl\","
                + "\"CoreInstanceCount\":5,\"CoreInstanceType\":\"r5.2xlarge\"},"
                + "\"Tags\":[{\"Key\":\"team\",\"Value\":\"from-input\"}]}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    RunJobFlowRequest expected = expectedRequest(FUNCTION, overrides, Map.of("team", "from-input"));
    assertThat(tagMap(expected.tags())).containsEntry("team", "from-input");
    assertThat(expected.name()).isEqualTo("adhoc-etl");
    assertThat(expected.logUri()).isEqualTo("s3://e2e-emr-logs/clusters/adhoc-etl/");
    assertClusterMatches(clusterId(done), expected);
    assertSentRequestMatches(done, expected);
    assertThat(moto.emr().listInstanceGroups(r -> r.clusterId(clusterId(done))).instanceGroups())
        .filteredOn(g -> g.instanceGroupTypeAsString().equals("CORE"))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.requestedInstanceCount()).isEqualTo(5);
              assertThat(g.instanceType()).isEqualTo("r5.2xlarge");
            });
  }

  static Stream<Arguments> refusedOverrides() {
    return Stream.of(
        Arguments.of("CoreInstanceCount", 11, "above the maximum"),
        Arguments.of("CoreInstanceCount", 0, "below the minimum"),
        Arguments.of("CoreInstanceCount", "5", "a string for an integer"),
        Arguments.of("CoreInstanceCount", 2.5, "a fraction for an integer"),
        Arguments.of("CoreInstanceType", "m4.large", "not an allowed value"),
        Arguments.of("ClusterName", 7, "a number for a string"));
  }

  @ParameterizedTest(name = "{0} = {1}: {2}")
  @MethodSource("refusedOverrides")
  void aRefusedOverrideFailsTheExecutionAndLaunchesNothing(String name, Object value, String why)
      throws Exception {
    // Java refuses it too: the machine and Overrides.apply agree.
    assertThatThrownBy(() -> Overrides.apply(FUNCTION, CONFIGURATION, Map.of(name, value)))
        .isInstanceOf(InvalidOverrideException.class)
        .hasMessageContaining(name);
    String input =
        "{\"ClusterConfigurationOverrides\":" + JSON.writeValueAsString(Map.of(name, value)) + "}";

    ExecutionOutcome done = launch(input);

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).as(done.toString()).isEqualTo(LaunchFunctionMachine.INVALID_OVERRIDE);
    assertThat(done.cause()).as(done.toString()).contains(name);
    assertThat(clusters()).isEmpty();
  }

  @Test
  void anUnknownOverrideNameFailsTheExecutionEvenNextToAnAllowedOne() {
    assertThatThrownBy(
            () ->
                Overrides.apply(
                    FUNCTION, CONFIGURATION, Map.of("Bogus", 1, "CoreInstanceCount", 3)))
        .isInstanceOf(InvalidOverrideException.class)
        .hasMessageContaining("Bogus");

    ExecutionOutcome done =
        launch("{\"ClusterConfigurationOverrides\":{\"CoreInstanceCount\":3,\"Bogus\":1}}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).as(done.toString()).isEqualTo(LaunchFunctionMachine.INVALID_OVERRIDE);
    assertThat(done.cause()).contains("Bogus");
    assertThat(clusters()).isEmpty();
  }

  /** Fixtures plus a cluster named like the function's, already up. */
  static MotoStepFunctions.Fixture withRunningCluster(String[] idHolder) {
    return (moto, iam) -> {
      FIXTURES.create(moto, iam);
      idHolder[0] =
          moto.emr()
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
    };
  }

  @Test
  void failIfClusterRunningRefusesASecondClusterOfTheSameName() {
    String[] running = new String[1];

    ExecutionOutcome done =
        launch(
            generator(FUNCTION).build(),
            "{\"FailIfClusterRunning\":true}",
            withRunningCluster(running));

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).as(done.toString()).isEqualTo(LaunchFunctionMachine.CLUSTER_RUNNING);
    assertThat(done.cause()).contains(SampleRecords.CLUSTER_NAME).contains(running[0]);
    assertThat(clusters()).extracting(ClusterSummary::id).containsExactly(running[0]);
  }

  @Test
  void withoutFailIfClusterRunningASecondClusterIsLaunched() {
    String[] running = new String[1];

    ExecutionOutcome done =
        launch(
            generator(FUNCTION).build(),
            "{\"FailIfClusterRunning\":false}",
            withRunningCluster(running));

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(clusterId(done)).isNotEqualTo(running[0]);
    assertThat(clusters())
        .extracting(ClusterSummary::id)
        .containsExactlyInAnyOrder(running[0], clusterId(done));
  }

  @Test
  void theFunctionsDefaultAppliesWhenTheInputSaysNothing() {
    String[] running = new String[1];
    LaunchFunction strict = FUNCTION.withDefaultFailIfClusterRunning(true);

    ExecutionOutcome done = launch(generator(strict).build(), "{}", withRunningCluster(running));

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo(LaunchFunctionMachine.CLUSTER_RUNNING);
    assertThat(clusters()).extracting(ClusterSummary::id).containsExactly(running[0]);
  }

  @Test
  void aTerminatedClusterOfTheSameNameDoesNotCount() {
    String[] ended = new String[1];
    MotoStepFunctions.Fixture fixture =
        (moto, iam) -> {
          withRunningCluster(ended).create(moto, iam);
          moto.emr().terminateJobFlows(r -> r.jobFlowIds(ended[0]));
        };

    ExecutionOutcome done =
        launch(generator(FUNCTION).build(), "{\"FailIfClusterRunning\":true}", fixture);

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(clusterId(done)).isNotEqualTo(ended[0]);
  }

  @Test
  void aMissingConfigurationParameterFailsTheExecutionAndLaunchesNothing() {
    ExecutionOutcome done =
        launch(generator(FUNCTION).build(), "{}", FIXTURES.withoutConfiguration());

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).as(done.toString()).isEqualTo(LaunchFunctionMachine.RECORD_NOT_FOUND);
    assertThat(done.cause()).contains("/emr_launch/cluster_configurations/e2e/spark-small");
    assertThat(clusters()).isEmpty();
  }

  @Test
  void readsRecordsUnderAnotherParameterRoot() {
    ExecutionOutcome done =
        launch(
            generator(FUNCTION).parameterRoot("/platform/emr").build(),
            "{}",
            FIXTURES.underRoot("/platform/emr"));

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertClusterMatches(clusterId(done), expectedRequest(FUNCTION, Map.of(), Map.of()));
  }

  @Test
  void withoutWaitingTheClusterIsNotDescribed() {
    ExecutionOutcome done =
        launch(generator(FUNCTION.withWaitForClusterStart(false)).build(), "{}", FIXTURES);

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.statesEntered()).contains("Create Cluster").doesNotContain("Describe Cluster");
    assertThat(clusters())
        .singleElement()
        .extracting(ClusterSummary::id)
        .isEqualTo(clusterId(done));
  }

  @Test
  void aSingleAllowedOverrideIsApplied() {
    ExecutionOutcome done = launch("{\"ClusterConfigurationOverrides\":{\"CoreInstanceCount\":3}}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertClusterMatches(
        clusterId(done), expectedRequest(FUNCTION, Map.of("CoreInstanceCount", 3), Map.of()));
  }

  @Test
  void aSingleUnknownOverrideNameFailsTheExecution() {
    ExecutionOutcome done = launch("{\"ClusterConfigurationOverrides\":{\"Bogus\":1}}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).as(done.toString()).isEqualTo(LaunchFunctionMachine.INVALID_OVERRIDE);
    assertThat(done.cause()).contains("Bogus");
    assertThat(clusters()).isEmpty();
  }

  @Test
  void overridesThatAreNotAnObjectFailTheExecution() {
    ExecutionOutcome done = launch("{\"ClusterConfigurationOverrides\":\"CoreInstanceCount=3\"}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).as(done.toString()).isEqualTo(LaunchFunctionMachine.INVALID_OVERRIDE);
    assertThat(done.cause()).contains("ClusterConfigurationOverrides");
    assertThat(clusters()).isEmpty();
  }

  @Test
  void readsOverridesUnderAwsEmrLaunchsOlderInputKey() {
    ExecutionOutcome done = launch("{\"ClusterConfigOverrides\":{\"CoreInstanceCount\":4}}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertClusterMatches(
        clusterId(done), expectedRequest(FUNCTION, Map.of("CoreInstanceCount", 4), Map.of()));
  }

  @Test
  void runtimeTagsMayReplaceEveryConfiguredTag() {
    // team by the input; env and owner by the function: no configured tag is kept.
    ExecutionOutcome done = launch("{\"Tags\":[{\"Key\":\"team\",\"Value\":\"from-input\"}]}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    RunJobFlowRequest expected = expectedRequest(FUNCTION, Map.of(), Map.of("team", "from-input"));
    assertThat(tagMap(expected.tags()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("team", "from-input", "env", "from-function", "owner", "from-function"));
    assertClusterMatches(clusterId(done), expected);
  }

  @Test
  void tagsThatAreNotAListFailTheExecutionAndLaunchNothing() {
    ExecutionOutcome done = launch("{\"Tags\":{\"team\":\"data\"}}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).as(done.toString()).isEqualTo(LaunchFunctionMachine.INVALID_INPUT);
    assertThat(done.cause()).contains("Tags must be a list");
    assertThat(clusters()).isEmpty();
  }

  @Test
  void moreThanFiftyTagsFailTheExecutionAndLaunchNothing() {
    // 51 input tags with new keys: with the function's and configuration's, well over EMR's 50.
    String tags =
        java.util.stream.IntStream.range(0, 51)
            .mapToObj(i -> "{\"Key\":\"k" + i + "\",\"Value\":\"v\"}")
            .collect(Collectors.joining(",", "[", "]"));

    ExecutionOutcome done = launch("{\"Tags\":" + tags + "}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).as(done.toString()).isEqualTo(LaunchFunctionMachine.INVALID_INPUT);
    assertThat(done.cause()).contains("at most 50 tags");
    assertThat(clusters()).isEmpty();
  }

  @Test
  void aConfigurationWithSecretsIsRefusedAndLaunchesNothing() {
    ClusterConfiguration withSecrets =
        CONFIGURATION.withSecretConfigurations(
            Map.of(
                "hive-site",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:hive-site-AbCdEf"));

    ExecutionOutcome done =
        launch(generator(FUNCTION).build(), "{}", LaunchFixtures.of(PROFILE, withSecrets));

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error())
        .as(done.toString())
        .isEqualTo(LaunchFunctionMachine.UNSUPPORTED_RECORD);
    assertThat(done.cause()).contains("SecretConfigurations");
    assertThat(clusters()).isEmpty();
  }

  @Test
  void aFunctionWithoutTagsKeepsTheConfigurationsTags() {
    LaunchFunction untagged = FUNCTION.withClusterTags(Map.of());

    ExecutionOutcome done = launch(generator(untagged).build(), "{}", FIXTURES);

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    RunJobFlowRequest expected = expectedRequest(untagged, Map.of(), Map.of());
    assertThat(tagMap(expected.tags())).isEqualTo(CONFIGURATION.tags());
    assertClusterMatches(clusterId(done), expected);
  }

  @Test
  void aClusterWithoutAnyTag() {
    LaunchFunction untagged = FUNCTION.withClusterTags(Map.of());
    ClusterConfiguration bare = CONFIGURATION.withTags(Map.of());

    ExecutionOutcome done =
        launch(
            LaunchFunctionMachine.builder(untagged, PROFILE, bare)
                .integration(ServiceIntegration.AWS_SDK)
                .pollInterval(Duration.ofSeconds(1))
                .build(),
            "{}",
            LaunchFixtures.of(PROFILE, bare));

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    RunJobFlowRequest expected = expectedRequest(untagged, bare, Map.of(), Map.of());
    assertThat(expected.tags()).isEmpty();
    assertClusterMatches(clusterId(done), expected);
  }
}
