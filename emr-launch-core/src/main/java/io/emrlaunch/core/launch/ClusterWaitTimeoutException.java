package io.emrlaunch.core.launch;

import io.emrlaunch.core.EmrLaunchException;
import java.time.Duration;
import java.util.Optional;

/** A cluster did not reach the awaited state within the time allowed. */
public class ClusterWaitTimeoutException extends EmrLaunchException {
  private static final long serialVersionUID = 1L;

  private final transient ClusterSnapshot lastSnapshot;

  /**
   * Creates the exception.
   *
   * @param clusterId the cluster
   * @param target what was waited for
   * @param timeout the time allowed
   * @param lastSnapshot the last state seen, or null
   */
  public ClusterWaitTimeoutException(
      String clusterId, ClusterTarget target, Duration timeout, ClusterSnapshot lastSnapshot) {
    super(
        "cluster "
            + clusterId
            + " did not reach "
            + target
            + " within "
            + timeout
            + (lastSnapshot == null ? " (never seen)" : "; last seen " + lastSnapshot));
    this.lastSnapshot = lastSnapshot;
  }

  /**
   * The last state seen before the timeout.
   *
   * @return the snapshot, if the cluster was seen at all
   */
  public Optional<ClusterSnapshot> lastSnapshot() {
    return Optional.ofNullable(lastSnapshot);
  }
}
