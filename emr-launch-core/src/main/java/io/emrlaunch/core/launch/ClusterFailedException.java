package io.emrlaunch.core.launch;

import io.emrlaunch.core.EmrLaunchException;
import io.emrlaunch.core.diagnosis.Diagnosis;
import java.util.Optional;
import software.amazon.awssdk.services.emr.model.Cluster;

/**
 * A cluster ended (or began to end) before reaching the state waited for. Carries EMR's
 * state-change reason — {@link ClusterSnapshot#reasonCode()} such as {@code BOOTSTRAP_FAILURE} and
 * its message — and the last full description when it could be read; for a bootstrap failure, when
 * the launcher has an S3 client, the probable cause read from the action's log ({@link
 * #diagnosis()}).
 */
public class ClusterFailedException extends EmrLaunchException {
  private static final long serialVersionUID = 1L;

  private final transient ClusterSnapshot snapshot;
  private final transient Cluster lastDescription;
  private final transient ClusterTarget target;
  private final transient Diagnosis diagnosis;

  /**
   * Creates the exception.
   *
   * @param target what was waited for
   * @param snapshot the state that ended the wait
   * @param lastDescription the last {@code DescribeCluster} result, or null
   */
  public ClusterFailedException(
      ClusterTarget target, ClusterSnapshot snapshot, Cluster lastDescription) {
    this(target, snapshot, lastDescription, null);
  }

  /** The same failure with the probable cause read from the logs. */
  ClusterFailedException(
      ClusterTarget target,
      ClusterSnapshot snapshot,
      Cluster lastDescription,
      Diagnosis diagnosis) {
    super(
        "cluster "
            + snapshot.clusterId()
            + snapshot.name().map(n -> " (" + n + ")").orElse("")
            + " did not reach "
            + target
            + ": it is "
            + snapshot.state().map(Object::toString).orElse("UNKNOWN")
            + snapshot.reasonCode().map(c -> ", reason " + c).orElse("")
            + snapshot.reasonMessage().map(m -> ": " + m).orElse("")
            + (diagnosis == null
                ? ""
                : "; probable cause: " + diagnosis.category() + ": " + diagnosis.cause()));
    this.snapshot = snapshot;
    this.lastDescription = lastDescription;
    this.target = target;
    this.diagnosis = diagnosis;
  }

  /** A copy carrying {@code d}, with this exception's stack trace. */
  ClusterFailedException withDiagnosis(Diagnosis d) {
    ClusterFailedException copy = new ClusterFailedException(target, snapshot, lastDescription, d);
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  /**
   * The probable cause read from the logs (for a bootstrap failure: EMR's reason and the failing
   * action's {@code stderr.gz}): present when the launcher has an S3 client and a cause was
   * recognised within its bounds.
   *
   * @return the diagnosis
   */
  public Optional<Diagnosis> diagnosis() {
    return Optional.ofNullable(diagnosis);
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
