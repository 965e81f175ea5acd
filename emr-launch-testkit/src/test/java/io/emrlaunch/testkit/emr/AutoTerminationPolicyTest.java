package io.emrlaunch.testkit.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.AutoTerminationPolicy;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;

/**
 * EMR's AutoTerminationPolicy: an idle (WAITING, no active step) cluster ends after IdleTimeout.
 */
class AutoTerminationPolicyTest {
  private static final Instant T0 = VirtualTime.DEFAULT_START;
  // defaults: STARTING 3 min, BOOTSTRAPPING 5 min, steps 5 min
  private final FakeAws aws =
      FakeAws.builder()
          .emrBehavior(
              EmrBehavior.builder()
                  .stepRunTime(DurationDistribution.fixed(Duration.ofMinutes(5)))
                  .build())
          .build();
  private final EmrClient emr = aws.emr();

  private Cluster describe(String id) {
    return emr.describeCluster(r -> r.clusterId(id)).cluster();
  }

  private String launch(long idleSeconds) {
    return emr.runJobFlow(
            Requests.cluster("pool", true)
                .autoTerminationPolicy(
                    AutoTerminationPolicy.builder().idleTimeout(idleSeconds).build())
                .build())
        .jobFlowId();
  }

  @Test
  void anIdleClusterEndsExactlyAfterItsIdleTimeout() {
    String id = launch(600);
    aws.time().advance(Duration.ofMinutes(8)); // WAITING at T0 + 8 min
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.WAITING);
    aws.time().advance(Duration.ofMinutes(10).minusSeconds(1));
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.WAITING);
    aws.time().advance(Duration.ofSeconds(1));
    Cluster c = describe(id);
    assertThat(c.status().state()).isEqualTo(ClusterState.TERMINATING);
    assertThat(c.status().stateChangeReason().code())
        .isEqualTo(ClusterStateChangeReasonCode.ALL_STEPS_COMPLETED);
    assertThat(c.status().stateChangeReason().message()).contains("auto-termination");
    aws.time().runUntilIdle();
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.TERMINATED);
    assertThat(describe(id).status().timeline().endDateTime()).isAfter(T0.plusSeconds(18 * 60));
  }

  @Test
  void aStepResetsTheIdleClock() {
    String id = launch(600);
    aws.time().advance(Duration.ofMinutes(8 + 9)); // idle 9 of 10 minutes
    emr.addJobFlowSteps(
        r -> r.jobFlowId(id).steps(Requests.step("work", ActionOnFailure.CONTINUE, "echo")));
    aws.time().advance(Duration.ofMinutes(2)); // the old deadline passes while the step runs
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.RUNNING);
    aws.time().advance(Duration.ofMinutes(4)); // step done (~T0 + 22 min): idle again
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.WAITING);
    aws.time().advance(Duration.ofMinutes(9));
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.WAITING);
    aws.time().advance(Duration.ofMinutes(2));
    assertThat(describe(id).status().state())
        .isIn(ClusterState.TERMINATING, ClusterState.TERMINATED);
  }

  @Test
  void withoutAPolicyAWaitingClusterStays() {
    String id = emr.runJobFlow(Requests.cluster("plain", true).build()).jobFlowId();
    aws.time().advance(Duration.ofDays(3));
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.WAITING);
  }
}
