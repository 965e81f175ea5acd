package io.emrlaunch.stepfunctions.emr;

import io.emrlaunch.core.model.ClusterManagerPayload;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.SparkJob;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.emr.internal.SparkJobAsl;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The EMR Cluster Manager's state machine in pure Amazon States Language: the execution input is a
 * {@link ClusterManagerPayload} exactly as Cluster Manager users send it; the machine fills in the
 * payload's defaults, assembles the {@code spark-submit} arguments ({@code namespace.argname=value}
 * for each argument), creates a transient cluster with the profile's security half, runs the Spark
 * step, waits for it, terminates the cluster and outputs {@code {"JobName", "ClusterId", "StepId",
 * "StepState": "COMPLETED", "ClusterState": "TERMINATED"}}. Any failure after the cluster exists
 * terminates it first; every failure publishes the execution's state to the SNS topic (when one is
 * given) and fails the execution with {@value #JOB_FAILED} and a cause naming the original error.
 *
 * <pre>{@code
 * StateMachine machine = SparkJobMachine.builder(profile)
 *     .failureTopicArn("arn:aws:sns:eu-west-1:123456789012:emr-jobs")
 *     .build();
 * DerivedPolicy policy = ExecutionRolePolicy.builder().region("eu-west-1")
 *     .accountId("123456789012").profile(profile).build().derive(machine);
 * }</pre>
 *
 * <p>Use it nested from another machine with {@link NestedStateMachine#run} ({@code
 * states:startExecution.sync:2}), passing the payload as the child's input. In the machine, {@code
 * code_entrypoint} must be an S3 URI (the Java reader also resolves a file name next to {@code
 * code_files}); {@code log_bucket} defaults to the profile's logs bucket.
 */
public final class SparkJobMachine {

  /** Error of every failed execution; the cause starts with the original error's name. */
  public static final String JOB_FAILED = SparkJobAsl.JOB_FAILED;

  /** Cause prefix of a refused payload (missing key, entry point not in S3). */
  public static final String INVALID_INPUT = SparkJobAsl.INVALID_INPUT;

  /** Cause prefix of a step that ended FAILED, CANCELLED or INTERRUPTED (AWS SDK integration). */
  public static final String STEP_FAILED = SparkJobAsl.STEP_FAILED;

  private SparkJobMachine() {}

  /**
   * A builder.
   *
   * @param profile the security half every job of the machine runs with
   * @return the builder
   */
  public static Builder builder(EmrProfile profile) {
    return new Builder(profile);
  }

  /** Settings of the generated machine. */
  public static final class Builder {
    private final EmrProfile profile;
    private ServiceIntegration integration = ServiceIntegration.OPTIMIZED;
    private String partition = "aws";
    private Duration pollInterval = Duration.ofSeconds(30);
    private String topicArn;
    private String defaultRelease = SparkJob.DEFAULT_RELEASE;

    private Builder(EmrProfile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
    }

    /**
     * The integration: optimized {@code elasticmapreduce:*.sync} (default) or {@code aws-sdk:emr:*}
     * with polling loops.
     *
     * @param integration the integration
     * @return this
     */
    public Builder integration(ServiceIntegration integration) {
      this.integration = Objects.requireNonNull(integration, "integration");
      return this;
    }

    /**
     * The ARN partition of the resources ({@code aws} by default).
     *
     * @param partition {@code aws}, {@code aws-cn}, {@code aws-us-gov}
     * @return this
     */
    public Builder partition(String partition) {
      this.partition = Objects.requireNonNull(partition, "partition");
      return this;
    }

    /**
     * The polling interval of the AWS SDK integration's loops (default 30 s, at least 1 s).
     *
     * @param interval the interval
     * @return this
     */
    public Builder pollInterval(Duration interval) {
      if (interval.toSeconds() < 1) {
        throw new IllegalArgumentException(
            "pollInterval must be at least 1 s (was " + interval + ")");
      }
      this.pollInterval = interval;
      return this;
    }

    /**
     * The SNS topic that receives the execution's state when a job fails.
     *
     * @param topicArn the topic
     * @return this
     */
    public Builder failureTopicArn(String topicArn) {
      this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
      return this;
    }

    /**
     * The release used when a payload has no {@code release} (default {@value
     * SparkJob#DEFAULT_RELEASE}).
     *
     * @param release an EMR release label
     * @return this
     */
    public Builder defaultRelease(String release) {
      this.defaultRelease = Objects.requireNonNull(release, "release");
      return this;
    }

    /**
     * Generates the machine.
     *
     * @return the machine, validated
     * @throws io.emrlaunch.core.validation.ValidationException when the profile is invalid
     */
    public StateMachine build() {
      profile.validate();
      String json =
          new SparkJobAsl(
                  profile,
                  integration,
                  partition,
                  (int) pollInterval.toSeconds(),
                  Optional.ofNullable(topicArn),
                  defaultRelease)
              .definition()
              .toString();
      return StateMachine.fromJson(json).validateOrThrow();
    }
  }
}
