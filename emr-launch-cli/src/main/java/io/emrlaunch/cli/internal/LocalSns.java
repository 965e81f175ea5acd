package io.emrlaunch.cli.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * SNS of the simulation: {@code Publish} is recorded (and saved to {@code sns.jsonl} under {@code
 * .emr-launch/local/}); nothing is delivered. Other operations are not simulated.
 */
public final class LocalSns implements SnsAsyncClient {
  private final Clock clock;
  private final List<ObjectNode> published = new ArrayList<>();
  private int next = 1;
  private boolean recording = true;

  /**
   * A recorder.
   *
   * @param clock the simulation's clock (the instant of each message)
   */
  public LocalSns(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized CompletableFuture<PublishResponse> publish(PublishRequest request) {
    if (request.topicArn() == null
        && request.targetArn() == null
        && request.phoneNumber() == null) {
      return CompletableFuture.failedFuture(
          software.amazon.awssdk.services.sns.model.InvalidParameterException.builder()
              .message("Publish needs a TopicArn, TargetArn or PhoneNumber")
              .statusCode(400)
              .build());
    }
    String id = String.format("00000000-0000-4000-8000-%012d", next++);
    if (recording) {
      ObjectNode n = Root.JSON.createObjectNode();
      n.put("at", clock.instant().toString());
      n.put("messageId", id);
      n.put("topicArn", request.topicArn());
      if (request.subject() != null) {
        n.put("subject", request.subject());
      }
      n.put("message", request.message());
      published.add(n);
    }
    return CompletableFuture.completedFuture(PublishResponse.builder().messageId(id).build());
  }

  /** Starts or stops recording (off while the journal is replayed: those were saved before). */
  synchronized void recording(boolean on) {
    this.recording = on;
  }

  /** The messages published since the last {@link #drain}, oldest first. */
  public synchronized List<ObjectNode> drain() {
    List<ObjectNode> out = List.copyOf(published);
    published.clear();
    return out;
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {}
}
