package io.emrlaunch.stepfunctions.local;

import static io.emrlaunch.stepfunctions.local.LocalRuns.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.testkit.FakeAws;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * Bad input reaching the local engine through the Step Functions API (FakeSfn with the engine
 * behind its ExecutionEngine seam): the start call or the execution ends with the error Step
 * Functions gives; nothing escapes as an exception of the engine. {@link LocalEngineTest} covers
 * the same cases on {@link LocalEngine#start} directly.
 */
class BadInputThroughFakeSfnTest {
  final LocalRuns local = new LocalRuns();
  final FakeAws aws = local.aws;

  @BeforeEach
  void engine() {
    aws.sfnBackend().executionEngine(local.engine::execute);
  }

  String create(String definition) {
    return aws.sfn()
        .createStateMachine(
            r ->
                r.name("m").definition(q(definition)).roleArn("arn:aws:iam::123456789012:role/sfn"))
        .stateMachineArn();
  }

  DescribeExecutionResponse run(String machine, String input) {
    String arn =
        aws.sfn().startExecution(r -> r.stateMachineArn(machine).input(q(input))).executionArn();
    aws.time().runUntilIdle();
    return aws.sfn().describeExecution(r -> r.executionArn(arn));
  }

  @Test
  void inputThatIsNotJsonIsRefusedByStartExecution() {
    String machine = create("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}");

    assertThatThrownBy(
            () -> aws.sfn().startExecution(r -> r.stateMachineArn(machine).input("{nope")))
        .isInstanceOfSatisfying(
            SfnException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidExecutionInput"));
    assertThat(aws.sfn().listExecutions(r -> r.stateMachineArn(machine)).executions()).isEmpty();
  }

  @Test
  void aDefinitionThatIsNotJsonOrHasNoStartIsRefusedByCreateStateMachine() {
    assertThatThrownBy(() -> create("not json"))
        .isInstanceOfSatisfying(
            SfnException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidDefinition"));
    assertThatThrownBy(
            () -> create("{'StartAt':'Missing','States':{'P':{'Type':'Pass','End':true}}}"))
        .isInstanceOfSatisfying(
            SfnException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidDefinition"));
  }

  @Test
  void aDefinitionFakeSfnAcceptsButTheFullValidationRefusesFailsTheExecution() {
    // FakeSfn checks the definition's shape only; the engine validates it fully when it starts
    // (the service would refuse it at CreateStateMachine with InvalidDefinition).
    String machine = create("{'StartAt':'P','States':{'P':{'Type':'Pass','Next':'Nowhere'}}}");

    DescribeExecutionResponse d = run(machine, "{}");

    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("States.Runtime");
    assertThat(d.cause()).contains("Invalid state machine definition").contains("Nowhere");
  }

  @Test
  void aResourceTheEngineCannotDispatchFailsTheExecutionWithStatesRuntime() {
    String machine =
        create(
            "{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::aws-sdk:dynamodb:getItem','End':true}}}");

    DescribeExecutionResponse d = run(machine, "{}");

    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("States.Runtime");
    assertThat(d.cause()).contains("dynamodb");
  }

  @Test
  void aPathSelectingNothingFailsTheExecutionWithStatesRuntime() {
    String machine =
        create("{'StartAt':'P','States':{'P':{'Type':'Pass','InputPath':'$.missing','End':true}}}");

    DescribeExecutionResponse d = run(machine, "{'present':1}");

    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("States.Runtime");
    assertThat(d.cause()).contains("$.missing");
  }
}
