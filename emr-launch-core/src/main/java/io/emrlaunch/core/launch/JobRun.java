package io.emrlaunch.core.launch;

import java.util.List;
import java.util.Objects;

/** The outcome of a transient cluster run: the cluster as it ended and each step's outcome. */
public final class JobRun {
  private final LaunchedCluster cluster;
  private final ClusterSnapshot ended;
  private final List<StepSnapshot> steps;

  JobRun(LaunchedCluster cluster, ClusterSnapshot ended, List<StepSnapshot> steps) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.ended = Objects.requireNonNull(ended, "ended");
    this.steps = List.copyOf(steps);
  }

  /**
   * The cluster that ran the job.
   *
   * @return the cluster
   */
  public LaunchedCluster cluster() {
    return cluster;
  }

  /**
   * The cluster's final state ({@code TERMINATED}, with EMR's reason and timeline).
   *
   * @return the snapshot
   */
  public ClusterSnapshot ended() {
    return ended;
  }

  /**
   * Every step's final state, in submission order.
   *
   * @return the snapshots
   */
  public List<StepSnapshot> steps() {
    return steps;
  }

  @Override
  public String toString() {
    return "JobRun{" + ended + " steps=" + steps + "}";
  }
}
