package io.emrlaunch.stepfunctions.local;

import static io.emrlaunch.stepfunctions.local.LocalRuns.output;
import static io.emrlaunch.stepfunctions.local.LocalRuns.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Regression tests of the engine review (docs/local-engine.md): cancellation of siblings, stop,
 * timeouts of {@code .sync} polling, large Maps, Map path fields, JSONata functions and bindings.
 */
class LocalEngineRobustnessTest {
  private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:f";

  final LocalRuns local = new LocalRuns();

  LocalExecution run(String def, String input) {
    return local.run(q(def), q(input));
  }

  /** A lambda handler that counts its calls and succeeds. */
  static LocalRuns counting(AtomicInteger calls) {
    return new LocalRuns(
        FakeAws.create(),
        b ->
            b.lambda(
                (fn, in) -> {
                  calls.incrementAndGet();
                  return CompletableFuture.completedFuture(in);
                }));
  }

  // ----- #2 $partition ---------------------------------------------------------------------------

  @Test
  void jsonataPartitionRejectsSizesBelowOneAndFractionsWithQueryEvaluationError() {
    for (String size : List.of("0", "0.5", "-1", "1.5")) {
      LocalExecution e =
          run(
              "{'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Pass',"
                  + "'Output':'{% $partition([1,2,3], "
                  + size
                  + ") %}','End':true}}}",
              "{}");
      assertThat(e.status()).as(size).isEqualTo(ExecutionStatus.FAILED);
      assertThat(e.error()).as(size).contains("States.QueryEvaluationError");
      assertThat(e.cause().orElseThrow()).as(size).contains("$partition");
    }
    LocalExecution ok =
        run(
            "{'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Pass',"
                + "'Output':'{% $partition([1,2,3], 2) %}','End':true}}}",
            "{}");
    assertThat(output(ok).toString()).isEqualTo("[[1,2],[3]]");
  }

  // ----- #3 siblings stop ------------------------------------------------------------------------

  @Test
  void parallelBranchFailureStopsTheOtherBranchesOfEveryAttempt() {
    AtomicInteger calls = new AtomicInteger();
    LocalRuns r = counting(calls);
    LocalExecution e =
        r.run(
            q(
                "{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':["
                    + "{'StartAt':'A','States':{'A':{'Type':'Wait','Seconds':10,'Next':'F'},"
                    + "'F':{'Type':'Fail','Error':'Boom','Cause':'b'}}},"
                    + "{'StartAt':'B','States':{'B':{'Type':'Wait','Seconds':60,'Next':'T'},"
                    + "'T':{'Type':'Task','Resource':'"
                    + FN
                    + "','End':true}}}],"
                    + "'Retry':[{'ErrorEquals':['Boom'],'IntervalSeconds':1,'MaxAttempts':1}],"
                    + "'Catch':[{'ErrorEquals':['Boom'],'Next':'Hold'}],'End':true},"
                    + "'Hold':{'Type':'Wait','Seconds':3600,'End':true}}}"),
            "{}");
    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(calls.get()).isZero();
    assertThat(e.history())
        .extracting(HistoryEvent::type)
        .doesNotContain(HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STATE_ENTERED);
  }

  @Test
  void mapIterationFailureStopsTheOtherIterations() {
    AtomicInteger calls = new AtomicInteger();
    LocalRuns r = counting(calls);
    LocalExecution e =
        r.run(
            q(
                "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'StartAt':'C',"
                    + "'States':{'C':{'Type':'Choice','Choices':[{'Variable':'$',"
                    + "'NumericEquals':0,'Next':'W'}],'Default':'Slow'},"
                    + "'W':{'Type':'Wait','Seconds':10,'Next':'F'},"
                    + "'F':{'Type':'Fail','Error':'Boom'},"
                    + "'Slow':{'Type':'Wait','Seconds':60,'Next':'T'},"
                    + "'T':{'Type':'Task','Resource':'"
                    + FN
                    + "','End':true}}},"
                    + "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Hold'}],'End':true},"
                    + "'Hold':{'Type':'Wait','Seconds':3600,'End':true}}}"),
            "[0,1,2]");
    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(calls.get()).isZero();
    assertThat(e.history())
        .extracting(HistoryEvent::type)
        .doesNotContain(HistoryEventType.TASK_SCHEDULED);
  }

  // ----- #4 large Map ----------------------------------------------------------------------------

  static String numbers(int n) {
    StringBuilder b = new StringBuilder("{\"items\":[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append(i);
    }
    return b.append("]}").toString();
  }

  @Test
  void mapOfThousandsOfSynchronousIterationsCompletes() {
    LocalExecution e =
        local.run(
            q(
                "{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items',"
                    + "'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},"
                    + "'End':true}}}"),
            numbers(5_000));
    assertThat(e.status()).as(e.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(output(e).size()).isEqualTo(5_000);
    assertThat(output(e).get(4_999).asInt()).isEqualTo(4_999);
  }

  @Test
  void inlineMapOfTwentyThousandItemsEndsAtTheHistoryQuotaInsteadOfHanging() {
    // Inline Map iterations write into the execution's own history (25,000 events at most).
    LocalExecution e =
        local.run(
            q(
                "{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items',"
                    + "'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},"
                    + "'End':true}}}"),
            numbers(20_000));
    assertThat(e.status()).as(e.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains("States.Runtime");
    assertThat(e.cause().orElseThrow()).contains("maximum number of history events");
  }

  // ----- #5 stop ---------------------------------------------------------------------------------

  static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:m:run-1";

  @Test
  void stopDuringAWaitAbortsAtOnceWithErrorAndCause() {
    CompletableFuture<LocalExecution> f =
        local.engine.start(
            q("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':3600,'End':true}}}"),
            "{}",
            ARN);
    local.aws.time().advance(Duration.ofSeconds(10));
    assertThat(f).isNotDone();
    assertThat(local.engine.stop(ARN, "Ops.Stopped", "stopped by hand")).isTrue();
    assertThat(f).isDone();
    LocalExecution e = f.join();
    assertThat(e.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(e.error()).contains("Ops.Stopped");
    assertThat(e.cause()).contains("stopped by hand");
    HistoryEvent last = e.history().get(e.history().size() - 1);
    assertThat(last.type()).isEqualTo(HistoryEventType.EXECUTION_ABORTED);
    assertThat(last.executionAbortedEventDetails().error()).isEqualTo("Ops.Stopped");
    assertThat(local.engine.stop(ARN)).isFalse();
    local.aws.time().runUntilIdle();
    assertThat(f.join()).isSameAs(e);
  }

  @Test
  void stopAbortsAnExecutionWaitingForATaskTokenAndForgetsTheToken() {
    String[] token = new String[1];
    LocalRuns r =
        new LocalRuns(
            FakeAws.create(),
            b ->
                b.lambda(
                    (fn, in) -> {
                      token[0] = in.get("token").asText();
                      return CompletableFuture.completedFuture(in);
                    }));
    CompletableFuture<LocalExecution> f =
        r.engine.start(
            q(
                "{'StartAt':'T','States':{'T':{'Type':'Task',"
                    + "'Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',"
                    + "'Parameters':{'FunctionName':'f','Payload':{'token.$':'$$.Task.Token'}},"
                    + "'End':true}}}"),
            "{}",
            ARN);
    r.aws.time().runUntilIdle();
    assertThat(f).isNotDone();
    assertThat(r.engine.stop(ARN)).isTrue();
    assertThat(f).isDone();
    assertThat(f.join().status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(f.join().error()).isEmpty();
    assertThat(r.engine.sendTaskSuccess(token[0], "{}")).isFalse();
    assertThat(r.engine.stop(ARN)).isFalse();
  }

  @Test
  void stopAbortsAnExecutionWaitingForAnActivityWorker() {
    String activity = "arn:aws:states:us-east-1:123456789012:activity:work";
    CompletableFuture<LocalExecution> f =
        local.engine.start(
            q(
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'"
                    + activity
                    + "','End':true}}}"),
            "{}",
            ARN);
    local.aws.time().runUntilIdle();
    assertThat(local.engine.stop(ARN, null, "no worker")).isTrue();
    assertThat(f).isDone();
    assertThat(f.join().status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(f.join().cause()).contains("no worker");
    assertThat(local.engine.pollActivityTask(activity)).isEmpty();
  }

  // ----- #6 timeout stops .sync polling ----------------------------------------------------------

  @Test
  void taskTimeoutStopsTheSyncPolling() {
    FakeAws aws = FakeAws.create();
    LocalRuns r = new LocalRuns(aws, b -> b.pollInterval(Duration.ofSeconds(10)));
    LocalExecution e =
        r.run(
            q(
                "{'StartAt':'C','States':{'C':{'Type':'Task','TimeoutSeconds':30,"
                    + "'Resource':'arn:aws:states:::elasticmapreduce:createCluster.sync',"
                    + "'Parameters':{'Name':'c','ReleaseLabel':'emr-7.5.0',"
                    + "'Instances':{'InstanceCount':1,'MasterInstanceType':'m5.xlarge',"
                    + "'KeepJobFlowAliveWhenNoSteps':true},"
                    + "'JobFlowRole':'EMR_EC2_DefaultRole','ServiceRole':'EMR_DefaultRole'},"
                    + "'Catch':[{'ErrorEquals':['States.Timeout'],'Next':'Hold'}],'End':true},"
                    + "'Hold':{'Type':'Wait','Seconds':7200,'End':true}}}"),
            "{}");
    assertThat(e.status()).as(e.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.history())
        .extracting(HistoryEvent::type)
        .contains(HistoryEventType.TASK_TIMED_OUT);
    // Polls at 0 s, 10 s, 20 s (and possibly 30 s); none after the timeout.
    assertThat(aws.calls().count(FakeAws.EMR, "DescribeCluster")).isBetween(1L, 4L);
  }

  // ----- #7 Map path fields ----------------------------------------------------------------------

  static String distributedMap(String fields) {
    return "{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items',"
        + fields
        + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
        + "'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$',"
        + "'NumericEquals':1,'Next':'F'}],'Default':'S'},"
        + "'F':{'Type':'Fail','Error':'Bad'},'S':{'Type':'Succeed'}}},'End':true}}}";
  }

  static String withSettings(int n, String settings) {
    String items = numbers(n);
    return items.substring(0, items.length() - 1) + "," + settings + "}";
  }

  @Test
  void mapPathFieldsAcceptZeroAndAFractionalPercentage() {
    // 1 of 200 items fails: 0.5 %, tolerated by a percentage of 0.5.
    LocalExecution pct =
        local.run(
            q(
                distributedMap(
                    "'MaxConcurrencyPath':'$.mc','ToleratedFailurePercentagePath':'$.pct',")),
            withSettings(200, "\"mc\":0,\"pct\":0.5"));
    assertThat(pct.status()).as(pct.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    LocalExecution literal =
        local.run(
            q(distributedMap("'ToleratedFailurePercentage':0.5,")), withSettings(200, "\"mc\":0"));
    assertThat(literal.status()).as(literal.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    LocalExecution zero =
        local.run(
            q(distributedMap("'ToleratedFailureCountPath':'$.n',")), withSettings(3, "\"n\":0"));
    assertThat(zero.error()).as(zero.toString()).contains("States.ExceedToleratedFailureThreshold");
    LocalExecution negative =
        local.run(q(distributedMap("'MaxConcurrencyPath':'$.mc',")), withSettings(3, "\"mc\":-1"));
    assertThat(negative.error()).contains("States.Runtime");
  }

  // ----- #9 seeded JSONata functions -------------------------------------------------------------

  String seeded(long seed) {
    LocalRuns r = new LocalRuns(FakeAws.create(), b -> b.seed(seed));
    return output(
            r.run(
                q(
                    "{'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Pass',"
                        + "'Output':{'u':'{% $uuid() %}','r':'{% $random() %}'},'End':true}}}"),
                "{}"))
        .toString();
  }

  @Test
  void jsonataUuidAndRandomFollowTheEngineSeed() {
    String a = seeded(7);
    assertThat(seeded(7)).isEqualTo(a);
    assertThat(seeded(8)).isNotEqualTo(a);
    assertThat(LocalRuns.JSON.valueToTree(a).asText()).isNotEmpty();
    assertThat(a).matches(".*\"u\":\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-.*");
  }

  // ----- #10 States.Timeout covers a heartbeat timeout -------------------------------------------

  @Test
  void statesTimeoutInCatchAndRetryMatchesAHeartbeatTimeout() {
    AtomicInteger calls = new AtomicInteger();
    LocalRuns r =
        new LocalRuns(
            FakeAws.create(),
            b ->
                b.lambda(
                    (fn, in) -> {
                      calls.incrementAndGet();
                      return CompletableFuture.completedFuture(in);
                    }));
    LocalExecution e =
        r.run(
            q(
                "{'StartAt':'T','States':{'T':{'Type':'Task','HeartbeatSeconds':5,"
                    + "'Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',"
                    + "'Parameters':{'FunctionName':'f','Payload':{'t.$':'$$.Task.Token'}},"
                    + "'Retry':[{'ErrorEquals':['States.Timeout'],'MaxAttempts':1}],"
                    + "'Catch':[{'ErrorEquals':['States.Timeout'],'Next':'Caught'}],'End':true},"
                    + "'Caught':{'Type':'Pass','End':true}}}"),
            "{}");
    assertThat(e.status()).as(e.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(output(e).get("Error").asText()).isEqualTo("States.HeartbeatTimeout");
    assertThat(calls.get()).isEqualTo(2);
  }

  // ----- #11 JSONata evaluation state
  // --------------------------------------------------------------

  @Test
  void jsonataEvalUsesItsOwnContext() {
    LocalExecution e =
        run(
            "{'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Pass',"
                + "'Output':'{% $eval($states.input.funcs.func, $states.input) %}','End':true}}}",
            "{'funcs':{'func':'$.a + $.b'},'a':3,'b':4}");
    assertThat(e.status()).as(e.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(output(e).asInt()).isEqualTo(7);
    // dashjoin/jsonata-java#90: after a path step $eval saw the step's input, not the context.
    LocalExecution deep =
        run(
            "{'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Pass',"
                + "'Output':'{% $eval($.funcs.func) %}','End':true}}}",
            "{'funcs':{'func':'$.a + $.b'},'a':3,'b':4}");
    assertThat(deep.status()).as(deep.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(output(deep).asInt()).isEqualTo(7);
  }

  @Test
  void jsonataBindingsDoNotLeakBetweenExpressionsOnOneThread() {
    // Two expressions with different variables, alternating on the scheduler's one thread.
    String withX =
        "{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass',"
            + "'Assign':{'x':'{% $states.input.v %}'},'Next':'B'},"
            + "'B':{'Type':'Pass','Output':'{% [$x, $y] %}','End':true}}}";
    String withY =
        "{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass',"
            + "'Assign':{'y':'{% $states.input.v %}'},'Next':'B'},"
            + "'B':{'Type':'Pass','Output':'{% [$x, $y] %}','End':true}}}";
    for (int i = 0; i < 3; i++) {
      assertThat(output(run(withX, "{'v':'x" + i + "'}")).toString()).isEqualTo("[\"x" + i + "\"]");
      assertThat(output(run(withY, "{'v':'y" + i + "'}")).toString()).isEqualTo("[\"y" + i + "\"]");
    }
  }
}
