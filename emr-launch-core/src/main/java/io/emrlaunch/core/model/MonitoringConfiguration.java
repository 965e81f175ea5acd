package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Cluster log delivery ({@code MonitoringConfiguration}): CloudWatch Logs and the S3 upload policy
 * of each log type.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableMonitoringConfiguration.class)
@JsonDeserialize(as = ImmutableMonitoringConfiguration.class)
public interface MonitoringConfiguration extends WithMonitoringConfiguration {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this value's attributes, to change several of them at once.
   *
   * @return a new builder initialised from this value
   */
  default Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * Builds {@link MonitoringConfiguration} values: obtained from {@link
   * MonitoringConfiguration#builder()} or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableMonitoringConfiguration.Builder {
    Builder() {}
  }

  /** Log types of {@code S3LoggingConfiguration.LogTypeUploadPolicy}. */
  enum LogType {
    /** {@code system-logs}. */
    SYSTEM_LOGS,
    /** {@code application-logs}. */
    APPLICATION_LOGS,
    /** {@code persistent-ui-logs}. */
    PERSISTENT_UI_LOGS
  }

  /** Upload policies of {@code S3LoggingConfiguration.LogTypeUploadPolicy}. */
  enum UploadPolicy {
    /** {@code emr-managed}: EMR keeps a copy in its own managed storage. */
    EMR_MANAGED,
    /** {@code on-customer-s3only}: only the cluster's log URI receives the logs. */
    ON_CUSTOMER_S3_ONLY,
    /** {@code disabled}: the log type is not uploaded. */
    DISABLED
  }

  /** {@code CloudWatchLogConfiguration}. */
  Optional<CloudWatchLogConfiguration> cloudWatchLogs();

  /** {@code S3LoggingConfiguration.LogTypeUploadPolicy}. */
  Map<LogType, UploadPolicy> s3LogUploadPolicy();
}
