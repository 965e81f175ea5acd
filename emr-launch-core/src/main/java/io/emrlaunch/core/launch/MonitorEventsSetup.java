package io.emrlaunch.core.launch;

import io.emrlaunch.core.EmrLaunchException;
import io.emrlaunch.core.Futures;
import io.emrlaunch.core.internal.Log;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.eventbridge.EventBridgeAsyncClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates, idempotently, what an event-driven {@link ClusterMonitor} reads: an SQS queue, an
 * EventBridge rule on the default bus matching {@code source: aws.emr} with the detail-types "EMR
 * Cluster State Change" and "EMR Step Status Change", the rule's target (the queue), and the queue
 * policy that lets {@code events.amazonaws.com} send messages from that rule only. {@link #apply()}
 * can run at every start (it converges to the same resources) and returns the queue URL for {@link
 * MonitorEvents}; {@link #destroy()} removes all of it, and also succeeds when it is already gone.
 *
 * <pre>{@code
 * MonitorEventsSetup setup =
 *     MonitorEventsSetup.builder().eventBridge(eventBridgeAsync).sqs(sqsAsync).name("nightly").build();
 * String queueUrl = setup.apply().join();
 * }</pre>
 *
 * <p>The rule and the queue share {@link #name()}. The setup owns the queue's policy (it is
 * replaced). Permissions: {@code events:PutRule}, {@code events:PutTargets}, {@code
 * events:RemoveTargets}, {@code events:DeleteRule}, {@code sqs:CreateQueue}, {@code
 * sqs:GetQueueUrl}, {@code sqs:GetQueueAttributes}, {@code sqs:SetQueueAttributes}, {@code
 * sqs:DeleteQueue}; the monitor itself needs {@code sqs:ReceiveMessage} and {@code
 * sqs:DeleteMessage}.
 */
public final class MonitorEventsSetup {
  private static final Log LOG = Log.of(MonitorEventsSetup.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** The rule's event pattern. */
  static final String EVENT_PATTERN =
      "{\"source\":[\"aws.emr\"],\"detail-type\":"
          + "[\"EMR Cluster State Change\",\"EMR Step Status Change\"]}";

  /** The id of the queue target on the rule. */
  static final String TARGET_ID = "emr-launch-monitor-queue";

  private final EventBridgeAsyncClient eventBridge;
  private final SqsAsyncClient sqs;
  private final String name;

  private MonitorEventsSetup(Builder b) {
    List<Problem> problems = new ArrayList<>();
    if (b.eventBridge == null) {
      problems.add(Problem.of("MonitorEventsSetup.eventBridge", "is required"));
    }
    if (b.sqs == null) {
      problems.add(Problem.of("MonitorEventsSetup.sqs", "is required"));
    }
    if (b.name == null || !NAME.matcher(b.name).matches()) {
      problems.add(
          Problem.of(
              "MonitorEventsSetup.name",
              "must be 1 to 64 letters, digits, hyphens or underscores: " + b.name));
    }
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    this.eventBridge = b.eventBridge;
    this.sqs = b.sqs;
    this.name = b.name;
  }

  /**
   * A builder; the clients are required, the name defaults to {@code emr-launch-monitor}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The name of the rule and of the queue.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Creates or updates the queue, the rule, its target and the queue policy.
   *
   * @return completes with the queue URL; fails with an {@link EmrLaunchException} naming the step
   *     that failed
   */
  public CompletableFuture<String> apply() {
    return step("create queue " + name, sqs.createQueue(r -> r.queueName(name)))
        .thenCompose(
            created ->
                step(
                        "read the ARN of queue " + name,
                        sqs.getQueueAttributes(
                            r ->
                                r.queueUrl(created.queueUrl())
                                    .attributeNames(QueueAttributeName.QUEUE_ARN)))
                    .thenCompose(
                        attrs -> {
                          String queueArn = attrs.attributes().get(QueueAttributeName.QUEUE_ARN);
                          return step(
                                  "put rule " + name,
                                  eventBridge.putRule(
                                      r ->
                                          r.name(name)
                                              .eventPattern(EVENT_PATTERN)
                                              .state(RuleState.ENABLED)
                                              .description(
                                                  "EMR state changes for an emr-launch"
                                                      + " ClusterMonitor")))
                              .thenCompose(
                                  rule ->
                                      step(
                                              "set the policy of queue " + name,
                                              sqs.setQueueAttributes(
                                                  r ->
                                                      r.queueUrl(created.queueUrl())
                                                          .attributesWithStrings(
                                                              Map.of(
                                                                  "Policy",
                                                                  policy(queueArn, rule.ruleArn()),
                                                                  "MessageRetentionPeriod",
                                                                  "3600"))))
                                          .thenCompose(
                                              v ->
                                                  step(
                                                      "put the queue target of rule " + name,
                                                      eventBridge.putTargets(
                                                          r ->
                                                              r.rule(name)
                                                                  .targets(
                                                                      Target.builder()
                                                                          .id(TARGET_ID)
                                                                          .arn(queueArn)
                                                                          .build())))))
                              .thenApply(
                                  targets -> {
                                    if (targets.failedEntryCount() != null
                                        && targets.failedEntryCount() > 0) {
                                      throw new EmrLaunchException(
                                          "cannot put the queue target of rule "
                                              + name
                                              + ": "
                                              + targets.failedEntries());
                                    }
                                    LOG.info(
                                        "EMR events: rule {} delivers to queue {}",
                                        name,
                                        created.queueUrl());
                                    return created.queueUrl();
                                  });
                        }));
  }

  /**
   * Removes the rule's target, the rule and the queue; what is already gone is skipped.
   *
   * @return completes when all is removed
   */
  public CompletableFuture<Void> destroy() {
    return step(
            "remove the target of rule " + name,
            ignoring(
                eventBridge.removeTargets(r -> r.rule(name).ids(TARGET_ID)),
                ResourceNotFoundException.class))
        .thenCompose(
            v ->
                step(
                    "delete rule " + name,
                    ignoring(
                        eventBridge.deleteRule(r -> r.name(name)),
                        ResourceNotFoundException.class)))
        .thenCompose(
            v ->
                step(
                    "delete queue " + name,
                    ignoring(
                        sqs.getQueueUrl(r -> r.queueName(name))
                            .thenCompose(u -> sqs.deleteQueue(r -> r.queueUrl(u.queueUrl()))),
                        QueueDoesNotExistException.class)))
        .thenAccept(v -> LOG.info("EMR events: rule and queue {} removed", name));
  }

  /** The queue policy: EventBridge may send messages from this rule, nothing else. */
  static String policy(String queueArn, String ruleArn) {
    return "{\"Version\":\"2012-10-17\",\"Id\":\"emr-launch-monitor-events\",\"Statement\":[{"
        + "\"Sid\":\"EmrEventsFromRule\",\"Effect\":\"Allow\","
        + "\"Principal\":{\"Service\":\"events.amazonaws.com\"},"
        + "\"Action\":\"sqs:SendMessage\",\"Resource\":\""
        + queueArn
        + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\""
        + ruleArn
        + "\"}}}]}";
  }

  private static <T> CompletableFuture<T> ignoring(
      CompletableFuture<T> call, Class<? extends Throwable> gone) {
    return call.exceptionally(
        t -> {
          Throwable cause = Futures.unwrap(t);
          if (gone.isInstance(cause)) {
            return null;
          }
          throw t instanceof RuntimeException r
              ? r
              : new java.util.concurrent.CompletionException(t);
        });
  }

  private static <T> CompletableFuture<T> step(String what, CompletableFuture<T> call) {
    Function<Throwable, T> fail =
        t -> {
          Throwable cause = Futures.unwrap(t);
          if (cause instanceof EmrLaunchException e) {
            throw e;
          }
          throw new EmrLaunchException("cannot " + what + ": " + cause.getMessage(), cause);
        };
    return call.exceptionally(fail);
  }

  /** Builds a {@link MonitorEventsSetup}. */
  public static final class Builder {
    private EventBridgeAsyncClient eventBridge;
    private SqsAsyncClient sqs;
    private String name = "emr-launch-monitor";

    private Builder() {}

    /**
     * The EventBridge client (required).
     *
     * @param eventBridge the client
     * @return this
     */
    public Builder eventBridge(EventBridgeAsyncClient eventBridge) {
      this.eventBridge = eventBridge;
      return this;
    }

    /**
     * The SQS client (required).
     *
     * @param sqs the client
     * @return this
     */
    public Builder sqs(SqsAsyncClient sqs) {
      this.sqs = sqs;
      return this;
    }

    /**
     * The name of the rule and the queue (default {@code emr-launch-monitor}).
     *
     * @param name 1 to 64 letters, digits, hyphens or underscores
     * @return this
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Builds it.
     *
     * @return the setup
     * @throws ValidationException naming each missing or invalid field
     */
    public MonitorEventsSetup build() {
      return new MonitorEventsSetup(this);
    }
  }
}
