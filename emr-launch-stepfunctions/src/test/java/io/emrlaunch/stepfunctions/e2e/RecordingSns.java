package io.emrlaunch.stepfunctions.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** An SNS client for the local engine that records each Publish (the testkit has no SNS). */
final class RecordingSns implements SnsAsyncClient {
  private final List<PublishRequest> published = new ArrayList<>();

  @Override
  public synchronized CompletableFuture<PublishResponse> publish(PublishRequest request) {
    published.add(request);
    return CompletableFuture.completedFuture(
        PublishResponse.builder().messageId("m-" + published.size()).build());
  }

  synchronized List<PublishRequest> published() {
    return List.copyOf(published);
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {}
}
