package io.emrlaunch.testkit.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.EmrLaunchTest;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.sqs.FakeSqs;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** {@code @EmrLaunchTest} injects the in-memory EventBridge and SQS of the test's bundle. */
@EmrLaunchTest
class EventsInjectionTest {
  @Test
  void injectsTheBundlesFakesAndClients(
      FakeAws aws,
      FakeEventBridge events,
      EventBridgeAsyncClient eventsClient,
      FakeSqs sqs,
      SqsAsyncClient sqsClient) {
    assertThat(events).isSameAs(aws.eventBridgeBackend());
    assertThat(sqs).isSameAs(aws.sqsBackend());
    assertThat(eventsClient).isSameAs(aws.eventBridgeAsync());
    assertThat(sqsClient).isSameAs(aws.sqsAsync());
    sqsClient.createQueue(r -> r.queueName("x")).join();
    assertThat(sqs.messages("x")).isEmpty();
    assertThat(aws.calls().count(FakeAws.SQS, "CreateQueue")).isEqualTo(1);
  }
}
