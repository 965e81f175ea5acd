package io.emrlaunch.core.launch;

import static io.emrlaunch.core.launch.FakeFleet.boots;
import static io.emrlaunch.core.launch.FakeFleet.failsBootstrap;
import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.VirtualTime;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;
import software.amazon.awssdk.services.emr.model.ListStepsRequest;
import software.amazon.awssdk.services.emr.model.ListStepsResponse;

/**
 * How the monitor pages, retries and paces its {@code ListClusters} polls, in virtual time on the
 * testkit's in-memory EMR, seen through the requests it sends.
 */
class MonitorPollingTest {
  FakeAws aws;
  VirtualTime time;
  PagesSeen emr;
  ClusterMonitor monitor;
  Map<String, Instant> changedAt;

  @BeforeEach
  void setUp() {
    aws = FakeAws.builder().seed(5).build();
    time = aws.time();
    changedAt = new ConcurrentHashMap<>();
    aws.emrBackend().onClusterStateChange((id, name, state, at) -> changedAt.put(id, at));
    emr = new PagesSeen(aws.emrAsync(), aws);
    monitor =
        ClusterMonitor.builder().emr(emr).scheduler(aws.scheduler()).clock(aws.clock()).build();
  }

  /** Launches {@code n} clusters named c0.. (scripted beforehand) and waits for them to start. */
  List<CompletableFuture<ClusterSnapshot>> fleet(int n, ClusterTarget target) {
    List<CompletableFuture<ClusterSnapshot>> waits = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      var id =
          aws.emrAsync().runJobFlow(FakeFleet.request("c" + i, true)).thenApply(r -> r.jobFlowId());
      time.runUntil(id, Duration.ofSeconds(5));
      waits.add(monitor.await(id.join(), target));
    }
    return waits;
  }

  static EmrBehavior.Builder booting(int n, Duration boot) {
    EmrBehavior.Builder b = EmrBehavior.builder();
    for (int i = 0; i < n; i++) {
      b.cluster("c" + i, boots(boot));
    }
    return b;
  }

  @Test
  void aThrottledPageIsRetriedAloneWithoutRestartingThePoll() {
    aws.emrBackend().setBehavior(booting(120, Duration.ofMinutes(9)).build());
    var waits = fleet(120, ClusterTarget.STARTED);
    emr.throttleMarkedPages.set(1); // the second page of the first poll
    time.advance(Duration.ofSeconds(5));

    // The first poll reads every cluster (none seen yet): three pages of 50.
    List<Page> first = emr.pages.subList(0, 4);
    assertThat(first.get(0).marker()).isNull();
    assertThat(first.get(1).marker()).isNotNull();
    assertThat(first.get(1).throttled()).isTrue();
    assertThat(first.get(2).marker()).as("the same page again").isEqualTo(first.get(1).marker());
    assertThat(first.get(2).throttled()).isFalse();
    assertThat(first.get(3).marker()).as("then the next page, not page one").isNotNull();
    assertThat(Duration.between(first.get(1).at(), first.get(2).at()))
        .isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(monitor.throttledCalls()).isEqualTo(1);
    // Every cluster was found in that one poll: nobody is described.
    assertThat(emr.describes.get()).isZero();

    CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    assertThat(time.runUntil(all, Duration.ofMinutes(15))).isCompleted();
    assertThat(emr.describes.get()).isZero();
  }

  @Test
  void aThrottledPageDoesNotSlowTheCadence() {
    aws.emrBackend().setBehavior(booting(120, Duration.ofMinutes(9)).build());
    fleet(120, ClusterTarget.STARTED);
    emr.throttleMarkedPages.set(1);
    time.advance(Duration.ofSeconds(30));

    // Polls start every startup period, counted from the start of the previous poll: the pause
    // and the retry of the throttled page stretch neither.
    List<Instant> starts = emr.pollStarts();
    assertThat(starts).hasSizeGreaterThanOrEqualTo(3);
    Duration period = MonitorCadence.defaults().startupPeriod();
    assertThat(Duration.between(starts.get(0), starts.get(1))).isEqualTo(period);
    assertThat(Duration.between(starts.get(1), starts.get(2))).isEqualTo(period);
  }

  @Test
  void sustainedThrottlingBacksOffWithABoundedCallRateAndNeverFailsAWait() {
    aws.emrBackend()
        .setBehavior(EmrBehavior.builder().cluster("c0", boots(Duration.ofMinutes(20))).build());
    var up = fleet(1, ClusterTarget.STARTED).get(0);
    time.advance(Duration.ofMinutes(1));
    emr.throttleAll = true;
    int before = emr.pages.size();
    time.advance(Duration.ofMinutes(10));
    List<Page> throttled = emr.pages.subList(before, emr.pages.size());

    assertThat(up).isNotDone();
    // Each poll tries its page five times (1 + 4 jittered retries, 0.25 s to 4 s apart) and the
    // polls back off (10 s, 20 s, 40 s, ... from the start of the previous one, up to
    // maxThrottledPeriod): at most 7 polls in 10 min, fewer and fewer.
    assertThat(throttled).hasSizeBetween(5, 35);
    assertThat(monitor.throttledCalls()).isGreaterThanOrEqualTo(throttled.size());
    for (int i = 1; i < throttled.size(); i++) {
      assertThat(Duration.between(throttled.get(i - 1).at(), throttled.get(i).at()))
          .as("no busy loop")
          .isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }
    Instant half = throttled.get(0).at().plus(Duration.ofMinutes(5));
    long late = throttled.stream().filter(p -> p.at().isAfter(half)).count();
    assertThat(late).as("calls in the second five minutes").isLessThanOrEqualTo(10);

    emr.throttleAll = false;
    assertThat(time.runUntil(up, Duration.ofMinutes(20))).isCompleted();
    assertThat(up.join().up()).isTrue();
  }

  @Test
  void aBootingFleetCostsOneCallAPollUntilClustersArrive() {
    aws.emrBackend().setBehavior(booting(200, Duration.ofMinutes(10)).build());
    var waits = fleet(200, ClusterTarget.STARTED);
    time.advance(Duration.ofMinutes(8));

    // After the first poll (four pages: 200 clusters never seen), each poll lists only clusters
    // in a state the waits decide on (up or ending): none yet, one call.
    List<Instant> starts = emr.pollStarts();
    assertThat(emr.pages.get(0).states()).contains(ClusterState.BOOTSTRAPPING);
    assertThat(emr.pages.subList(0, 4)).allSatisfy(p -> assertThat(p.listed()).isEqualTo(50));
    List<Page> later = emr.pages.subList(4, emr.pages.size());
    assertThat(later).hasSize(starts.size() - 1);
    assertThat(later)
        .allSatisfy(
            p -> {
              assertThat(p.states())
                  .contains(ClusterState.RUNNING, ClusterState.WAITING, ClusterState.TERMINATING)
                  .doesNotContain(ClusterState.STARTING, ClusterState.BOOTSTRAPPING);
              assertThat(p.listed()).isZero();
            });
    // While idle the period grows, but to 15 s only (60 s for a full listing of 4 pages; these
    // polls cost one), so the first arrivals are not found a minute late.
    for (int i = 1; i < starts.size(); i++) {
      assertThat(Duration.between(starts.get(i - 1), starts.get(i)))
          .isLessThanOrEqualTo(Duration.ofSeconds(15));
    }

    CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    assertThat(time.runUntil(all, Duration.ofMinutes(5))).isCompleted();
    assertThat(waits).allSatisfy(w -> assertThat(w.join().up()).isTrue());
    assertThat(emr.describes.get()).isZero();
    for (CompletableFuture<ClusterSnapshot> w : waits) {
      ClusterSnapshot s = w.join();
      assertThat(Duration.between(changedAt.get(s.clusterId()), s.observedAt()))
          .isLessThanOrEqualTo(MonitorCadence.defaults().activePeriod().plusSeconds(15));
    }
  }

  @Test
  void aClusterThatPassesTerminatingBetweenTwoPollsStillFailsItsWait() {
    EmrBehavior.Builder b = booting(120, Duration.ofMinutes(10));
    b.cluster("c7", failsBootstrap(Duration.ofMinutes(6), "bootstrap action 1 returned 2"));
    b.terminatingTime(DurationDistribution.fixed(Duration.ZERO));
    aws.emrBackend().setBehavior(b.build());
    var waits = fleet(120, ClusterTarget.STARTED);
    var bad = waits.get(7);

    assertThat(time.runUntil(bad, Duration.ofMinutes(9))).isCompletedExceptionally();
    ClusterFailedException e = (ClusterFailedException) ClusterMonitorTest.failure(bad);
    assertThat(e.snapshot().state()).contains(ClusterState.TERMINATED_WITH_ERRORS);
    assertThat(e.snapshot().reasonCode()).contains("BOOTSTRAP_FAILURE");
    // It never showed TERMINATING to a poll: the listing with the final states (at least every
    // maxIdlePeriod) found it.
    Duration lag = Duration.between(changedAt.get(e.snapshot().clusterId()), aws.clock().instant());
    assertThat(lag).isLessThanOrEqualTo(MonitorCadence.defaults().maxIdlePeriod().plusSeconds(25));
  }

  @Test
  void lateInTheBootTheMonitorListsThePendingClusters() {
    java.util.Random random = new java.util.Random(3);
    EmrBehavior.Builder b = EmrBehavior.builder();
    for (int i = 0; i < 150; i++) {
      b.cluster("c" + i, boots(Duration.ofSeconds(360 + random.nextInt(360))));
    }
    aws.emrBackend().setBehavior(b.build());
    var waits = fleet(150, ClusterTarget.STARTED);
    CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    assertThat(time.runUntil(all, Duration.ofMinutes(20))).isCompleted();

    // Early the decided clusters are few, late the pending ones: both listings were read, and no
    // poll read more than the smaller one needed (plus a page for the estimate's lag).
    assertThat(emr.pages)
        .anySatisfy(p -> assertThat(p.states()).doesNotContain(ClusterState.BOOTSTRAPPING));
    assertThat(emr.pages.subList(4, emr.pages.size()))
        .anySatisfy(p -> assertThat(p.states()).contains(ClusterState.BOOTSTRAPPING));
    assertThat(emr.pollPages().subList(1, emr.pollPages().size()))
        .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3));
    assertThat(waits).allSatisfy(w -> assertThat(w.join().up()).isTrue());
    assertThat(emr.describes.get()).isZero();
  }

  /** One ListClusters request the monitor sent. */
  record Page(
      Instant at,
      String marker,
      java.util.Set<ClusterState> states,
      boolean throttled,
      int listed) {}

  /** Records the monitor's ListClusters pages and throttles the ones a test asks for. */
  static final class PagesSeen implements EmrAsyncClient {
    final EmrAsyncClient delegate;
    final FakeAws aws;
    final List<Page> pages = new CopyOnWriteArrayList<>();
    final AtomicInteger throttleMarkedPages = new AtomicInteger();
    final AtomicInteger describes = new AtomicInteger();
    volatile boolean throttleAll;

    PagesSeen(EmrAsyncClient delegate, FakeAws aws) {
      this.delegate = delegate;
      this.aws = aws;
    }

    /** When each poll began: its first page (no marker), retries of it excluded. */
    List<Instant> pollStarts() {
      List<Instant> out = new ArrayList<>();
      Page previous = null;
      for (Page p : pages) {
        boolean retry = previous != null && previous.throttled() && previous.marker() == null;
        if (p.marker() == null && !retry) {
          out.add(p.at());
        }
        previous = p;
      }
      return out;
    }

    /** Pages (successful calls) each poll read. */
    List<Integer> pollPages() {
      List<Integer> out = new ArrayList<>();
      for (Page p : pages) {
        if (p.throttled()) {
          continue;
        }
        if (p.marker() == null) {
          out.add(0);
        }
        out.set(out.size() - 1, out.get(out.size() - 1) + 1);
      }
      return out;
    }

    @Override
    public CompletableFuture<ListClustersResponse> listClusters(ListClustersRequest r) {
      Instant at = aws.clock().instant();
      java.util.Set<ClusterState> states = java.util.EnumSet.noneOf(ClusterState.class);
      states.addAll(r.clusterStates());
      if (throttleAll || (r.marker() != null && throttleMarkedPages.getAndDecrement() > 0)) {
        pages.add(new Page(at, r.marker(), states, true, 0));
        return CompletableFuture.failedFuture(
            EmrException.builder()
                .statusCode(400)
                .message("Rate exceeded")
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("ThrottlingException")
                        .errorMessage("Rate exceeded")
                        .build())
                .build());
      }
      return delegate
          .listClusters(r)
          .thenApply(
              resp -> {
                pages.add(new Page(at, r.marker(), states, false, resp.clusters().size()));
                return resp;
              });
    }

    @Override
    public CompletableFuture<DescribeClusterResponse> describeCluster(DescribeClusterRequest r) {
      describes.incrementAndGet();
      return delegate.describeCluster(r);
    }

    @Override
    public CompletableFuture<ListStepsResponse> listSteps(ListStepsRequest r) {
      return delegate.listSteps(r);
    }

    @Override
    public String serviceName() {
      return delegate.serviceName();
    }

    @Override
    public void close() {}
  }
}
