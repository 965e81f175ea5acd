package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** Where and how EMR sends cluster logs to CloudWatch Logs ({@code CloudWatchLogConfiguration}). */
@Value.Immutable
@JsonSerialize(as = ImmutableCloudWatchLogConfiguration.class)
@JsonDeserialize(as = ImmutableCloudWatchLogConfiguration.class)
public interface CloudWatchLogConfiguration extends WithCloudWatchLogConfiguration {

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
   * Builds {@link CloudWatchLogConfiguration} values: obtained from {@link
   * CloudWatchLogConfiguration#builder()} or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableCloudWatchLogConfiguration.Builder {
    Builder() {}
  }

  /** {@code Enabled}: whether EMR sends logs to CloudWatch Logs. */
  boolean enabled();

  /** {@code LogGroupName}; EMR uses {@code /aws/emr/...} when absent. */
  Optional<String> logGroupName();

  /** {@code LogStreamNamePrefix}. */
  Optional<String> logStreamNamePrefix();

  /** {@code EncryptionKeyArn}: the KMS key that encrypts the logs. */
  Optional<String> encryptionKeyArn();

  /** {@code LogTypes}: log category (e.g. {@code STEP_LOGS}) → the log files of that category. */
  Map<String, List<String>> logTypes();
}
