package io.emrlaunch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.testkit.emr.Requests;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;

class ClientViewsTest {
  private final FakeAws aws = FakeAws.create();
  private final EmrClient emr = aws.emr();
  private final EmrAsyncClient emrAsync = aws.emrAsync();

  @Test
  void syncAndAsyncViewsReachTheSameBackendAndConsumerOverloadsEndInTheOperation() {
    String id = emr.runJobFlow(Requests.cluster("a", true).build()).jobFlowId();

    DescribeClusterResponse viaConsumer = emr.describeCluster(r -> r.clusterId(id));
    DescribeClusterResponse viaAsync = emrAsync.describeCluster(r -> r.clusterId(id)).join();

    assertThat(viaConsumer.cluster().id()).isEqualTo(id);
    assertThat(viaAsync.cluster().status().state()).isEqualTo(ClusterState.STARTING);
    assertThat(aws.calls().count(FakeAws.EMR, "DescribeCluster")).isEqualTo(2);
    assertThat(aws.calls().count(FakeAws.EMR, "RunJobFlow")).isEqualTo(1);
  }

  @Test
  void noArgumentOverloadsAndPaginatorsGoThroughTheMainOperation() {
    for (int i = 0; i < 120; i++) {
      emr.runJobFlow(Requests.cluster("c" + i, true).build());
    }
    assertThat(emr.listClusters().clusters()).hasSize(50);
    assertThat(emr.listClustersPaginator(r -> {}).clusters().stream().map(ClusterSummary::name))
        .hasSize(120)
        .startsWith("c119", "c118")
        .endsWith("c0");
    // 1 (no-arg) + 3 pages
    assertThat(aws.calls().count(FakeAws.EMR, "ListClusters")).isEqualTo(4);
  }

  @Test
  void anOperationTheBackendLacksIsNamedInTheError() {
    assertThatThrownBy(() -> emr.listNotebookExecutions(r -> {}))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("FakeEmr does not implement ListNotebookExecutions");
    assertThatThrownBy(() -> emrAsync.getBlockPublicAccessConfiguration(r -> {}))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("FakeEmr does not implement GetBlockPublicAccessConfiguration");
  }

  @Test
  void clientPlumbingIsAnsweredSensibly() {
    assertThat(emr.serviceName()).isEqualTo(EmrClient.SERVICE_NAME);
    assertThat(emrAsync.serviceName()).isEqualTo("elasticmapreduce");
    assertThat(emr.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
    assertThat(emr.toString()).contains("EmrClient", "FakeEmr");
    assertThat(emr).isEqualTo(emr).isNotEqualTo(aws.emrAsync());
    emr.close();
    emrAsync.close();
    assertThat(emr.listClusters().clusters()).isEmpty(); // closing a view changes nothing
    assertThatThrownBy(emr::waiter)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("async");
    assertThat(emrAsync.waiter()).isNotNull();
  }

  @Test
  void syncErrorsAreTheModelledExceptionWithCodeStatusAndService() {
    assertThatThrownBy(() -> emr.describeCluster(r -> r.clusterId("j-NOPE")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestException");
              assertThat(e.awsErrorDetails().serviceName()).isEqualTo("EMR");
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage()).contains("j-NOPE");
              assertThat(e.isThrottlingException()).isFalse();
            });
    assertThat(aws.calls().calls(FakeAws.EMR, "DescribeCluster").get(0).error()).isPresent();
  }

  @Test
  void asyncErrorsCompleteTheFutureWithACompletionExceptionAsTheSdkDoes() {
    CompletableFuture<DescribeClusterResponse> future =
        emrAsync.describeCluster(r -> r.clusterId("j-NOPE"));

    assertThat(future).isCompletedExceptionally();
    assertThatThrownBy(future::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(future::get)
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(InvalidRequestException.class);
    Throwable[] seen = new Throwable[1];
    future.whenComplete((r, e) -> seen[0] = e);
    assertThat(seen[0]).isInstanceOf(CompletionException.class);
  }
}
