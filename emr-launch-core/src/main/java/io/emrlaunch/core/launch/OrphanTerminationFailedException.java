package io.emrlaunch.core.launch;

import io.emrlaunch.core.EmrLaunchException;

/**
 * The launcher tried, and failed within its bound, to terminate a cluster nobody would look after
 * (a launch that timed out, was cancelled or lost track of its cluster). The cluster may still be
 * running and costing money: terminate it by hand. Reported to listeners ({@link
 * LaunchListener#orphanTerminationFailed}), logged at WARN, and attached as a suppressed exception
 * to the launch's own failure.
 */
public class OrphanTerminationFailedException extends EmrLaunchException {
  private static final long serialVersionUID = 1L;

  private final String clusterId;

  /**
   * Creates the exception.
   *
   * @param clusterId the cluster that may still run
   * @param why why it was to be terminated
   * @param cause the last failure of {@code TerminateJobFlows}
   */
  public OrphanTerminationFailedException(String clusterId, String why, Throwable cause) {
    super(
        "could not terminate cluster "
            + clusterId
            + " ("
            + why
            + "); it may still be running: terminate it by hand. Last error: "
            + (cause == null ? "none" : cause.getMessage()),
        cause);
    this.clusterId = clusterId;
  }

  /**
   * The cluster that may still run.
   *
   * @return its id
   */
  public String clusterId() {
    return clusterId;
  }
}
