package io.emrlaunch.stepfunctions.emr;

import static io.emrlaunch.stepfunctions.emr.LaunchFunctionFixtures.configuration;
import static io.emrlaunch.stepfunctions.emr.LaunchFunctionFixtures.function;
import static io.emrlaunch.stepfunctions.emr.LaunchFunctionFixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.AslValidatorCli;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.iam.DerivedPolicy;
import io.emrlaunch.stepfunctions.iam.ExecutionRolePolicy;
import io.emrlaunch.stepfunctions.iam.PolicyStatement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launch function's activity variant: the machine, its checks and its derived policy. */
class LaunchFunctionActivityMachineTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:emr-launch";
  static final String TOPIC_OK = "arn:aws:sns:us-east-1:123456789012:launch-ok";
  static final String TOPIC_FAILED = "arn:aws:sns:us-east-1:123456789012:launch-failed";

  static LaunchFunction withTopics() {
    return LaunchFunction.builder()
        .from(function())
        .successTopicArn(TOPIC_OK)
        .failureTopicArn(TOPIC_FAILED)
        .build();
  }

  static StateMachine machine(LaunchFunction fn) {
    return LaunchFunctionMachine.builder(fn, profile(), configuration())
        .launchActivity(ACTIVITY)
        .activityHeartbeat(Duration.ofSeconds(90))
        .startTimeout(Duration.ofHours(1))
        .build();
  }

  @Test
  void theLaunchIsOneActivityTaskWithHeartbeatTimeoutAndCatch() throws Exception {
    JsonNode m = JSON.readTree(machine(withTopics()).toJson());
    JsonNode launch = m.path("States").path("Launch Cluster");
    assertThat(m.path("StartAt").asText()).isEqualTo("Launch Cluster");
    assertThat(launch.path("Type").asText()).isEqualTo("Task");
    assertThat(launch.path("Resource").asText()).isEqualTo(ACTIVITY);
    assertThat(launch.path("HeartbeatSeconds").asLong()).isEqualTo(90);
    assertThat(launch.path("TimeoutSeconds").asLong()).isEqualTo(3600 + 45 * 60);
    assertThat(launch.path("Parameters").toString())
        .isEqualTo(
            "{\"LaunchFunction\":{\"Namespace\":\"default\",\"Name\":\""
                + function().name()
                + "\"},\"StartTimeoutSeconds\":3600,\"Input.$\":\"$\"}");
    assertThat(launch.path("ResultPath").asText()).isEqualTo("$.LaunchClusterResult");
    assertThat(launch.path("Retry").isMissingNode()).as("never retried").isTrue();
    assertThat(launch.path("Catch").get(0).path("Next").asText()).isEqualTo("Failure Notification");
    assertThat(launch.path("Next").asText()).isEqualTo("Success Notification");
    // no record is read and no EMR call is made by the machine
    assertThat(m.toString()).doesNotContain(":ssm:").doesNotContain("elasticmapreduce");
  }

  @Test
  void everyActivityVariantPassesOurValidatorAndAslValidator() throws Exception {
    Map<String, String> emitted = new LinkedHashMap<>();
    for (boolean wait : new boolean[] {true, false}) {
      for (boolean topics : new boolean[] {true, false}) {
        LaunchFunction.Builder fn =
            LaunchFunction.builder().from(topics ? withTopics() : function());
        StateMachine m = machine(fn.waitForClusterStart(wait).build());
        assertThat(m.validate()).isEmpty();
        JsonNode params = JSON.readTree(m.toJson()).at("/States/Launch Cluster/Parameters");
        assertThat(params.has("StartTimeoutSeconds")).isEqualTo(wait);
        emitted.put("activity-" + wait + "-" + topics, m.toJson());
      }
    }
    AslValidatorCli.Result r = AslValidatorCli.require().validateDefinitions(emitted);
    assertThat(r.invalid()).isEmpty();
    assertThat(r.files()).hasSize(4);
  }

  @Test
  void theExecutionRoleNeedsNothingForTheActivity() {
    DerivedPolicy d =
        ExecutionRolePolicy.builder()
            .region("us-east-1")
            .accountId("123456789012")
            .profile(profile())
            .build()
            .derive(machine(withTopics()));
    assertThat(d.integrations()).contains("activity");
    assertThat(d.policy().statements())
        .flatExtracting(PolicyStatement::actions)
        .containsOnly("sns:Publish");
    assertThat(d.policy().statements())
        .flatExtracting(PolicyStatement::resources)
        .containsExactlyInAnyOrder(TOPIC_OK, TOPIC_FAILED);
    assertThat(d.policy().allows("states:GetActivityTask", ACTIVITY)).isFalse();
    assertThat(d.policy().allows("iam:PassRole", "*")).isFalse();
  }

  @Test
  void badActivityOptionsAreNamed() {
    assertThatThrownBy(
            () ->
                LaunchFunctionMachine.builder(function(), profile(), configuration())
                    .launchActivity("arn:aws:states:us-east-1:123456789012:stateMachine:x")
                    .activityHeartbeat(Duration.ofSeconds(5))
                    .build())
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).problems())
                    .extracting(Problem::path)
                    .containsExactlyInAnyOrder("launchActivity", "activityHeartbeat"));
    assertThatThrownBy(
            () ->
                LaunchFunctionMachine.builder(function(), profile(), configuration())
                    .partition("aws-cn")
                    .launchActivity(ACTIVITY)
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("launchActivity")
        .hasMessageContaining("partition aws");
  }
}
