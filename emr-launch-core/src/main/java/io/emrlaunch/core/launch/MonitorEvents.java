package io.emrlaunch.core.launch;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Where a {@link ClusterMonitor} reads EMR's state-change events: an SQS queue that an EventBridge
 * rule fills with "EMR Cluster State Change" and "EMR Step Status Change" events (create both with
 * {@link MonitorEventsSetup}). With events, waits complete when the event arrives (about a second
 * after the change) instead of at the next poll, and the monitor's {@code ListClusters} poll
 * becomes a slow reconciliation every {@link #reconciliationPeriod()} that catches what events
 * miss: EventBridge delivers at least once and in no particular order, so events may be lost,
 * duplicated or late. An older event never moves a cluster or step back in its lifecycle.
 *
 * <pre>{@code
 * MonitorEvents events = MonitorEvents.builder().queueUrl(queueUrl).sqs(sqsAsync).build();
 * ClusterMonitor monitor = ClusterMonitor.builder().emr(emrAsync).events(events).build();
 * }</pre>
 *
 * <p>The monitor long-polls the queue while it is open and deletes each message once it has been
 * applied; events for clusters and steps nobody waits for are deleted and ignored. One queue serves
 * one monitor (two monitors on one queue would each see only part of the events).
 */
public final class MonitorEvents {
  private final String queueUrl;
  private final SqsAsyncClient sqs;
  private final Duration reconciliationPeriod;
  private final Duration waitTime;

  private MonitorEvents(Builder b) {
    List<Problem> problems = new ArrayList<>();
    if (b.queueUrl == null || b.queueUrl.isBlank()) {
      problems.add(Problem.of("MonitorEvents.queueUrl", "is required"));
    }
    if (b.sqs == null) {
      problems.add(Problem.of("MonitorEvents.sqs", "is required"));
    }
    if (b.reconciliationPeriod == null
        || b.reconciliationPeriod.compareTo(Duration.ofSeconds(10)) < 0) {
      problems.add(Problem.of("MonitorEvents.reconciliationPeriod", "must be at least 10 seconds"));
    }
    if (b.waitTime == null
        || b.waitTime.isNegative()
        || b.waitTime.compareTo(Duration.ofSeconds(20)) > 0) {
      problems.add(Problem.of("MonitorEvents.waitTime", "must be between 0 and 20 seconds"));
    }
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    this.queueUrl = b.queueUrl;
    this.sqs = b.sqs;
    this.reconciliationPeriod = b.reconciliationPeriod;
    this.waitTime = b.waitTime;
  }

  /**
   * A builder; {@link Builder#queueUrl} and {@link Builder#sqs} are required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The queue the rule delivers to.
   *
   * @return the queue URL
   */
  public String queueUrl() {
    return queueUrl;
  }

  /**
   * The SQS client that reads the queue.
   *
   * @return the client
   */
  public SqsAsyncClient sqs() {
    return sqs;
  }

  /**
   * How often the monitor still lists the watched clusters to catch lost events (default 5 min). It
   * bounds the extra lag of a lost event.
   *
   * @return the period
   */
  public Duration reconciliationPeriod() {
    return reconciliationPeriod;
  }

  /**
   * How long one {@code ReceiveMessage} long poll waits for a message (default 20 s, the SQS
   * maximum).
   *
   * @return the wait
   */
  public Duration waitTime() {
    return waitTime;
  }

  /**
   * A copy with another reconciliation period.
   *
   * @param period the period, at least 10 s
   * @return the copy
   */
  public MonitorEvents withReconciliationPeriod(Duration period) {
    return toBuilder().reconciliationPeriod(period).build();
  }

  /**
   * A builder holding this configuration.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return builder()
        .queueUrl(queueUrl)
        .sqs(sqs)
        .reconciliationPeriod(reconciliationPeriod)
        .waitTime(waitTime);
  }

  @Override
  public String toString() {
    return "MonitorEvents[" + queueUrl + ", reconcile every " + reconciliationPeriod + "]";
  }

  /** Builds {@link MonitorEvents}. */
  public static final class Builder {
    private String queueUrl;
    private SqsAsyncClient sqs;
    private Duration reconciliationPeriod = Duration.ofMinutes(5);
    private Duration waitTime = Duration.ofSeconds(20);

    private Builder() {}

    /**
     * See {@link MonitorEvents#queueUrl()} (required).
     *
     * @param queueUrl the queue URL ({@link MonitorEventsSetup#apply()} returns it)
     * @return this
     */
    public Builder queueUrl(String queueUrl) {
      this.queueUrl = queueUrl;
      return this;
    }

    /**
     * See {@link MonitorEvents#sqs()} (required).
     *
     * @param sqs the client
     * @return this
     */
    public Builder sqs(SqsAsyncClient sqs) {
      this.sqs = sqs;
      return this;
    }

    /**
     * See {@link MonitorEvents#reconciliationPeriod()}.
     *
     * @param period the period, at least 10 s
     * @return this
     */
    public Builder reconciliationPeriod(Duration period) {
      this.reconciliationPeriod = period;
      return this;
    }

    /**
     * See {@link MonitorEvents#waitTime()}.
     *
     * @param waitTime 0 to 20 s
     * @return this
     */
    public Builder waitTime(Duration waitTime) {
      this.waitTime = waitTime;
      return this;
    }

    /**
     * Builds it.
     *
     * @return the configuration
     * @throws ValidationException naming each missing or invalid field
     */
    public MonitorEvents build() {
      return new MonitorEvents(this);
    }
  }
}
