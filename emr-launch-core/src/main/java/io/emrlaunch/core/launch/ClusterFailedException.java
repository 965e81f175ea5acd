package io.emrlaunch.core.launch;

import io.emrlaunch.core.EmrLaunchException;
import java.util.Optional;
import software.amazon.awssdk.services.emr.model.Cluster;

/**
 * A cluster ended (or began to end) before reaching the state waited for. Carries EMR's
 * state-change reason — {@link ClusterSnapshot#reasonCode()} such as {@code BOOTSTRAP_FAILURE} and
 * its message — and the last full description when it could be read.
 */
public class ClusterFailedException extends EmrLaunchException {
  private static final long serialVersionUID = 1L;

  private final transient ClusterSnapshot snapshot;
  private final transient Cluster lastDescription;

  /**
   * Creates the exception.
   *
   * @param target what was waited for
   * @param snapshot the state that ended the wait
   * @param lastDescription the last {@code DescribeCluster} result, or null
   */
  public ClusterFailedException(
      ClusterTarget target, ClusterSnapshot snapshot, Cluster lastDescription) {
    super(
        "cluster "
            + snapshot.clusterId()
            + snapshot.name().map(n -> " (" + n + ")").orElse("")
            + " did not reach "
            + target
            + ": it is "
            + snapshot.state().map(Object::toString).orElse("UNKNOWN")
            + snapshot.reasonCode().map(c -> ", reason " + c).orElse("")
            + snapshot.reasonMessage().map(m -> ": " + m).orElse(""));
    this.snapshot = snapshot;
    this.lastDescription = lastDescription;
  }

  /**
   * The state that ended the wait, with EMR's reason.
   *
   * @return the snapshot
   */
  public ClusterSnapshot snapshot() {
    return snapshot;
  }

  /**
   * The last {@code DescribeCluster} result, with everything EMR reports about the cluster.
   *
   * @return the description, when it could be read
   */
  public Optional<Cluster> lastDescription() {
    return Optional.ofNullable(lastDescription);
  }
}
