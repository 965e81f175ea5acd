package io.emrlaunch.core.launch;

import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.ClusterFailure;
import io.emrlaunch.testkit.emr.ClusterScript;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import io.emrlaunch.testkit.emr.FakeEmr;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;
import software.amazon.awssdk.services.emr.model.CreateSecurityConfigurationRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.DescribeStepRequest;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.RunJobFlowResponse;
import software.amazon.awssdk.services.emr.model.Step;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * The core tests' view of the testkit's in-memory EMR: cluster scripts, seeding and inspection
 * straight on the {@link FakeEmr} backend, so none of it shows up in the {@code CallLog} that the
 * tests count the code under test's calls with.
 */
final class FakeFleet {
  final FakeAws aws;
  private final List<String> ids = new CopyOnWriteArrayList<>();
  private final Map<String, String> names = new ConcurrentHashMap<>();
  private final Map<String, Instant> changedAt = new ConcurrentHashMap<>();

  FakeFleet(FakeAws aws) {
    this.aws = aws;
    backend()
        .onClusterStateChange(
            (id, name, state, at) -> {
              if (state == ClusterState.STARTING) {
                ids.add(id);
                names.put(id, name);
              }
              changedAt.put(id, at);
            });
    // RunJobFlowRequestsTest.profile() names this security configuration; EMR checks it exists.
    backend()
        .createSecurityConfiguration(
            CreateSecurityConfigurationRequest.builder()
                .name("analytics-secure-sc")
                .securityConfiguration("{}")
                .build());
  }

  FakeEmr backend() {
    return aws.emrBackend();
  }

  /** Scripts what happens to clusters and steps from now on. */
  void behave(EmrBehavior.Builder behavior) {
    backend().setBehavior(behavior.build());
  }

  /** A cluster that spends {@code total} booting: a third STARTING, the rest BOOTSTRAPPING. */
  static ClusterScript boots(Duration total) {
    return ClusterScript.defaults()
        .withStartingTime(DurationDistribution.fixed(total.dividedBy(3)))
        .withBootstrappingTime(DurationDistribution.fixed(total.minus(total.dividedBy(3))));
  }

  /** A cluster whose bootstrap action fails {@code after} its launch, with {@code message}. */
  static ClusterScript failsBootstrap(Duration after, String message) {
    return boots(after)
        .failingWith(
            ClusterFailure.of(
                ClusterFailure.Stage.BOOTSTRAPPING,
                ClusterStateChangeReasonCode.BOOTSTRAP_FAILURE,
                message));
  }

  /** A valid one-master RunJobFlow request. */
  static RunJobFlowRequest request(String name, boolean keepAlive, StepConfig... steps) {
    return RunJobFlowRequest.builder()
        .name(name)
        .releaseLabel("emr-7.5.0")
        .applications(Application.builder().name("Spark").build())
        .serviceRole("EMR_DefaultRole")
        .jobFlowRole("EMR_EC2_DefaultRole")
        .logUri("s3://logs/emr/")
        .instances(
            i ->
                i.keepJobFlowAliveWhenNoSteps(keepAlive)
                    .instanceGroups(
                        InstanceGroupConfig.builder()
                            .instanceRole(InstanceRoleType.MASTER)
                            .instanceType("m5.xlarge")
                            .instanceCount(1)
                            .build()))
        .steps(steps)
        .build();
  }

  /** Creates a cluster behind the code under test's back (not in the call log). */
  String seed(String name, boolean keepAlive) {
    return backend().runJobFlow(request(name, keepAlive)).jobFlowId();
  }

  Cluster describe(String id) {
    return backend()
        .describeCluster(DescribeClusterRequest.builder().clusterId(id).build())
        .cluster();
  }

  ClusterState state(String id) {
    return describe(id).status().state();
  }

  Map<String, String> tags(String id) {
    return describe(id).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }

  boolean terminationProtected(String id) {
    return describe(id).terminationProtected();
  }

  StepState stepState(String clusterId, String stepId) {
    return step(clusterId, stepId).status().state();
  }

  List<String> stepArgs(String clusterId, String stepId) {
    return step(clusterId, stepId).config().args();
  }

  private Step step(String clusterId, String stepId) {
    return backend()
        .describeStep(DescribeStepRequest.builder().clusterId(clusterId).stepId(stepId).build())
        .step();
  }

  /** The RunJobFlow request, as the code under test sent it, that made cluster {@code id}. */
  RunJobFlowRequest runJobFlowRequest(String id) {
    return aws.calls().calls(FakeAws.EMR, "RunJobFlow").stream()
        .filter(
            c ->
                c.response()
                    .map(r -> id.equals(((RunJobFlowResponse) r).jobFlowId()))
                    .orElse(false))
        .map(c -> (RunJobFlowRequest) c.request())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no RunJobFlow made " + id));
  }

  /** Every cluster ever created, oldest first. */
  List<String> clusterIds() {
    return List.copyOf(ids);
  }

  List<String> clusterIdsNamed(String name) {
    return ids.stream().filter(id -> name.equals(names.get(id))).toList();
  }

  /** When the cluster last changed state. */
  Instant stateChangedAt(String id) {
    return changedAt.get(id);
  }

  long calls(String operation) {
    return aws.calls().count(FakeAws.EMR, operation);
  }

  long totalCalls() {
    return aws.calls().count(FakeAws.EMR);
  }

  /** The requests of one operation as the code under test sent them. */
  <T> List<T> requests(String operation, Class<T> type) {
    return aws.calls().requests(FakeAws.EMR, operation, type);
  }

  static Duration minutes(long m) {
    return Duration.ofMinutes(m);
  }
}
