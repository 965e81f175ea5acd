package io.emrlaunch.stepfunctions.emr;

import static io.emrlaunch.stepfunctions.emr.LaunchFunctionFixtures.configuration;
import static io.emrlaunch.stepfunctions.emr.LaunchFunctionFixtures.function;
import static io.emrlaunch.stepfunctions.emr.LaunchFunctionFixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.PresetOptions;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.AslValidatorCli;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.iam.DerivedPolicy;
import io.emrlaunch.stepfunctions.iam.ExecutionRolePolicy;
import io.emrlaunch.stepfunctions.iam.PolicyStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LaunchFunctionMachineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC_OK = "arn:aws:sns:us-east-1:123456789012:launch-ok";
  private static final String TOPIC_FAILED = "arn:aws:sns:us-east-1:123456789012:launch-failed";

  /** Every combination a user can ask for; each must pass both validators. */
  @Test
  void everyVariantPassesOurValidatorAndAslValidator() throws Exception {
    Map<String, String> emitted = new LinkedHashMap<>();
    for (ServiceIntegration integration : ServiceIntegration.values()) {
      for (boolean wait : new boolean[] {true, false}) {
        for (boolean topics : new boolean[] {true, false}) {
          for (String preset : List.of("groups", "fleets")) {
            LaunchFunction.Builder fn =
                LaunchFunction.builder().from(function()).waitForClusterStart(wait);
            if (topics) {
              fn.successTopicArn(TOPIC_OK).failureTopicArn(TOPIC_FAILED);
            }
            ClusterConfiguration c =
                preset.equals("groups")
                    ? configuration()
                    : ClusterPresets.instanceFleets(PresetOptions.of("etl-config", "subnet-0abc"));
            StateMachine m =
                LaunchFunctionMachine.builder(fn.build(), profile(), c)
                    .integration(integration)
                    .build();
            assertThat(m.validate()).isEmpty();
            emitted.put(integration + "-" + wait + "-" + topics + "-" + preset, m.toJson());
          }
        }
      }
    }
    AslValidatorCli.Result r = AslValidatorCli.require().validateDefinitions(emitted);
    assertThat(r.invalid()).isEmpty();
    assertThat(r.files()).hasSize(16);
  }

  @Test
  void readsExactlyTheTwoRecordParameters() {
    JsonNode m = json(sdk(function()));
    List<String> names = new ArrayList<>();
    tasks(
        m,
        t -> {
          if (t.path("Resource").asText().contains(":ssm:")) {
            names.add(t.path("Parameters").path("Name").asText());
          }
        });
    assertThat(names)
        .containsExactly(
            "/emr_launch/emr_profiles/default/etl-profile",
            "/emr_launch/cluster_configurations/default/etl-config");
  }

  @Test
  void outputContractMatchesAwsEmrLaunch() {
    JsonNode sdk = json(sdk(function())).path("States").path("Create Cluster");
    assertThat(sdk.path("Resource").asText()).isEqualTo("arn:aws:states:::aws-sdk:emr:runJobFlow");
    assertThat(sdk.path("ResultPath").asText()).isEqualTo("$.LaunchClusterResult");
    assertThat(sdk.path("ResultSelector").path("ClusterId.$").asText()).isEqualTo("$.JobFlowId");
    assertThat(sdk.has("Retry")).as("RunJobFlow is never retried").isFalse();

    JsonNode opt =
        json(LaunchFunctionMachine.builder(function(), profile(), configuration()).build())
            .path("States")
            .path("Create Cluster");
    assertThat(opt.path("Resource").asText())
        .isEqualTo("arn:aws:states:::elasticmapreduce:createCluster.sync");
    assertThat(opt.path("ResultPath").asText()).isEqualTo("$.LaunchClusterResult");
    assertThat(LaunchFunctionMachine.CLUSTER_ID_PATH).isEqualTo("$.LaunchClusterResult.ClusterId");

    JsonNode fireAndForget =
        json(
            LaunchFunctionMachine.builder(
                    LaunchFunction.builder().from(function()).waitForClusterStart(false).build(),
                    profile(),
                    configuration())
                .build());
    assertThat(fireAndForget.path("States").path("Create Cluster").path("Resource").asText())
        .isEqualTo("arn:aws:states:::elasticmapreduce:createCluster");
  }

  @Test
  void requestKeepsTheClusterAliveAndPassesTheDesignedFields() {
    JsonNode params =
        json(sdk(function())).path("States").path("Create Cluster").path("Parameters");
    assertThat(params.path("Instances").path("KeepJobFlowAliveWhenNoSteps").asBoolean()).isTrue();
    assertThat(params.has("Steps") || params.has("Steps.$")).isFalse();
    Set<String> keys = new TreeSet<>();
    params.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .contains(
            "Name.$",
            "ServiceRole.$",
            "JobFlowRole.$",
            "AutoScalingRole.$",
            "LogUri.$",
            "SecurityConfiguration.$",
            "Tags.$",
            "ReleaseLabel.$",
            "Applications.$");
    assertThat(params.path("Instances").has("EmrManagedMasterSecurityGroup.$")).isTrue();
    assertThat(params.path("Instances").has("ServiceAccessSecurityGroup.$")).isTrue();
    // A profile without groups, logs or security configuration passes none of them.
    EmrProfile bare =
        EmrProfile.builder()
            .name("etl-profile")
            .serviceRole("EMR_DefaultRole")
            .instanceRole("EMR_EC2_DefaultRole")
            .build();
    JsonNode lean =
        json(LaunchFunctionMachine.builder(function(), bare, configuration())
                .integration(ServiceIntegration.AWS_SDK)
                .build())
            .path("States")
            .path("Create Cluster")
            .path("Parameters");
    assertThat(lean.has("LogUri.$") || lean.has("SecurityConfiguration.$")).isFalse();
    assertThat(lean.has("AutoScalingRole.$")).isFalse();
    assertThat(lean.path("Instances").has("EmrManagedMasterSecurityGroup.$")).isFalse();
  }

  @Test
  void everyFailureEndsInTheFailureChainAndAFailedWaitTerminatesTheCluster() {
    LaunchFunction fn =
        LaunchFunction.builder()
            .from(function())
            .successTopicArn(TOPIC_OK)
            .failureTopicArn(TOPIC_FAILED)
            .build();
    JsonNode states = json(sdk(fn)).path("States");
    for (String name : List.of("Prepare Cluster Request", "Create Cluster")) {
      JsonNode c = states.path(name).path("Catch").get(0);
      assertThat(c.path("ErrorEquals").get(0).asText()).isEqualTo("States.ALL");
      assertThat(c.path("Next").asText()).as(name).isEqualTo("Failure Notification");
    }
    assertThat(states.path("Describe Cluster").path("Catch").get(0).path("Next").asText())
        .isEqualTo("Unprotect Failed Cluster");
    assertThat(states.path("Cluster Failed").path("Next").asText())
        .isEqualTo("Unprotect Failed Cluster");
    assertThat(states.path("Unprotect Failed Cluster").path("Next").asText())
        .isEqualTo("Terminate Failed Cluster");
    assertThat(states.path("Terminate Failed Cluster").path("Next").asText())
        .isEqualTo("Failure Notification");
    assertThat(states.path("Failure Notification").path("Parameters").path("TopicArn").asText())
        .isEqualTo(TOPIC_FAILED);
    assertThat(states.path("Success Notification").path("Parameters").path("Message.$").asText())
        .isEqualTo("$.LaunchClusterResult");
    // The final Fail keeps the original error name (reserved States.* names are wrapped).
    assertThat(states.path("Launch Function Failed").path("ErrorPath").asText())
        .isEqualTo("$.Error.Error");
    assertThat(states.path("Launch Failed").path("Error").asText())
        .isEqualTo(LaunchFunctionMachine.LAUNCH_FAILED);
  }

  @Test
  void overrideChecksNameTheOverrideAndItsBounds() {
    JsonNode branch =
        json(sdk(function()))
            .path("States")
            .path("Prepare Cluster Request")
            .path("Branches")
            .get(0);
    JsonNode states = branch.path("States");
    assertThat(states.path("CoreInstanceCount Maximum").path("Cause").asText())
        .isEqualTo("Override \"CoreInstanceCount\" is greater than the Maximum allowed (20)");
    assertThat(states.path("CoreInstanceCount Minimum").path("Cause").asText())
        .isEqualTo("Override \"CoreInstanceCount\" is less than the Minimum allowed (1)");
    assertThat(states.path("CoreInstanceType Value").path("Error").asText())
        .isEqualTo(LaunchFunctionMachine.INVALID_OVERRIDE);
    assertThat(states.path("Apply CoreInstanceCount").path("ResultPath").asText())
        .isEqualTo("$.ClusterConfiguration.Cluster.Instances.InstanceGroups[1].InstanceCount");
    assertThat(states.path("Apply ClusterName").path("ResultPath").asText())
        .isEqualTo("$.ClusterConfiguration.Cluster.Name");
    assertThat(states.path("Unknown Override").path("CausePath").asText())
        .contains("allowed: ClusterName, CoreInstanceCount, CoreInstanceType");
    // A bound of 0 counts (aws-emr-launch ignored it).
    LaunchFunction zero =
        LaunchFunction.builder()
            .from(function())
            .addAllowedOverrides(
                AllowedOverride.builder()
                    .name("TaskCount")
                    .path("instances.coreGroup.instanceCount")
                    .type(io.emrlaunch.core.model.OverrideType.INTEGER)
                    .minimum(0.0)
                    .build())
            .build();
    JsonNode zs =
        json(sdk(zero)).path("States").path("Prepare Cluster Request").path("Branches").get(0);
    assertThat(zs.path("States").path("TaskCount Minimum").path("Cause").asText()).endsWith("(0)");
    assertThat(zs.path("States").has("Apply CoreInstanceCount"))
        .as("the function's own allow-list replaces the configuration's")
        .isFalse();
  }

  @Test
  void policyDerivedFromTheMachineIsLeastPrivilege() {
    for (ServiceIntegration integration : ServiceIntegration.values()) {
      StateMachine m =
          LaunchFunctionMachine.builder(
                  LaunchFunction.builder()
                      .from(function())
                      .successTopicArn(TOPIC_OK)
                      .failureTopicArn(TOPIC_FAILED)
                      .build(),
                  profile(),
                  configuration())
              .integration(integration)
              .build();
      DerivedPolicy d =
          ExecutionRolePolicy.builder()
              .region("us-east-1")
              .accountId("123456789012")
              .profile(profile())
              .build()
              .derive(m);
      List<PolicyStatement> statements = d.policy().statements();
      PolicyStatement passRole = find(statements, "iam:PassRole", "EMR_DefaultRole_V2");
      assertThat(statements)
          .filteredOn(s -> s.actions().contains("iam:PassRole"))
          .flatExtracting(PolicyStatement::resources)
          .containsExactlyInAnyOrder(
              "arn:aws:iam::123456789012:role/EMR_DefaultRole_V2",
              "arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole",
              "arn:aws:iam::123456789012:role/EMR_AutoScaling_DefaultRole");
      assertThat(passRole).isNotNull();
      assertThat(statements)
          .filteredOn(s -> s.actions().contains("ssm:GetParameter"))
          .flatExtracting(PolicyStatement::resources)
          .containsExactlyInAnyOrder(
              "arn:aws:ssm:us-east-1:123456789012:parameter/emr_launch/emr_profiles/default/etl-profile",
              "arn:aws:ssm:us-east-1:123456789012:parameter/emr_launch/cluster_configurations/default/etl-config");
      assertThat(statements)
          .filteredOn(s -> s.actions().contains("sns:Publish"))
          .flatExtracting(PolicyStatement::resources)
          .containsExactlyInAnyOrder(TOPIC_OK, TOPIC_FAILED);
      assertThat(d.policy().allows("elasticmapreduce:ListClusters", "*"))
          .as(d.policy().toJson())
          .isTrue();
      assertThat(d.policy().allows("elasticmapreduce:RunJobFlow", "*")).isTrue();
      assertThat(
              d.policy()
                  .allows(
                      "elasticmapreduce:AddTags",
                      "arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*"))
          .as(d.policy().toJson())
          .isTrue();
      if (integration == ServiceIntegration.OPTIMIZED) {
        assertThat(
                d.policy()
                    .allows(
                        "events:PutRule",
                        "arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventForEMRRunJobFlowRule"))
            .isTrue();
      } else {
        assertThat(
                d.policy()
                    .allows(
                        "elasticmapreduce:TerminateJobFlows",
                        "arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*"))
            .isTrue();
      }
      assertThat(statements)
          .filteredOn(s -> s.resources().contains("*"))
          .flatExtracting(PolicyStatement::actions)
          .doesNotContain("iam:PassRole", "ssm:GetParameter", "sns:Publish");
    }
  }

  @Test
  void partitionsReachEveryResource() {
    StateMachine m =
        LaunchFunctionMachine.builder(function(), profile(), configuration())
            .integration(ServiceIntegration.AWS_SDK)
            .partition("aws-cn")
            .build();
    List<String> resources = new ArrayList<>();
    tasks(json(m), t -> resources.add(t.path("Resource").asText()));
    assertThat(resources).isNotEmpty().allMatch(r -> r.startsWith("arn:aws-cn:states:::"));
  }

  @Test
  void theWaitLoopIsBoundedByTheStartTimeout() {
    JsonNode states =
        json(LaunchFunctionMachine.builder(function(), profile(), configuration())
                .integration(ServiceIntegration.AWS_SDK)
                .pollInterval(Duration.ofSeconds(10))
                .startTimeout(Duration.ofSeconds(35))
                .build())
            .path("States");
    assertThat(states.path("Wait For Cluster").path("Seconds").asInt()).isEqualTo(10);
    assertThat(states.path("Wait For Cluster").path("Next").asText()).isEqualTo("Count Poll");
    JsonNode rule =
        java.util.stream.StreamSupport.stream(
                states.path("Cluster Started?").path("Choices").spliterator(), false)
            .filter(c -> c.has("NumericGreaterThanEquals"))
            .findFirst()
            .orElseThrow();
    assertThat(rule.path("Variable").asText()).isEqualTo("$.LaunchClusterResult.Wait.Polls");
    assertThat(rule.path("NumericGreaterThanEquals").asInt()).isEqualTo(4);
    assertThat(rule.path("Next").asText()).isEqualTo("Cluster Start Timed Out");
    assertThat(states.path("Cluster Start Timed Out").path("Next").asText())
        .isEqualTo("Unprotect Failed Cluster");
  }

  @Test
  void badOptionsAreRefusedWithTheirPaths() {
    LaunchFunction badName =
        LaunchFunction.builder()
            .from(function())
            .addAllowedOverrides(
                AllowedOverride.builder().name("core count").path("releaseLabel").build())
            .build();
    assertThatThrownBy(
            () ->
                LaunchFunctionMachine.builder(badName, profile(), configuration())
                    .parameterRoot("no-slash")
                    .pollInterval(Duration.ZERO)
                    .partition("mars")
                    .startTimeout(Duration.ofMillis(-1))
                    .build())
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).problems())
                    .extracting(Problem::path)
                    .containsExactlyInAnyOrder(
                        "parameterRoot",
                        "pollInterval",
                        "partition",
                        "startTimeout",
                        "function.allowedOverrides[0].name"));
  }

  @Test
  void invalidRecordsAreRefusedBeforeAnyAsl() {
    LaunchFunction badPath =
        LaunchFunction.builder()
            .from(function())
            .addAllowedOverrides(AllowedOverride.builder().name("Logs").path("logsBucket").build())
            .build();
    assertThatThrownBy(
            () -> LaunchFunctionMachine.builder(badPath, profile(), configuration()).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("function.allowedOverrides[0].path");
    EmrProfile noRoles = EmrProfile.builder().name("p").serviceRole("").instanceRole("x").build();
    assertThatThrownBy(
            () -> LaunchFunctionMachine.builder(function(), noRoles, configuration()).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("profile.serviceRole");
  }

  private static StateMachine sdk(LaunchFunction fn) {
    return LaunchFunctionMachine.builder(fn, profile(), configuration())
        .integration(ServiceIntegration.AWS_SDK)
        .build();
  }

  private static JsonNode json(StateMachine m) {
    try {
      return JSON.readTree(m.toJson());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Visits every Task state, in branches and item processors too. */
  private static void tasks(JsonNode graph, Consumer<JsonNode> visit) {
    graph
        .path("States")
        .forEach(
            s -> {
              if (s.path("Type").asText().equals("Task")) {
                visit.accept(s);
              }
              s.path("Branches").forEach(b -> tasks(b, visit));
              if (s.has("ItemProcessor")) {
                tasks(s.path("ItemProcessor"), visit);
              }
            });
  }

  private static PolicyStatement find(List<PolicyStatement> all, String action, String resource) {
    return all.stream()
        .filter(s -> s.actions().contains(action))
        .filter(s -> s.resources().stream().anyMatch(r -> r.contains(resource)))
        .findFirst()
        .orElse(null);
  }
}
