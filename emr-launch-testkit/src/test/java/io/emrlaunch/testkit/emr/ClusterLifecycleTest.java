package io.emrlaunch.testkit.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.emr.model.InstanceCollectionType;
import software.amazon.awssdk.services.emr.model.InstanceGroupState;
import software.amazon.awssdk.services.emr.model.RunJobFlowResponse;

class ClusterLifecycleTest {
  private static final Instant T0 = VirtualTime.DEFAULT_START;
  private final FakeAws aws = FakeAws.create(); // defaults: STARTING 3 min, BOOTSTRAPPING 5 min
  private final EmrClient emr = aws.emr();

  private Cluster describe(String id) {
    return emr.describeCluster(r -> r.clusterId(id)).cluster();
  }

  @Test
  void idsAndArnsLookLikeEmrs() {
    RunJobFlowResponse response = emr.runJobFlow(Requests.cluster("a", true).build());
    assertThat(response.jobFlowId()).matches("j-[0-9A-Z]{13}");
    assertThat(response.clusterArn())
        .isEqualTo(
            "arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/" + response.jobFlowId());
    String groupId =
        emr.listInstanceGroups(r -> r.clusterId(response.jobFlowId())).instanceGroups().get(0).id();
    assertThat(groupId).matches("ig-[0-9A-Z]{13}");
  }

  @Test
  void aKeepAliveClusterBootsToWaitingWithTimeline() {
    String id = emr.runJobFlow(Requests.cluster("persistent", true).build()).jobFlowId();

    Cluster starting = describe(id);
    assertThat(starting.status().state()).isEqualTo(ClusterState.STARTING);
    assertThat(starting.status().timeline().creationDateTime()).isEqualTo(T0);
    assertThat(starting.status().timeline().readyDateTime()).isNull();
    assertThat(starting.autoTerminate()).isFalse();
    assertThat(starting.releaseLabel()).isEqualTo("emr-6.15.0");
    assertThat(starting.instanceCollectionType()).isEqualTo(InstanceCollectionType.INSTANCE_GROUP);
    assertThat(starting.ec2InstanceAttributes().ec2SubnetId()).isEqualTo("subnet-0abc");
    assertThat(starting.applications()).extracting(a -> a.name()).containsExactly("Spark");

    aws.time().advance(Duration.ofMinutes(3));
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.BOOTSTRAPPING);
    assertThat(emr.listInstanceGroups(r -> r.clusterId(id)).instanceGroups())
        .allMatch(g -> g.status().state() == InstanceGroupState.BOOTSTRAPPING);

    aws.time().advance(Duration.ofMinutes(5));
    Cluster waiting = describe(id);
    assertThat(waiting.status().state()).isEqualTo(ClusterState.WAITING);
    assertThat(waiting.status().stateChangeReason().message())
        .isEqualTo("Cluster ready to run steps.");
    assertThat(waiting.status().timeline().readyDateTime())
        .isEqualTo(T0.plus(Duration.ofMinutes(8)));
    assertThat(waiting.masterPublicDnsName()).endsWith(".ec2.internal");
    assertThat(emr.listInstanceGroups(r -> r.clusterId(id)).instanceGroups())
        .allMatch(g -> g.status().state() == InstanceGroupState.RUNNING)
        .allMatch(g -> g.runningInstanceCount().equals(g.requestedInstanceCount()));

    aws.time().advance(Duration.ofDays(2));
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.WAITING);
    assertThat(describe(id).normalizedInstanceHours()).isEqualTo(48 * 3 * 8);
  }

  @Test
  void aClusterWithoutStepsAndWithoutKeepAliveTerminatesAfterBoot() {
    String id = emr.runJobFlow(Requests.cluster("transient", false).build()).jobFlowId();
    aws.time().advance(Duration.ofMinutes(8));
    Cluster terminating = describe(id);
    assertThat(terminating.status().state()).isEqualTo(ClusterState.TERMINATING);
    assertThat(terminating.status().stateChangeReason().code())
        .isEqualTo(ClusterStateChangeReasonCode.ALL_STEPS_COMPLETED);

    aws.time().runUntilIdle();
    Cluster ended = describe(id);
    assertThat(ended.status().state()).isEqualTo(ClusterState.TERMINATED);
    assertThat(ended.status().stateChangeReason().message()).isEqualTo("Steps completed");
    assertThat(ended.status().timeline().endDateTime()).isEqualTo(T0.plus(Duration.ofMinutes(9)));
  }

  @Test
  void terminateJobFlowsEndsTheClusterWithUserRequest() {
    String id = emr.runJobFlow(Requests.cluster("p", true).build()).jobFlowId();
    aws.time().advance(Duration.ofMinutes(10));

    emr.terminateJobFlows(r -> r.jobFlowIds(id));
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.TERMINATING);
    aws.time().runUntilIdle();

    Cluster ended = describe(id);
    assertThat(ended.status().state()).isEqualTo(ClusterState.TERMINATED);
    assertThat(ended.status().stateChangeReason().code())
        .isEqualTo(ClusterStateChangeReasonCode.USER_REQUEST);
    assertThat(ended.status().stateChangeReason().message())
        .isEqualTo("Terminated by user request");
    assertThat(emr.listInstanceGroups(r -> r.clusterId(id)).instanceGroups())
        .allMatch(g -> g.status().state() == InstanceGroupState.ENDED);
  }

  @Test
  void aClusterCanBeTerminatedWhileStillStarting() {
    String id = emr.runJobFlow(Requests.cluster("p", true).build()).jobFlowId();
    emr.terminateJobFlows(r -> r.jobFlowIds(id));
    aws.time().runUntilIdle();
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.TERMINATED);
    assertThat(describe(id).status().timeline().readyDateTime()).isNull();
    // the boot tasks were cancelled: time stopped at the end of TERMINATING (1 min)
    assertThat(aws.time().now()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
  }

  @Test
  void terminationProtectionRefusesTerminateJobFlowsUntilLifted() {
    String id =
        emr.runJobFlow(
                Requests.cluster("protected", true)
                    .instances(
                        Requests.cluster("x", true).build().instances().toBuilder()
                            .terminationProtected(true)
                            .build())
                    .build())
            .jobFlowId();
    assertThat(describe(id).terminationProtected()).isTrue();

    assertThatThrownBy(() -> emr.terminateJobFlows(r -> r.jobFlowIds(id)))
        .isInstanceOfSatisfying(
            EmrException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.getMessage()).contains("termination protected");
            });
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.STARTING);

    emr.setTerminationProtection(r -> r.jobFlowIds(id).terminationProtected(false));
    emr.terminateJobFlows(r -> r.jobFlowIds(id));
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.TERMINATING);
  }

  @Test
  void scriptedFailuresEndTerminatedWithErrorsWithARealLookingReason() {
    FakeAws scripted =
        FakeAws.builder()
            .emrBehavior(
                EmrBehavior.builder()
                    .cluster(
                        "bad-bootstrap", ClusterScript.failing(ClusterFailure.bootstrapFailure()))
                    .cluster(
                        "bad-subnet",
                        ClusterScript.failing(
                            ClusterFailure.validationError(
                                "The subnet subnet-0abc does not exist.")))
                    .cluster("no-capacity", ClusterScript.failing(ClusterFailure.instanceFailure()))
                    .build())
            .build();
    EmrClient client = scripted.emr();
    String boot = client.runJobFlow(Requests.cluster("bad-bootstrap", true).build()).jobFlowId();
    String subnet = client.runJobFlow(Requests.cluster("bad-subnet", true).build()).jobFlowId();
    String capacity = client.runJobFlow(Requests.cluster("no-capacity", true).build()).jobFlowId();

    scripted.time().advance(Duration.ofMinutes(3)); // end of STARTING
    assertThat(client.describeCluster(r -> r.clusterId(subnet)).cluster().status().state())
        .isEqualTo(ClusterState.TERMINATING);
    assertThat(client.describeCluster(r -> r.clusterId(boot)).cluster().status().state())
        .isEqualTo(ClusterState.BOOTSTRAPPING);
    scripted.time().runUntilIdle();

    assertThat(reason(client, boot))
        .isEqualTo(
            "TERMINATED_WITH_ERRORS BOOTSTRAP_FAILURE On the master instance (i-0a1b2c3d4e5f60718),"
                + " bootstrap action 1 returned a non-zero return code");
    assertThat(reason(client, subnet))
        .isEqualTo(
            "TERMINATED_WITH_ERRORS VALIDATION_ERROR The subnet subnet-0abc does not exist.");
    assertThat(reason(client, capacity)).startsWith("TERMINATED_WITH_ERRORS INSTANCE_FAILURE ");
    assertThat(
            client
                .describeCluster(r -> r.clusterId(boot))
                .cluster()
                .status()
                .timeline()
                .readyDateTime())
        .isNull();
  }

  private static String reason(EmrClient client, String id) {
    var status = client.describeCluster(r -> r.clusterId(id)).cluster().status();
    return status.state()
        + " "
        + status.stateChangeReason().code()
        + " "
        + status.stateChangeReason().message();
  }

  @Test
  void unknownClustersAreInvalidRequests() {
    assertThatThrownBy(() -> emr.terminateJobFlows(r -> r.jobFlowIds("j-1234567890ABC")))
        .hasMessageContaining("Cluster id 'j-1234567890ABC' is not valid.");
  }
}
