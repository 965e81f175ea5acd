package io.emrlaunch.testkit.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.waiters.EmrAsyncWaiter;

/** The AWS SDK's own async waiter, driven through the fake in virtual time. */
class EmrWaiterTest {
  private static final java.time.Instant START = io.emrlaunch.testkit.VirtualTime.DEFAULT_START;

  @Test
  void sdkWaiterSeesATwentyMinuteBootInVirtualTime() {
    FakeAws aws =
        FakeAws.builder()
            .emrBehavior(
                EmrBehavior.builder()
                    .startingTime(DurationDistribution.fixed(Duration.ofMinutes(8)))
                    .bootstrappingTime(DurationDistribution.fixed(Duration.ofMinutes(12)))
                    .build())
            .build();
    long realStart = System.nanoTime();
    String id = aws.emr().runJobFlow(Requests.cluster("nightly", true).build()).jobFlowId();

    EmrAsyncWaiter waiter =
        EmrAsyncWaiter.builder()
            .client(aws.emrAsync())
            .scheduledExecutorService(aws.scheduler())
            .build();
    CompletableFuture<WaiterResponse<DescribeClusterResponse>> running =
        waiter.waitUntilClusterRunning(r -> r.clusterId(id));
    aws.time().runUntil(running, Duration.ofHours(1));

    WaiterResponse<DescribeClusterResponse> response = running.join();
    long realMillis = (System.nanoTime() - realStart) / 1_000_000;
    System.out.printf(
        "EmrWaiterTest: 20 min virtual boot waited in %d ms real time (%d DescribeCluster calls)%n",
        realMillis, aws.calls().count(FakeAws.EMR, "DescribeCluster"));

    assertThat(response.matched().response())
        .hasValueSatisfying(
            r -> assertThat(r.cluster().status().state()).isEqualTo(ClusterState.WAITING));
    assertThat(aws.time().now())
        .isBetween(START.plus(Duration.ofMinutes(20)), START.plus(Duration.ofMinutes(21)));
    // the SDK waiter polls every 30 s by default: a 20-minute boot takes ~41 attempts
    assertThat(response.attemptsExecuted()).isBetween(38, 45);
    assertThat(aws.calls().count(FakeAws.EMR, "DescribeCluster"))
        .isEqualTo(response.attemptsExecuted());
  }

  @Test
  void sdkWaiterFailsWhenBootstrapFails() {
    FakeAws aws =
        FakeAws.builder()
            .emrBehavior(
                EmrBehavior.builder()
                    .cluster("broken", ClusterScript.failing(ClusterFailure.bootstrapFailure()))
                    .build())
            .build();
    String id = aws.emr().runJobFlow(Requests.cluster("broken", true).build()).jobFlowId();

    CompletableFuture<WaiterResponse<DescribeClusterResponse>> running =
        aws.emrAsync().waiter().waitUntilClusterRunning(r -> r.clusterId(id));
    aws.time().runUntil(running, Duration.ofHours(1));

    assertThat(running).isCompletedExceptionally();
    Throwable failure = unwrap(running.handle((r, e) -> e).join());
    assertThat(failure)
        .isInstanceOf(SdkClientException.class)
        .hasMessageContaining("Cluster.Status.State=TERMINATING")
        .hasMessageContaining("transitioned the waiter to failure state");
    var cluster = aws.emr().describeCluster(r -> r.clusterId(id)).cluster();
    assertThat(cluster.status().state())
        .isIn(ClusterState.TERMINATING, ClusterState.TERMINATED_WITH_ERRORS);
    assertThat(cluster.status().stateChangeReason().code())
        .isEqualTo(ClusterStateChangeReasonCode.BOOTSTRAP_FAILURE);
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof java.util.concurrent.CompletionException && e.getCause() != null
        ? e.getCause()
        : e;
  }

  /**
   * Documents an SDK fact the launcher's monitor must do better on: one throttle fails the waiter.
   */
  @Test
  void sdkWaiterGivesUpOnTheFirstThrottle() {
    FakeAws aws = FakeAws.create();
    String id = aws.emr().runJobFlow(Requests.cluster("busy", true).build()).jobFlowId();
    aws.faults().on(FakeAws.EMR, "DescribeCluster").next(3).throttle();

    CompletableFuture<WaiterResponse<DescribeClusterResponse>> running =
        aws.emrAsync().waiter().waitUntilClusterRunning(r -> r.clusterId(id));
    aws.time().runUntil(running, Duration.ofHours(1));

    assertThat(running).isCompletedExceptionally();
    assertThat(unwrap(running.handle((r, e) -> e).join()))
        .isInstanceOf(SdkClientException.class)
        .hasMessageContaining("did not match any waiter acceptors");
    assertThat(aws.calls().count(FakeAws.EMR, "DescribeCluster")).isEqualTo(1);
  }

  @Test
  void sdkStepWaiterSeesCompletionAndFailure() {
    FakeAws aws =
        FakeAws.builder()
            .emrBehavior(
                EmrBehavior.builder()
                    .step(
                        "bad",
                        StepScript.failing(StepFailure.of("Out of memory", "Container killed")))
                    .build())
            .build();
    String id =
        aws.emr()
            .runJobFlow(
                Requests.cluster("steps", true)
                    .steps(
                        Requests.step(
                            "good",
                            software.amazon.awssdk.services.emr.model.ActionOnFailure.CONTINUE),
                        Requests.step(
                            "bad",
                            software.amazon.awssdk.services.emr.model.ActionOnFailure.CONTINUE))
                    .build())
            .jobFlowId();
    var steps = aws.emr().listSteps(r -> r.clusterId(id)).steps(); // newest first
    String bad = steps.get(0).id();
    String good = steps.get(1).id();

    var waiter = aws.emrAsync().waiter();
    var goodDone = waiter.waitUntilStepComplete(r -> r.clusterId(id).stepId(good));
    var badDone = waiter.waitUntilStepComplete(r -> r.clusterId(id).stepId(bad));
    aws.time()
        .runUntil(
            CompletableFuture.allOf(goodDone, badDone.handle((r, e) -> null)), Duration.ofHours(1));

    assertThat(goodDone.join().matched().response())
        .hasValueSatisfying(
            r -> assertThat(r.step().status().stateAsString()).isEqualTo("COMPLETED"));
    assertThat(badDone).isCompletedExceptionally();
    assertThat(unwrap(badDone.handle((r, e) -> e).join()))
        .isInstanceOf(SdkClientException.class)
        .hasMessageContaining("Step.Status.State=FAILED");
  }
}
