package io.emrlaunch.core.launch;

import static io.emrlaunch.core.launch.FakeFleet.boots;
import static io.emrlaunch.core.launch.FakeFleet.failsBootstrap;
import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.EmrLaunchException;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.VirtualTime;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import io.emrlaunch.testkit.emr.StepFailure;
import io.emrlaunch.testkit.emr.StepScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepState;

/** The monitor against the testkit's in-memory EMR, in virtual time. */
class ClusterMonitorTest {
  FakeAws aws;
  VirtualTime time;
  EmrAsyncClient emr;
  ClusterMonitor monitor;
  List<String> changes;

  /** When each cluster last changed state, as the fake saw it (not through calls). */
  Map<String, Instant> stateChangedAt;

  @BeforeEach
  void setUp() {
    aws = FakeAws.builder().seed(11).build();
    time = aws.time();
    emr = aws.emrAsync();
    changes = new ArrayList<>();
    stateChangedAt = new ConcurrentHashMap<>();
    aws.emrBackend().onClusterStateChange((id, name, state, at) -> stateChangedAt.put(id, at));
    monitor =
        ClusterMonitor.builder()
            .emr(emr)
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .listener(
                new MonitorListener() {
                  @Override
                  public void clusterChanged(ClusterSnapshot previous, ClusterSnapshot current) {
                    changes.add(current.clusterId() + " " + current.state().orElse(null));
                  }

                  @Override
                  public void stepChanged(StepSnapshot previous, StepSnapshot current) {
                    changes.add(current.stepId() + " " + current.state());
                  }
                })
            .build();
  }

  /** Scripts what happens to clusters and steps from now on. */
  void behave(EmrBehavior.Builder behavior) {
    aws.emrBackend().setBehavior(behavior.build());
  }

  String run(String name, boolean keepAlive, StepConfig... steps) {
    CompletableFuture<String> id =
        emr.runJobFlow(FakeFleet.request(name, keepAlive, steps)).thenApply(r -> r.jobFlowId());
    assertThat(time.runUntil(id, Duration.ofSeconds(5))).isCompleted();
    return id.join();
  }

  long calls(String operation) {
    return aws.calls().count(FakeAws.EMR, operation);
  }

  static Throwable failure(CompletableFuture<?> f) {
    assertThat(f).isCompletedExceptionally();
    try {
      f.join();
      throw new AssertionError("not failed");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void startedWaitCompletesSoonAfterTheClusterIsUpWithoutDescribing() {
    behave(EmrBehavior.builder().cluster("etl", boots(Duration.ofMinutes(9))));
    String id = run("etl", true);
    var up = monitor.await(id, ClusterTarget.STARTED);

    time.advance(Duration.ofMinutes(8));
    assertThat(up).isNotDone();
    assertThat(time.runUntil(up, Duration.ofMinutes(5))).isDone();

    ClusterSnapshot s = up.join();
    assertThat(s.up()).isTrue();
    Duration lag = Duration.between(stateChangedAt.get(id), s.observedAt());
    assertThat(lag).isLessThanOrEqualTo(Duration.ofSeconds(61));
    assertThat(calls("DescribeCluster")).isZero();
    assertThat(changes).contains(id + " STARTING", id + " BOOTSTRAPPING");
  }

  @Test
  void waitingTargetReportsTheExactState() {
    String id = run("etl", true);
    var waiting = monitor.await(id, ClusterTarget.WAITING);
    assertThat(time.runUntil(waiting, Duration.ofMinutes(15))).isDone();
    assertThat(waiting.join().state()).contains(ClusterState.WAITING);
  }

  @Test
  void manyClustersCostOneListingPerFiftyClustersPerPoll() {
    java.util.Random random = new java.util.Random(42);
    long[] waiterCalls = {0};
    EmrBehavior.Builder behavior = EmrBehavior.builder();
    for (int i = 0; i < 120; i++) {
      int boot = 360 + random.nextInt(360);
      waiterCalls[0] += boot / 30 + 1; // the SDK waiter: DescribeCluster every 30 s
      behavior.cluster("c" + i, boots(Duration.ofSeconds(boot)));
    }
    behave(behavior);
    List<CompletableFuture<ClusterSnapshot>> waits = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      waits.add(monitor.await(run("c" + i, true), ClusterTarget.STARTED));
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    assertThat(time.runUntil(all, Duration.ofMinutes(20))).isDone();

    long listings = monitor.callCounts().get("ListClusters");
    assertThat(listings).isLessThan(waiterCalls[0] / 10);
    assertThat(monitor.callCounts()).doesNotContainKey("DescribeCluster");
    assertThat(waits).allSatisfy(w -> assertThat(w.join().up()).isTrue());
  }

  @Test
  void bootstrapFailureFailsTheWaitWithEmrsReasonAndTheDescription() {
    behave(
        EmrBehavior.builder()
            .cluster(
                "etl", failsBootstrap(Duration.ofMinutes(4), "bootstrap action 1 returned 2")));
    String id = run("etl", true);
    var up = monitor.await(id, ClusterTarget.STARTED);
    assertThat(time.runUntil(up, Duration.ofMinutes(10))).isDone();

    Throwable t = failure(up);
    assertThat(t).isInstanceOf(ClusterFailedException.class);
    ClusterFailedException e = (ClusterFailedException) t;
    assertThat(e.snapshot().reasonCode()).contains("BOOTSTRAP_FAILURE");
    assertThat(e.snapshot().reasonMessage()).contains("bootstrap action 1 returned 2");
    assertThat(e.lastDescription()).isPresent();
    assertThat(e.getMessage()).contains("BOOTSTRAP_FAILURE", "bootstrap action 1 returned 2");
  }

  @Test
  void failureIsReportedWithoutDescriptionWhenDescribeKeepsFailing() {
    behave(EmrBehavior.builder().cluster("etl", failsBootstrap(Duration.ofMinutes(2), "bad")));
    String id = run("etl", true);
    var up = monitor.await(id, ClusterTarget.STARTED);
    aws.faults().on(FakeAws.EMR, "DescribeCluster").next(3).throttle();
    assertThat(time.runUntil(up, Duration.ofMinutes(10))).isDone();
    ClusterFailedException e = (ClusterFailedException) failure(up);
    assertThat(e.snapshot().reasonCode()).contains("BOOTSTRAP_FAILURE");
  }

  @Test
  void timeoutFailsWithTheLastSnapshot() {
    behave(EmrBehavior.builder().cluster("slow", boots(Duration.ofMinutes(60))));
    String id = run("slow", true);
    var up = monitor.await(id, ClusterTarget.STARTED, Duration.ofMinutes(25));
    time.advance(Duration.ofMinutes(24));
    assertThat(up).isNotDone();
    assertThat(time.runUntil(up, Duration.ofMinutes(2))).isDone();
    ClusterWaitTimeoutException e = (ClusterWaitTimeoutException) failure(up);
    assertThat(e.lastSnapshot()).isPresent();
    assertThat(e.lastSnapshot().get().state()).contains(ClusterState.BOOTSTRAPPING);
  }

  @Test
  void terminatedTargetCompletesWhenATransientClusterEnds() {
    behave(
        EmrBehavior.builder()
            .stepRunTime(DurationDistribution.fixed(Duration.ofMinutes(3)))
            .cluster("transient", boots(Duration.ofMinutes(8))));
    String id = run("transient", false, step("one"), step("two"));
    var gone = monitor.await(id, ClusterTarget.TERMINATED);
    assertThat(time.runUntil(gone, Duration.ofMinutes(30))).isDone();
    assertThat(gone.join().state()).contains(ClusterState.TERMINATED);
    assertThat(gone.join().reasonCode()).contains("ALL_STEPS_COMPLETED");
  }

  @Test
  void aClusterCreatedLongAgoIsFoundByDescribe() {
    // Launched three days before anyone waits for it: older than the monitor's listing window.
    String old = run("persistent", true);
    time.advance(Duration.ofDays(3));
    aws.calls().reset();
    var waiting = monitor.await(old, ClusterTarget.WAITING);
    assertThat(time.runUntil(waiting, Duration.ofMinutes(2))).isDone();
    assertThat(waiting.join().state()).contains(ClusterState.WAITING);
    assertThat(calls("DescribeCluster")).isEqualTo(1);
  }

  @Test
  void anUnknownClusterFailsTheWaitInsteadOfPollingForever() {
    var w = monitor.await("j-DOESNOTEXIST", ClusterTarget.STARTED);
    assertThat(time.runUntil(w, Duration.ofMinutes(5))).isDone();
    assertThat(failure(w)).isInstanceOf(EmrLaunchException.class).hasMessageContaining("not valid");
  }

  @Test
  void throttlingStormSlowsThePollerButNeverFailsAWait() {
    long seed = 7;
    java.util.Random random = new java.util.Random(seed);
    EmrBehavior.Builder behavior = EmrBehavior.builder();
    for (int i = 0; i < 80; i++) {
      behavior.cluster("c" + i, boots(Duration.ofSeconds(300 + random.nextInt(400))));
    }
    behave(behavior);
    List<CompletableFuture<ClusterSnapshot>> waits = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      waits.add(monitor.await(run("c" + i, true), ClusterTarget.WAITING));
    }
    aws.faults().on(FakeAws.EMR, "*").withProbability(0.6).throttle();
    CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    assertThat(time.runUntil(all, Duration.ofHours(2))).as("seed %d", seed).isDone();
    assertThat(all).as("seed %d", seed).isCompleted();
    assertThat(monitor.throttledCalls()).isPositive();
  }

  @Test
  void cancellingAWaitStopsPolling() {
    String id = run("etl", true);
    var up = monitor.await(id, ClusterTarget.STARTED);
    time.advance(Duration.ofMinutes(1));
    up.cancel(false);
    time.advance(Duration.ofMinutes(1));
    long calls = aws.calls().count(FakeAws.EMR);
    time.advance(Duration.ofMinutes(30));
    assertThat(aws.calls().count(FakeAws.EMR)).isEqualTo(calls);
  }

  @Test
  void closeFailsPendingWaits() {
    String id = run("etl", true);
    var up = monitor.await(id, ClusterTarget.STARTED);
    time.advance(Duration.ofSeconds(30));
    monitor.close();
    time.runUntilIdle();
    assertThat(failure(up)).isInstanceOf(EmrLaunchException.class).hasMessageContaining("closed");
  }

  @Test
  void stepWaitCompletesAndFailsWithDetailsAndLogFile() {
    behave(
        EmrBehavior.builder()
            .stepRunTime(DurationDistribution.fixed(Duration.ofMinutes(2)))
            .step(
                "bad",
                StepScript.failing(
                    StepFailure.of("Application failed", "Exception in thread main"))));
    String id = run("etl", true, step("good"), step("bad"));
    var list = emr.listSteps(r -> r.clusterId(id));
    time.runUntil(list, Duration.ofSeconds(1));
    String bad = list.join().steps().get(0).id();
    String good = list.join().steps().get(1).id();

    var goodWait = monitor.awaitStep(id, good);
    var badWait = monitor.awaitStep(id, bad);
    assertThat(time.runUntil(badWait, Duration.ofMinutes(20))).isDone();
    assertThat(goodWait.join().state()).isEqualTo(StepState.COMPLETED);
    StepFailedException e = (StepFailedException) failure(badWait);
    assertThat(e.snapshot().failureMessage()).contains("Exception in thread main");
    assertThat(e.snapshot().logFile().orElseThrow()).endsWith("/steps/" + bad + "/stderr.gz");
    assertThat(e.getMessage()).contains("stderr.gz");
    assertThat(changes).contains(good + " COMPLETED", bad + " FAILED");
  }

  static StepConfig step(String name) {
    return StepConfig.builder()
        .name(name)
        .actionOnFailure(ActionOnFailure.CONTINUE)
        .hadoopJarStep(j -> j.jar("command-runner.jar").args("spark-submit", name + ".py"))
        .build();
  }
}
