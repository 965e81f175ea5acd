package io.emrlaunch.testkit.emr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;

/**
 * How a scripted cluster fails: at which stage of its boot, with which {@code StateChangeReason}.
 * The cluster then goes TERMINATING and ends TERMINATED_WITH_ERRORS with this reason, as real EMR
 * reports it.
 */
public final class ClusterFailure {
  /** When in the boot the failure happens. */
  public enum Stage {
    /** At the end of STARTING (provisioning): the cluster never bootstraps. */
    STARTING,
    /** At the end of BOOTSTRAPPING: bootstrap actions ran, the cluster never becomes ready. */
    BOOTSTRAPPING
  }

  private final Stage stage;
  private final ClusterStateChangeReasonCode code;
  private final String message;
  private final Map<String, String> logs;

  private ClusterFailure(
      Stage stage, ClusterStateChangeReasonCode code, String message, Map<String, String> logs) {
    this.stage = Objects.requireNonNull(stage, "stage");
    this.code = Objects.requireNonNull(code, "code");
    this.message = Objects.requireNonNull(message, "message");
    this.logs = Map.copyOf(logs);
  }

  private ClusterFailure(Stage stage, ClusterStateChangeReasonCode code, String message) {
    this(stage, code, message, Map.of());
  }

  /** Any failure: stage, reason code and message. */
  public static ClusterFailure of(Stage stage, ClusterStateChangeReasonCode code, String message) {
    return new ClusterFailure(stage, code, message);
  }

  /**
   * The same failure also writing a log under the cluster's log folder when it fails: {@code
   * <LogUri>/<cluster>/<relativePath>.gz}, e.g. {@code
   * node/i-0a1b2c3d4e5f60718/bootstrap-actions/1/stderr}.
   *
   * @param relativePath the path under {@code <LogUri>/<cluster>/}, without {@code .gz}
   * @param content the log's text
   * @return the failure
   */
  public ClusterFailure withLog(String relativePath, String content) {
    Map<String, String> copy = new LinkedHashMap<>(logs);
    copy.put(
        Objects.requireNonNull(relativePath, "relativePath"),
        Objects.requireNonNull(content, "content"));
    return new ClusterFailure(stage, code, message, copy);
  }

  /** Logs to write, by path under the cluster's log folder. */
  Map<String, String> logs() {
    return logs;
  }

  /** A bootstrap action returned non-zero (BOOTSTRAP_FAILURE at the end of BOOTSTRAPPING). */
  public static ClusterFailure bootstrapFailure() {
    return new ClusterFailure(
        Stage.BOOTSTRAPPING,
        ClusterStateChangeReasonCode.BOOTSTRAP_FAILURE,
        "On the master instance (i-0a1b2c3d4e5f60718), bootstrap action 1 returned a non-zero return code");
  }

  /** A configuration EMR only rejects once provisioning starts (VALIDATION_ERROR). */
  public static ClusterFailure validationError(String message) {
    return new ClusterFailure(
        Stage.STARTING, ClusterStateChangeReasonCode.VALIDATION_ERROR, message);
  }

  /** EC2 could not provide the instances (INSTANCE_FAILURE during STARTING). */
  public static ClusterFailure instanceFailure() {
    return new ClusterFailure(
        Stage.STARTING,
        ClusterStateChangeReasonCode.INSTANCE_FAILURE,
        "The requested number of spot instances exceeds your limit.");
  }

  /** An EMR internal error (INTERNAL_ERROR during STARTING). */
  public static ClusterFailure internalError() {
    return new ClusterFailure(
        Stage.STARTING,
        ClusterStateChangeReasonCode.INTERNAL_ERROR,
        "Failed to start the job flow due to an internal error");
  }

  /** When it fails. */
  public Stage stage() {
    return stage;
  }

  /** The state-change reason code. */
  public ClusterStateChangeReasonCode code() {
    return code;
  }

  /** The state-change reason message. */
  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return "ClusterFailure[" + stage + ", " + code + ": " + message + "]";
  }
}
