package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The EventBridge → SQS scenarios over the wire against moto (reset before each test). */
@MotoTest
class MotoEventsConformanceTest extends EventsConformance {
  private SqsClient sqs;
  private EventBridgeClient events;

  @BeforeEach
  void connect(MotoServer moto) {
    sqs = moto.configure(SqsClient.builder()).build();
    events = moto.configure(EventBridgeClient.builder()).build();
  }

  @AfterEach
  void close() {
    sqs.close();
    events.close();
  }

  @Override
  SqsClient sqs() {
    return sqs;
  }

  @Override
  EventBridgeClient events() {
    return events;
  }
}
