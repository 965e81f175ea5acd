package io.emrlaunch.testkit.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.testkit.VirtualTime;
import io.emrlaunch.testkit.sqs.FakeSqs;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.eventbridge.model.DeleteRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DeleteRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.eventbridge.model.PutRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.PutRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.RemoveTargetsRequest;
import software.amazon.awssdk.services.eventbridge.model.RemoveTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * An in-memory Amazon EventBridge default bus in virtual time: rules with event patterns ({@code
 * PutRule}, {@code DescribeRule}, {@code DeleteRule}), SQS queue targets ({@code PutTargets},
 * {@code RemoveTargets}, {@code ListTargetsByRule}), and {@code PutEvents} for custom events. AWS
 * service events (the in-memory EMR's, through {@link #publish}) are matched against the enabled
 * rules and delivered to their queues in the in-memory SQS, as EventBridge does: at least once, in
 * no particular order, after a latency, and only when the queue's policy lets the rule send — with
 * the faults of the {@link EventDelivery} set here (drop, duplicate, reorder, delay; seeded).
 *
 * <p>Patterns: a JSON object whose fields are arrays of allowed values (strings, numbers, booleans)
 * or nested objects for nested fields ({@code {"source":["aws.emr"],
 * "detail":{"state":["FAILED"]}}}); {@code prefix} and {@code anything-but} matchers are supported
 * too.
 */
public final class FakeEventBridge {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final VirtualTime time;
  private final FakeSqs sqs;
  private final String region;
  private final String accountId;
  private final Random random;
  private final Map<String, Rule> rules = new LinkedHashMap<>();
  private volatile EventDelivery delivery = EventDelivery.reliable();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong duplicated = new AtomicLong();
  private final AtomicLong reordered = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private long eventCounter;

  private static final class Rule {
    final String name;
    final String arn;
    String pattern;
    JsonNode patternJson;
    RuleState state;
    String description;
    final Map<String, Target> targets = new LinkedHashMap<>();

    Rule(String name, String arn) {
      this.name = name;
      this.arn = arn;
    }
  }

  /**
   * Creates the fake.
   *
   * @param time virtual time of deliveries
   * @param sqs where SQS targets live
   * @param region region of ARNs
   * @param accountId account of ARNs
   * @param seed seed of the delivery faults and event ids
   */
  public FakeEventBridge(
      VirtualTime time, FakeSqs sqs, String region, String accountId, long seed) {
    this.time = Objects.requireNonNull(time, "time");
    this.sqs = Objects.requireNonNull(sqs, "sqs");
    this.region = Objects.requireNonNull(region, "region");
    this.accountId = Objects.requireNonNull(accountId, "accountId");
    this.random = new Random(seed ^ 0xE7E27L);
  }

  /**
   * Sets how matched events reach their targets from now on.
   *
   * @param delivery the delivery (faults, latency)
   */
  public void setDelivery(EventDelivery delivery) {
    this.delivery = Objects.requireNonNull(delivery, "delivery");
  }

  /**
   * How matched events reach their targets.
   *
   * @return the delivery
   */
  public EventDelivery delivery() {
    return delivery;
  }

  // ------------------------------------------------------------------ rules and targets

  /** PutRule: creates or updates a rule on the default bus. */
  public synchronized PutRuleResponse putRule(PutRuleRequest request) {
    checkBus(request.eventBusName());
    String name = request.name();
    if (name == null || !name.matches("[.\\-_A-Za-z0-9]{1,64}")) {
      throw error(
          EventBridgeException.builder(), "ValidationException", "Rule name is invalid: " + name);
    }
    if (request.eventPattern() == null && request.scheduleExpression() == null) {
      throw error(
          EventBridgeException.builder(),
          "ValidationException",
          "Parameter(s) EventPattern or ScheduleExpression must be specified.");
    }
    JsonNode pattern = null;
    if (request.eventPattern() != null) {
      try {
        pattern = JSON.readTree(request.eventPattern());
      } catch (IOException e) {
        pattern = null;
      }
      if (pattern == null || !pattern.isObject()) {
        throw error(
            InvalidEventPatternException.builder(),
            "InvalidEventPatternException",
            "Event pattern is not valid. Reason: Filter is not an object");
      }
    }
    Rule r =
        rules.computeIfAbsent(
            name, n -> new Rule(n, "arn:aws:events:" + region + ":" + accountId + ":rule/" + n));
    r.pattern = request.eventPattern();
    r.patternJson = pattern;
    r.state = request.state() == null ? RuleState.ENABLED : request.state();
    r.description = request.description();
    return PutRuleResponse.builder().ruleArn(r.arn).build();
  }

  /** DescribeRule. */
  public synchronized DescribeRuleResponse describeRule(DescribeRuleRequest request) {
    checkBus(request.eventBusName());
    Rule r = rule(request.name());
    return DescribeRuleResponse.builder()
        .name(r.name)
        .arn(r.arn)
        .eventPattern(r.pattern)
        .state(r.state)
        .description(r.description)
        .eventBusName("default")
        .createdBy(accountId)
        .build();
  }

  /** DeleteRule: refused while the rule has targets; deleting a missing rule succeeds. */
  public synchronized DeleteRuleResponse deleteRule(DeleteRuleRequest request) {
    checkBus(request.eventBusName());
    Rule r = rules.get(request.name());
    if (r != null) {
      if (!r.targets.isEmpty()) {
        throw error(
            EventBridgeException.builder(),
            "ValidationException",
            "Rule can't be deleted since it has targets.");
      }
      rules.remove(r.name);
    }
    return DeleteRuleResponse.builder().build();
  }

  /** PutTargets: adds or replaces targets by id (SQS queue ARNs are delivered to). */
  public synchronized PutTargetsResponse putTargets(PutTargetsRequest request) {
    checkBus(request.eventBusName());
    Rule r = rule(request.rule());
    for (Target t : request.targets()) {
      if (t.id() == null || t.arn() == null) {
        throw error(
            EventBridgeException.builder(),
            "ValidationException",
            "Target Id and Arn are required.");
      }
      r.targets.put(t.id(), t);
    }
    return PutTargetsResponse.builder().failedEntryCount(0).failedEntries(List.of()).build();
  }

  /** RemoveTargets. */
  public synchronized RemoveTargetsResponse removeTargets(RemoveTargetsRequest request) {
    checkBus(request.eventBusName());
    Rule r = rule(request.rule());
    request.ids().forEach(r.targets::remove);
    return RemoveTargetsResponse.builder().failedEntryCount(0).failedEntries(List.of()).build();
  }

  /** ListTargetsByRule. */
  public synchronized ListTargetsByRuleResponse listTargetsByRule(
      ListTargetsByRuleRequest request) {
    checkBus(request.eventBusName());
    return ListTargetsByRuleResponse.builder()
        .targets(List.copyOf(rule(request.rule()).targets.values()))
        .build();
  }

  /**
   * PutEvents: custom events, matched and delivered like service events. As in EventBridge, a
   * source starting with {@code aws.} is refused for the entry ({@code
   * NotAuthorizedForSourceException}); AWS services publish their own events ({@link #publish}).
   */
  public PutEventsResponse putEvents(PutEventsRequest request) {
    List<PutEventsResultEntry> results = new ArrayList<>();
    int failed = 0;
    for (PutEventsRequestEntry e : request.entries()) {
      if (e.source() == null || e.detailType() == null || e.detail() == null) {
        failed++;
        results.add(
            PutEventsResultEntry.builder()
                .errorCode("InvalidArgument")
                .errorMessage("Parameters Source, DetailType and Detail are required.")
                .build());
      } else if (e.source().startsWith("aws.")) {
        failed++;
        results.add(
            PutEventsResultEntry.builder()
                .errorCode("NotAuthorizedForSourceException")
                .errorMessage("Not authorized for the source.")
                .build());
      } else {
        String id =
            publish(
                e.source(),
                e.detailType(),
                e.detail(),
                e.hasResources() ? e.resources() : List.of(),
                e.time() == null ? time.now() : e.time());
        results.add(PutEventsResultEntry.builder().eventId(id).build());
      }
    }
    return PutEventsResponse.builder().failedEntryCount(failed).entries(results).build();
  }

  // ------------------------------------------------------------------ delivery

  /**
   * An event on the default bus (how AWS services such as the in-memory EMR publish): it is matched
   * against every enabled rule and handed to each matching rule's SQS targets, subject to the
   * {@link EventDelivery}. Not a call of the client views: not recorded, never faulted.
   *
   * @param source the source ({@code aws.emr})
   * @param detailType the detail-type
   * @param detail the detail, a JSON object
   * @param resources the resources
   * @param at the event's time
   * @return the event id
   */
  public String publish(
      String source, String detailType, String detail, List<String> resources, Instant at) {
    List<Runnable> deliveries = new ArrayList<>();
    String id;
    synchronized (this) {
      eventCounter++;
      id = new UUID(0xEB00L, eventCounter).toString();
      published.incrementAndGet();
      if (rules.isEmpty()) {
        return id; // nobody listens: skip building the event
      }
      ObjectNode event = JSON.createObjectNode();
      event.put("version", "0");
      event.put("id", id);
      event.put("detail-type", detailType);
      event.put("source", source);
      event.put("account", accountId);
      event.put("time", at.truncatedTo(ChronoUnit.SECONDS).toString());
      event.put("region", region);
      ArrayNode res = event.putArray("resources");
      resources.forEach(res::add);
      try {
        event.set("detail", JSON.readTree(detail));
      } catch (IOException e) {
        throw new IllegalArgumentException("detail is not JSON", e);
      }
      String body = event.toString();
      for (Rule r : rules.values()) {
        if (r.state != RuleState.ENABLED
            || r.patternJson == null
            || !matches(r.patternJson, event)) {
          continue;
        }
        for (Target t : r.targets.values()) {
          if (t.arn().startsWith("arn:aws:sqs:")) {
            plan(deliveries, t.arn(), body, r.arn);
          }
        }
      }
    }
    deliveries.forEach(Runnable::run);
    return id;
  }

  /** Draws this delivery's fate (under the lock, so the seeded draws are in a stable order). */
  private void plan(List<Runnable> deliveries, String queueArn, String body, String ruleArn) {
    EventDelivery d = delivery;
    if (d.dropRate() > 0 && random.nextDouble() < d.dropRate()) {
      dropped.incrementAndGet();
      return;
    }
    int copies = 1;
    if (d.duplicateRate() > 0 && random.nextDouble() < d.duplicateRate()) {
      copies = 2;
      duplicated.incrementAndGet();
    }
    for (int i = 0; i < copies; i++) {
      Duration latency = latency(d);
      if (d.reorderRate() > 0 && random.nextDouble() < d.reorderRate()) {
        reordered.incrementAndGet();
        latency = latency.plusMillis((long) (random.nextDouble() * d.reorderDelay().toMillis()));
      }
      Duration after = latency;
      deliveries.add(
          () ->
              time.scheduler()
                  .schedule(
                      () -> {
                        if (sqs.deliver(queueArn, body, ruleArn)) {
                          delivered.incrementAndGet();
                        } else {
                          refused.incrementAndGet();
                        }
                      },
                      after.toNanos(),
                      TimeUnit.NANOSECONDS));
    }
  }

  private Duration latency(EventDelivery d) {
    long min = d.minLatency().toMillis();
    long span = d.maxLatency().toMillis() - min;
    return Duration.ofMillis(min + (span <= 0 ? 0 : (long) (random.nextDouble() * (span + 1))));
  }

  /**
   * Counts since creation: events published, deliveries made, dropped, duplicated, held back, and
   * refused (the queue was missing or its policy did not allow the rule).
   *
   * @return name to count
   */
  public Map<String, Long> stats() {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("published", published.get());
    out.put("delivered", delivered.get());
    out.put("dropped", dropped.get());
    out.put("duplicated", duplicated.get());
    out.put("reordered", reordered.get());
    out.put("refused", refused.get());
    return out;
  }

  // ------------------------------------------------------------------ matching

  static boolean matches(JsonNode pattern, JsonNode event) {
    for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode value = event.path(f.getKey());
      JsonNode p = f.getValue();
      if (p.isObject()) {
        if (!value.isObject() || !matches(p, value)) {
          return false;
        }
      } else if (p.isArray()) {
        if (!anyMatches(p, value)) {
          return false;
        }
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean anyMatches(JsonNode allowed, JsonNode value) {
    if (value.isArray()) {
      for (JsonNode v : value) {
        if (anyMatches(allowed, v)) {
          return true;
        }
      }
      return false;
    }
    for (JsonNode a : allowed) {
      if (a.isObject()) {
        if (a.has("prefix")
            && value.isTextual()
            && value.asText().startsWith(a.get("prefix").asText())) {
          return true;
        }
        if (a.has("anything-but") && !value.isMissingNode()) {
          JsonNode but = a.get("anything-but");
          boolean excluded =
              but.isArray() ? anyMatches(but, value) : but.asText().equals(value.asText());
          if (!excluded) {
            return true;
          }
        }
        if (a.has("exists") && a.get("exists").asBoolean() != value.isMissingNode()) {
          return true;
        }
      } else if (!value.isMissingNode() && !value.isNull() && a.equals(value)) {
        return true;
      } else if (a.isNull() && value.isNull()) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ helpers

  private Rule rule(String name) {
    Rule r = name == null ? null : rules.get(name);
    if (r == null) {
      throw error(
          ResourceNotFoundException.builder(),
          "ResourceNotFoundException",
          "Rule " + name + " does not exist on EventBus default.");
    }
    return r;
  }

  private static void checkBus(String bus) {
    if (bus != null && !bus.equals("default") && !bus.endsWith(":event-bus/default")) {
      throw error(
          ResourceNotFoundException.builder(),
          "ResourceNotFoundException",
          "Event bus " + bus + " does not exist.");
    }
  }

  private static AwsServiceException error(
      AwsServiceException.Builder builder, String code, String message) {
    return builder
        .message(message)
        .statusCode(400)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(message)
                .serviceName("EventBridge")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).build())
                .build())
        .build();
  }
}
