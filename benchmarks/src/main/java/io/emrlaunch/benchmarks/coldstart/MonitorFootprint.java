package io.emrlaunch.benchmarks.coldstart;

import io.emrlaunch.core.launch.ClusterMonitor;
import io.emrlaunch.core.launch.ClusterTarget;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.waiters.EmrAsyncWaiter;

/**
 * Heap retained while watching a fleet: one {@link ClusterMonitor} waiting on N booting clusters,
 * against the SDK's {@code EmrAsyncWaiter} waiting on the same N (its peer), on the testkit in
 * virtual time. Each side is measured as the used heap after full collections with the waits in
 * flight, minus the used heap with the same fleet and no waits; two polls have run so every
 * snapshot is filled. Prints bytes per watched cluster.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.emrlaunch.benchmarks.coldstart.MonitorFootprint [clusters...]} (default 1000 10000).
 */
public final class MonitorFootprint {
  private MonitorFootprint() {}

  /** One side's figure at one fleet size. */
  record Footprint(int clusters, long monitorBytes, long waiterBytes) {
    double ratio() {
      return (double) monitorBytes / waiterBytes;
    }
  }

  /**
   * Measures each fleet size.
   *
   * @param args fleet sizes
   */
  public static void main(String[] args) throws Exception {
    int[] sizes =
        args.length == 0
            ? new int[] {1000, 10_000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.printf(
        Locale.ROOT, "%8s %16s %16s %8s%n", "clusters", "monitor B/clu", "waiter B/clu", "ratio");
    for (int n : sizes) {
      Footprint f = measure(n);
      System.out.printf(
          Locale.ROOT,
          "%8d %16d %16d %8.2f%n",
          n,
          f.monitorBytes() / n,
          f.waiterBytes() / n,
          f.ratio());
    }
  }

  static Footprint measure(int n) throws InterruptedException {
    // Clusters boot for ten hours: every wait stays in flight while we measure.
    EmrBehavior booting =
        EmrBehavior.builder()
            .startingTime(DurationDistribution.fixed(Duration.ofHours(10)))
            .build();
    FakeAws aws = FakeAws.builder().seed(7).emrBehavior(booting).keepCalls(false).build();
    EmrAsyncClient emr = aws.emrAsync();
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = "c-" + i;
      ids.add(
          emr.runJobFlow(
                  r ->
                      r.name(name)
                          .releaseLabel("emr-7.5.0")
                          .serviceRole("EMR_DefaultRole")
                          .jobFlowRole("EMR_EC2_DefaultRole")
                          .instances(
                              JobFlowInstancesConfig.builder()
                                  .instanceCount(3)
                                  .masterInstanceType("m5.xlarge")
                                  .slaveInstanceType("m5.xlarge")
                                  .keepJobFlowAliveWhenNoSteps(true)
                                  .build()))
              .join()
              .jobFlowId());
    }
    List<CompletableFuture<?>> waits = new ArrayList<>(n);
    long base = usedAfterGc();

    ClusterMonitor monitor =
        ClusterMonitor.builder().emr(emr).scheduler(aws.scheduler()).clock(aws.clock()).build();
    for (String id : ids) {
      waits.add(monitor.await(id, ClusterTarget.WAITING));
    }
    aws.time().advance(Duration.ofMinutes(2));
    long monitorBytes = usedAfterGc() - base;
    requireInFlight(waits);
    monitor.close();
    waits.forEach(w -> w.cancel(false));
    waits.clear();
    aws.time().advance(Duration.ofMinutes(2));
    base = usedAfterGc();

    EmrAsyncWaiter waiter =
        EmrAsyncWaiter.builder().client(emr).scheduledExecutorService(aws.scheduler()).build();
    for (String id : ids) {
      waits.add(waiter.waitUntilClusterRunning(r -> r.clusterId(id)));
    }
    aws.time().advance(Duration.ofMinutes(2));
    long waiterBytes = usedAfterGc() - base;
    requireInFlight(waits);
    waiter.close();
    waits.forEach(w -> w.cancel(false));
    return new Footprint(n, monitorBytes, waiterBytes);
  }

  private static void requireInFlight(List<CompletableFuture<?>> waits) {
    long done = waits.stream().filter(CompletableFuture::isDone).count();
    if (done > 0) {
      throw new IllegalStateException(done + " waits ended before the measurement");
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
