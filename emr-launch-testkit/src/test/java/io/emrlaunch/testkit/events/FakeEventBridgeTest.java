package io.emrlaunch.testkit.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.model.Message;

/** EMR → EventBridge → SQS in memory: event shapes, rule matching, queue policy, faults. */
class FakeEventBridgeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PATTERN =
      "{\"source\":[\"aws.emr\"],\"detail-type\":[\"EMR Cluster State Change\",\"EMR Step Status"
          + " Change\"]}";

  final FakeAws aws = FakeAws.builder().seed(4).build();

  String wire(String name, String pattern, boolean withPolicy) {
    String url = aws.sqs().createQueue(r -> r.queueName(name)).queueUrl();
    String arn = "arn:aws:sqs:us-east-1:123456789012:" + name;
    String ruleArn = aws.eventBridge().putRule(r -> r.name(name).eventPattern(pattern)).ruleArn();
    if (withPolicy) {
      String policy =
          "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},"
              + "\"Action\":\"sqs:SendMessage\",\"Resource\":\""
              + arn
              + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\""
              + ruleArn
              + "\"}}}]}";
      aws.sqs()
          .setQueueAttributes(
              r -> r.queueUrl(url).attributesWithStrings(java.util.Map.of("Policy", policy)));
    }
    aws.eventBridge()
        .putTargets(r -> r.rule(name).targets(Target.builder().id("q").arn(arn).build()));
    return url;
  }

  List<JsonNode> drain(String url) {
    List<JsonNode> out = new ArrayList<>();
    while (true) {
      List<Message> got =
          aws.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
      if (got.isEmpty()) {
        return out;
      }
      for (Message m : got) {
        try {
          out.add(JSON.readTree(m.body()));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        aws.sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
      }
    }
  }

  @Test
  void emrClusterAndStepChangesArriveAsEmrShapedEvents() {
    String url = wire("emr", PATTERN, true);
    String id =
        aws.emr()
            .runJobFlow(
                Requests.cluster("etl", false)
                    .steps(Requests.step("load", ActionOnFailure.CONTINUE))
                    .build())
            .jobFlowId();
    aws.time().advance(Duration.ofHours(1));
    List<JsonNode> events = drain(url);
    List<String> clusterStates = new ArrayList<>();
    List<String> stepStates = new ArrayList<>();
    for (JsonNode e : events) {
      assertThat(e.path("source").asText()).isEqualTo("aws.emr");
      assertThat(e.path("account").asText()).isEqualTo("123456789012");
      assertThat(Instant.parse(e.path("time").asText())).isNotNull();
      JsonNode d = e.path("detail");
      assertThat(d.path("clusterId").asText()).isEqualTo(id);
      if (e.path("detail-type").asText().equals("EMR Cluster State Change")) {
        clusterStates.add(d.path("state").asText());
        assertThat(d.path("name").asText()).isEqualTo("etl");
        // EMR sends the reason as a JSON string.
        assertThat(d.path("stateChangeReason").isTextual()).isTrue();
      } else {
        assertThat(e.path("detail-type").asText()).isEqualTo("EMR Step Status Change");
        assertThat(d.path("stepId").asText()).startsWith("s-");
        assertThat(d.path("actionOnFailure").asText()).isEqualTo("CONTINUE");
        stepStates.add(d.path("state").asText());
      }
    }
    assertThat(clusterStates)
        .containsExactly(
            "STARTING", "BOOTSTRAPPING", "WAITING", "RUNNING", "TERMINATING", "TERMINATED");
    assertThat(stepStates).containsExactly("PENDING", "RUNNING", "COMPLETED");
    JsonNode terminating =
        events.stream()
            .filter(e -> e.path("detail").path("state").asText().equals("TERMINATING"))
            .findFirst()
            .orElseThrow();
    assertThat(terminating.path("detail").path("stateChangeReason").asText())
        .contains("ALL_STEPS_COMPLETED");
  }

  @Test
  void onlyMatchingRulesWithAnAdmittingQueuePolicyDeliver() {
    String other =
        wire(
            "steps-only",
            "{\"source\":[\"aws.emr\"],\"detail-type\":[\"EMR Step Status Change\"]}",
            true);
    String failedOnly =
        wire(
            "failed",
            "{\"source\":[\"aws.emr\"],\"detail\":{\"state\":[{\"prefix\":\"TERMINATED\"}]}}",
            true);
    String noPolicy = wire("no-policy", PATTERN, false);
    aws.emr().runJobFlow(Requests.cluster("etl", false).build());
    aws.time().advance(Duration.ofHours(1));
    assertThat(drain(other)).isEmpty(); // no steps, and cluster events do not match
    assertThat(drain(failedOnly))
        .singleElement()
        .satisfies(
            e -> assertThat(e.path("detail").path("state").asText()).isEqualTo("TERMINATED"));
    assertThat(drain(noPolicy)).isEmpty();
    assertThat(aws.eventBridgeBackend().stats().get("refused")).isPositive();
  }

  @Test
  void faultsDropDuplicateAndReorderFromTheSeed() {
    String url = wire("faulty", PATTERN, true);
    aws.eventBridgeBackend()
        .setDelivery(
            EventDelivery.builder()
                .dropRate(0.2)
                .duplicateRate(0.3)
                .reorderRate(0.5)
                .reorderDelay(Duration.ofMinutes(10))
                .build());
    for (int i = 0; i < 30; i++) {
      aws.emr().runJobFlow(Requests.cluster("c" + i, false).build());
    }
    aws.time().advance(Duration.ofHours(2));
    List<JsonNode> events = drain(url);
    var stats = aws.eventBridgeBackend().stats();
    assertThat(stats.get("published")).isEqualTo(30 * 5L);
    assertThat(stats.get("dropped")).isPositive();
    assertThat(stats.get("duplicated")).isPositive();
    assertThat(events)
        .hasSize((int) (stats.get("published") - stats.get("dropped") + stats.get("duplicated")));
    List<String> ids = events.stream().map(e -> e.path("id").asText()).toList();
    assertThat(ids.stream().distinct().count()).isLessThan(ids.size()); // duplicates keep their id
    boolean outOfOrder = false;
    for (int i = 1; i < events.size(); i++) {
      if (Instant.parse(events.get(i).path("time").asText())
          .isBefore(Instant.parse(events.get(i - 1).path("time").asText()))) {
        outOfOrder = true;
      }
    }
    assertThat(outOfOrder).isTrue();
  }

  @Test
  void latencyDelaysDelivery() {
    String url = wire("slow", PATTERN, true);
    aws.eventBridgeBackend()
        .setDelivery(
            EventDelivery.builder()
                .latency(Duration.ofSeconds(30), Duration.ofSeconds(30))
                .build());
    aws.emr().runJobFlow(Requests.cluster("c", true).build());
    aws.time().advance(Duration.ofSeconds(29));
    assertThat(aws.sqsBackend().messages("slow")).isEmpty();
    aws.time().advance(Duration.ofSeconds(1));
    assertThat(aws.sqsBackend().messages("slow")).hasSize(1);
  }

  @Test
  void putEventsDeliversCustomSourcesAndRefusesAwsOnes() {
    String url = wire("custom", "{\"source\":[\"my.app\",\"aws.emr\"]}", true);
    var resp =
        aws.eventBridge()
            .putEvents(
                r ->
                    r.entries(
                        PutEventsRequestEntry.builder()
                            .source("my.app")
                            .detailType("x")
                            .detail("{\"a\":1}")
                            .build(),
                        PutEventsRequestEntry.builder()
                            .source("aws.emr")
                            .detailType("EMR Cluster State Change")
                            .detail("{}")
                            .build()));
    assertThat(resp.failedEntryCount()).isEqualTo(1);
    assertThat(resp.entries().get(1).errorCode()).isEqualTo("NotAuthorizedForSourceException");
    aws.time().advance(Duration.ofSeconds(5));
    assertThat(drain(url))
        .singleElement()
        .satisfies(e -> assertThat(e.path("detail").path("a").asInt()).isEqualTo(1));
  }

  @Test
  void rulesWithTargetsCannotBeDeletedAndMissingOnesAreNotFound() {
    wire("r", PATTERN, true);
    assertThatThrownBy(() -> aws.eventBridge().deleteRule(r -> r.name("r")))
        .isInstanceOf(EventBridgeException.class)
        .hasMessageContaining("has targets");
    aws.eventBridge().removeTargets(r -> r.rule("r").ids("q"));
    aws.eventBridge().deleteRule(r -> r.name("r"));
    aws.eventBridge().deleteRule(r -> r.name("r"));
    assertThatThrownBy(() -> aws.eventBridge().describeRule(r -> r.name("r")))
        .isInstanceOf(
            software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException.class);
    assertThat(aws.calls().count(FakeAws.EVENTS, "DeleteRule")).isEqualTo(3);
  }
}
