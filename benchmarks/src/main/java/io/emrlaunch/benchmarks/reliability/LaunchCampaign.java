package io.emrlaunch.benchmarks.reliability;

import io.emrlaunch.core.EmrLaunchException;
import io.emrlaunch.core.Futures;
import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.launch.LaunchRequest;
import io.emrlaunch.core.launch.LaunchWait;
import io.emrlaunch.core.launch.LaunchedCluster;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.PresetOptions;
import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;

/**
 * Launches many clusters through a faulty EMR (the testkit's {@code FaultPlan}: throttling, 500s
 * and lost responses on every EMR operation), cancels some launches at random moments, lets every
 * clean-up run, then audits EMR: duplicates (two clusters for one launch), orphans (a cluster alive
 * whose launch failed or was cancelled) and untyped failures (anything that is not one of the
 * library's exceptions or a cancellation).
 *
 * <p>Run the full campaign: {@code java -cp benchmarks/target/benchmarks.jar
 * io.emrlaunch.benchmarks.reliability.LaunchCampaign [seeds] [launches] [cancels]}.
 */
public final class LaunchCampaign {
  /** Fault rates per EMR call. */
  public static final double THROTTLE = 0.20;

  /** Fault rates per EMR call. */
  public static final double SERVER_ERROR = 0.05;

  /** Fault rates per EMR call. */
  public static final double LOST_RESPONSE = 0.02;

  private static final String[] OPERATIONS = {
    "RunJobFlow",
    "ListClusters",
    "DescribeCluster",
    "TerminateJobFlows",
    "SetTerminationProtection",
    "ListSteps"
  };

  private LaunchCampaign() {}

  /** What one seed produced. */
  public record Result(
      long seed,
      int launches,
      int cancelled,
      int succeeded,
      int failed,
      int clusters,
      int duplicates,
      int orphans,
      int untyped,
      List<String> untypedSamples,
      long emrCalls,
      long wallMillis) {}

  /**
   * Runs one seed.
   *
   * @param seed the seed of faults, cancels and EMR behaviour
   * @param launches how many launches
   * @param cancels how many of them are cancelled at a random moment
   * @return the audit
   */
  public static Result run(long seed, int launches, int cancels) {
    long t0 = System.nanoTime();
    FakeAws aws = FakeAws.builder().seed(seed).build();
    aws.time()
        .runUntil(
            aws.emrAsync()
                .createSecurityConfiguration(
                    r -> r.name("campaign-sc").securityConfiguration("{}")),
            Duration.ofMinutes(1))
        .join();
    for (String op : OPERATIONS) {
      aws.faults().on(FakeAws.EMR, op).withProbability(THROTTLE).throttle();
      aws.faults().on(FakeAws.EMR, op).withProbability(SERVER_ERROR).serverError();
      aws.faults().on(FakeAws.EMR, op).withProbability(LOST_RESPONSE).loseResponse();
    }
    ClusterLauncher launcher =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .build();
    EmrProfile profile =
        EmrProfile.builder()
            .name("campaign")
            .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole_V2")
            .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
            .securityConfigurationName("campaign-sc")
            .build();
    ClusterConfiguration configuration =
        ClusterPresets.instanceGroups(PresetOptions.of("campaign", "subnet-0abc"));
    Random random = new Random(seed);
    List<CompletableFuture<LaunchedCluster>> all = new ArrayList<>();
    for (int i = 0; i < launches; i++) {
      LaunchRequest request =
          LaunchRequest.builder()
              .profile(profile)
              .configuration(configuration)
              .clusterName("c-" + i)
              .waitFor(i % 2 == 0 ? LaunchWait.STARTED : LaunchWait.WAITING)
              .timeout(Duration.ofMinutes(20 + random.nextInt(40)))
              .build();
      all.add(launcher.launch(request));
    }
    boolean[] cancelled = new boolean[launches];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < launches; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, random);
    for (int k = 0; k < cancels && k < launches; k++) {
      int i = order.get(k);
      Duration when = Duration.ofSeconds(random.nextInt(900));
      cancelled[i] = true;
      aws.scheduler()
          .schedule(
              () -> all.get(i).cancel(true),
              when.toNanos(),
              java.util.concurrent.TimeUnit.NANOSECONDS);
    }
    CompletableFuture<Void> done = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    aws.time().runUntil(done.handle((v, t) -> null), Duration.ofHours(3));
    // Let every clean-up (orphan terminations, their retries) run to the end.
    aws.time().advance(Duration.ofHours(2));

    int succeeded = 0;
    int failed = 0;
    int untyped = 0;
    List<String> untypedSamples = new ArrayList<>();
    Map<String, Boolean> launchOk = new HashMap<>();
    for (int i = 0; i < launches; i++) {
      CompletableFuture<LaunchedCluster> f = all.get(i);
      if (!f.isDone()) {
        untyped++;
        untypedSamples.add("c-" + i + ": never completed");
        continue;
      }
      try {
        f.join();
        succeeded++;
        launchOk.put("c-" + i, true);
      } catch (CancellationException e) {
        failed++;
        launchOk.put("c-" + i, false);
      } catch (RuntimeException e) {
        failed++;
        launchOk.put("c-" + i, false);
        Throwable cause = Futures.unwrap(e);
        if (!(cause instanceof EmrLaunchException) && !(cause instanceof CancellationException)) {
          untyped++;
          if (untypedSamples.size() < 5) {
            untypedSamples.add("c-" + i + ": " + cause);
          }
        }
      }
    }

    // Audit EMR itself, without faults.
    aws.faults().clear();
    Map<String, Integer> byName = new HashMap<>();
    int orphans = 0;
    int clusters = 0;
    String marker = null;
    do {
      String m = marker;
      ListClustersResponse page =
          aws.time()
              .runUntil(aws.emrAsync().listClusters(r -> r.marker(m)), Duration.ofMinutes(1))
              .join();
      for (ClusterSummary s : page.clusters()) {
        clusters++;
        byName.merge(s.name(), 1, Integer::sum);
        ClusterState state = s.status().state();
        boolean alive =
            state != ClusterState.TERMINATED && state != ClusterState.TERMINATED_WITH_ERRORS;
        boolean ok = launchOk.getOrDefault(s.name(), false);
        if (alive && !ok && state != ClusterState.TERMINATING) {
          Cluster c =
              aws.time()
                  .runUntil(
                      aws.emrAsync().describeCluster(r -> r.clusterId(s.id())),
                      Duration.ofMinutes(1))
                  .join()
                  .cluster();
          orphans++;
          if (untypedSamples.size() < 10) {
            untypedSamples.add("orphan " + c.id() + " " + c.name() + " " + state);
          }
        }
      }
      marker = page.marker();
    } while (marker != null && !marker.isEmpty());
    int duplicates = (int) byName.values().stream().filter(n -> n > 1).mapToInt(n -> n - 1).sum();
    launcher.close();
    int cancelledCount = 0;
    for (boolean c : cancelled) {
      cancelledCount += c ? 1 : 0;
    }
    return new Result(
        seed,
        launches,
        cancelledCount,
        succeeded,
        failed,
        clusters,
        duplicates,
        orphans,
        untyped,
        untypedSamples,
        aws.calls().calls().size(),
        (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * The full campaign.
   *
   * @param args seeds (20), launches per seed (1000), cancels per seed (100)
   */
  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int launches = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int cancels = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int dup = 0;
    int orphans = 0;
    int untyped = 0;
    int failed = 0;
    for (long seed = 1; seed <= seeds; seed++) {
      Result r = run(seed, launches, cancels);
      System.out.println(r);
      dup += r.duplicates();
      orphans += r.orphans();
      untyped += r.untyped();
      failed += r.failed();
    }
    System.out.printf(
        "campaign: %d seeds x %d launches (%d cancels each; faults %.0f%% throttle, %.0f%% 500,"
            + " %.0f%% lost): %d failed launches, %d duplicates, %d orphans, %d untyped%n",
        seeds,
        launches,
        cancels,
        THROTTLE * 100,
        SERVER_ERROR * 100,
        LOST_RESPONSE * 100,
        failed,
        dup,
        orphans,
        untyped);
  }
}
