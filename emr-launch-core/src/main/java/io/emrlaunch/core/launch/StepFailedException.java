package io.emrlaunch.core.launch;

import io.emrlaunch.core.EmrLaunchException;
import io.emrlaunch.core.diagnosis.Diagnosis;
import java.util.Optional;

/**
 * A step ended without completing ({@code FAILED}, {@code CANCELLED} or {@code INTERRUPTED}). The
 * message carries EMR's failure reason and message and the log file to read and, when the launcher
 * could read the step's logs (it was given an S3 client), the probable cause ({@link
 * #diagnosis()}).
 */
public class StepFailedException extends EmrLaunchException {
  private static final long serialVersionUID = 1L;

  private final transient StepSnapshot snapshot;
  private final transient Diagnosis diagnosis;

  /**
   * Creates the exception.
   *
   * @param snapshot the step as it ended
   */
  public StepFailedException(StepSnapshot snapshot) {
    this(snapshot, null);
  }

  /** The same failure with the probable cause read from the step's logs. */
  StepFailedException(StepSnapshot snapshot, Diagnosis diagnosis) {
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
            + snapshot.logFile().map(l -> "; log: " + l).orElse("")
            + (diagnosis == null
                ? ""
                : "; probable cause: " + diagnosis.category() + ": " + diagnosis.cause()));
    this.snapshot = snapshot;
    this.diagnosis = diagnosis;
  }

  /** A copy carrying {@code d}, with this exception's stack trace. */
  StepFailedException withDiagnosis(Diagnosis d) {
    StepFailedException copy = new StepFailedException(snapshot, d);
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  /**
   * The probable cause read from the step's logs ({@code stderr.gz}, {@code controller.gz}, a Spark
   * driver's {@code stderr.gz}): present when the launcher has an S3 client and the logs could be
   * read and recognised within its bounds.
   *
   * @return the diagnosis
   */
  public Optional<Diagnosis> diagnosis() {
    return Optional.ofNullable(diagnosis);
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
