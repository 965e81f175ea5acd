package io.emrlaunch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallLogTest {
  private static RecordedCall call(String service, String operation) {
    return new RecordedCall(
        service, operation, Instant.EPOCH, Duration.ZERO, "req-" + operation, "resp", null, null);
  }

  @Test
  void countsPerServiceAndOperationAndKeepsCallsInOrder() {
    CallLog log = new CallLog(true);
    log.record(call("emr", "RunJobFlow"));
    log.record(call("emr", "DescribeCluster"));
    log.record(call("emr", "DescribeCluster"));
    log.record(call("ssm", "GetParameter"));

    assertThat(log.count("emr", "DescribeCluster")).isEqualTo(2);
    assertThat(log.count("emr")).isEqualTo(3);
    assertThat(log.total()).isEqualTo(4);
    assertThat(log.countsByOperation("emr"))
        .containsExactly(
            java.util.Map.entry("DescribeCluster", 2L), java.util.Map.entry("RunJobFlow", 1L));
    assertThat(log.calls())
        .extracting(RecordedCall::operation)
        .containsExactly("RunJobFlow", "DescribeCluster", "DescribeCluster", "GetParameter");
    assertThat(log.requests("emr", "RunJobFlow", String.class)).containsExactly("req-RunJobFlow");

    log.reset();
    assertThat(log.total()).isZero();
    assertThat(log.calls()).isEmpty();
  }

  @Test
  void countsOnlyModeKeepsNoCalls() {
    CallLog log = new CallLog(false);
    log.record(call("emr", "ListClusters"));
    assertThat(log.count("emr", "ListClusters")).isEqualTo(1);
    assertThat(log.calls()).isEmpty();
  }
}
