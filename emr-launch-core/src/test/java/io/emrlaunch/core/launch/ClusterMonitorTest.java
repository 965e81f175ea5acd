package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.EmrLaunchException;
import io.emrlaunch.core.launch.sim.SimulatedEmr;
import io.emrlaunch.core.launch.sim.SimulatedEmr.ClusterPlan;
import io.emrlaunch.core.launch.sim.SimulatedEmr.StepPlan;
import io.emrlaunch.core.launch.sim.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepState;

class ClusterMonitorTest {
  VirtualScheduler time;
  SimulatedEmr emr;
  ClusterMonitor monitor;
  List<String> changes;

  @BeforeEach
  void setUp() {
    time = new VirtualScheduler();
    emr = new SimulatedEmr(time);
    changes = new ArrayList<>();
    monitor =
        ClusterMonitor.builder()
            .emr(emr)
            .scheduler(time)
            .clock(time.clock())
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

  String run(String name, boolean keepAlive, StepConfig... steps) {
    CompletableFuture<String> id =
        emr.runJobFlow(
                RunJobFlowRequest.builder()
                    .name(name)
                    .instances(i -> i.keepJobFlowAliveWhenNoSteps(keepAlive))
                    .steps(steps)
                    .build())
            .thenApply(r -> r.jobFlowId());
    assertThat(time.runUntil(id, Duration.ofSeconds(5))).isTrue();
    return id.join();
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
    emr.clusterPlans(r -> ClusterPlan.boots(Duration.ofMinutes(9)));
    String id = run("etl", true);
    var up = monitor.await(id, ClusterTarget.STARTED);

    time.advance(Duration.ofMinutes(8));
    assertThat(up).isNotDone();
    assertThat(time.runUntil(up, Duration.ofMinutes(5))).isTrue();

    ClusterSnapshot s = up.join();
    assertThat(s.up()).isTrue();
    Duration lag = Duration.between(emr.stateChangedAt(id), s.observedAt());
    assertThat(lag).isLessThanOrEqualTo(Duration.ofSeconds(61));
    assertThat(emr.calls("DescribeCluster")).isZero();
    assertThat(changes).contains(id + " STARTING", id + " BOOTSTRAPPING");
  }

  @Test
  void waitingTargetReportsTheExactState() {
    String id = run("etl", true);
    var waiting = monitor.await(id, ClusterTarget.WAITING);
    assertThat(time.runUntil(waiting, Duration.ofMinutes(15))).isTrue();
    assertThat(waiting.join().state()).contains(ClusterState.WAITING);
  }

  @Test
  void manyClustersCostOneListingPerFiftyClustersPerPoll() {
    java.util.Random random = new java.util.Random(42);
    long[] waiterCalls = {0};
    emr.clusterPlans(
        r -> {
          int boot = 360 + random.nextInt(360);
          waiterCalls[0] += boot / 30 + 1; // the SDK waiter: DescribeCluster every 30 s
          return ClusterPlan.boots(Duration.ofSeconds(boot));
        });
    List<CompletableFuture<ClusterSnapshot>> waits = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      waits.add(monitor.await(run("c" + i, true), ClusterTarget.STARTED));
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    assertThat(time.runUntil(all, Duration.ofMinutes(20))).isTrue();

    long listings = monitor.callCounts().get("ListClusters");
    assertThat(listings).isLessThan(waiterCalls[0] / 10);
    assertThat(monitor.callCounts()).doesNotContainKey("DescribeCluster");
    assertThat(waits).allSatisfy(w -> assertThat(w.join().up()).isTrue());
  }

  @Test
  void bootstrapFailureFailsTheWaitWithEmrsReasonAndTheDescription() {
    emr.clusterPlans(
        r -> ClusterPlan.failsBootstrap(Duration.ofMinutes(4), "bootstrap action 1 returned 2"));
    String id = run("etl", true);
    var up = monitor.await(id, ClusterTarget.STARTED);
    assertThat(time.runUntil(up, Duration.ofMinutes(10))).isTrue();

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
    emr.clusterPlans(r -> ClusterPlan.failsBootstrap(Duration.ofMinutes(2), "bad"));
    String id = run("etl", true);
    var up = monitor.await(id, ClusterTarget.STARTED);
    emr.failNext(
        "DescribeCluster",
        SimulatedEmr.Fault.THROTTLE,
        SimulatedEmr.Fault.THROTTLE,
        SimulatedEmr.Fault.THROTTLE);
    assertThat(time.runUntil(up, Duration.ofMinutes(10))).isTrue();
    ClusterFailedException e = (ClusterFailedException) failure(up);
    assertThat(e.snapshot().reasonCode()).contains("BOOTSTRAP_FAILURE");
  }

  @Test
  void timeoutFailsWithTheLastSnapshot() {
    emr.clusterPlans(r -> ClusterPlan.boots(Duration.ofMinutes(60)));
    String id = run("slow", true);
    var up = monitor.await(id, ClusterTarget.STARTED, Duration.ofMinutes(25));
    time.advance(Duration.ofMinutes(24));
    assertThat(up).isNotDone();
    assertThat(time.runUntil(up, Duration.ofMinutes(2))).isTrue();
    ClusterWaitTimeoutException e = (ClusterWaitTimeoutException) failure(up);
    assertThat(e.lastSnapshot()).isPresent();
    assertThat(e.lastSnapshot().get().state()).contains(ClusterState.BOOTSTRAPPING);
  }

  @Test
  void terminatedTargetCompletesWhenATransientClusterEnds() {
    emr.stepPlans(s -> StepPlan.completesAfter(Duration.ofMinutes(3)));
    String id = run("transient", false, step("one"), step("two"));
    var gone = monitor.await(id, ClusterTarget.TERMINATED);
    assertThat(time.runUntil(gone, Duration.ofMinutes(30))).isTrue();
    assertThat(gone.join().state()).contains(ClusterState.TERMINATED);
    assertThat(gone.join().reasonCode()).contains("ALL_STEPS_COMPLETED");
  }

  @Test
  void aClusterCreatedLongAgoIsFoundByDescribe() {
    String old =
        emr.seedCluster("persistent", ClusterState.WAITING, time.now().minus(Duration.ofDays(3)));
    var waiting = monitor.await(old, ClusterTarget.WAITING);
    assertThat(time.runUntil(waiting, Duration.ofMinutes(2))).isTrue();
    assertThat(waiting.join().state()).contains(ClusterState.WAITING);
    assertThat(emr.calls("DescribeCluster")).isEqualTo(1);
  }

  @Test
  void anUnknownClusterFailsTheWaitInsteadOfPollingForever() {
    var w = monitor.await("j-DOESNOTEXIST", ClusterTarget.STARTED);
    assertThat(time.runUntil(w, Duration.ofMinutes(5))).isTrue();
    assertThat(failure(w)).isInstanceOf(EmrLaunchException.class).hasMessageContaining("not valid");
  }

  @Test
  void throttlingStormSlowsThePollerButNeverFailsAWait() {
    long seed = 7;
    java.util.Random random = new java.util.Random(seed);
    emr.clusterPlans(r -> ClusterPlan.boots(Duration.ofSeconds(300 + random.nextInt(400))));
    List<CompletableFuture<ClusterSnapshot>> waits = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      waits.add(monitor.await(run("c" + i, true), ClusterTarget.WAITING));
    }
    emr.throttle(0.6, seed);
    CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    assertThat(time.runUntil(all, Duration.ofHours(2))).as("seed %d", seed).isTrue();
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
    long calls = emr.totalCalls();
    time.advance(Duration.ofMinutes(30));
    assertThat(emr.totalCalls()).isEqualTo(calls);
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
    emr.stepPlans(
        s ->
            s.name().equals("bad")
                ? StepPlan.failsAfter(Duration.ofMinutes(2), "Exception in thread main")
                : StepPlan.completesAfter(Duration.ofMinutes(2)));
    String id = run("etl", true, step("good"), step("bad"));
    var list = emr.listSteps(r -> r.clusterId(id));
    time.runUntil(list, Duration.ofSeconds(1));
    String bad = list.join().steps().get(0).id();
    String good = list.join().steps().get(1).id();

    var goodWait = monitor.awaitStep(id, good);
    var badWait = monitor.awaitStep(id, bad);
    assertThat(time.runUntil(badWait, Duration.ofMinutes(20))).isTrue();
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
