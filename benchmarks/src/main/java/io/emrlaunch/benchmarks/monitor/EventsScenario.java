package io.emrlaunch.benchmarks.monitor;

import io.emrlaunch.benchmarks.monitor.MonitorBenchmark.Scenario;
import io.emrlaunch.benchmarks.monitor.MonitorBenchmark.Side;
import io.emrlaunch.core.launch.ClusterFailedException;
import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.launch.ClusterMonitor;
import io.emrlaunch.core.launch.LaunchListener;
import io.emrlaunch.core.launch.LaunchRequest;
import io.emrlaunch.core.launch.LaunchWait;
import io.emrlaunch.core.launch.LaunchedCluster;
import io.emrlaunch.core.launch.MonitorEvents;
import io.emrlaunch.core.launch.MonitorEventsSetup;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.VirtualScheduler;
import io.emrlaunch.testkit.emr.ClusterFailure;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import io.emrlaunch.testkit.events.EventDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.waiters.EmrAsyncWaiter;

/**
 * The event-driven monitor against the SDK waiter, same fleet, same run, virtual time: the fleet of
 * {@link MonitorBenchmark} (boot 6–12 min, 10% bootstrap failures, 50 ms per call), EMR's state
 * changes delivered by the testkit's EventBridge to an SQS queue after 0.5–1 s, our launcher's
 * monitor reading the queue ({@link MonitorEvents}, reconciliation every 5 min). A second scenario
 * drops 5% of the deliveries: every wait must still complete, with the lost ones caught by the
 * reconciliation poll. EMR calls are counted as in {@link MonitorBenchmark}; SQS calls are listed
 * beside them ({@code sqs:*}) and are not EMR calls.
 */
final class EventsScenario {
  static final Duration RECONCILIATION = Duration.ofMinutes(5);

  private static final Set<ClusterState> DECISIVE =
      Set.of(
          ClusterState.RUNNING,
          ClusterState.WAITING,
          ClusterState.TERMINATING,
          ClusterState.TERMINATED_WITH_ERRORS);

  private EventsScenario() {}

  /**
   * Runs only the events scenarios (the full set, with {@code monitor.json}, is {@link
   * MonitorBenchmark}).
   *
   * @param args unused
   */
  public static void main(String[] args) {
    MonitorBenchmark.print(scenarios());
  }

  /** The two events scenarios at 1,000 clusters: reliable delivery, and 5% of events dropped. */
  static List<Scenario> scenarios() {
    List<Scenario> out = new ArrayList<>();
    out.add(run("1000 clusters, events", 1000, 0.0, 42));
    out.add(run("1000 clusters, events, 5% dropped", 1000, 0.05, 42));
    for (Scenario s : out) {
      double p95Bound = RECONCILIATION.toSeconds();
      System.out.printf(
          Locale.ROOT,
          "%-36s events: %d/%d waits decided, errors %d; lag p50 %.1fs (waiter %.1fs, ratio %.3f,"
              + " target <= 0.100); p95 %.1fs (bound %.0fs: %s); EMR calls %d (waiter %d, ratio"
              + " %.4f, target <= 0.020); %s%n",
          s.name(),
          s.ours().known(),
          s.clusters(),
          s.ours().errors(),
          s.ours().medianLagSeconds(),
          s.waiter().medianLagSeconds(),
          s.lagRatio(),
          s.ours().p95LagSeconds(),
          p95Bound,
          s.ours().p95LagSeconds() <= p95Bound ? "ok" : "EXCEEDED",
          s.ours().watchCalls(),
          s.waiter().watchCalls(),
          s.callsRatio(),
          sqsCalls(s.ours().calls()));
    }
    return out;
  }

  private static String sqsCalls(Map<String, Long> calls) {
    StringBuilder b = new StringBuilder("SQS calls");
    calls.forEach(
        (k, v) -> {
          if (k.startsWith("sqs:")) {
            b.append(' ').append(k.substring(4)).append('=').append(v);
          }
        });
    return b.toString();
  }

  static Scenario run(String name, int n, double dropRate, long seed) {
    EmrBehavior behavior =
        EmrBehavior.builder()
            .startingTime(DurationDistribution.fixed(Duration.ofMinutes(2)))
            .bootstrappingTime(
                DurationDistribution.uniform(Duration.ofMinutes(4), Duration.ofMinutes(10)))
            .clusterFailureRate(0.10, ClusterFailure.bootstrapFailure())
            .build();
    FakeAws aws = FakeAws.builder().seed(seed).emrBehavior(behavior).keepCalls(false).build();
    VirtualScheduler time = aws.scheduler();
    aws.faults().on(FakeAws.EMR, "*").always().latency(Duration.ofMillis(50));
    aws.faults().on(FakeAws.SQS, "*").always().latency(Duration.ofMillis(20));
    aws.eventBridgeBackend().setDelivery(EventDelivery.builder().dropRate(dropRate).build());
    Map<String, Instant> changed = new ConcurrentHashMap<>();
    aws.emrBackend()
        .onClusterStateChange(
            (id, clusterName, state, at) -> {
              if (DECISIVE.contains(state)) {
                changed.putIfAbsent(id, at);
              }
            });

    CompletableFuture<String> queue =
        MonitorEventsSetup.builder()
            .eventBridge(aws.eventBridgeAsync())
            .sqs(aws.sqsAsync())
            .build()
            .apply();
    String queueUrl = aws.time().runUntil(queue, Duration.ofMinutes(1)).join();
    long setupSqsCalls = aws.calls().count(FakeAws.SQS);

    EmrAsyncClient emr = aws.emrAsync();
    CountingEmr oursEmr = new CountingEmr(emr);
    CountingEmr waiterEmr = new CountingEmr(emr);
    EmrAsyncWaiter waiter =
        EmrAsyncWaiter.builder()
            .client(new RetryingEmr(waiterEmr, time))
            .scheduledExecutorService(time)
            .build();
    Map<String, Instant> waiterKnown = new ConcurrentHashMap<>();
    Map<String, Instant> oursKnown = new ConcurrentHashMap<>();
    Set<String> waiterErrors = ConcurrentHashMap.newKeySet();
    Set<String> oursErrors = ConcurrentHashMap.newKeySet();
    Set<String> waiterThreads = ConcurrentHashMap.newKeySet();
    Set<String> oursThreads = ConcurrentHashMap.newKeySet();
    List<CompletableFuture<?>> all = new ArrayList<>();

    ClusterMonitor monitor =
        ClusterMonitor.builder()
            .emr(new RetryingEmr(oursEmr, time))
            .scheduler(time)
            .clock(aws.clock())
            .events(
                MonitorEvents.builder()
                    .queueUrl(queueUrl)
                    .sqs(aws.sqsAsync())
                    .reconciliationPeriod(RECONCILIATION)
                    .build())
            .build();
    ClusterLauncher launcher =
        ClusterLauncher.builder()
            .emr(new RetryingEmr(oursEmr, time))
            .scheduler(time)
            .clock(aws.clock())
            .monitor(monitor)
            .listener(
                new LaunchListener() {
                  @Override
                  public void clusterCreated(LaunchedCluster cluster, Duration sinceLaunch) {
                    String id = cluster.clusterId();
                    all.add(
                        waiter
                            .waitUntilClusterRunning(r -> r.clusterId(id))
                            .whenComplete(
                                (resp, t) -> {
                                  waiterThreads.add(Thread.currentThread().getName());
                                  boolean decided =
                                      t == null
                                          ? resp.matched().response().isPresent()
                                          : String.valueOf(
                                                  (t instanceof CompletionException
                                                          ? t.getCause()
                                                          : t)
                                                      .getMessage())
                                              .contains("failure state");
                                  if (decided) {
                                    waiterKnown.put(id, aws.time().now());
                                  } else {
                                    waiterErrors.add(id);
                                  }
                                }));
                  }
                })
            .build();

    EmrProfile profile =
        EmrProfile.builder()
            .name("bench")
            .serviceRole("EMR_DefaultRole")
            .instanceRole("EMR_EC2_DefaultRole")
            .logsBucket("bench-logs")
            .build();
    ClusterConfiguration config =
        ClusterConfiguration.builder()
            .name("bench")
            .releaseLabel("emr-7.5.0")
            .addApplications("Hadoop", "Spark")
            .instances(
                ClusterInstances.builder()
                    .masterGroup(InstanceGroupConfig.of("Master", "m5.xlarge", 1))
                    .coreGroup(InstanceGroupConfig.of("Core", "m5.2xlarge", 2))
                    .keepJobFlowAliveWhenNoSteps(true)
                    .build())
            .build();
    for (int i = 0; i < n; i++) {
      LaunchRequest request =
          LaunchRequest.builder()
              .profile(profile)
              .configuration(config)
              .clusterName("c-" + i)
              .waitFor(LaunchWait.STARTED)
              .build();
      all.add(
          launcher
              .launch(request)
              .whenComplete(
                  (c, t) -> {
                    oursThreads.add(Thread.currentThread().getName());
                    Throwable cause = t instanceof CompletionException ? t.getCause() : t;
                    if (c != null) {
                      oursKnown.put(c.clusterId(), aws.time().now());
                    } else if (cause instanceof ClusterFailedException f) {
                      oursKnown.put(f.snapshot().clusterId(), aws.time().now());
                    } else {
                      oursErrors.add(String.valueOf(t));
                    }
                  }));
    }
    for (int round = 0; round < 240; round++) {
      aws.time().advance(Duration.ofSeconds(15));
      if (all.size() >= 2 * n && all.stream().allMatch(CompletableFuture::isDone)) {
        break;
      }
    }
    launcher.close();
    monitor.close();
    long logged = aws.calls().count(FakeAws.EMR);
    long counted = oursEmr.total() + waiterEmr.total();
    if (logged != counted) {
      throw new IllegalStateException("call log saw " + logged + " calls, strategies " + counted);
    }
    Side waiterSide =
        MonitorBenchmark.side(
            "SDK EmrAsyncWaiter",
            n,
            changed,
            waiterKnown,
            waiterErrors.size(),
            waiterEmr,
            waiterThreads);
    Side events =
        MonitorBenchmark.side(
            "emr-launch, events + reconciliation",
            n,
            changed,
            oursKnown,
            oursErrors.size(),
            oursEmr,
            oursThreads);
    // SQS calls (not EMR calls) beside the EMR ones, for the record.
    Map<String, Long> calls = new TreeMap<>(events.calls());
    for (String op : List.of("ReceiveMessage", "DeleteMessageBatch")) {
      calls.put("sqs:" + op, aws.calls().count(FakeAws.SQS, op));
    }
    calls.put("sqs:setup", setupSqsCalls);
    Side oursSide =
        new Side(
            events.name(),
            events.clusters(),
            events.known(),
            events.errors(),
            events.medianLagSeconds(),
            events.p95LagSeconds(),
            calls,
            events.watchCalls(),
            events.threads());
    double max =
        oursKnown.entrySet().stream()
            .filter(e -> changed.containsKey(e.getKey()))
            .mapToDouble(
                e -> Duration.between(changed.get(e.getKey()), e.getValue()).toMillis() / 1000.0)
            .max()
            .orElse(Double.NaN);
    System.out.printf(
        Locale.ROOT,
        "%-36s events: max lag %.1fs; deliveries %s%n",
        name,
        max,
        aws.eventBridgeBackend().stats());
    return new Scenario(name, n, 0.0, waiterSide, oursSide);
  }
}
