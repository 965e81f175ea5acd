package io.emrlaunch.stepfunctions.local;

import static io.emrlaunch.stepfunctions.local.LocalRuns.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** FakeSfn interprets definitions through its ExecutionEngine seam with the local engine. */
class FakeSfnEngineTest {
  final LocalRuns local = new LocalRuns();
  final FakeAws aws = local.aws;

  String create(String name, String definition) {
    return aws.sfn()
        .createStateMachine(
            r ->
                r.name(name)
                    .definition(q(definition))
                    .roleArn("arn:aws:iam::123456789012:role/sfn"))
        .stateMachineArn();
  }

  DescribeExecutionResponse describe(String arn) {
    return aws.sfn().describeExecution(r -> r.executionArn(arn));
  }

  @Test
  void startExecutionRunsTheDefinitionInVirtualTime() {
    aws.sfnBackend().executionEngine(local.engine::execute);
    String machine =
        create(
            "waiter",
            "{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':3600,'Next':'P'},"
                + "'P':{'Type':'Pass','Parameters':{'name.$':'$$.Execution.Name','in.$':'$.x'},"
                + "'End':true}}}");
    String arn =
        aws.sfn()
            .startExecution(r -> r.stateMachineArn(machine).name("run-1").input(q("{'x':7}")))
            .executionArn();
    assertThat(describe(arn).status()).isEqualTo(ExecutionStatus.RUNNING);

    aws.time().advance(Duration.ofHours(2));

    DescribeExecutionResponse d = describe(arn);
    assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(d.output()).isEqualTo(q("{'name':'run-1','in':7}"));
    assertThat(aws.sfn().getExecutionHistory(r -> r.executionArn(arn)).events())
        .extracting(HistoryEvent::type)
        .containsExactly(
            HistoryEventType.EXECUTION_STARTED,
            HistoryEventType.WAIT_STATE_ENTERED,
            HistoryEventType.WAIT_STATE_EXITED,
            HistoryEventType.PASS_STATE_ENTERED,
            HistoryEventType.PASS_STATE_EXITED,
            HistoryEventType.EXECUTION_SUCCEEDED);
  }

  @Test
  void failuresAndStopsAreReportedAsTheServiceDoes() {
    aws.sfnBackend().executionEngine(local.engine::execute);
    String failing =
        create("failing", "{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'E','Cause':'C'}}}");
    String arn = aws.sfn().startExecution(r -> r.stateMachineArn(failing)).executionArn();
    aws.time().runUntilIdle();
    assertThat(describe(arn).status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(describe(arn).error()).isEqualTo("E");
    assertThat(describe(arn).cause()).isEqualTo("C");

    String slow =
        create("slow", "{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':60,'End':true}}}");
    String running = aws.sfn().startExecution(r -> r.stateMachineArn(slow)).executionArn();
    aws.time().runDue();
    aws.sfn().stopExecution(r -> r.executionArn(running).error("Stop").cause("by test"));
    aws.time().advance(Duration.ofMinutes(5));
    assertThat(describe(running).status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(describe(running).error()).isEqualTo("Stop");
  }

  @Test
  void withoutAnEngineExecutionsStayRunningAsBefore() {
    String machine = create("plain", "{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}");
    String arn = aws.sfn().startExecution(r -> r.stateMachineArn(machine)).executionArn();
    aws.time().advance(Duration.ofHours(1));
    assertThat(describe(arn).status()).isEqualTo(ExecutionStatus.RUNNING);
  }
}
