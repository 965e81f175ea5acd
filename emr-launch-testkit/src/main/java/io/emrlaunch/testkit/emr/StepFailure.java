package io.emrlaunch.testkit.emr;

import java.util.Objects;
import java.util.Optional;

/**
 * How a scripted step fails: the step's {@code FailureDetails} (reason, message, log file). When no
 * log file is given and the cluster has a LogUri, the fake points at {@code
 * <LogUri>/<cluster>/steps/<step>/stderr.gz} as EMR does.
 */
public final class StepFailure {
  private final String reason;
  private final String message;
  private final String logFile;

  private StepFailure(String reason, String message, String logFile) {
    this.reason = Objects.requireNonNull(reason, "reason");
    this.message = Objects.requireNonNull(message, "message");
    this.logFile = logFile;
  }

  /** A failure with a reason and message; the log file follows the cluster's LogUri. */
  public static StepFailure of(String reason, String message) {
    return new StepFailure(reason, message, null);
  }

  /** A typical Spark/Hadoop failure: non-zero exit of the step's process. */
  public static StepFailure nonZeroExit() {
    return of(
        "Unknown Error.",
        "Exception in thread \"main\" org.apache.spark.SparkException: Application application_1700000000000_0001"
            + " finished with failed status");
  }

  /** The same failure pointing at an explicit log file. */
  public StepFailure withLogFile(String logFile) {
    return new StepFailure(reason, message, Objects.requireNonNull(logFile, "logFile"));
  }

  /** FailureDetails.Reason. */
  public String reason() {
    return reason;
  }

  /** FailureDetails.Message. */
  public String message() {
    return message;
  }

  /** FailureDetails.LogFile, when set explicitly. */
  public Optional<String> logFile() {
    return Optional.ofNullable(logFile);
  }

  @Override
  public String toString() {
    return "StepFailure[" + reason + ": " + message + "]";
  }
}
