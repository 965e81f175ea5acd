package io.emrlaunch.core.launch;

import io.emrlaunch.core.EmrLaunchException;

/**
 * A step ended without completing ({@code FAILED}, {@code CANCELLED} or {@code INTERRUPTED}). The
 * message carries EMR's failure reason and message and the log file to read.
 */
public class StepFailedException extends EmrLaunchException {
  private static final long serialVersionUID = 1L;

  private final transient StepSnapshot snapshot;

  /**
   * Creates the exception.
   *
   * @param snapshot the step as it ended
   */
  public StepFailedException(StepSnapshot snapshot) {
    super(
        "step "
            + snapshot.stepId()
            + snapshot.name().map(n -> " (" + n + ")").orElse("")
            + " on cluster "
            + snapshot.clusterId()
            + " ended "
            + snapshot.state()
            + snapshot.failureReason().map(r -> ": " + r).orElse("")
            + snapshot.failureMessage().map(m -> " — " + m).orElse("")
            + snapshot.logFile().map(l -> "; log: " + l).orElse(""));
    this.snapshot = snapshot;
  }

  /**
   * The step as it ended.
   *
   * @return the snapshot
   */
  public StepSnapshot snapshot() {
    return snapshot;
  }
}
