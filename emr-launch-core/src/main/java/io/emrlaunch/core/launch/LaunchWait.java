package io.emrlaunch.core.launch;

/** How long {@link ClusterLauncher#launch(LaunchRequest)} waits before completing. */
public enum LaunchWait {
  /** Complete as soon as EMR accepted the cluster (its id is known). */
  NONE,
  /** Complete when the cluster is up ({@code RUNNING} or {@code WAITING}). */
  STARTED,
  /** Complete when the cluster is idle and ready for steps ({@code WAITING}). */
  WAITING;

  ClusterTarget target() {
    return this == WAITING ? ClusterTarget.WAITING : ClusterTarget.STARTED;
  }
}
