package io.emrlaunch.core.launch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** The feed deletes a batch only once the monitor applied it. */
class EventFeedTest {
  static final String EVENT =
      "{\"source\":\"aws.emr\",\"detail-type\":\"EMR Cluster State Change\","
          + "\"time\":\"2026-01-01T00:00:00Z\","
          + "\"detail\":{\"clusterId\":\"j-1\",\"name\":\"c\",\"state\":\"RUNNING\"}}";

  @Test
  void aBatchTheMonitorDidNotApplyStaysInTheQueue() {
    FakeAws aws = FakeAws.builder().seed(3).build();
    String queue =
        aws.sqsBackend()
            .createQueue(CreateQueueRequest.builder().queueName("events").build())
            .queueUrl();
    List<List<EmrEvent>> offered = new ArrayList<>();
    EventFeed feed =
        new EventFeed(
            aws.sqsAsync(),
            queue,
            Duration.ofSeconds(20),
            aws.scheduler(),
            batch -> {
              offered.add(batch);
              return CompletableFuture.completedFuture(false); // e.g. the monitor closed
            },
            () -> {});
    aws.sqsBackend()
        .sendMessage(SendMessageRequest.builder().queueUrl(queue).messageBody(EVENT).build());
    feed.start();
    aws.time().advance(Duration.ofSeconds(5));
    feed.close();
    aws.time().advance(Duration.ofMinutes(1));

    assertThat(offered).hasSize(1);
    assertThat(aws.sqsBackend().messages("events")).hasSize(1);
  }

  @Test
  void anAppliedBatchIsDeleted() {
    FakeAws aws = FakeAws.builder().seed(3).build();
    String queue =
        aws.sqsBackend()
            .createQueue(CreateQueueRequest.builder().queueName("events").build())
            .queueUrl();
    EventFeed feed =
        new EventFeed(
            aws.sqsAsync(),
            queue,
            Duration.ofSeconds(20),
            aws.scheduler(),
            batch -> CompletableFuture.completedFuture(true),
            () -> {});
    aws.sqsBackend()
        .sendMessage(SendMessageRequest.builder().queueUrl(queue).messageBody(EVENT).build());
    feed.start();
    aws.time().advance(Duration.ofSeconds(5));
    feed.close();
    aws.time().advance(Duration.ofMinutes(1));

    assertThat(aws.sqsBackend().messages("events")).isEmpty();
  }
}
