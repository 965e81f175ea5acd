package io.emrlaunch.testkit.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** The in-memory SQS: long polling and visibility in virtual time, batches, errors. */
class FakeSqsTest {
  final FakeAws aws = FakeAws.create();
  final SqsAsyncClient sqs = aws.sqsAsync();
  final String url = aws.sqs().createQueue(r -> r.queueName("q")).queueUrl();

  @Test
  void aLongPollAnswersWhenAMessageArrivesOrWhenTheWaitIsOver() {
    Instant start = aws.time().now();
    CompletableFuture<ReceiveMessageResponse> empty =
        sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20));
    aws.time().advance(Duration.ofSeconds(19));
    assertThat(empty).isNotDone();
    aws.time().advance(Duration.ofSeconds(1));
    assertThat(empty.join().messages()).isEmpty();

    CompletableFuture<ReceiveMessageResponse> poll =
        sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20).maxNumberOfMessages(10));
    aws.time().advance(Duration.ofSeconds(3));
    aws.sqs().sendMessage(r -> r.queueUrl(url).messageBody("hello"));
    aws.time().runDue();
    assertThat(poll).isDone();
    assertThat(poll.join().messages()).extracting(Message::body).containsExactly("hello");
    assertThat(Duration.between(start, aws.time().now())).isEqualTo(Duration.ofSeconds(23));
    // The call log records the long poll once, when it answered.
    assertThat(aws.calls().count(FakeAws.SQS, "ReceiveMessage")).isEqualTo(2);
  }

  @Test
  void anUndeletedMessageComesBackAfterItsVisibilityTimeout() {
    aws.sqs().sendMessage(r -> r.queueUrl(url).messageBody("m"));
    Message first =
        aws.sqs().receiveMessage(r -> r.queueUrl(url).visibilityTimeout(10)).messages().get(0);
    assertThat(aws.sqs().receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
    CompletableFuture<ReceiveMessageResponse> again =
        sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20));
    aws.time().advance(Duration.ofSeconds(9));
    assertThat(again).isNotDone();
    aws.time().advance(Duration.ofSeconds(1));
    assertThat(again.join().messages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.body()).isEqualTo("m");
              assertThat(m.receiptHandle()).isNotEqualTo(first.receiptHandle());
            });
  }

  @Test
  void deleteMessageBatchDeletesAndReportsEachEntry() {
    for (int i = 0; i < 3; i++) {
      int n = i;
      aws.sqs().sendMessage(r -> r.queueUrl(url).messageBody("m" + n));
    }
    List<Message> got =
        aws.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
    assertThat(got).hasSize(3);
    var resp =
        aws.sqs()
            .deleteMessageBatch(
                r ->
                    r.queueUrl(url)
                        .entries(
                            DeleteMessageBatchRequestEntry.builder()
                                .id("a")
                                .receiptHandle(got.get(0).receiptHandle())
                                .build(),
                            DeleteMessageBatchRequestEntry.builder()
                                .id("b")
                                .receiptHandle(got.get(1).receiptHandle())
                                .build(),
                            DeleteMessageBatchRequestEntry.builder()
                                .id("c")
                                .receiptHandle("bogus")
                                .build()));
    assertThat(resp.successful()).hasSize(2);
    assertThat(resp.failed()).singleElement().satisfies(f -> assertThat(f.id()).isEqualTo("c"));
    assertThat(aws.sqsBackend().messages("q")).containsExactly("m2");
  }

  @Test
  void queuesAreIdempotentByNameAndMissingOnesAreErrors() {
    assertThat(aws.sqs().createQueue(r -> r.queueName("q")).queueUrl()).isEqualTo(url);
    aws.sqs()
        .setQueueAttributes(
            r -> r.queueUrl(url).attributesWithStrings(Map.of("VisibilityTimeout", "60")));
    assertThatThrownBy(
            () ->
                aws.sqs()
                    .createQueue(
                        r ->
                            r.queueName("q")
                                .attributesWithStrings(Map.of("VisibilityTimeout", "30"))))
        .isInstanceOf(QueueNameExistsException.class);
    assertThat(
            aws.sqs()
                .getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings())
        .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:123456789012:q");
    aws.sqs().deleteQueue(r -> r.queueUrl(url));
    assertThatThrownBy(() -> aws.sqs().getQueueUrl(r -> r.queueName("q")))
        .isInstanceOf(QueueDoesNotExistException.class);
  }

  @Test
  void theSyncClientDrivesVirtualTimeThroughALongPoll() {
    aws.time()
        .scheduler()
        .schedule(
            () -> aws.sqsBackend().deliver("arn:aws:sqs:us-east-1:123456789012:q", "x", "r"),
            5,
            java.util.concurrent.TimeUnit.SECONDS);
    // No policy: EventBridge may not deliver, so the poll waits out its 2 s... and the 5 s.
    assertThat(aws.sqs().receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(2)).messages())
        .isEmpty();
    assertThat(aws.time().now()).isEqualTo(Instant.parse("2026-01-01T00:00:02Z"));
  }
}
