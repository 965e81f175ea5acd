package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.eventbridge.EventBridgeAsyncClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The event wiring over HTTP against moto: the setup creates the rule, queue, target and policy; an
 * EMR-shaped event put on the default bus (moto's EMR emits none) reaches the monitor through the
 * queue and completes a wait that moto's EMR state alone could not complete.
 */
@MotoTest
class MonitorEventsMotoTest {

  @Test
  void anEmrEventOnTheBusCompletesAWaitThroughTheQueue(MotoServer moto, EmrAsyncClient emr)
      throws Exception {
    try (EventBridgeAsyncClient events = moto.configure(EventBridgeAsyncClient.builder()).build();
        SqsAsyncClient sqs = moto.configure(SqsAsyncClient.builder()).build()) {
      MonitorEventsSetup setup =
          MonitorEventsSetup.builder().eventBridge(events).sqs(sqs).name("moto-events").build();
      String queueUrl = setup.apply().get(30, TimeUnit.SECONDS);
      assertThat(setup.apply().get(30, TimeUnit.SECONDS)).isEqualTo(queueUrl);

      var rule = events.describeRule(r -> r.name("moto-events")).join();
      assertThat(rule.eventPattern()).contains("aws.emr", "EMR Cluster State Change");
      List<Target> targets = events.listTargetsByRule(r -> r.rule("moto-events")).join().targets();
      String queueArn =
          sqs.getQueueAttributes(
                  r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
              .join()
              .attributes()
              .get(QueueAttributeName.QUEUE_ARN);
      assertThat(targets).singleElement().satisfies(t -> assertThat(t.arn()).isEqualTo(queueArn));
      String policy =
          sqs.getQueueAttributes(
                  r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.POLICY))
              .join()
              .attributes()
              .get(QueueAttributeName.POLICY);
      assertThat(policy).contains("events.amazonaws.com", rule.arn());

      // moto's clusters are WAITING at once and stay so: only an event can end this wait.
      String clusterId =
          emr.runJobFlow(ClusterMonitorEventsTest.cluster("moto-events", true))
              .get(30, TimeUnit.SECONDS)
              .jobFlowId();
      MonitorEvents config =
          MonitorEvents.builder()
              .queueUrl(queueUrl)
              .sqs(sqs)
              .waitTime(Duration.ofSeconds(1))
              .reconciliationPeriod(Duration.ofMinutes(30))
              .build();
      try (ClusterMonitor monitor = ClusterMonitor.builder().emr(emr).events(config).build()) {
        var up = monitor.await(clusterId, ClusterTarget.WAITING).get(30, TimeUnit.SECONDS);
        assertThat(up.state()).contains(ClusterState.WAITING);
        var gone = monitor.await(clusterId, ClusterTarget.TERMINATED);
        String detail =
            "{\"severity\":\"INFO\",\"stateChangeReason\":"
                + "\"{\\\"code\\\":\\\"USER_REQUEST\\\",\\\"message\\\":\\\"Terminated by user"
                + " request\\\"}\",\"name\":\"moto-events\",\"clusterId\":\""
                + clusterId
                + "\",\"state\":\"TERMINATED\",\"message\":\"terminated\"}";
        var put =
            events
                .putEvents(
                    r ->
                        r.entries(
                            PutEventsRequestEntry.builder()
                                .source("aws.emr")
                                .detailType("EMR Cluster State Change")
                                .detail(detail)
                                .build()))
                .join();
        assertThat(put.failedEntryCount()).isZero();
        ClusterSnapshot ended = gone.get(30, TimeUnit.SECONDS);
        assertThat(ended.state()).contains(ClusterState.TERMINATED);
        assertThat(ended.reasonCode()).contains("USER_REQUEST");
        // The message was deleted once applied.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String left = "?";
        while (System.nanoTime() < deadline) {
          var attrs =
              sqs.getQueueAttributes(
                      r ->
                          r.queueUrl(queueUrl)
                              .attributeNames(
                                  QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                  QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                  .join()
                  .attributesAsStrings();
          left =
              attrs.get("ApproximateNumberOfMessages")
                  + "/"
                  + attrs.get("ApproximateNumberOfMessagesNotVisible");
          if (left.equals("0/0")) {
            break;
          }
          Thread.sleep(100);
        }
        assertThat(left).isEqualTo("0/0");
      }
      setup.destroy().get(30, TimeUnit.SECONDS);
      setup.destroy().get(30, TimeUnit.SECONDS);
      assertThat(sqs.listQueues().join().queueUrls()).doesNotContain(queueUrl);
    }
  }
}
