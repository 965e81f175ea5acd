package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.launch.sim.SimulatedEmr;
import io.emrlaunch.core.launch.sim.SimulatedEmr.ClusterPlan;
import io.emrlaunch.core.launch.sim.SimulatedEmr.Fault;
import io.emrlaunch.core.launch.sim.VirtualScheduler;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ImmutableClusterConfiguration;
import io.emrlaunch.core.model.ImmutableClusterInstances;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.ClusterState;

class ClusterLauncherTest {
  VirtualScheduler time;
  SimulatedEmr emr;
  ClusterLauncher launcher;
  List<String> events;

  @BeforeEach
  void setUp() {
    time = new VirtualScheduler();
    emr = new SimulatedEmr(time);
    events = new ArrayList<>();
    AtomicInteger tokens = new AtomicInteger();
    launcher =
        ClusterLauncher.builder()
            .emr(emr)
            .scheduler(time)
            .clock(time.clock())
            .launchTokens(() -> "token-" + tokens.incrementAndGet())
            .listener(
                new LaunchListener() {
                  @Override
                  public void clusterCreated(LaunchedCluster cluster, Duration sinceLaunch) {
                    events.add("created " + cluster.clusterId());
                  }

                  @Override
                  public void orphanTerminated(String clusterId, String why) {
                    events.add("terminated " + clusterId + ": " + why);
                  }
                })
            .build();
  }

  ImmutableLaunchRequest.Builder base(String name) {
    return LaunchRequest.builder()
        .profile(RunJobFlowRequestsTest.profile())
        .configuration(persistent())
        .clusterName(name)
        .putTags("team", "data");
  }

  static ClusterConfiguration persistent() {
    ClusterConfiguration groups = RunJobFlowRequestsTest.groups();
    return ImmutableClusterConfiguration.copyOf(groups)
        .withInstances(
            ImmutableClusterInstances.copyOf(groups.instances())
                .withKeepJobFlowAliveWhenNoSteps(true));
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
  void launchesAndCompletesWhenTheClusterIsWaiting() {
    emr.clusterPlans(r -> ClusterPlan.boots(Duration.ofMinutes(7)));
    var launch = launcher.launch(base("nightly").waitFor(LaunchWait.WAITING).build());
    assertThat(time.runUntil(launch, Duration.ofMinutes(15))).isTrue();

    LaunchedCluster c = launch.join();
    assertThat(c.snapshot().orElseThrow().state()).contains(ClusterState.WAITING);
    assertThat(c.name()).isEqualTo("nightly");
    assertThat(c.runJobFlowAttempts()).isEqualTo(1);
    assertThat(emr.clusterCount()).isEqualTo(1);
    assertThat(emr.tags(c.clusterId()))
        .containsEntry("team", "data")
        .containsEntry(ClusterLauncher.LAUNCH_TOKEN_TAG, c.launchToken());
    // RunJobFlow is not idempotent: the SDK's own retries are switched off for it.
    assertThat(emr.runJobFlowRequest(c.clusterId()).overrideConfiguration().orElseThrow().plugins())
        .hasSize(1);
    assertThat(events).containsExactly("created " + c.clusterId());
  }

  @Test
  void waitNoneCompletesWithTheIdOnly() {
    var launch = launcher.launch(r -> r.from(base("x").build()).waitFor(LaunchWait.NONE));
    assertThat(time.runUntil(launch, Duration.ofSeconds(10))).isTrue();
    assertThat(launch.join().snapshot()).isEmpty();
    assertThat(emr.calls("ListClusters")).isZero();
  }

  @Test
  void invalidInputFailsWithEveryFieldPathAndMakesNoCall() {
    ClusterConfiguration bad =
        ImmutableClusterConfiguration.copyOf(RunJobFlowRequestsTest.groups())
            .withReleaseLabel("not-a-release");
    var launch =
        launcher.launch(
            base("x")
                .configuration(bad)
                .putTags("aws:reserved", "v")
                .timeout(Duration.ZERO)
                .build());
    time.advance(Duration.ofMinutes(1));
    Throwable t = failure(launch);
    assertThat(t).isInstanceOf(ValidationException.class);
    assertThat(((ValidationException) t).problems().stream().map(Problem::path))
        .contains("configuration.releaseLabel", "tags.aws:reserved", "timeout");
    assertThat(emr.totalCalls()).isZero();
  }

  @Test
  void bootstrapFailureCarriesTheReasonAndNeedsNoTermination() {
    emr.clusterPlans(r -> ClusterPlan.failsBootstrap(Duration.ofMinutes(5), "install.sh exit 1"));
    var launch = launcher.launch(base("etl").build());
    assertThat(time.runUntil(launch, Duration.ofMinutes(15))).isTrue();
    ClusterFailedException e = (ClusterFailedException) failure(launch);
    assertThat(e.snapshot().reasonCode()).contains("BOOTSTRAP_FAILURE");
    assertThat(e.snapshot().reasonMessage()).contains("install.sh exit 1");
    assertThat(e.lastDescription()).isPresent();
    assertThat(emr.calls("TerminateJobFlows")).isZero();
  }

  @Test
  void failIfRunningReadsEveryPage() {
    var created = time.now().minus(Duration.ofDays(1));
    emr.seedCluster("etl", ClusterState.WAITING, created.minusSeconds(60)); // oldest: last page
    for (int i = 0; i < 120; i++) {
      emr.seedCluster("other-" + i, ClusterState.RUNNING, created.plusSeconds(i));
    }
    var launch = launcher.launch(base("etl").failIfClusterRunning(true).build());
    time.advance(Duration.ofMinutes(1));
    ClusterAlreadyRunningException e = (ClusterAlreadyRunningException) failure(launch);
    assertThat(e.clusterIds()).hasSize(1);
    assertThat(emr.calls("ListClusters")).isEqualTo(3);
    assertThat(emr.calls("RunJobFlow")).isZero();
  }

  @Test
  void failIfRunningIgnoresEndedClusters() {
    emr.seedCluster("etl", ClusterState.TERMINATED, time.now().minus(Duration.ofHours(2)));
    var launch = launcher.launch(base("etl").failIfClusterRunning(true).build());
    assertThat(time.runUntil(launch, Duration.ofMinutes(15))).isTrue();
    assertThat(launch.join().clusterId()).isNotNull();
  }

  @Test
  void lostRunJobFlowResponseNeverMakesASecondCluster() {
    emr.failNext("RunJobFlow", Fault.RESPONSE_LOST);
    var launch = launcher.launch(base("etl").build());
    assertThat(time.runUntil(launch, Duration.ofMinutes(15))).isTrue();
    assertThat(launch.join().snapshot().orElseThrow().up()).isTrue();
    assertThat(emr.clusterIdsNamed("etl")).hasSize(1);
    assertThat(emr.calls("RunJobFlow")).isEqualTo(1);
    assertThat(emr.calls("DescribeCluster")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aServerErrorThatDidNotCreateTheClusterIsRetriedOnce() {
    emr.failNext("RunJobFlow", Fault.SERVER_ERROR, Fault.THROTTLE);
    var launch = launcher.launch(base("etl").build());
    assertThat(time.runUntil(launch, Duration.ofMinutes(15))).isTrue();
    assertThat(launch.join().runJobFlowAttempts()).isEqualTo(3);
    assertThat(emr.clusterIdsNamed("etl")).hasSize(1);
  }

  @Test
  void givesUpAfterTheLastAttemptNamingTheToken() {
    emr.failNext(
        "RunJobFlow",
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR);
    var launch = launcher.launch(base("etl").build());
    time.advance(Duration.ofMinutes(5));
    assertThat(failure(launch))
        .hasMessageContaining("4 RunJobFlow attempt(s)")
        .hasMessageContaining("token-1");
    assertThat(emr.clusterCount()).isZero();
  }

  @Test
  void callerCancellationTerminatesTheCluster() {
    var launch = launcher.launch(base("etl").build());
    time.advance(Duration.ofMinutes(3));
    String id = emr.clusterIds().get(0);
    launch.cancel(true);
    time.advance(Duration.ofMinutes(3));
    assertThat(emr.state(id)).isEqualTo(ClusterState.TERMINATED);
    assertThat(events).anyMatch(e -> e.startsWith("terminated " + id + ": the caller cancelled"));
  }

  @Test
  void cancellingWhileRunJobFlowIsInFlightTerminatesTheClusterWhenItArrives() {
    emr.latency(Duration.ofSeconds(2));
    var launch = launcher.launch(base("etl").build());
    time.advance(Duration.ofSeconds(1));
    launch.cancel(true);
    time.advance(Duration.ofMinutes(3));
    assertThat(emr.clusterCount()).isEqualTo(1);
    assertThat(emr.state(emr.clusterIds().get(0))).isEqualTo(ClusterState.TERMINATED);
  }

  @Test
  void timeoutTerminatesTheClusterUnlessTheCallerOptedOut() {
    emr.clusterPlans(r -> ClusterPlan.boots(Duration.ofMinutes(40)));
    var launch = launcher.launch(base("a").timeout(Duration.ofMinutes(20)).build());
    var kept =
        launcher.launch(
            base("b").timeout(Duration.ofMinutes(20)).terminateOnFailure(false).build());
    time.advance(Duration.ofMinutes(21));
    assertThat(failure(launch)).isInstanceOf(ClusterWaitTimeoutException.class);
    assertThat(failure(kept)).isInstanceOf(ClusterWaitTimeoutException.class);
    time.advance(Duration.ofMinutes(3));
    assertThat(emr.state(emr.clusterIdsNamed("a").get(0))).isEqualTo(ClusterState.TERMINATED);
    assertThat(emr.state(emr.clusterIdsNamed("b").get(0))).isEqualTo(ClusterState.BOOTSTRAPPING);
  }

  @Test
  void aProtectedClusterIsUnprotectedBeforeItIsTerminated() {
    ClusterConfiguration config =
        ImmutableClusterConfiguration.copyOf(persistent())
            .withInstances(
                ImmutableClusterInstances.copyOf(persistent().instances())
                    .withTerminationProtected(true));
    var launch = launcher.launch(base("p").configuration(config).build());
    time.advance(Duration.ofMinutes(1));
    String id = emr.clusterIds().get(0);
    assertThat(emr.terminationProtected(id)).isTrue();
    launch.cancel(true);
    time.advance(Duration.ofMinutes(3));
    assertThat(emr.state(id)).isEqualTo(ClusterState.TERMINATED);
  }

  @Test
  void manyLaunchesInAThrottlingStormAllSucceedWithoutDuplicates() {
    long seed = 11;
    emr.throttle(0.3, seed);
    List<CompletableFuture<LaunchedCluster>> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(launcher.launch(base("c" + i).build()));
    }
    var done = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    assertThat(time.runUntil(done, Duration.ofHours(1))).as("seed %d", seed).isTrue();
    assertThat(done).as("seed %d", seed).isCompleted();
    assertThat(emr.clusterCount()).isEqualTo(40);
  }

  @Test
  void terminateProtectionAndTags() {
    var launch = launcher.launch(base("etl").waitFor(LaunchWait.NONE).build());
    time.advance(Duration.ofSeconds(5));
    String id = launch.join().clusterId();

    var prot = launcher.setTerminationProtection(id, true);
    var tags = launcher.addTags(id, Map.of("owner", "me"));
    var untag = launcher.removeTags(id, List.of("team"));
    time.advance(Duration.ofSeconds(5));
    assertThat(prot).isCompleted();
    assertThat(tags).isCompleted();
    assertThat(untag).isCompleted();
    assertThat(emr.terminationProtected(id)).isTrue();
    assertThat(emr.tags(id)).containsEntry("owner", "me").doesNotContainKey("team");

    var refused = launcher.terminate(id);
    time.advance(Duration.ofSeconds(5));
    assertThat(failure(refused)).hasMessageContaining("termination protected");

    launcher.setTerminationProtection(id, false);
    time.advance(Duration.ofSeconds(5));
    var gone = launcher.terminate(id);
    assertThat(time.runUntil(gone, Duration.ofMinutes(10))).isTrue();
    assertThat(gone.join().state()).contains(ClusterState.TERMINATED);

    long before = emr.totalCalls();
    var bad = launcher.addTags(id, Map.of("aws:x", "y"));
    assertThat(failure(bad)).isInstanceOf(ValidationException.class);
    assertThat(emr.totalCalls()).isEqualTo(before);
  }
}
