package io.emrlaunch.core.launch;

/**
 * Receives what the {@link ClusterMonitor} observes, for progress displays and logs. Called on the
 * monitor's thread: return quickly and never block.
 */
public interface MonitorListener {

  /**
   * A watched cluster changed state (or was seen for the first time).
   *
   * @param previous the earlier snapshot, or null on first sight
   * @param current the new snapshot
   */
  default void clusterChanged(ClusterSnapshot previous, ClusterSnapshot current) {}

  /**
   * A watched step changed state (or was seen for the first time).
   *
   * @param previous the earlier snapshot, or null on first sight
   * @param current the new snapshot
   */
  default void stepChanged(StepSnapshot previous, StepSnapshot current) {}

  /**
   * The monitor polled EMR.
   *
   * @param operation the EMR operation ({@code ListClusters}, {@code DescribeCluster}, ...)
   * @param throttled whether EMR throttled the call
   */
  default void polled(String operation, boolean throttled) {}
}
