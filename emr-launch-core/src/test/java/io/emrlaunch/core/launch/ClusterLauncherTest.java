package io.emrlaunch.core.launch;

import static io.emrlaunch.core.launch.FakeFleet.boots;
import static io.emrlaunch.core.launch.FakeFleet.failsBootstrap;
import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.VirtualTime;
import io.emrlaunch.testkit.emr.EmrBehavior;
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
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/** The launcher against the testkit's in-memory EMR, in virtual time. */
class ClusterLauncherTest {
  FakeAws aws;
  VirtualTime time;
  FakeFleet emr;
  ClusterLauncher launcher;
  List<String> events;

  @BeforeEach
  void setUp() {
    aws = FakeAws.builder().seed(11).build();
    time = aws.time();
    emr = new FakeFleet(aws);
    events = new ArrayList<>();
    AtomicInteger tokens = new AtomicInteger();
    launcher =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
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

  LaunchRequest.Builder base(String name) {
    return LaunchRequest.builder()
        .profile(RunJobFlowRequestsTest.profile())
        .configuration(persistent())
        .clusterName(name)
        .putTags("team", "data");
  }

  static ClusterConfiguration persistent() {
    ClusterConfiguration groups = RunJobFlowRequestsTest.groups();
    return groups.withInstances(groups.instances().withKeepJobFlowAliveWhenNoSteps(true));
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
  void theTagLimitCountsAKeyTheLaunchAndTheConfigurationShareOnce() {
    // 48 tags + "team" (in both maps) + the launch token = exactly EMR's 50.
    Map<String, String> configTags = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 48; i++) {
      configTags.put("k" + i, "v");
    }
    configTags.put("team", "platform");
    ClusterConfiguration tagged = persistent().withTags(configTags);
    var launch = launcher.launch(base("tagged").configuration(tagged).build());
    assertThat(time.runUntil(launch, Duration.ofMinutes(15))).isDone();

    assertThat(emr.tags(launch.join().clusterId())).hasSize(50).containsEntry("team", "data");
  }

  @Test
  void launchesAndCompletesWhenTheClusterIsWaiting() {
    emr.behave(EmrBehavior.builder().cluster("nightly", boots(Duration.ofMinutes(7))));
    var launch = launcher.launch(base("nightly").waitFor(LaunchWait.WAITING).build());
    assertThat(time.runUntil(launch, Duration.ofMinutes(15))).isDone();

    LaunchedCluster c = launch.join();
    assertThat(c.snapshot().orElseThrow().state()).contains(ClusterState.WAITING);
    assertThat(c.name()).isEqualTo("nightly");
    assertThat(c.runJobFlowAttempts()).isEqualTo(1);
    assertThat(emr.backend().clusterCount()).isEqualTo(1);
    assertThat(emr.tags(c.clusterId()))
        .containsEntry("team", "data")
        .containsEntry(ClusterLauncher.LAUNCH_TOKEN_TAG, c.launchToken());
    // RunJobFlow is not idempotent: the SDK's own retries are switched off for it.
    assertThat(
            emr.requests("RunJobFlow", RunJobFlowRequest.class)
                .get(0)
                .overrideConfiguration()
                .orElseThrow()
                .plugins())
        .hasSize(1);
    assertThat(events).containsExactly("created " + c.clusterId());
  }

  @Test
  void waitNoneCompletesWithTheIdOnly() {
    var launch = launcher.launch(r -> r.from(base("x").build()).waitFor(LaunchWait.NONE));
    assertThat(time.runUntil(launch, Duration.ofSeconds(10))).isDone();
    assertThat(launch.join().snapshot()).isEmpty();
    assertThat(emr.calls("ListClusters")).isZero();
  }

  @Test
  void invalidInputFailsWithEveryFieldPathAndMakesNoCall() {
    ClusterConfiguration bad = RunJobFlowRequestsTest.groups().withReleaseLabel("not-a-release");
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
    emr.behave(
        EmrBehavior.builder()
            .cluster("etl", failsBootstrap(Duration.ofMinutes(5), "install.sh exit 1")));
    var launch = launcher.launch(base("etl").build());
    assertThat(time.runUntil(launch, Duration.ofMinutes(15))).isDone();
    ClusterFailedException e = (ClusterFailedException) failure(launch);
    assertThat(e.snapshot().reasonCode()).contains("BOOTSTRAP_FAILURE");
    assertThat(e.snapshot().reasonMessage()).contains("install.sh exit 1");
    assertThat(e.lastDescription()).isPresent();
    assertThat(emr.calls("TerminateJobFlows")).isZero();
  }

  @Test
  void failIfRunningReadsEveryPage() {
    emr.seed("etl", true); // oldest: on the last page (newest first)
    time.advance(Duration.ofSeconds(60));
    for (int i = 0; i < 120; i++) {
      emr.seed("other-" + i, true);
      time.advance(Duration.ofSeconds(1));
    }
    time.advance(Duration.ofDays(1)); // all WAITING, created a day ago
    var launch = launcher.launch(base("etl").failIfClusterRunning(true).build());
    time.advance(Duration.ofMinutes(1));
    ClusterAlreadyRunningException e = (ClusterAlreadyRunningException) failure(launch);
    assertThat(e.clusterIds()).hasSize(1);
    assertThat(emr.calls("ListClusters")).isEqualTo(3);
    assertThat(emr.calls("RunJobFlow")).isZero();
  }

  @Test
  void failIfRunningIgnoresEndedClusters() {
    String old = emr.seed("etl", false); // no steps, not kept alive: ends on its own
    time.advance(Duration.ofHours(2));
    assertThat(emr.state(old)).isEqualTo(ClusterState.TERMINATED);
    var launch = launcher.launch(base("etl").failIfClusterRunning(true).build());
    assertThat(time.runUntil(launch, Duration.ofMinutes(15))).isDone();
    assertThat(launch.join().clusterId()).isNotNull();
  }

  @Test
  void lostRunJobFlowResponseNeverMakesASecondCluster() {
    aws.faults().on(FakeAws.EMR, "RunJobFlow").next(1).loseResponse();
    var launch = launcher.launch(base("etl").build());
    assertThat(time.runUntil(launch, Duration.ofMinutes(15))).isDone();
    assertThat(launch.join().snapshot().orElseThrow().up()).isTrue();
    assertThat(emr.clusterIdsNamed("etl")).hasSize(1);
    assertThat(emr.calls("RunJobFlow")).isEqualTo(1);
    assertThat(emr.calls("DescribeCluster")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aServerErrorThatDidNotCreateTheClusterIsRetriedOnce() {
    // Rules fire in order: a 500 first, then a throttle.
    aws.faults().on(FakeAws.EMR, "RunJobFlow").next(1).serverError();
    aws.faults().on(FakeAws.EMR, "RunJobFlow").next(1).throttle();
    var launch = launcher.launch(base("etl").build());
    assertThat(time.runUntil(launch, Duration.ofMinutes(15))).isDone();
    assertThat(launch.join().runJobFlowAttempts()).isEqualTo(3);
    assertThat(emr.clusterIdsNamed("etl")).hasSize(1);
  }

  @Test
  void givesUpAfterTheLastAttemptNamingTheToken() {
    aws.faults().on(FakeAws.EMR, "RunJobFlow").next(4).serverError();
    var launch = launcher.launch(base("etl").build());
    time.advance(Duration.ofMinutes(5));
    assertThat(failure(launch))
        .hasMessageContaining("4 RunJobFlow attempt(s)")
        .hasMessageContaining("token-1");
    assertThat(emr.backend().clusterCount()).isZero();
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
    aws.faults().on(FakeAws.EMR, "*").always().latency(Duration.ofSeconds(2));
    var launch = launcher.launch(base("etl").build());
    time.advance(Duration.ofSeconds(1));
    launch.cancel(true);
    time.advance(Duration.ofMinutes(3));
    assertThat(emr.backend().clusterCount()).isEqualTo(1);
    assertThat(emr.state(emr.clusterIds().get(0))).isEqualTo(ClusterState.TERMINATED);
  }

  @Test
  void timeoutTerminatesTheClusterUnlessTheCallerOptedOut() {
    emr.behave(
        EmrBehavior.builder()
            .cluster("a", boots(Duration.ofMinutes(40)))
            .cluster("b", boots(Duration.ofMinutes(40))));
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
        persistent().withInstances((persistent().instances()).withTerminationProtected(true));
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
    aws = FakeAws.builder().seed(seed).build();
    time = aws.time();
    emr = new FakeFleet(aws);
    launcher =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .build();
    aws.faults().on(FakeAws.EMR, "*").withProbability(0.3).throttle();
    List<CompletableFuture<LaunchedCluster>> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(launcher.launch(base("c" + i).build()));
    }
    var done = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    assertThat(time.runUntil(done, Duration.ofHours(1))).as("seed %d", seed).isDone();
    assertThat(done).as("seed %d", seed).isCompleted();
    assertThat(emr.backend().clusterCount()).isEqualTo(40);
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
    assertThat(time.runUntil(gone, Duration.ofMinutes(10))).isDone();
    assertThat(gone.join().state()).contains(ClusterState.TERMINATED);

    long before = emr.totalCalls();
    var bad = launcher.addTags(id, Map.of("aws:x", "y"));
    assertThat(failure(bad)).isInstanceOf(ValidationException.class);
    assertThat(emr.totalCalls()).isEqualTo(before);
  }
}
