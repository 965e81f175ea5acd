package io.emrlaunch.core.launch;

import java.time.Duration;

/**
 * Progress of launches, for displays and logs: everything a {@link MonitorListener} sees (state and
 * step changes, polls) plus the launch's own milestones and timings. Called on the launcher's
 * threads: return quickly and never block.
 */
public interface LaunchListener extends MonitorListener {

  /**
   * A launch was validated and is about to call EMR.
   *
   * @param clusterName the cluster's name
   * @param launchToken the launch token tag value
   */
  default void launchStarted(String clusterName, String launchToken) {}

  /**
   * EMR created the cluster.
   *
   * @param cluster the cluster (no snapshot yet)
   * @param sinceLaunch time from {@link ClusterLauncher#launch(LaunchRequest)} to the cluster id
   */
  default void clusterCreated(LaunchedCluster cluster, Duration sinceLaunch) {}

  /**
   * The launch completed.
   *
   * @param cluster the cluster in the state waited for
   * @param sinceLaunch time from the launch call
   */
  default void launchCompleted(LaunchedCluster cluster, Duration sinceLaunch) {}

  /**
   * The launch failed (or was cancelled).
   *
   * @param clusterName the cluster's name
   * @param clusterId the cluster, or null when none was created
   * @param error why
   */
  default void launchFailed(String clusterName, String clusterId, Throwable error) {}

  /**
   * EMR accepted the termination of a cluster the launcher created and nobody would look after (it
   * is called only once {@code TerminateJobFlows} succeeded), so that no orphan is left.
   *
   * @param clusterId the cluster
   * @param why what went wrong
   */
  default void orphanTerminated(String clusterId, String why) {}

  /**
   * The launcher gave up terminating a cluster nobody would look after: it may still be running.
   *
   * @param error names the cluster and the last error
   */
  default void orphanTerminationFailed(OrphanTerminationFailedException error) {}
}
