package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** Creating and removing the rule, queue and policy, idempotently, on the in-memory AWS. */
class MonitorEventsSetupTest {
  final FakeAws aws = FakeAws.create();

  MonitorEventsSetup setup(String name) {
    return MonitorEventsSetup.builder()
        .eventBridge(aws.eventBridgeAsync())
        .sqs(aws.sqsAsync())
        .name(name)
        .build();
  }

  <T> T run(CompletableFuture<T> f) {
    return aws.time().runUntil(f, Duration.ofMinutes(1)).join();
  }

  @Test
  void applyCreatesRuleQueueTargetAndPolicyAndIsIdempotent() {
    String first = run(setup("nightly").apply());
    String second = run(setup("nightly").apply());
    assertThat(second).isEqualTo(first).endsWith("/123456789012/nightly");

    var rule = aws.eventBridge().describeRule(r -> r.name("nightly"));
    assertThat(rule.eventPattern())
        .contains("\"aws.emr\"", "EMR Cluster State Change", "EMR Step Status Change");
    List<Target> targets = aws.eventBridge().listTargetsByRule(r -> r.rule("nightly")).targets();
    assertThat(targets)
        .singleElement()
        .satisfies(
            t -> assertThat(t.arn()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:nightly"));
    assertThat(aws.sqsBackend().attributes("nightly").get("Policy"))
        .contains("events.amazonaws.com", "sqs:SendMessage", rule.arn());

    // The wiring works end to end: an EMR event reaches the queue (the policy admits the rule).
    aws.emrBackend().runJobFlow(ClusterMonitorEventsTest.cluster("c", true));
    aws.time().advance(Duration.ofSeconds(5));
    assertThat(aws.sqsBackend().messages("nightly"))
        .singleElement()
        .asString()
        .contains("\"source\":\"aws.emr\"", "\"state\":\"STARTING\"");
    assertThat(aws.eventBridgeBackend().stats()).containsEntry("refused", 0L);
  }

  @Test
  void destroyRemovesEverythingAndMayRunTwice() {
    run(setup("gone").apply());
    run(setup("gone").destroy());
    run(setup("gone").destroy());
    assertThatThrownBy(() -> aws.eventBridge().describeRule(r -> r.name("gone")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> aws.sqs().getQueueUrl(r -> r.queueName("gone")))
        .isInstanceOf(QueueDoesNotExistException.class);
    // And it can be set up again.
    assertThat(run(setup("gone").apply())).endsWith("/gone");
  }

  @Test
  void aBadNameIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> setup("no spaces"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("MonitorEventsSetup.name");
    assertThatThrownBy(() -> MonitorEventsSetup.builder().build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("MonitorEventsSetup.eventBridge")
        .hasMessageContaining("MonitorEventsSetup.sqs");
    assertThat(aws.calls().count(FakeAws.SQS) + aws.calls().count(FakeAws.EVENTS)).isZero();
  }

  @Test
  void aFailedStepIsNamed() {
    aws.faults().on(FakeAws.EVENTS, "PutRule").always().serverError();
    assertThatThrownBy(() -> run(setup("broken").apply()))
        .hasMessageContaining("cannot put rule broken");
  }
}
