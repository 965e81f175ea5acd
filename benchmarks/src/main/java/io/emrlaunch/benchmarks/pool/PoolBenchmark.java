package io.emrlaunch.benchmarks.pool;

import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.launch.LaunchRequest;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.PresetOptions;
import io.emrlaunch.core.pool.ClusterPool;
import io.emrlaunch.core.pool.LeaseStore;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.emr.model.ClusterState;

/**
 * 200 jobs of 5 simulated minutes arriving at seeded random instants over one hour, run (a) through
 * a {@link ClusterPool} and (b) each on its own transient cluster, on the testkit in virtual time
 * (boot: 3 min STARTING + 5 min BOOTSTRAPPING). Reports cluster hours (creation to TERMINATED),
 * total boot minutes (creation to first RUNNING/WAITING) and job latency (arrival to the step's
 * completion).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.emrlaunch.benchmarks.pool.PoolBenchmark [jobs] [seed]}
 */
public final class PoolBenchmark {
  private PoolBenchmark() {}

  /** One scenario's figures. */
  public record Result(
      String scenario,
      int jobs,
      int clusters,
      double clusterHours,
      double bootMinutes,
      double medianLatencyMinutes,
      double p95LatencyMinutes) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-10s jobs=%d clusters=%d cluster-hours=%.1f boot-minutes=%.0f latency median=%.1f min"
              + " p95=%.1f min",
          scenario,
          jobs,
          clusters,
          clusterHours,
          bootMinutes,
          medianLatencyMinutes,
          p95LatencyMinutes);
    }
  }

  static EmrProfile profile() {
    return EmrProfile.builder()
        .name("analytics")
        .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
        .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
        .logsBucket("my-emr-logs")
        .build();
  }

  static ClusterConfiguration configuration() {
    return ClusterPresets.instanceGroups(PresetOptions.of("spark-small", "subnet-0abc"));
  }

  static FakeAws aws(long seed) {
    return FakeAws.builder()
        .seed(seed)
        .keepCalls(false)
        .emrBehavior(
            EmrBehavior.builder()
                .startingTime(DurationDistribution.fixed(Duration.ofMinutes(3)))
                .bootstrappingTime(DurationDistribution.fixed(Duration.ofMinutes(5)))
                .stepRunTime(DurationDistribution.fixed(Duration.ofMinutes(5)))
                .build())
        .build();
  }

  static List<Duration> arrivals(int jobs, long seed) {
    Random r = new Random(seed);
    List<Duration> out = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      out.add(Duration.ofMillis((long) (r.nextDouble() * Duration.ofHours(1).toMillis())));
    }
    out.sort(null);
    return out;
  }

  /** Tracks every cluster's creation, first up instant and end. */
  static final class Clusters {
    final Map<String, Instant> created = new ConcurrentHashMap<>();
    final Map<String, Instant> up = new ConcurrentHashMap<>();
    final Map<String, Instant> ended = new ConcurrentHashMap<>();

    Clusters(FakeAws aws) {
      aws.emrBackend()
          .onClusterStateChange(
              (id, name, state, at) -> {
                if (state == ClusterState.STARTING) {
                  created.put(id, at);
                } else if (state == ClusterState.RUNNING || state == ClusterState.WAITING) {
                  up.putIfAbsent(id, at);
                } else if (state == ClusterState.TERMINATED
                    || state == ClusterState.TERMINATED_WITH_ERRORS) {
                  ended.put(id, at);
                }
              });
    }

    Result result(String scenario, int jobs, List<Duration> latencies) {
      double hours = 0;
      double boot = 0;
      for (Map.Entry<String, Instant> e : created.entrySet()) {
        Instant end = ended.get(e.getKey());
        if (end == null) {
          throw new IllegalStateException("cluster " + e.getKey() + " never ended");
        }
        hours += Duration.between(e.getValue(), end).toMillis() / 3_600_000.0;
        Instant u = up.get(e.getKey());
        if (u != null) {
          boot += Duration.between(e.getValue(), u).toMillis() / 60_000.0;
        }
      }
      List<Duration> sorted = new ArrayList<>(latencies);
      sorted.sort(null);
      return new Result(
          scenario,
          jobs,
          created.size(),
          hours,
          boot,
          sorted.get(sorted.size() / 2).toMillis() / 60_000.0,
          sorted.get((int) Math.floor(sorted.size() * 0.95)).toMillis() / 60_000.0);
    }
  }

  /** The pool scenario: up to 10 clusters of 4 concurrent jobs, 10 minutes idle timeout. */
  public static Result pool(int jobs, long seed) {
    FakeAws aws = aws(seed);
    Clusters clusters = new Clusters(aws);
    ClusterLauncher launcher =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .build();
    ClusterPool pool =
        ClusterPool.builder()
            .name("bench")
            .profile(profile())
            .configuration(configuration())
            .maxClusters(10)
            .maxConcurrentJobs(4)
            .idleTimeout(Duration.ofMinutes(10))
            .launcher(launcher)
            .emr(aws.emrAsync())
            .leaseStore(LeaseStore.inMemory())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .build();
    return run(
        aws,
        clusters,
        "pool",
        jobs,
        seed,
        i -> pool.run(List.of(EmrStep.command("job-" + i, "echo", "" + i))).thenApply(x -> null));
  }

  /** One transient cluster per job: launched with the job's step, ends when the step is done. */
  public static Result transientPerJob(int jobs, long seed) {
    FakeAws aws = aws(seed);
    Clusters clusters = new Clusters(aws);
    ClusterLauncher launcher =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .build();
    return run(
        aws,
        clusters,
        "transient",
        jobs,
        seed,
        i ->
            launcher
                .runTransient(
                    LaunchRequest.builder()
                        .profile(profile())
                        .configuration(
                            configuration()
                                .withInstances(
                                    configuration()
                                        .instances()
                                        .withKeepJobFlowAliveWhenNoSteps(false)))
                        .clusterName("job-" + i)
                        .addSteps(EmrStep.command("job-" + i, "echo", "" + i))
                        .build())
                .thenApply(x -> null));
  }

  interface Job {
    CompletableFuture<Void> start(int i);
  }

  static Result run(FakeAws aws, Clusters clusters, String scenario, int jobs, long seed, Job job) {
    List<Duration> latencies = new ArrayList<>();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    List<Duration> at = arrivals(jobs, seed);
    for (int i = 0; i < jobs; i++) {
      int n = i;
      CompletableFuture<Void> f = new CompletableFuture<>();
      done.add(f);
      aws.scheduler()
          .schedule(
              () -> {
                Instant arrived = aws.time().now();
                job.start(n)
                    .whenComplete(
                        (v, t) -> {
                          synchronized (latencies) {
                            latencies.add(Duration.between(arrived, aws.time().now()));
                          }
                          if (t != null) {
                            f.completeExceptionally(t);
                          } else {
                            f.complete(null);
                          }
                        });
              },
              at.get(i).toMillis(),
              TimeUnit.MILLISECONDS);
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    aws.time().runUntil(all, Duration.ofHours(6));
    all.join();
    aws.time().advance(Duration.ofHours(1)); // idle clusters end
    return clusters.result(scenario, jobs, latencies);
  }

  /**
   * Prints both scenarios.
   *
   * @param args [jobs] [seed]
   */
  public static void main(String[] args) {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 19;
    long started = System.nanoTime();
    System.out.println(pool(jobs, seed));
    System.out.println(transientPerJob(jobs, seed));
    System.out.printf(
        Locale.ROOT, "(simulated; %d ms real)%n", (System.nanoTime() - started) / 1_000_000);
  }
}
