package io.emrlaunch.core.launch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Parsing EMR events as EventBridge delivers them to SQS. */
class EmrEventTest {
  static final String CLUSTER =
      "{\"version\":\"0\",\"id\":\"e-1\",\"detail-type\":\"EMR Cluster State Change\","
          + "\"source\":\"aws.emr\",\"account\":\"123456789012\",\"time\":\"2026-01-01T10:00:05Z\","
          + "\"region\":\"us-east-1\",\"resources\":[],\"detail\":{\"severity\":\"CRITICAL\","
          + "\"stateChangeReason\":\"{\\\"code\\\":\\\"BOOTSTRAP_FAILURE\\\",\\\"message\\\":"
          + "\\\"On the master instance, bootstrap action 1 returned a non-zero return code\\\"}\","
          + "\"name\":\"nightly\",\"clusterId\":\"j-1ABC\",\"state\":\"TERMINATED_WITH_ERRORS\","
          + "\"message\":\"Amazon EMR Cluster j-1ABC (nightly) has terminated with errors\"}}";

  @Test
  void aClusterEventWithItsReasonAsAJsonString() {
    EmrEvent e = EmrEvent.parse(CLUSTER).orElseThrow();
    assertThat(e.step()).isFalse();
    assertThat(e.eventId()).isEqualTo("e-1");
    assertThat(e.time()).isEqualTo(Instant.parse("2026-01-01T10:00:05Z"));
    assertThat(e.clusterId()).isEqualTo("j-1ABC");
    assertThat(e.state()).isEqualTo("TERMINATED_WITH_ERRORS");
    assertThat(e.name()).isEqualTo("nightly");
    assertThat(e.reasonCode()).isEqualTo("BOOTSTRAP_FAILURE");
    assertThat(e.reasonMessage()).startsWith("On the master instance");
  }

  @Test
  void aReasonObjectAndABlankCodeAreAccepted() {
    String object =
        CLUSTER.replace(
            "\"stateChangeReason\":\"{\\\"code\\\":\\\"BOOTSTRAP_FAILURE\\\",\\\"message\\\":"
                + "\\\"On the master instance, bootstrap action 1 returned a non-zero return"
                + " code\\\"}\"",
            "\"stateChangeReason\":{\"code\":\"USER_REQUEST\",\"message\":\"bye\"}");
    assertThat(EmrEvent.parse(object).orElseThrow().reasonCode()).isEqualTo("USER_REQUEST");
    String blank =
        object.replace(
            "{\"code\":\"USER_REQUEST\",\"message\":\"bye\"}", "\"{\\\"code\\\":\\\"\\\"}\"");
    EmrEvent e = EmrEvent.parse(blank).orElseThrow();
    assertThat(e.reasonCode()).isNull();
    assertThat(e.reasonMessage()).isNull();
  }

  @Test
  void aStepEvent() {
    String step =
        "{\"id\":\"e-2\",\"detail-type\":\"EMR Step Status Change\",\"source\":\"aws.emr\","
            + "\"time\":\"2016-12-16T20:53:09Z\",\"detail\":{\"severity\":\"ERROR\","
            + "\"actionOnFailure\":\"CONTINUE\",\"stepId\":\"s-ZYX\",\"name\":\"CustomJAR\","
            + "\"clusterId\":\"j-123\",\"state\":\"FAILED\",\"message\":\"failed\"}}";
    EmrEvent e = EmrEvent.parse(step).orElseThrow();
    assertThat(e.step()).isTrue();
    assertThat(e.stepId()).isEqualTo("s-ZYX");
    assertThat(e.clusterId()).isEqualTo("j-123");
    assertThat(e.state()).isEqualTo("FAILED");
    assertThat(e.reasonCode()).isNull();
  }

  @Test
  void anythingElseIsEmpty() {
    assertThat(EmrEvent.parse(null)).isEmpty();
    assertThat(EmrEvent.parse("")).isEmpty();
    assertThat(EmrEvent.parse("not json")).isEmpty();
    assertThat(EmrEvent.parse("[1,2]")).isEmpty();
    assertThat(EmrEvent.parse(CLUSTER.replace("\"aws.emr\"", "\"aws.ec2\""))).isEmpty();
    assertThat(
            EmrEvent.parse(
                CLUSTER.replace("EMR Cluster State Change", "EMR Instance Group State Change")))
        .isEmpty();
    assertThat(EmrEvent.parse(CLUSTER.replace("\"clusterId\":\"j-1ABC\",", ""))).isEmpty();
    // A broken time is tolerated (the event is still usable; ordering falls back to stages).
    assertThat(
            EmrEvent.parse(CLUSTER.replace("2026-01-01T10:00:05Z", "yesterday"))
                .orElseThrow()
                .time())
        .isNull();
  }
}
