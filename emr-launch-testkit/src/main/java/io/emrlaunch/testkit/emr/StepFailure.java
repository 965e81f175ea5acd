package io.emrlaunch.testkit.emr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a scripted step fails: the step's {@code FailureDetails} (reason, message, log file). When no
 * log file is given and the cluster has a LogUri, the fake points at {@code
 * <LogUri>/<cluster>/steps/<step>/stderr.gz} as EMR does.
 *
 * <p>Log content ({@link #withStepLog}, {@link #withClusterLog}) is written, gzip-compressed, under
 * the cluster's LogUri when the step fails (through the fake's {@link LogSink}; {@code FakeAws}
 * writes to its in-memory S3), so code that reads logs after a failure can be tested.
 */
public final class StepFailure {
  private final String reason;
  private final String message;
  private final String logFile;
  private final Map<String, String> stepLogs;
  private final Map<String, String> clusterLogs;

  private StepFailure(
      String reason,
      String message,
      String logFile,
      Map<String, String> stepLogs,
      Map<String, String> clusterLogs) {
    this.reason = Objects.requireNonNull(reason, "reason");
    this.message = Objects.requireNonNull(message, "message");
    this.logFile = logFile;
    this.stepLogs = Map.copyOf(stepLogs);
    this.clusterLogs = Map.copyOf(clusterLogs);
  }

  /** A failure with a reason and message; the log file follows the cluster's LogUri. */
  public static StepFailure of(String reason, String message) {
    return new StepFailure(reason, message, null, Map.of(), Map.of());
  }

  /**
   * The same failure also writing a step log: {@code <LogUri>/<cluster>/steps/<step>/<name>.gz}.
   *
   * @param name {@code stderr}, {@code controller}, {@code stdout} or {@code syslog}
   * @param content the log's text
   * @return the failure
   */
  public StepFailure withStepLog(String name, String content) {
    Map<String, String> logs = new LinkedHashMap<>(stepLogs);
    logs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(content, "content"));
    return new StepFailure(reason, message, logFile, logs, clusterLogs);
  }

  /**
   * The same failure also writing a log elsewhere under the cluster's log folder: {@code
   * <LogUri>/<cluster>/<relativePath>.gz}, e.g. a Spark driver's {@code
   * containers/application_1_0001/container_1_0001_01_000001/stderr}.
   *
   * @param relativePath the path under {@code <LogUri>/<cluster>/}, without {@code .gz}
   * @param content the log's text
   * @return the failure
   */
  public StepFailure withClusterLog(String relativePath, String content) {
    Map<String, String> logs = new LinkedHashMap<>(clusterLogs);
    logs.put(
        Objects.requireNonNull(relativePath, "relativePath"),
        Objects.requireNonNull(content, "content"));
    return new StepFailure(reason, message, logFile, stepLogs, logs);
  }

  /** Step logs to write, by name. */
  Map<String, String> stepLogs() {
    return stepLogs;
  }

  /** Other logs to write, by path under the cluster's log folder. */
  Map<String, String> clusterLogs() {
    return clusterLogs;
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
    return new StepFailure(
        reason, message, Objects.requireNonNull(logFile, "logFile"), stepLogs, clusterLogs);
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
