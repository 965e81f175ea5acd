package io.emrlaunch.testkit.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.ClusterState;

class ClusterStateListenerTest {
  private static final Instant T0 = VirtualTime.DEFAULT_START;

  record Change(String id, String name, ClusterState state, Instant at) {}

  @Test
  void hearsEveryChangeOnceAtItsVirtualInstantWithoutRecordingCalls() {
    FakeAws aws =
        FakeAws.builder()
            .emrBehavior(
                EmrBehavior.builder()
                    .cluster("bad", ClusterScript.failing(ClusterFailure.bootstrapFailure()))
                    .build())
            .build();
    List<Change> changes = new ArrayList<>();
    aws.emrBackend()
        .onClusterStateChange(
            (id, name, state, at) -> changes.add(new Change(id, name, state, at)));

    String good = aws.emr().runJobFlow(Requests.cluster("good", true).build()).jobFlowId();
    String bad = aws.emr().runJobFlow(Requests.cluster("bad", true).build()).jobFlowId();
    aws.time().advance(Duration.ofHours(1));
    aws.emr().terminateJobFlows(r -> r.jobFlowIds(good));
    aws.time().advance(Duration.ofHours(1));

    Instant up = T0.plus(Duration.ofMinutes(8)); // defaults: STARTING 3 min, BOOTSTRAPPING 5 min
    assertThat(changes)
        .filteredOn(c -> c.id().equals(good))
        .extracting(Change::state)
        .containsExactly(
            ClusterState.STARTING,
            ClusterState.BOOTSTRAPPING,
            ClusterState.WAITING,
            ClusterState.TERMINATING,
            ClusterState.TERMINATED);
    assertThat(changes)
        .filteredOn(c -> c.id().equals(good) && c.state() == ClusterState.WAITING)
        .singleElement()
        .satisfies(c -> assertThat(c.at()).isEqualTo(up))
        .satisfies(c -> assertThat(c.name()).isEqualTo("good"));
    assertThat(changes)
        .filteredOn(c -> c.id().equals(bad))
        .extracting(Change::state)
        .containsExactly(
            ClusterState.STARTING,
            ClusterState.BOOTSTRAPPING,
            ClusterState.TERMINATING,
            ClusterState.TERMINATED_WITH_ERRORS);
    assertThat(changes)
        .filteredOn(c -> c.id().equals(bad) && c.state() == ClusterState.TERMINATING)
        .singleElement()
        .satisfies(c -> assertThat(c.at()).isEqualTo(up));
    // Listening is not calling: only the test's own three calls are in the log.
    assertThat(aws.calls().count(FakeAws.EMR)).isEqualTo(3);
  }
}
