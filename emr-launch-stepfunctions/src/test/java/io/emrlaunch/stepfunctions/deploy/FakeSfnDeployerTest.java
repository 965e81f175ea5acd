package io.emrlaunch.stepfunctions.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.LogLevel;

/** The deployer against the testkit's in-memory Step Functions, in virtual time. */
class FakeSfnDeployerTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/sfn-exec";
  private static final String DEF =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
  private static final String LOGS =
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/etl:*";

  private FakeAws aws;
  private VirtualTime time;
  private StateMachineDeployer deployer;

  @BeforeEach
  void setUp() {
    aws = FakeAws.create();
    time = aws.time();
    deployer =
        StateMachineDeployer.builder()
            .client(aws.sfnAsync())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .build();
  }

  private StateMachineSpec spec() {
    return StateMachineSpec.builder().name("etl").definition(DEF).roleArn(ROLE).build();
  }

  private <T> T await(CompletableFuture<T> f) {
    return time.runUntil(f, Duration.ofDays(1)).join();
  }

  private long calls(String operation) {
    return aws.calls().count(FakeAws.SFN, operation);
  }

  @Test
  void createUpdateAndNoOpWriteOnlyWhatChanged() {
    DeployResult created = await(deployer.deploy(spec()));
    assertThat(created.outcome()).isEqualTo(DeployResult.Outcome.CREATED);
    assertThat(calls("CreateStateMachine")).isEqualTo(1);

    DeployResult same = await(deployer.deploy(spec()));
    assertThat(same.outcome()).isEqualTo(DeployResult.Outcome.UNCHANGED);
    assertThat(calls("UpdateStateMachine")).isZero();

    DeployResult logging =
        await(deployer.deploy(spec().withLogGroupArn(LOGS).withLogLevel(LogLevel.ALL)));
    assertThat(logging.outcome()).isEqualTo(DeployResult.Outcome.UPDATED);
    var described =
        aws.sfn().describeStateMachine(r -> r.stateMachineArn(created.stateMachineArn()));
    assertThat(described.loggingConfiguration().level()).isEqualTo(LogLevel.ALL);

    // Logging as stored now: no further write. Turning tracing on is a change again.
    assertThat(
            await(deployer.deploy(spec().withLogGroupArn(LOGS).withLogLevel(LogLevel.ALL)))
                .outcome())
        .isEqualTo(DeployResult.Outcome.UNCHANGED);
    assertThat(
            await(
                    deployer.deploy(
                        spec().withLogGroupArn(LOGS).withLogLevel(LogLevel.ALL).withTracing(true)))
                .outcome())
        .isEqualTo(DeployResult.Outcome.UPDATED);
    assertThat(calls("UpdateStateMachine")).isEqualTo(2);
  }

  @Test
  void findsTheMachineBeyondTheFirstListPage() {
    for (int i = 0; i < 1005; i++) {
      int n = i;
      aws.sfn().createStateMachine(r -> r.name("other-" + n).definition(DEF).roleArn(ROLE));
    }
    DeployResult created = await(deployer.deploy(spec()));
    // Created last: listed first (newest first) — push it behind a full page by adding more.
    for (int i = 0; i < 1001; i++) {
      int n = i;
      aws.sfn().createStateMachine(r -> r.name("later-" + n).definition(DEF).roleArn(ROLE));
    }
    DeployResult again = await(deployer.deploy(spec()));
    assertThat(again.outcome()).isEqualTo(DeployResult.Outcome.UNCHANGED);
    assertThat(again.stateMachineArn()).isEqualTo(created.stateMachineArn());
    assertThat(calls("ListStateMachines")).isGreaterThanOrEqualTo(3);
  }

  @Test
  void awaitsHoursOfExecutionInVirtualTimeWithGrowingIntervals() {
    String arn = await(deployer.deploy(spec())).stateMachineArn();
    String execution = await(deployer.start(arn, "nightly", "{\"day\":1}"));
    Instant started = aws.clock().instant();
    aws.scheduler()
        .schedule(
            () -> aws.sfnBackend().succeedExecution(execution, "{\"rows\":42}"), 2, TimeUnit.HOURS);
    ExecutionResult result = await(deployer.await(execution, Duration.ofHours(6)));
    assertThat(result.output()).isEqualTo("{\"rows\":42}");
    Duration waited = Duration.between(started, aws.clock().instant());
    assertThat(waited).isBetween(Duration.ofHours(2), Duration.ofHours(2).plusMinutes(1));
    // 5 s growing by half to 60 s: about two hours / 60 s polls, not two hours / 5 s.
    assertThat(calls("DescribeExecution")).isBetween(100L, 140L);
  }

  @Test
  void failedAndTimedOutExecutionsCarryErrorAndCause() {
    String arn = await(deployer.deploy(spec())).stateMachineArn();
    String failing = await(deployer.start(arn, "f", "{}"));
    aws.scheduler()
        .schedule(
            () -> aws.sfnBackend().failExecution(failing, "Emr.StepFailed", "step s-1 failed"),
            10,
            TimeUnit.MINUTES);
    CompletableFuture<ExecutionResult> f = deployer.await(failing, Duration.ofHours(1));
    time.runUntil(f, Duration.ofDays(1));
    assertThatThrownBy(f::join)
        .hasCauseInstanceOf(ExecutionFailedException.class)
        .satisfies(
            e -> {
              ExecutionFailedException x = (ExecutionFailedException) e.getCause();
              assertThat(x.status()).isEqualTo(ExecutionStatus.FAILED);
              assertThat(x.error()).contains("Emr.StepFailed");
              assertThat(x.errorCause()).contains("step s-1 failed");
              assertThat(x.executionArn()).isEqualTo(failing);
            });

    String slow = await(deployer.start(arn, "t", "{}"));
    aws.sfnBackend().timeOutExecution(slow);
    CompletableFuture<ExecutionResult> t = deployer.await(slow, Duration.ofHours(1));
    time.runUntil(t, Duration.ofDays(1));
    assertThatThrownBy(t::join)
        .hasCauseInstanceOf(ExecutionFailedException.class)
        .hasMessageContaining("TIMED_OUT");
  }

  @Test
  void waitTimeoutLeavesTheExecutionRunning() {
    String arn = await(deployer.deploy(spec())).stateMachineArn();
    String execution = await(deployer.start(arn, "long", "{}"));
    Instant started = aws.clock().instant();
    CompletableFuture<ExecutionResult> f = deployer.await(execution, Duration.ofMinutes(30));
    time.runUntil(f, Duration.ofDays(1));
    assertThatThrownBy(f::join).hasCauseInstanceOf(ExecutionWaitTimeoutException.class);
    assertThat(Duration.between(started, aws.clock().instant())).isEqualTo(Duration.ofMinutes(30));
    assertThat(aws.sfnBackend().runningExecutions()).containsExactly(execution);
  }

  @Test
  void throttlingSlowsPollingDownButNeverFailsTheWait() {
    String arn = await(deployer.deploy(spec())).stateMachineArn();
    String execution = await(deployer.start(arn, "busy", "{}"));
    aws.faults().on(FakeAws.SFN, "DescribeExecution").next(4).throttle();
    aws.scheduler()
        .schedule(() -> aws.sfnBackend().succeedExecution(execution, "{}"), 20, TimeUnit.MINUTES);
    assertThat(await(deployer.await(execution, Duration.ofHours(1))).executionArn())
        .isEqualTo(execution);
  }

  @Test
  void cancellingTheWaitStopsPolling() {
    String arn = await(deployer.deploy(spec())).stateMachineArn();
    String execution = await(deployer.start(arn, "c", "{}"));
    CompletableFuture<ExecutionResult> f = deployer.await(execution, Duration.ofHours(5));
    time.advance(Duration.ofMinutes(10));
    f.cancel(false);
    long polls = calls("DescribeExecution");
    time.advance(Duration.ofHours(2));
    assertThat(calls("DescribeExecution")).isLessThanOrEqualTo(polls + 1);
  }
}
