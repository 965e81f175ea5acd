package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.launch.internal.Lifecycle;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.ClusterFailure;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import io.emrlaunch.testkit.emr.StepFailure;
import io.emrlaunch.testkit.events.EventDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.HadoopJarStepConfig;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.ListStepsRequest;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The event-driven monitor against the testkit's in-memory EMR → EventBridge → SQS, in virtual
 * time, with delivery faults (drop, duplicate, reorder, delay).
 */
class ClusterMonitorEventsTest {
  static final Duration RECONCILE = Duration.ofMinutes(5);

  final Map<String, Instant> decidedAt = new ConcurrentHashMap<>();
  final Map<String, List<ClusterState>> seen = new ConcurrentHashMap<>();
  final Map<String, List<StepState>> stepsSeen = new ConcurrentHashMap<>();

  FakeAws aws(long seed, EmrBehavior behavior) {
    FakeAws aws = FakeAws.builder().seed(seed).emrBehavior(behavior).build();
    aws.emrBackend()
        .onClusterStateChange(
            (id, name, state, at) -> {
              if (state == ClusterState.WAITING
                  || state == ClusterState.RUNNING
                  || state == ClusterState.TERMINATING) {
                decidedAt.putIfAbsent(id, at);
              }
            });
    return aws;
  }

  static EmrBehavior fleet(double failureRate) {
    return EmrBehavior.builder()
        .startingTime(DurationDistribution.uniform(Duration.ofSeconds(30), Duration.ofMinutes(2)))
        .bootstrappingTime(
            DurationDistribution.uniform(Duration.ofMinutes(1), Duration.ofMinutes(6)))
        .stepRunTime(DurationDistribution.uniform(Duration.ofSeconds(20), Duration.ofMinutes(3)))
        .clusterFailureRate(failureRate, ClusterFailure.bootstrapFailure())
        .stepFailureRate(0.2, StepFailure.nonZeroExit())
        .build();
  }

  ClusterMonitor monitor(FakeAws aws, String queueUrl) {
    return ClusterMonitor.builder()
        .emr(aws.emrAsync())
        .scheduler(aws.scheduler())
        .clock(aws.clock())
        .events(
            MonitorEvents.builder()
                .queueUrl(queueUrl)
                .sqs(aws.sqsAsync())
                .reconciliationPeriod(RECONCILE)
                .build())
        .listener(
            new MonitorListener() {
              @Override
              public void clusterChanged(ClusterSnapshot previous, ClusterSnapshot current) {
                seen.computeIfAbsent(current.clusterId(), k -> new ArrayList<>())
                    .add(current.state().orElse(null));
              }

              @Override
              public void stepChanged(StepSnapshot previous, StepSnapshot current) {
                stepsSeen
                    .computeIfAbsent(current.stepId(), k -> new ArrayList<>())
                    .add(current.state());
              }
            })
        .build();
  }

  static String setUpQueue(FakeAws aws) {
    CompletableFuture<String> url =
        MonitorEventsSetup.builder()
            .eventBridge(aws.eventBridgeAsync())
            .sqs(aws.sqsAsync())
            .build()
            .apply();
    return aws.time().runUntil(url, Duration.ofMinutes(1)).join();
  }

  static RunJobFlowRequest cluster(String name, boolean keepAlive, StepConfig... steps) {
    return RunJobFlowRequest.builder()
        .name(name)
        .releaseLabel("emr-7.5.0")
        .applications(Application.builder().name("Spark").build())
        .serviceRole("EMR_DefaultRole")
        .jobFlowRole("EMR_EC2_DefaultRole")
        .instances(
            JobFlowInstancesConfig.builder()
                .keepJobFlowAliveWhenNoSteps(keepAlive)
                .instanceGroups(
                    InstanceGroupConfig.builder()
                        .name("Master")
                        .instanceRole(InstanceRoleType.MASTER)
                        .instanceType("m5.xlarge")
                        .instanceCount(1)
                        .build())
                .build())
        .steps(steps)
        .build();
  }

  static StepConfig step(String name) {
    return StepConfig.builder()
        .name(name)
        .actionOnFailure(ActionOnFailure.CONTINUE)
        .hadoopJarStep(
            HadoopJarStepConfig.builder()
                .jar("command-runner.jar")
                .args("spark-submit", "x.py")
                .build())
        .build();
  }

  @Test
  void waitsCompleteWhenTheEventArrivesWithoutPolling() {
    FakeAws aws = aws(3, fleet(0.0));
    String queue = setUpQueue(aws);
    try (ClusterMonitor monitor = monitor(aws, queue)) {
      List<CompletableFuture<ClusterSnapshot>> waits = new ArrayList<>();
      Map<CompletableFuture<ClusterSnapshot>, String> ids = new HashMap<>();
      for (int i = 0; i < 20; i++) {
        String id = aws.emrBackend().runJobFlow(cluster("c" + i, true)).jobFlowId();
        CompletableFuture<ClusterSnapshot> f = monitor.await(id, ClusterTarget.STARTED);
        waits.add(f);
        ids.put(f, id);
      }
      Map<String, Instant> completedAt = new ConcurrentHashMap<>();
      for (CompletableFuture<ClusterSnapshot> f : waits) {
        f.thenAccept(s -> completedAt.put(s.clusterId(), aws.time().now()));
      }
      aws.time()
          .runUntil(
              CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)),
              Duration.ofMinutes(30))
          .join();
      // Each wait ended within the delivery latency (0.5-1 s) of its cluster coming up, although
      // the boots took 1.5 to 8 minutes: no poll could have been that close.
      completedAt.forEach(
          (id, at) ->
              assertThat(Duration.between(decidedAt.get(id), at))
                  .isBetween(Duration.ZERO, Duration.ofSeconds(2)));
      // One first check (a ListClusters page), then nothing but reconciliation: a boot of up to
      // 8 minutes sees at most one more.
      assertThat(aws.calls().count(FakeAws.EMR, "ListClusters")).isLessThanOrEqualTo(3);
      assertThat(aws.calls().count(FakeAws.EMR, "DescribeCluster")).isZero();
    }
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("drop 30%", EventDelivery.builder().dropRate(0.3).build(), 21L),
        Arguments.of("duplicate 50%", EventDelivery.builder().duplicateRate(0.5).build(), 22L),
        Arguments.of(
            "reorder 50% by up to 2 min",
            EventDelivery.builder().reorderRate(0.5).reorderDelay(Duration.ofMinutes(2)).build(),
            23L),
        Arguments.of(
            "delay 5-90 s",
            EventDelivery.builder().latency(Duration.ofSeconds(5), Duration.ofSeconds(90)).build(),
            24L),
        Arguments.of(
            "all at once",
            EventDelivery.builder()
                .dropRate(0.2)
                .duplicateRate(0.3)
                .reorderRate(0.3)
                .reorderDelay(Duration.ofMinutes(3))
                .latency(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .build(),
            25L),
        Arguments.of("everything lost", EventDelivery.builder().dropRate(1.0).build(), 26L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void everyWaitCompletesNothingGoesBackwardsAndListenersSeeEachTransitionOnce(
      String name, EventDelivery delivery, long seed) {
    FakeAws aws = aws(seed, fleet(0.2));
    aws.eventBridgeBackend().setDelivery(delivery);
    String queue = setUpQueue(aws);
    try (ClusterMonitor monitor = monitor(aws, queue)) {
      List<CompletableFuture<?>> waits = new ArrayList<>();
      Map<String, ClusterTarget> targets = new LinkedHashMap<>();
      List<String> stepIds = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        boolean transientCluster = i % 2 == 0;
        String id =
            aws.emrBackend()
                .runJobFlow(cluster("c" + i, !transientCluster, step("s" + i)))
                .jobFlowId();
        ClusterTarget target = transientCluster ? ClusterTarget.TERMINATED : ClusterTarget.WAITING;
        targets.put(id, target);
        waits.add(monitor.await(id, target));
        waits.add(monitor.await(id, ClusterTarget.STARTED));
        String stepId =
            aws.emrBackend()
                .listSteps(ListStepsRequest.builder().clusterId(id).build())
                .steps()
                .get(0)
                .id();
        stepIds.add(stepId);
        waits.add(monitor.awaitStep(id, stepId));
      }
      CompletableFuture<Void> all =
          CompletableFuture.allOf(
              waits.stream().map(f -> f.handle((v, t) -> null)).toArray(CompletableFuture[]::new));
      aws.time().runUntil(all, Duration.ofHours(2));
      assertThat(all).as("every wait completed (%s)", name).isDone();
      // Each outcome is the truth: a successful wait saw its target; a failed one, the end.
      for (CompletableFuture<?> f : waits) {
        if (f.isCompletedExceptionally()) {
          Throwable t = f.handle((v, e) -> e).join();
          Throwable cause = t instanceof CompletionException ? t.getCause() : t;
          assertThat(cause)
              .isInstanceOfAny(ClusterFailedException.class, StepFailedException.class);
        }
      }
      targets.forEach(
          (id, target) -> {
            ClusterState truth =
                aws.emrBackend()
                    .describeCluster(DescribeClusterRequest.builder().clusterId(id).build())
                    .cluster()
                    .status()
                    .state();
            List<ClusterState> states = seen.get(id);
            assertThat(states).as("%s seen", id).isNotEmpty();
            for (int i = 1; i < states.size(); i++) {
              assertThat(rank(states.get(i)))
                  .as("%s never moves back: %s", id, states)
                  .isGreaterThanOrEqualTo(rank(states.get(i - 1)));
              assertThat(states.get(i))
                  .as("%s: each transition once: %s", id, states)
                  .isNotEqualTo(states.get(i - 1));
            }
            // Outside RUNNING <-> WAITING (which EMR alternates), each stage is reported once.
            assertThat(states.stream().filter(st -> rank(st) != Lifecycle.UP).toList())
                .as("%s: no stage reported twice: %s", id, states)
                .doesNotHaveDuplicates();
            assertThat(rank(states.get(states.size() - 1))).isLessThanOrEqualTo(rank(truth));
          });
      for (String stepId : stepIds) {
        List<StepState> states = stepsSeen.get(stepId);
        assertThat(states).as("step %s seen", stepId).isNotEmpty().doesNotHaveDuplicates();
        for (int i = 1; i < states.size(); i++) {
          assertThat(Lifecycle.rank(states.get(i)))
              .isGreaterThan(Lifecycle.rank(states.get(i - 1)));
        }
      }
      // Every message was applied (or ignored) and deleted.
      aws.time().advance(Duration.ofMinutes(2));
      assertThat(aws.sqsBackend().messages("emr-launch-monitor")).isEmpty();
    }
    if (delivery.dropRate() < 1.0 && delivery.dropRate() > 0) {
      assertThat(aws.eventBridgeBackend().stats().get("dropped")).isPositive();
    }
  }

  @Test
  void aLostDecisiveEventCostsAtMostOneReconciliationPeriod() {
    FakeAws aws = aws(5, fleet(0.1));
    aws.eventBridgeBackend().setDelivery(EventDelivery.builder().dropRate(1.0).build());
    String queue = setUpQueue(aws);
    Map<String, Instant> completedAt = new ConcurrentHashMap<>();
    try (ClusterMonitor monitor = monitor(aws, queue)) {
      List<CompletableFuture<?>> waits = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        String id = aws.emrBackend().runJobFlow(cluster("c" + i, true)).jobFlowId();
        waits.add(
            monitor
                .await(id, ClusterTarget.STARTED)
                .handle((s, t) -> completedAt.put(id, aws.time().now())));
      }
      aws.time()
          .runUntil(
              CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)), Duration.ofHours(1))
          .join();
    }
    assertThat(completedAt).hasSize(30);
    completedAt.forEach(
        (id, at) ->
            assertThat(Duration.between(decidedAt.get(id), at))
                .isLessThanOrEqualTo(RECONCILE.plusSeconds(5)));
  }

  @Test
  void anEventDoesNotLetAListingMistakeAnOldRunningClusterForWaiting() {
    // A cluster created long before the wait (so older than the listing's creation window) runs a
    // two-hour step. Its descriptions are throttled, so its creation time stays unknown; then a
    // RUNNING event arrives. The event must not count as "was listed": the pending listing does
    // not show the cluster (too old), and reading that absence as "moved on to WAITING" would
    // complete the wait while the cluster is still RUNNING.
    EmrBehavior longStep =
        EmrBehavior.builder()
            .startingTime(DurationDistribution.fixed(Duration.ofMinutes(1)))
            .bootstrappingTime(DurationDistribution.fixed(Duration.ofMinutes(2)))
            .stepRunTime(DurationDistribution.fixed(Duration.ofHours(2)))
            .build();
    FakeAws aws = aws(11, longStep);
    String id = aws.emrBackend().runJobFlow(cluster("old", true, step("long"))).jobFlowId();
    aws.time().advance(Duration.ofMinutes(30));
    String queue = setUpQueue(aws); // after the boot: its events are not in the queue
    aws.faults().on(FakeAws.EMR, "DescribeCluster").always().throttle();
    try (ClusterMonitor monitor = monitor(aws, queue)) {
      CompletableFuture<ClusterSnapshot> up = monitor.await(id, ClusterTarget.WAITING);
      aws.time().advance(Duration.ofSeconds(30));
      aws.sqsBackend()
          .sendMessage(
              SendMessageRequest.builder()
                  .queueUrl(queue)
                  .messageBody(
                      "{\"source\":\"aws.emr\",\"detail-type\":\"EMR Cluster State Change\","
                          + "\"time\":\""
                          + aws.clock().instant().toString().replaceAll("\\.\\d+", "")
                          + "\",\"detail\":{\"clusterId\":\""
                          + id
                          + "\",\"name\":\"old\",\"state\":\"RUNNING\"}}")
                  .build());
      aws.time().advance(Duration.ofMinutes(16));
      assertThat(monitor.lastSeen(id).flatMap(ClusterSnapshot::state))
          .contains(ClusterState.RUNNING);
      assertThat(
              aws.emrBackend()
                  .describeCluster(DescribeClusterRequest.builder().clusterId(id).build())
                  .cluster()
                  .status()
                  .state())
          .isEqualTo(ClusterState.RUNNING);
      assertThat(up).isNotDone();
    }
  }

  @Test
  void eventsOfClustersNobodyWatchesAndUnreadableMessagesAreDeletedAndIgnored() {
    FakeAws aws = aws(7, fleet(0.0));
    String queue = setUpQueue(aws);
    try (ClusterMonitor monitor = monitor(aws, queue)) {
      for (int i = 0; i < 5; i++) {
        aws.emrBackend().runJobFlow(cluster("unwatched" + i, false));
      }
      aws.sqsBackend()
          .sendMessage(
              SendMessageRequest.builder().queueUrl(queue).messageBody("not an event").build());
      aws.sqsBackend()
          .sendMessage(
              SendMessageRequest.builder()
                  .queueUrl(queue)
                  .messageBody("{\"source\":\"aws.ec2\",\"detail-type\":\"x\",\"detail\":{}}")
                  .build());
      aws.time().advance(Duration.ofMinutes(20));
      assertThat(aws.eventBridgeBackend().stats().get("delivered")).isGreaterThan(10);
      assertThat(aws.sqsBackend().messages("emr-launch-monitor")).isEmpty();
      assertThat(aws.calls().count(FakeAws.EMR)).isZero();
      assertThat(monitor.callCounts()).isEmpty();
    }
  }

  @Test
  void stepEventsCompleteStepWaitsAndAFailureCarriesEmrsDetails() {
    FakeAws aws =
        aws(
            9,
            EmrBehavior.builder()
                .startingTime(DurationDistribution.fixed(Duration.ofMinutes(1)))
                .bootstrappingTime(DurationDistribution.fixed(Duration.ofMinutes(2)))
                .stepRunTime(DurationDistribution.fixed(Duration.ofMinutes(4)))
                .step(
                    "bad",
                    io.emrlaunch.testkit.emr.StepScript.failing(StepFailure.of("Exit 1", "boom")))
                .build());
    String queue = setUpQueue(aws);
    try (ClusterMonitor monitor = monitor(aws, queue)) {
      String id =
          aws.emrBackend()
              .runJobFlow(cluster("steps", true, step("good"), step("bad")))
              .jobFlowId();
      List<String> steps =
          aws
              .emrBackend()
              .listSteps(ListStepsRequest.builder().clusterId(id).build())
              .steps()
              .stream()
              .map(s -> s.id())
              .toList();
      // ListSteps is newest first.
      CompletableFuture<StepSnapshot> good = monitor.awaitStep(id, steps.get(1));
      CompletableFuture<StepSnapshot> bad = monitor.awaitStep(id, steps.get(0));
      aws.time().runUntil(bad.handle((v, t) -> v), Duration.ofHours(1));
      assertThat(good.join().state()).isEqualTo(StepState.COMPLETED);
      assertThatThrownBy(bad::join)
          .hasCauseInstanceOf(StepFailedException.class)
          .cause()
          .satisfies(
              e -> {
                StepSnapshot s = ((StepFailedException) e).snapshot();
                assertThat(s.failureReason()).contains("Exit 1");
                assertThat(s.failureMessage()).contains("boom");
              });
      assertThat(monitor.callCounts()).containsEntry("DescribeStep", 1L);
    }
  }

  @Test
  void aClusterFailureFromAnEventCarriesEmrsReasonAndDescription() {
    FakeAws aws =
        aws(
            13,
            EmrBehavior.builder()
                .startingTime(DurationDistribution.fixed(Duration.ofMinutes(1)))
                .bootstrappingTime(DurationDistribution.fixed(Duration.ofMinutes(3)))
                .clusterFailureRate(1.0, ClusterFailure.bootstrapFailure())
                .build());
    String queue = setUpQueue(aws);
    try (ClusterMonitor monitor = monitor(aws, queue)) {
      String id = aws.emrBackend().runJobFlow(cluster("fails", true)).jobFlowId();
      CompletableFuture<ClusterSnapshot> up = monitor.await(id, ClusterTarget.STARTED);
      aws.time().runUntil(up.handle((v, t) -> v), Duration.ofMinutes(30));
      assertThatThrownBy(up::join)
          .hasCauseInstanceOf(ClusterFailedException.class)
          .cause()
          .satisfies(
              e -> {
                ClusterSnapshot s = ((ClusterFailedException) e).snapshot();
                assertThat(s.reasonCode()).contains("BOOTSTRAP_FAILURE");
              });
      // Well before any reconciliation: the TERMINATING event decided it.
      assertThat(Duration.between(decidedAt.get(id), aws.time().now()))
          .isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void sqsErrorsOnlyDelayTheFeedAndClosingStopsIt() {
    FakeAws aws = aws(17, fleet(0.1));
    String queue = setUpQueue(aws);
    aws.faults().on(FakeAws.SQS, "ReceiveMessage").withProbability(0.3).serverError();
    aws.faults().on(FakeAws.SQS, "DeleteMessageBatch").withProbability(0.3).throttle();
    List<CompletableFuture<?>> waits = new ArrayList<>();
    ClusterMonitor monitor = monitor(aws, queue);
    for (int i = 0; i < 20; i++) {
      String id = aws.emrBackend().runJobFlow(cluster("c" + i, true)).jobFlowId();
      waits.add(monitor.await(id, ClusterTarget.STARTED).handle((v, t) -> v));
    }
    aws.time()
        .runUntil(
            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)), Duration.ofHours(1))
        .join();
    assertThat(aws.calls().calls(FakeAws.SQS, "ReceiveMessage"))
        .anySatisfy(c -> assertThat(c.succeeded()).isFalse());
    assertThat(aws.calls().calls(FakeAws.SQS, "DeleteMessageBatch"))
        .anySatisfy(c -> assertThat(c.succeeded()).isFalse());
    // Failed deletes bring messages back after their visibility timeout: applied again, harmless.
    seen.values()
        .forEach(
            states ->
                assertThat(states.stream().filter(st -> rank(st) != Lifecycle.UP).toList())
                    .doesNotHaveDuplicates());
    monitor.close();
    aws.time().advance(Duration.ofMinutes(1));
    long receives = aws.calls().count(FakeAws.SQS, "ReceiveMessage");
    aws.time().advance(Duration.ofMinutes(10));
    assertThat(aws.calls().count(FakeAws.SQS, "ReceiveMessage")).isEqualTo(receives);
  }

  @Test
  void withoutItsQueueTheMonitorFallsBackToPolling() {
    FakeAws aws = aws(19, fleet(0.1));
    Map<String, Instant> completedAt = new ConcurrentHashMap<>();
    // No setup: the queue does not exist, every receive fails.
    try (ClusterMonitor monitor = monitor(aws, "http://127.0.0.1:9/123456789012/missing")) {
      List<CompletableFuture<?>> waits = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String id = aws.emrBackend().runJobFlow(cluster("c" + i, true)).jobFlowId();
        waits.add(
            monitor
                .await(id, ClusterTarget.STARTED)
                .handle((s, t) -> completedAt.put(id, aws.time().now())));
      }
      aws.time()
          .runUntil(
              CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)), Duration.ofHours(1))
          .join();
    }
    assertThat(aws.calls().calls(FakeAws.SQS, "ReceiveMessage"))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.succeeded()).isFalse());
    // The polling cadence (at most a minute between polls), not the 5-minute reconciliation.
    completedAt.forEach(
        (id, at) ->
            assertThat(Duration.between(decidedAt.get(id), at))
                .isLessThanOrEqualTo(Duration.ofSeconds(65)));
  }

  @Test
  void badConfigurationNamesTheFields() {
    assertThatThrownBy(
            () -> MonitorEvents.builder().reconciliationPeriod(Duration.ofSeconds(1)).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("MonitorEvents.queueUrl")
        .hasMessageContaining("MonitorEvents.sqs")
        .hasMessageContaining("MonitorEvents.reconciliationPeriod");
    FakeAws aws = FakeAws.create();
    assertThatThrownBy(
            () ->
                MonitorEvents.builder()
                    .queueUrl("q")
                    .sqs(aws.sqsAsync())
                    .waitTime(Duration.ofSeconds(21))
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("MonitorEvents.waitTime");
  }

  static int rank(ClusterState s) {
    return s == null ? Lifecycle.UP : Lifecycle.rank(s);
  }
}
