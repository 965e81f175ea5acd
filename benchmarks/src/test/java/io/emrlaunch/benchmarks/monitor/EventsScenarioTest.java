package io.emrlaunch.benchmarks.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.benchmarks.monitor.MonitorBenchmark.Scenario;
import org.junit.jupiter.api.Test;

/** The events scenario at a small scale: with 5% of events dropped every wait still completes. */
class EventsScenarioTest {
  @Test
  void everyWaitCompletesWithDroppedEventsAndTheLagStaysUnderTheReconciliationPeriod() {
    Scenario s = EventsScenario.run("100 clusters, events, 5% dropped", 100, 0.05, 7);
    assertThat(s.ours().known()).isEqualTo(100);
    assertThat(s.ours().errors()).isZero();
    assertThat(s.ours().p95LagSeconds())
        .isLessThanOrEqualTo(EventsScenario.RECONCILIATION.toSeconds());
    // Far fewer EMR calls than the waiter's DescribeCluster per cluster every 30 s.
    assertThat(s.ours().watchCalls()).isLessThan(s.waiter().watchCalls() / 10);
    assertThat(s.ours().calls()).containsKey("sqs:ReceiveMessage");
  }
}
