package io.emrlaunch.testkit.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;

/**
 * Random sequences of EMR calls and time jumps; after each, the lifecycle invariants must hold. The
 * seed is in every failure message.
 */
class RandomizedLifecycleTest {
  /** Lifecycle rank: observed states never go back (a time jump may skip states). */
  private static final Map<ClusterState, Integer> RANK =
      Map.of(
          ClusterState.STARTING, 0,
          ClusterState.BOOTSTRAPPING, 1,
          ClusterState.RUNNING, 2,
          ClusterState.WAITING, 2,
          ClusterState.TERMINATING, 3,
          ClusterState.TERMINATED, 4,
          ClusterState.TERMINATED_WITH_ERRORS, 4);

  private static final Set<StepState> FINAL_STEP =
      EnumSet.of(StepState.COMPLETED, StepState.FAILED, StepState.CANCELLED, StepState.INTERRUPTED);

  @Test
  void lifecycleInvariantsHoldUnderRandomCalls() {
    long base = Long.getLong("emrlaunch.seed", 20261123L);
    for (int run = 0; run < 10; run++) {
      runOnce(base + run);
    }
  }

  private static void runOnce(long seed) {
    Random random = new Random(seed);
    FakeAws aws =
        FakeAws.builder()
            .seed(seed)
            .emrBehavior(
                EmrBehavior.builder()
                    .startingTime(
                        DurationDistribution.uniform(Duration.ofMinutes(1), Duration.ofMinutes(5)))
                    .bootstrappingTime(
                        DurationDistribution.uniform(Duration.ofMinutes(2), Duration.ofMinutes(9)))
                    .stepRunTime(
                        DurationDistribution.uniform(Duration.ofMinutes(1), Duration.ofMinutes(20)))
                    .clusterFailureRate(0.2, ClusterFailure.bootstrapFailure())
                    .stepFailureRate(0.2, StepFailure.nonZeroExit())
                    .build())
            .keepCalls(false)
            .build();
    EmrClient emr = aws.emr();
    List<String> ids = new ArrayList<>();
    Map<String, ClusterState> lastState = new HashMap<>();
    Map<String, StepState> lastStep = new HashMap<>();
    ActionOnFailure[] actions = {
      ActionOnFailure.CONTINUE, ActionOnFailure.CANCEL_AND_WAIT, ActionOnFailure.TERMINATE_CLUSTER
    };
    for (int op = 0; op < 120; op++) {
      String context = "seed " + seed + ", op " + op;
      int choice = random.nextInt(10);
      try {
        if (choice < 2 || ids.isEmpty()) {
          var request = Requests.cluster("c" + ids.size(), random.nextBoolean());
          if (random.nextBoolean()) {
            request.steps(Requests.step("s", actions[random.nextInt(actions.length)]));
          }
          ids.add(emr.runJobFlow(request.build()).jobFlowId());
        } else {
          String id = ids.get(random.nextInt(ids.size()));
          if (choice < 5) {
            emr.addJobFlowSteps(
                r ->
                    r.jobFlowId(id)
                        .steps(Requests.step("s", actions[random.nextInt(actions.length)])));
          } else if (choice < 6) {
            List<StepSummary> steps = emr.listSteps(r -> r.clusterId(id)).steps();
            if (!steps.isEmpty()) {
              String stepId = steps.get(random.nextInt(steps.size())).id();
              emr.cancelSteps(r -> r.clusterId(id).stepIds(stepId));
            }
          } else if (choice < 7) {
            emr.terminateJobFlows(r -> r.jobFlowIds(id));
          } else {
            aws.time().advance(Duration.ofSeconds(random.nextInt(1200)));
          }
        }
      } catch (AwsServiceException expected) {
        // e.g. adding steps to a terminated cluster: EMR refuses, state must still be consistent
        assertThat(expected.awsErrorDetails().errorCode())
            .as(context)
            .isEqualTo("ValidationException");
      }
      checkInvariants(emr, ids, lastState, lastStep, context);
    }
    aws.time().runUntilIdle();
    checkInvariants(emr, ids, lastState, lastStep, "seed " + seed + ", after idle");
    for (String id : ids) {
      Cluster c = emr.describeCluster(r -> r.clusterId(id)).cluster();
      if (c.autoTerminate()) {
        assertThat(c.status().state())
            .as("seed %d: auto-terminating %s ends", seed, id)
            .isIn(ClusterState.TERMINATED, ClusterState.TERMINATED_WITH_ERRORS);
      }
      assertThat(emr.listSteps(r -> r.clusterId(id)).steps())
          .as("seed %d: no step left active once idle on %s", seed, id)
          .allMatch(s -> FINAL_STEP.contains(s.status().state()));
    }
  }

  private static void checkInvariants(
      EmrClient emr,
      List<String> ids,
      Map<String, ClusterState> lastState,
      Map<String, StepState> lastStep,
      String context) {
    for (String id : ids) {
      Cluster c = emr.describeCluster(r -> r.clusterId(id)).cluster();
      ClusterState state = c.status().state();
      ClusterState before = lastState.getOrDefault(id, ClusterState.STARTING);
      assertThat(RANK.get(state))
          .as("%s: %s went %s -> %s", context, id, before, state)
          .isGreaterThanOrEqualTo(RANK.get(before));
      if (RANK.get(before) == 4) {
        assertThat(state).as("%s: terminal state of %s changed", context, id).isEqualTo(before);
      }
      lastState.put(id, state);

      Instant created = c.status().timeline().creationDateTime();
      Instant ready = c.status().timeline().readyDateTime();
      Instant ended = c.status().timeline().endDateTime();
      if (ready != null) {
        assertThat(ready).as(context).isAfterOrEqualTo(created);
      }
      if (ended != null) {
        assertThat(ended).as(context).isAfterOrEqualTo(ready == null ? created : ready);
      }
      assertThat(ended != null)
          .as("%s: endDateTime iff terminated (%s)", context, state)
          .isEqualTo(
              state == ClusterState.TERMINATED || state == ClusterState.TERMINATED_WITH_ERRORS);

      int running = 0;
      for (StepSummary s : emr.listSteps(r -> r.clusterId(id)).steps()) {
        StepState stepState = s.status().state();
        StepState previous = lastStep.get(s.id());
        if (previous != null && FINAL_STEP.contains(previous)) {
          assertThat(stepState)
              .as("%s: final step %s changed", context, s.id())
              .isEqualTo(previous);
        }
        lastStep.put(s.id(), stepState);
        if (stepState == StepState.RUNNING) {
          running++;
        }
        if (stepState == StepState.FAILED) {
          assertThat(s.status().failureDetails().reason()).as(context).isNotBlank();
        }
      }
      assertThat(running)
          .as("%s: running steps on %s (%s)", context, id, state)
          .isLessThanOrEqualTo(state == ClusterState.RUNNING ? c.stepConcurrencyLevel() : 0);
    }
  }
}
