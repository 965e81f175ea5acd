package io.emrlaunch.core.pool;

import io.emrlaunch.core.launch.StepSnapshot;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.StepFailureAction;
import io.emrlaunch.core.pool.internal.LeaseRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One claimed slot on a pool cluster: submit the job's steps, then {@link #release()} it. The steps
 * of one {@link #submit} run one after the other (the cluster runs up to {@code maxConcurrentJobs}
 * steps at once, one per lease), with {@code ActionOnFailure=CONTINUE}: a failed job never
 * terminates a shared cluster.
 */
public final class PoolLease {
  private final ClusterPool pool;
  private final String clusterId;
  private final int slot;
  private final String lock;
  private final long generation;
  private final LeaseRecord record;
  private final AtomicBoolean released = new AtomicBoolean();
  private final AtomicInteger accepted = new AtomicInteger();

  PoolLease(
      ClusterPool pool,
      String clusterId,
      int slot,
      String lock,
      long generation,
      LeaseRecord record) {
    this.pool = pool;
    this.clusterId = clusterId;
    this.slot = slot;
    this.lock = lock;
    this.generation = generation;
    this.record = record;
  }

  /**
   * The cluster the slot is on.
   *
   * @return the cluster id
   */
  public String clusterId() {
    return clusterId;
  }

  /**
   * The slot's number on its cluster (0 to {@code maxConcurrentJobs - 1}).
   *
   * @return the slot
   */
  public int slot() {
    return slot;
  }

  /**
   * Whether the lease was released.
   *
   * @return true once {@link #release()} was called
   */
  public boolean released() {
    return released.get();
  }

  /**
   * Runs steps on the cluster, one after the other, each waited for before the next is submitted.
   *
   * @param steps the steps
   * @return completes with every step's snapshot when all completed; fails with the first {@link
   *     io.emrlaunch.core.launch.StepFailedException}; fails with {@link IllegalStateException}
   *     after {@link #release()}
   */
  public CompletableFuture<List<StepSnapshot>> submit(List<EmrStep> steps) {
    if (released.get()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("lease on " + clusterId + " was released"));
    }
    List<EmrStep> copy =
        steps.stream().map(s -> s.withActionOnFailure(StepFailureAction.CONTINUE)).toList();
    CompletableFuture<List<StepSnapshot>> out = next(copy, 0, new ArrayList<>());
    return out;
  }

  private CompletableFuture<List<StepSnapshot>> next(
      List<EmrStep> steps, int i, List<StepSnapshot> done) {
    if (i >= steps.size()) {
      return CompletableFuture.completedFuture(List.copyOf(done));
    }
    return pool.launcher()
        .submitSteps(clusterId, List.of(steps.get(i)))
        .thenCompose(
            run -> {
              accepted.incrementAndGet();
              return run.all();
            })
        .thenCompose(
            snaps -> {
              done.addAll(snaps);
              return next(steps, i + 1, done);
            });
  }

  /**
   * How many steps EMR accepted through this lease so far.
   *
   * @return the count
   */
  public int acceptedSteps() {
    return accepted.get();
  }

  /**
   * Gives the slot back (once; later calls do nothing). Steps still running keep running.
   *
   * @return completes when the claim record is released
   */
  public CompletableFuture<Void> release() {
    if (!released.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    return pool.releaseRecord(lock, generation, record);
  }

  @Override
  public String toString() {
    return "PoolLease{" + clusterId + " slot " + slot + "}";
  }
}
