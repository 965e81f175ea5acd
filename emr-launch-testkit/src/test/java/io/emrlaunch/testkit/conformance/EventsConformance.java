package io.emrlaunch.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

/** EventBridge → SQS scenarios that must give the same results on the fakes and on moto. */
abstract class EventsConformance {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The SQS client under test; fresh state for every test. */
  abstract SqsClient sqs();

  /** The EventBridge client under test, same backend as {@link #sqs()}. */
  abstract EventBridgeClient events();

  /** Creates queue, rule (with the pattern), policy and target; returns the queue URL. */
  String wire(String name, String pattern) {
    String url = sqs().createQueue(r -> r.queueName(name)).queueUrl();
    String arn =
        sqs()
            .getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    String ruleArn = events().putRule(r -> r.name(name).eventPattern(pattern)).ruleArn();
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\""
            + arn
            + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\""
            + ruleArn
            + "\"}}}]}";
    sqs().setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(Map.of("Policy", policy)));
    events().putTargets(r -> r.rule(name).targets(Target.builder().id("q").arn(arn).build()));
    return url;
  }

  List<Message> receive(String url) {
    return sqs()
        .receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(2))
        .messages();
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aMatchingEventReachesTheQueueAsTheEventEnvelope() {
    String url =
        wire("things", "{\"source\":[\"my.app\"],\"detail\":{\"state\":[{\"prefix\":\"O\"}]}}");
    var put =
        events()
            .putEvents(
                r ->
                    r.entries(
                        PutEventsRequestEntry.builder()
                            .source("my.app")
                            .detailType("Thing Changed")
                            .detail("{\"state\":\"ON\",\"n\":1}")
                            .build(),
                        PutEventsRequestEntry.builder()
                            .source("my.app")
                            .detailType("Thing Changed")
                            .detail("{\"state\":\"X\"}")
                            .build(),
                        PutEventsRequestEntry.builder()
                            .source("other.app")
                            .detailType("Thing Changed")
                            .detail("{\"state\":\"ON\"}")
                            .build()));
    assertThat(put.failedEntryCount()).isZero();
    List<Message> got = receive(url);
    assertThat(got).hasSize(1);
    JsonNode e = json(got.get(0).body());
    assertThat(e.path("id").asText()).isEqualTo(put.entries().get(0).eventId());
    assertThat(e.path("source").asText()).isEqualTo("my.app");
    assertThat(e.path("detail-type").asText()).isEqualTo("Thing Changed");
    assertThat(e.path("region").asText()).isEqualTo("us-east-1");
    assertThat(e.path("version").asText()).isEqualTo("0");
    assertThat(e.path("resources").isArray()).isTrue();
    assertThat(e.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(e.path("detail").path("n").asInt()).isEqualTo(1);
  }

  @Test
  void theSetupCallsAreIdempotent() {
    String url = sqs().createQueue(r -> r.queueName("idem")).queueUrl();
    assertThat(sqs().createQueue(r -> r.queueName("idem")).queueUrl()).isEqualTo(url);
    String arn =
        events().putRule(r -> r.name("idem").eventPattern("{\"source\":[\"a\"]}")).ruleArn();
    assertThat(events().putRule(r -> r.name("idem").eventPattern("{\"source\":[\"a\"]}")).ruleArn())
        .isEqualTo(arn)
        .endsWith(":rule/idem");
    Target t = Target.builder().id("q").arn("arn:aws:sqs:us-east-1:123456789012:idem").build();
    events().putTargets(r -> r.rule("idem").targets(t));
    events().putTargets(r -> r.rule("idem").targets(t));
    assertThat(events().listTargetsByRule(r -> r.rule("idem")).targets()).hasSize(1);
    assertThatThrownBy(
            () ->
                sqs()
                    .createQueue(
                        r ->
                            r.queueName("idem")
                                .attributesWithStrings(Map.of("VisibilityTimeout", "60"))))
        .isInstanceOf(QueueNameExistsException.class);
  }

  @Test
  void missingAndBusyResourcesAreTypedErrors() {
    assertThatThrownBy(() -> events().describeRule(r -> r.name("nope")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> events().removeTargets(r -> r.rule("nope").ids("q")))
        .isInstanceOf(ResourceNotFoundException.class);
    events().deleteRule(r -> r.name("nope")); // deleting a missing rule succeeds
    assertThatThrownBy(() -> sqs().getQueueUrl(r -> r.queueName("nope")))
        .isInstanceOf(QueueDoesNotExistException.class);
    wire("busy", "{\"source\":[\"a\"]}");
    assertThatThrownBy(() -> events().deleteRule(r -> r.name("busy")))
        .isInstanceOf(EventBridgeException.class)
        .hasMessageContaining("has targets");
  }

  @Test
  void messagesAreDeletedByReceiptHandleAndBogusHandlesFail() {
    String url = sqs().createQueue(r -> r.queueName("del")).queueUrl();
    sqs().sendMessage(r -> r.queueUrl(url).messageBody("one"));
    sqs().sendMessage(r -> r.queueUrl(url).messageBody("two"));
    List<Message> got = receive(url);
    assertThat(got).extracting(Message::body).containsExactlyInAnyOrder("one", "two");
    var resp =
        sqs()
            .deleteMessageBatch(
                r ->
                    r.queueUrl(url)
                        .entries(
                            e -> e.id("a").receiptHandle(got.get(0).receiptHandle()),
                            e -> e.id("b").receiptHandle("bogus")));
    assertThat(resp.successful()).extracting(s -> s.id()).containsExactly("a");
    assertThat(resp.failed()).extracting(f -> f.code()).containsExactly("ReceiptHandleIsInvalid");
    assertThatThrownBy(() -> sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle("bogus")))
        .isInstanceOf(ReceiptHandleIsInvalidException.class);
  }
}
