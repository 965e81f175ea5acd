package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.FakeAws;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The EventBridge → SQS scenarios against the in-memory fakes, through the SDK client views. */
class FakeEventsConformanceTest extends EventsConformance {
  private final FakeAws aws = FakeAws.create();

  @Override
  SqsClient sqs() {
    return aws.sqs();
  }

  @Override
  EventBridgeClient events() {
    return aws.eventBridge();
  }
}
