package io.emrlaunch.stepfunctions.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/** The deployer over HTTP against the moto server (real SDK wire format). */
@MotoTest
class MotoDeployerTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/sfn-exec";
  private static final String PASS =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":{\"ok\":1},\"End\":true}}}";

  private MotoServer server;
  private OperationRecorder recorder;
  private SfnAsyncClient client;
  private StateMachineDeployer deployer;

  @BeforeEach
  void setUp(MotoServer server) {
    this.server = server;
    recorder = new OperationRecorder();
    client =
        server
            .configure(SfnAsyncClient.builder())
            .overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
            .build();
    deployer =
        StateMachineDeployer.builder()
            .client(client)
            .pollInterval(Duration.ofMillis(50))
            .maxPollInterval(Duration.ofMillis(200))
            .build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static StateMachineSpec spec(String definition) {
    return StateMachineSpec.builder()
        .name("etl")
        .definition(definition)
        .roleArn(ROLE)
        .putTags("team", "data")
        .build();
  }

  private DescribeStateMachineResponse describe(String arn) {
    return client.describeStateMachine(r -> r.stateMachineArn(arn)).join();
  }

  private Map<String, String> tags(String arn) {
    return client.listTagsForResource(r -> r.resourceArn(arn)).join().tags().stream()
        .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
  }

  @Test
  void createsThenLeavesAnUnchangedMachineAloneThenUpdates() {
    DeployResult created = deployer.deploy(spec(PASS)).join();
    assertThat(created.outcome()).isEqualTo(DeployResult.Outcome.CREATED);
    assertThat(created.stateMachineArn()).endsWith(":stateMachine:etl");
    assertThat(describe(created.stateMachineArn()).roleArn()).isEqualTo(ROLE);
    assertThat(tags(created.stateMachineArn())).containsEntry("team", "data");

    // Same definition, other key order and whitespace: nothing is written.
    recorder.clear();
    String reordered =
        "{ \"States\": {\"P\": {\"End\": true, \"Result\": {\"ok\": 1}, \"Type\": \"Pass\"}},\n"
            + "  \"StartAt\": \"P\" }";
    DeployResult same = deployer.deploy(spec(reordered)).join();
    assertThat(same.outcome()).isEqualTo(DeployResult.Outcome.UNCHANGED);
    assertThat(same.changed()).isFalse();
    assertThat(same.stateMachineArn()).isEqualTo(created.stateMachineArn());
    assertThat(recorder.operations())
        .containsExactly("ListStateMachines", "DescribeStateMachine", "ListTagsForResource");

    // A changed definition is updated in place.
    String changed = PASS.replace("\"ok\":1", "\"ok\":2");
    DeployResult updated = deployer.deploy(spec(changed)).join();
    assertThat(updated.outcome()).isEqualTo(DeployResult.Outcome.UPDATED);
    assertThat(describe(updated.stateMachineArn()).definition()).contains("\"ok\":2");

    // A changed role too.
    String otherRole = "arn:aws:iam::123456789012:role/other";
    DeployResult roleChanged = deployer.deploy(spec(changed).withRoleArn(otherRole)).join();
    assertThat(roleChanged.outcome()).isEqualTo(DeployResult.Outcome.UPDATED);
    assertThat(describe(roleChanged.stateMachineArn()).roleArn()).isEqualTo(otherRole);
  }

  @Test
  void tagsAreAddedWithoutTouchingTheMachine() {
    String arn = deployer.deploy(spec(PASS)).join().stateMachineArn();
    recorder.clear();
    DeployResult r =
        deployer
            .deploy(StateMachineSpec.builder().from(spec(PASS)).putTags("cost", "42").build())
            .join();
    assertThat(r.outcome()).isEqualTo(DeployResult.Outcome.UNCHANGED);
    assertThat(r.tagsChanged()).isTrue();
    assertThat(recorder.operations()).contains("TagResource").doesNotContain("UpdateStateMachine");
    assertThat(tags(arn)).containsEntry("team", "data").containsEntry("cost", "42");
  }

  @Test
  void invalidSpecsAndTypeChangesFailBeforeWriting() {
    assertThatThrownBy(
            () ->
                deployer
                    .deploy(b -> b.name("bad name!").definition("{nope").roleArn("role"))
                    .join())
        .hasCauseInstanceOf(ValidationException.class)
        .hasMessageContaining("name")
        .hasMessageContaining("definition")
        .hasMessageContaining("roleArn");
    assertThat(recorder.operations()).isEmpty();

    deployer.deploy(spec(PASS)).join();
    recorder.clear();
    assertThatThrownBy(() -> deployer.deploy(spec(PASS).withType(StateMachineType.EXPRESS)).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(ValidationException.class)
        .hasMessageContaining("cannot change a state machine's type");
    assertThat(recorder.operations()).doesNotContain("UpdateStateMachine", "CreateStateMachine");
  }

  @Test
  void aRunningExecutionTimesOutThenReportsItsAbort() {
    // moto's default mode keeps executions RUNNING until stopped.
    String arn = deployer.deploy(spec(PASS)).join().stateMachineArn();
    String execution = deployer.start(arn, "run-1", "{\"a\":1}").join();
    assertThatThrownBy(() -> deployer.await(execution, Duration.ofMillis(300)).join())
        .hasCauseInstanceOf(ExecutionWaitTimeoutException.class);
    client.stopExecution(r -> r.executionArn(execution).error("Operator").cause("stopped")).join();
    assertThatThrownBy(() -> deployer.await(execution, Duration.ofSeconds(30)).join())
        .hasCauseInstanceOf(ExecutionFailedException.class)
        .satisfies(
            e ->
                assertThat(((ExecutionFailedException) e.getCause()).status())
                    .isEqualTo(ExecutionStatus.ABORTED));
  }

  @Test
  void executedMachineSucceedsWithItsOutput() {
    server.enableStepFunctionsExecution();
    try {
      String arn = deployer.deploy(spec(PASS)).join().stateMachineArn();
      ExecutionResult r = deployer.run(arn, "{}", Duration.ofSeconds(60)).join();
      assertThat(r.output()).contains("\"ok\"");
    } finally {
      server.disableStepFunctionsExecution();
    }
  }

  @Test
  void executedMachineFailsWithErrorAndCause() {
    server.enableStepFunctionsExecution();
    try {
      String fail =
          "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"Emr.Failed\","
              + "\"Cause\":\"cluster terminated with errors\"}}}";
      String arn = deployer.deploy(spec(fail)).join().stateMachineArn();
      assertThatThrownBy(() -> deployer.run(arn, "{}", Duration.ofSeconds(60)).join())
          .hasCauseInstanceOf(ExecutionFailedException.class)
          .satisfies(
              e -> {
                ExecutionFailedException f = (ExecutionFailedException) e.getCause();
                assertThat(f.status()).isEqualTo(ExecutionStatus.FAILED);
                assertThat(f.error()).contains("Emr.Failed");
                assertThat(f.errorCause()).contains("cluster terminated with errors");
              });
    } finally {
      server.disableStepFunctionsExecution();
    }
  }
}
