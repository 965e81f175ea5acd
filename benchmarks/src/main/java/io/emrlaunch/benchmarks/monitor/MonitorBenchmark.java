package io.emrlaunch.benchmarks.monitor;

import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.launch.LaunchListener;
import io.emrlaunch.core.launch.LaunchRequest;
import io.emrlaunch.core.launch.LaunchWait;
import io.emrlaunch.core.launch.LaunchedCluster;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.VirtualScheduler;
import io.emrlaunch.testkit.emr.ClusterFailure;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.waiters.EmrAsyncWaiter;

/**
 * Watching a fleet: the SDK's {@code EmrAsyncWaiter.waitUntilClusterRunning} (its defaults: a
 * DescribeCluster per cluster every 30 s) against our {@link ClusterLauncher} (one {@code
 * ClusterMonitor} for all clusters), on the same simulated fleet in the same run, in virtual time
 * with the testkit ({@code FakeAws}: {@code FakeEmr}, {@code VirtualTime}, {@code FaultPlan},
 * {@code CallLog}).
 *
 * <p>Each cluster boots in 6–12 minutes (seeded); 10% fail at bootstrap. Every call takes 50 ms;
 * the throttled scenarios throttle 20% of calls, which both sides retry like the SDK's standard
 * retry strategy ({@link RetryingEmr}). Detection lag is the time from the state change (up, or
 * ending) to the moment the caller's future completes. Writes {@code
 * benchmarks/target/monitor.json} and prints a table.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.emrlaunch.benchmarks.monitor.MonitorBenchmark [output.json]}
 */
public final class MonitorBenchmark {
  private static final Set<ClusterState> DECISIVE =
      Set.of(
          ClusterState.RUNNING,
          ClusterState.WAITING,
          ClusterState.TERMINATING,
          ClusterState.TERMINATED_WITH_ERRORS);

  private MonitorBenchmark() {}

  /** One scenario's numbers for one strategy. */
  record Side(
      String name,
      int clusters,
      int known,
      int errors,
      double medianLagSeconds,
      double p95LagSeconds,
      Map<String, Long> calls,
      long watchCalls,
      int threads) {
    double callsPerCluster() {
      return (double) watchCalls / clusters;
    }
  }

  record Scenario(String name, int clusters, double throttle, Side waiter, Side ours, Floor floor) {
    Scenario(String name, int clusters, double throttle, Side waiter, Side ours) {
      this(name, clusters, throttle, waiter, ours, null);
    }

    double lagRatio() {
      return ours.medianLagSeconds / waiter.medianLagSeconds;
    }

    double p95LagRatio() {
      return ours.p95LagSeconds / waiter.p95LagSeconds;
    }

    double callsRatio() {
      return (double) ours.watchCalls / waiter.watchCalls;
    }
  }

  /**
   * The physical limit of polling with {@code ListClusters} (50 clusters a call): a poll that lists
   * every watched cluster costs {@code fullPages} = ⌈N/50⌉ calls, and a poller finds a change half
   * a poll period after it on average, so the median lag cannot go below half the period it polls
   * at. The period is ours while clusters were arriving (first to last state change).
   */
  record Floor(
      int fullPages,
      double listCallsPerPoll,
      double pollPeriodSeconds,
      double medianLagFloorSeconds,
      double medianLagSeconds) {
    double callsPerPollToFloor() {
      return listCallsPerPoll / fullPages;
    }

    double medianLagToFloor() {
      return medianLagSeconds / medianLagFloorSeconds;
    }

    static Floor of(int n, Map<String, Instant> changed, CountingEmr ours, double medianLag) {
      List<Instant> polls = ours.pollStarts();
      Instant first = changed.values().stream().min(Instant::compareTo).orElseThrow();
      Instant last = changed.values().stream().max(Instant::compareTo).orElseThrow();
      long during = polls.stream().filter(t -> !t.isBefore(first) && !t.isAfter(last)).count();
      double period =
          during == 0 ? Double.NaN : Duration.between(first, last).toMillis() / 1000.0 / during;
      return new Floor(
          (n + 49) / 50,
          (double) ours.counts().getOrDefault("ListClusters", 0L) / polls.size(),
          period,
          period / 2,
          medianLag);
    }
  }

  /**
   * Runs the scenarios.
   *
   * @param args optional output path (default {@code benchmarks/target/monitor.json})
   * @throws IOException when the result cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/target/monitor.json");
    List<Scenario> scenarios = new ArrayList<>();
    scenarios.add(run("200 clusters", 200, 0.0, 42));
    scenarios.add(run("1000 clusters", 1000, 0.0, 42));
    scenarios.add(run("200 clusters, 20% throttled", 200, 0.2, 42));
    scenarios.add(run("1000 clusters, 20% throttled", 1000, 0.2, 42));
    scenarios.addAll(EventsScenario.scenarios());
    print(scenarios);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, json(scenarios));
    System.out.println("wrote " + out.toAbsolutePath());
  }

  static Scenario run(String name, int n, double throttle, long seed) {
    // The fleet: 2 min STARTING then 4-10 min BOOTSTRAPPING (boot 6-12 min, seeded); 10% fail
    // at the end of bootstrapping with EMR's BOOTSTRAP_FAILURE.
    EmrBehavior behavior =
        EmrBehavior.builder()
            .startingTime(DurationDistribution.fixed(Duration.ofMinutes(2)))
            .bootstrappingTime(
                DurationDistribution.uniform(Duration.ofMinutes(4), Duration.ofMinutes(10)))
            .clusterFailureRate(0.10, ClusterFailure.bootstrapFailure())
            .build();
    FakeAws aws = FakeAws.builder().seed(seed).emrBehavior(behavior).keepCalls(false).build();
    VirtualScheduler time = aws.scheduler();
    // Every call takes 50 ms (virtual); with throttling, each call is throttled with probability
    // `throttle` (seeded), RunJobFlow included, as EMR does under a shared account quota.
    aws.faults().on(FakeAws.EMR, "*").always().latency(Duration.ofMillis(50));
    if (throttle > 0) {
      aws.faults().on(FakeAws.EMR, "*").withProbability(throttle).throttle();
    }
    Map<String, Instant> changed = new ConcurrentHashMap<>();
    aws.emrBackend()
        .onClusterStateChange(
            (id, clusterName, state, at) -> {
              if (DECISIVE.contains(state)) {
                changed.putIfAbsent(id, at);
              }
            });

    EmrAsyncClient emr = aws.emrAsync();
    CountingEmr oursEmr = new CountingEmr(emr, aws.clock());
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

    ClusterLauncher launcher =
        ClusterLauncher.builder()
            .emr(new RetryingEmr(oursEmr, time))
            .scheduler(time)
            .clock(aws.clock())
            .listener(
                new LaunchListener() {
                  @Override
                  public void clusterCreated(LaunchedCluster cluster, Duration sinceLaunch) {
                    // The waiter starts watching the same cluster at the same moment.
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
                                          : isClusterFailure(t);
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
                    if (c != null) {
                      oursKnown.put(c.clusterId(), aws.time().now());
                    } else if ((t instanceof java.util.concurrent.CompletionException
                            ? t.getCause()
                            : t)
                        instanceof io.emrlaunch.core.launch.ClusterFailedException f) {
                      oursKnown.put(f.snapshot().clusterId(), aws.time().now());
                    } else {
                      oursErrors.add(String.valueOf(t));
                    }
                  }));
    }
    // Both strategies' futures are registered as clusters are created; run until all are done.
    for (int round = 0; round < 240; round++) {
      aws.time().advance(Duration.ofSeconds(15));
      if (all.size() >= 2 * n && all.stream().allMatch(CompletableFuture::isDone)) {
        break;
      }
    }
    launcher.close();
    // The per-strategy counters must add up to what the testkit's call log saw.
    long logged = aws.calls().count(FakeAws.EMR);
    long counted = oursEmr.total() + waiterEmr.total();
    if (logged != counted) {
      throw new IllegalStateException("call log saw " + logged + " calls, strategies " + counted);
    }
    Side waiterSide =
        side(
            "SDK EmrAsyncWaiter",
            n,
            changed,
            waiterKnown,
            waiterErrors.size(),
            waiterEmr,
            waiterThreads);
    Side oursSide =
        side(
            "emr-launch ClusterLauncher",
            n,
            changed,
            oursKnown,
            oursErrors.size(),
            oursEmr,
            oursThreads);
    return new Scenario(
        name,
        n,
        throttle,
        waiterSide,
        oursSide,
        Floor.of(n, changed, oursEmr, oursSide.medianLagSeconds()));
  }

  private static boolean isClusterFailure(Throwable t) {
    // The waiter's failure acceptors (TERMINATING/TERMINATED...) end the wait with this
    // exception; any other exception (throttling after the client's retries) is an error.
    Throwable c = t instanceof java.util.concurrent.CompletionException ? t.getCause() : t;
    String m = String.valueOf(c.getMessage());
    if (FIRST_WAITER_ERROR.compareAndSet(null, m)) {
      System.out.println("first waiter exception: " + c);
    }
    return m.contains("failure state");
  }

  private static final java.util.concurrent.atomic.AtomicReference<String> FIRST_WAITER_ERROR =
      new java.util.concurrent.atomic.AtomicReference<>();

  static Side side(
      String name,
      int n,
      Map<String, Instant> changed,
      Map<String, Instant> known,
      int errors,
      CountingEmr emr,
      Set<String> threads) {
    List<Double> lags = new ArrayList<>();
    known.forEach(
        (id, at) -> {
          Instant c = changed.get(id);
          if (c != null) {
            lags.add(Duration.between(c, at).toMillis() / 1000.0);
          }
        });
    lags.sort(Double::compare);
    return new Side(
        name,
        n,
        known.size(),
        errors,
        percentile(lags, 0.5),
        percentile(lags, 0.95),
        emr.counts(),
        emr.watchCalls(),
        threads.size());
  }

  static double percentile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  static void print(List<Scenario> scenarios) {
    String row = "%-30s %-27s %6s %6s %9s %9s %8s %9s %7s%n";
    System.out.printf(
        Locale.ROOT,
        row,
        "scenario",
        "strategy",
        "known",
        "errors",
        "lag p50",
        "lag p95",
        "calls",
        "calls/cl",
        "threads");
    for (Scenario s : scenarios) {
      for (Side side : List.of(s.waiter(), s.ours())) {
        System.out.printf(
            Locale.ROOT,
            row,
            s.name(),
            side.name(),
            side.known(),
            side.errors(),
            String.format(Locale.ROOT, "%.1fs", side.medianLagSeconds()),
            String.format(Locale.ROOT, "%.1fs", side.p95LagSeconds()),
            side.watchCalls(),
            String.format(Locale.ROOT, "%.2f", side.callsPerCluster()),
            side.threads());
      }
      System.out.printf(
          Locale.ROOT,
          "%-30s lagRatio %.3f (target <= 0.200), p95LagRatio %.3f (target <= 0.333),"
              + " callsRatio %.3f (target <= 0.050)%n",
          "",
          s.lagRatio(),
          s.p95LagRatio(),
          s.callsRatio());
      Floor f = s.floor();
      if (f != null) {
        System.out.printf(
            Locale.ROOT,
            "%-30s floor: a full listing is %d calls/poll, ours %.2f (%.2fx); polled every %.2fs"
                + " while clusters arrived, so p50 >= %.2fs; ours %.2fs (%.2fx, %+.2fs)%n",
            "",
            f.fullPages(),
            f.listCallsPerPoll(),
            f.callsPerPollToFloor(),
            f.pollPeriodSeconds(),
            f.medianLagFloorSeconds(),
            f.medianLagSeconds(),
            f.medianLagToFloor(),
            f.medianLagSeconds() - f.medianLagFloorSeconds());
      }
    }
  }

  static String json(List<Scenario> scenarios) {
    StringBuilder b = new StringBuilder("{\n");
    Scenario main = scenarios.get(0);
    b.append("  \"lagRatio\": ").append(num(main.lagRatio())).append(",\n");
    b.append("  \"callsRatio\": ").append(num(main.callsRatio())).append(",\n");
    b.append("  \"p95LagRatio\": ").append(num(main.p95LagRatio())).append(",\n");
    b.append(
        "  \"note\": \"virtual time; calls exclude RunJobFlow; lag = state change to future completion\",\n");
    b.append("  \"scenarios\": [\n");
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      b.append("    {\"name\": \"")
          .append(s.name())
          .append("\", \"clusters\": ")
          .append(s.clusters());
      b.append(", \"throttleRate\": ").append(num(s.throttle()));
      b.append(", \"lagRatio\": ").append(num(s.lagRatio()));
      b.append(", \"callsRatio\": ").append(num(s.callsRatio()));
      b.append(", \"p95LagRatio\": ").append(num(s.p95LagRatio()));
      if (s.floor() != null) {
        Floor f = s.floor();
        b.append(",\n      \"floor\": {\"fullListingCallsPerPoll\": ").append(f.fullPages());
        b.append(", \"listCallsPerPoll\": ").append(num(f.listCallsPerPoll()));
        b.append(", \"callsPerPollToFloor\": ").append(num(f.callsPerPollToFloor()));
        b.append(", \"pollPeriodSeconds\": ").append(num(f.pollPeriodSeconds()));
        b.append(", \"medianLagFloorSeconds\": ").append(num(f.medianLagFloorSeconds()));
        b.append(", \"medianLagToFloor\": ").append(num(f.medianLagToFloor())).append("}");
      }
      b.append(",\n      \"waiter\": ").append(side(s.waiter()));
      b.append(",\n      \"ours\": ").append(side(s.ours())).append("}");
      b.append(i < scenarios.size() - 1 ? ",\n" : "\n");
    }
    return b.append("  ]\n}\n").toString();
  }

  private static String side(Side s) {
    StringBuilder calls = new StringBuilder("{");
    s.calls()
        .forEach(
            (k, v) ->
                calls
                    .append(calls.length() > 1 ? ", " : "")
                    .append('"')
                    .append(k)
                    .append("\": ")
                    .append(v));
    calls.append('}');
    return String.format(
        Locale.ROOT,
        "{\"strategy\": \"%s\", \"known\": %d, \"errors\": %d, \"medianLagSeconds\": %s,"
            + " \"p95LagSeconds\": %s, \"watchCalls\": %d, \"callsPerCluster\": %s, \"threads\": %d,"
            + " \"callsByOperation\": %s}",
        s.name(),
        s.known(),
        s.errors(),
        num(s.medianLagSeconds()),
        num(s.p95LagSeconds()),
        s.watchCalls(),
        num(s.callsPerCluster()),
        s.threads(),
        calls);
  }

  private static String num(double d) {
    return Double.isNaN(d) ? "null" : String.format(Locale.ROOT, "%.4f", d);
  }
}
