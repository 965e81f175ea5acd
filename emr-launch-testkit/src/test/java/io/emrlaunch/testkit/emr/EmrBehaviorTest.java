package io.emrlaunch.testkit.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;

class EmrBehaviorTest {

  @Test
  void uniformDurationsStayInRangeAndFixedOnesAreFixed() {
    long seed = 42;
    Random random = new Random(seed);
    DurationDistribution boot =
        DurationDistribution.uniform(Duration.ofMinutes(6), Duration.ofMinutes(12));
    for (int i = 0; i < 1000; i++) {
      assertThat(boot.sample(random))
          .as("seed %d draw %d", seed, i)
          .isBetween(Duration.ofMinutes(6), Duration.ofMinutes(12));
    }
    assertThat(DurationDistribution.fixed(Duration.ofSeconds(3)).sample(random))
        .isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(
            () -> DurationDistribution.uniform(Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** "boot 6–12 min uniformly, 5% fail at bootstrap", over 400 clusters. */
  @Test
  void aFailureRateAndBootDistributionShapeAFleetOfClusters() {
    long seed = 2026;
    List<String> outcomes = fleetOutcomes(seed);
    long failed = outcomes.stream().filter(o -> o.startsWith("TERMINATED_WITH_ERRORS")).count();
    assertThat(failed).as("seed %d: 5%% of 400", seed).isBetween(8L, 35L);
    assertThat(outcomes)
        .filteredOn(o -> o.startsWith("TERMINATED_WITH_ERRORS"))
        .allMatch(o -> o.contains("BOOTSTRAP_FAILURE"));
    assertThat(outcomes)
        .filteredOn(o -> o.startsWith("WAITING"))
        .allSatisfy(
            o -> {
              long bootMinutes = Long.parseLong(o.substring(o.indexOf(' ') + 1));
              assertThat(bootMinutes)
                  .as("seed %d", seed)
                  .isBetween(7L, 14L); // 1 min STARTING + 6..12
            });
    // same seed, same fleet
    assertThat(fleetOutcomes(seed)).isEqualTo(outcomes);
  }

  private static List<String> fleetOutcomes(long seed) {
    FakeAws aws =
        FakeAws.builder()
            .seed(seed)
            .emrBehavior(
                EmrBehavior.builder()
                    .startingTime(DurationDistribution.fixed(Duration.ofMinutes(1)))
                    .bootstrappingTime(
                        DurationDistribution.uniform(Duration.ofMinutes(6), Duration.ofMinutes(12)))
                    .clusterFailureRate(0.05, ClusterFailure.bootstrapFailure())
                    .build())
            .keepCalls(false)
            .build();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      ids.add(aws.emr().runJobFlow(Requests.cluster("c" + i, true).build()).jobFlowId());
    }
    aws.time().runUntilIdle();
    List<String> outcomes = new ArrayList<>();
    for (String id : ids) {
      Cluster c = aws.emr().describeCluster(r -> r.clusterId(id)).cluster();
      Instant created = c.status().timeline().creationDateTime();
      outcomes.add(
          c.status().state() == ClusterState.WAITING
              ? "WAITING "
                  + Duration.between(created, c.status().timeline().readyDateTime()).toMinutes()
              : c.status().state() + " " + c.status().stateChangeReason().code() + " " + id);
    }
    return outcomes;
  }

  @Test
  void aScriptedNameOverridesTheRandomRate() {
    FakeAws aws =
        FakeAws.builder()
            .emrBehavior(
                EmrBehavior.builder()
                    .clusterFailureRate(1.0, ClusterFailure.internalError())
                    .cluster(
                        "lucky",
                        ClusterScript.defaults()
                            .succeeding()
                            .withBootstrappingTime(
                                DurationDistribution.fixed(Duration.ofMinutes(30))))
                    .build())
            .build();
    String lucky = aws.emr().runJobFlow(Requests.cluster("lucky", true).build()).jobFlowId();
    String other = aws.emr().runJobFlow(Requests.cluster("other", true).build()).jobFlowId();
    aws.time().runUntilIdle();
    Cluster l = aws.emr().describeCluster(r -> r.clusterId(lucky)).cluster();
    assertThat(l.status().state()).isEqualTo(ClusterState.WAITING);
    assertThat(
            Duration.between(
                l.status().timeline().creationDateTime(), l.status().timeline().readyDateTime()))
        .isEqualTo(Duration.ofMinutes(33));
    assertThat(
            aws.emr()
                .describeCluster(r -> r.clusterId(other))
                .cluster()
                .status()
                .stateChangeReason()
                .code())
        .isEqualTo(ClusterStateChangeReasonCode.INTERNAL_ERROR);
  }

  @Test
  void sameSeedSameIds() {
    assertThat(ids(5)).isEqualTo(ids(5)).isNotEqualTo(ids(6));
  }

  private static List<String> ids(long seed) {
    FakeAws aws = FakeAws.builder().seed(seed).build();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(aws.emr().runJobFlow(Requests.cluster("c", true).build()).jobFlowId());
    }
    return ids;
  }
}
