package io.emrlaunch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.testkit.emr.Requests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.InternalServerErrorException;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

class FaultPlanTest {
  private final FakeAws aws = FakeAws.create();
  private final EmrClient emr = aws.emr();
  private final RunJobFlowRequest launch = Requests.cluster("etl", true).build();

  @Test
  void faultsAreOffByDefault() {
    for (int i = 0; i < 20; i++) {
      emr.listClusters();
    }
    assertThat(aws.calls().calls()).allMatch(RecordedCall::succeeded);
  }

  @Test
  void throttleTheNextTwoCallsThenSucceed() {
    Fault rule = aws.faults().on(FakeAws.EMR, "RunJobFlow").next(2).throttle();

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> emr.runJobFlow(launch))
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> {
                assertThat(e.isThrottlingException()).isTrue();
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                assertThat(e.awsErrorDetails().serviceName()).isEqualTo("EMR");
              });
    }
    assertThat(emr.runJobFlow(launch).jobFlowId()).startsWith("j-");

    assertThat(rule.fired()).isEqualTo(2);
    assertThat(rule.remaining()).isZero();
    // throttled calls never reached the backend
    assertThat(aws.emrBackend().clusterCount()).isEqualTo(1);
    assertThat(aws.calls().calls(FakeAws.EMR, "RunJobFlow"))
        .extracting(c -> c.injectedFault().orElse(null))
        .containsExactly(Fault.Kind.THROTTLING, Fault.Kind.THROTTLING, null);
  }

  @Test
  void serverErrorsAreEmrsModelledInternalServerError() {
    aws.faults().on(FakeAws.EMR, "*").always().serverError();
    assertThatThrownBy(() -> emr.listClusters())
        .isInstanceOfSatisfying(
            InternalServerErrorException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
              assertThat(e.isThrottlingException()).isFalse();
            });
    aws.faults().clear();
    assertThat(emr.listClusters().clusters()).isEmpty();
  }

  @Test
  void aLostResponseStillTakesEffect() {
    aws.faults().on(FakeAws.EMR, "RunJobFlow").next(1).loseResponse();

    assertThatThrownBy(() -> emr.runJobFlow(launch))
        .isInstanceOf(SdkClientException.class)
        .hasMessageContaining("Read timed out");

    assertThat(emr.listClusters().clusters()).hasSize(1); // the cluster exists anyway
    RecordedCall call = aws.calls().calls(FakeAws.EMR, "RunJobFlow").get(0);
    assertThat(call.response()).isPresent();
    assertThat(call.error()).containsInstanceOf(SdkClientException.class);
  }

  @Test
  void syncLatencyPassesInVirtualTime() {
    aws.faults().on(FakeAws.EMR, "ListClusters").always().latency(Duration.ofSeconds(3));
    var before = aws.time().now();
    emr.listClusters();
    assertThat(aws.time().now()).isEqualTo(before.plusSeconds(3));
    assertThat(aws.calls().calls().get(0).latency()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void asyncLatencyCompletesTheFutureOnlyWhenVirtualTimeHasPassed() {
    aws.faults().on(FakeAws.EMR, "ListClusters").next(1).latency(Duration.ofSeconds(2));
    CompletableFuture<ListClustersResponse> slow = aws.emrAsync().listClusters();
    assertThat(slow).isNotDone();
    aws.time().advance(Duration.ofMillis(1999));
    assertThat(slow).isNotDone();
    aws.time().advance(Duration.ofMillis(1));
    assertThat(slow).isCompleted();
    assertThat(aws.emrAsync().listClusters()).isCompleted(); // the rule was for one call only
  }

  @Test
  void asyncFaultsSurfaceAsCompletionExceptions() {
    aws.faults().on(FakeAws.EMR, "RunJobFlow").next(1).throttle();
    assertThatThrownBy(() -> aws.emrAsync().runJobFlow(launch).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            AwsServiceException.class, e -> assertThat(e.isThrottlingException()).isTrue());
  }

  @Test
  void probabilisticFaultsAreReproducibleForASeed() {
    assertThat(throttlePattern(7)).isEqualTo(throttlePattern(7)).isNotEqualTo(throttlePattern(8));
    List<Boolean> pattern = throttlePattern(7);
    long throttled = pattern.stream().filter(b -> b).count();
    assertThat(throttled).as("seed 7, p=0.3 over 200 calls").isBetween(35L, 85L);
  }

  private static List<Boolean> throttlePattern(long seed) {
    FakeAws aws = FakeAws.builder().seed(seed).build();
    aws.faults().on(FakeAws.EMR, "ListClusters").withProbability(0.3).throttle();
    List<Boolean> result = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      try {
        aws.emr().listClusters();
        result.add(false);
      } catch (AwsServiceException e) {
        result.add(true);
      }
    }
    return result;
  }

  @Test
  void rulesApplyOnlyToTheirOperationAndCanBeRemoved() {
    Fault rule = aws.faults().on(FakeAws.EMR, "DescribeCluster").always().throttle();
    emr.listClusters(); // other operation: unaffected
    assertThat(aws.faults().rules()).containsExactly(rule);
    rule.remove();
    assertThat(aws.faults().rules()).isEmpty();
    String id = emr.runJobFlow(launch).jobFlowId();
    assertThat(emr.describeCluster(r -> r.clusterId(id)).cluster().id()).isEqualTo(id);
  }

  @Test
  void invalidRulesAreRejected() {
    assertThatThrownBy(() -> aws.faults().on(FakeAws.EMR, "X").next(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> aws.faults().on(FakeAws.EMR, "X").withProbability(1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAsyncCallSlowerThanItsApiCallTimeoutFailsAtTheTimeoutAndStillLandsLater() {
    aws.faults().on(FakeAws.SSM, "PutParameter").next(1).latency(Duration.ofSeconds(40));
    var before = aws.time().now();
    var put =
        aws.ssmAsync()
            .putParameter(
                r ->
                    r.name("/late")
                        .value("v")
                        .type("String")
                        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(10))));
    aws.time().advance(Duration.ofMillis(9999));
    assertThat(put).isNotDone();
    aws.time().advance(Duration.ofMillis(1));
    assertThatThrownBy(put::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(ApiCallTimeoutException.class);
    assertThat(aws.ssmBackend().getParametersByPath(r -> r.path("/").recursive(true)).parameters())
        .isEmpty();
    aws.time().advance(Duration.ofSeconds(30));
    assertThat(aws.ssm().getParameter(r -> r.name("/late")).parameter().value()).isEqualTo("v");
    assertThat(aws.time().now()).isEqualTo(before.plusSeconds(40));
  }

  @Test
  void aSyncCallSlowerThanItsApiCallTimeoutThrowsAtTheTimeout() {
    aws.faults().on(FakeAws.SSM, "PutParameter").next(1).latency(Duration.ofSeconds(40));
    var before = aws.time().now();
    assertThatThrownBy(
            () ->
                aws.ssm()
                    .putParameter(
                        r ->
                            r.name("/late")
                                .value("v")
                                .type("String")
                                .overrideConfiguration(
                                    o -> o.apiCallTimeout(Duration.ofSeconds(10)))))
        .isInstanceOf(ApiCallTimeoutException.class);
    assertThat(aws.time().now()).isEqualTo(before.plusSeconds(10));
    aws.time().advance(Duration.ofSeconds(30));
    assertThat(aws.ssm().getParameter(r -> r.name("/late")).parameter().value()).isEqualTo("v");
  }

  @Test
  void aCallFasterThanItsApiCallTimeoutIsAnswered() {
    aws.faults().on(FakeAws.SSM, "PutParameter").next(1).latency(Duration.ofSeconds(5));
    var put =
        aws.ssmAsync()
            .putParameter(
                r ->
                    r.name("/quick")
                        .value("v")
                        .type("String")
                        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(10))));
    aws.time().advance(Duration.ofSeconds(5));
    assertThat(put.join().version()).isEqualTo(1L);
  }
}
