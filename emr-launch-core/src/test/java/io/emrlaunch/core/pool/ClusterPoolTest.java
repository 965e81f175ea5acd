package io.emrlaunch.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.launch.StepSnapshot;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.PresetOptions;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.Tag;

/** One pool on the testkit with the in-memory lease store, in virtual time. */
class ClusterPoolTest {
  final FakeAws aws = FakeAws.create(); // boot 8 min, steps 5 min
  final LeaseStore store = LeaseStore.inMemory();
  final ClusterLauncher launcher =
      ClusterLauncher.builder()
          .emr(aws.emrAsync())
          .scheduler(aws.scheduler())
          .clock(aws.clock())
          .build();

  static EmrProfile profile() {
    return EmrProfile.builder()
        .name("analytics")
        .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
        .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
        .logsBucket("my-emr-logs")
        .build();
  }

  static ClusterConfiguration configuration() {
    return ClusterPresets.instanceGroups(PresetOptions.of("spark-small", "subnet-0abc"));
  }

  ClusterPoolBuilder builder() {
    return ClusterPool.builder()
        .name("etl")
        .profile(profile())
        .configuration(configuration())
        .maxClusters(2)
        .maxConcurrentJobs(2)
        .idleTimeout(Duration.ofMinutes(10))
        .launcher(launcher)
        .emr(aws.emrAsync())
        .leaseStore(store)
        .scheduler(aws.scheduler())
        .clock(aws.clock());
  }

  <T> T await(CompletableFuture<T> f, Duration max) {
    aws.time().runUntil(f, max);
    assertThat(f).isDone();
    return f.join();
  }

  Cluster describe(String id) {
    return aws.emr().describeCluster(r -> r.clusterId(id)).cluster();
  }

  @Test
  void invalidSettingsNameEveryFieldAndSendNothing() {
    assertThatThrownBy(
            () ->
                builder()
                    .name("no spaces")
                    .maxClusters(0)
                    .maxConcurrentJobs(300)
                    .idleTimeout(Duration.ofSeconds(30))
                    .leaseStore(null)
                    .build())
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::path)
                    .containsExactlyInAnyOrder(
                        "name", "maxClusters", "maxConcurrentJobs", "idleTimeout", "leaseStore"));
    assertThat(aws.calls().calls()).isEmpty();
  }

  @Test
  void thePoolKeyFollowsWhatMakesClustersInterchangeable() {
    String key = builder().build().poolKey();
    assertThat(builder().build().poolKey()).isEqualTo(key);
    assertThat(builder().name("other").build().poolKey())
        .as("name is not part of it")
        .isEqualTo(key);
    assertThat(builder().configuration(configuration().withDescription("x")).build().poolKey())
        .isEqualTo(key);
    assertThat(
            builder()
                .configuration(configuration().withReleaseLabel("emr-7.1.0"))
                .build()
                .poolKey())
        .isNotEqualTo(key);
    assertThat(builder().maxConcurrentJobs(3).build().poolKey()).isNotEqualTo(key);
    assertThat(builder().idleTimeout(Duration.ofMinutes(11)).build().poolKey()).isNotEqualTo(key);
  }

  @Test
  void jobsReuseTheClusterItLaunchedWithPolicyTagsAndConcurrency() {
    ClusterPool pool = builder().build();
    List<StepSnapshot> first =
        await(pool.run(List.of(EmrStep.command("a", "echo", "a"))), Duration.ofMinutes(30));
    String id = first.get(0).clusterId();
    assertThat(first).extracting(StepSnapshot::state).containsExactly(StepState.COMPLETED);
    Cluster c = describe(id);
    assertThat(c.tags())
        .contains(
            Tag.builder().key(ClusterPool.POOL_TAG).value("etl").build(),
            Tag.builder().key(ClusterPool.POOL_KEY_TAG).value(pool.poolKey()).build());
    assertThat(c.stepConcurrencyLevel()).isEqualTo(2);
    assertThat(c.autoTerminate()).isFalse();
    RunJobFlowRequest sent =
        aws.calls().calls(FakeAws.EMR, "RunJobFlow").get(0).request(RunJobFlowRequest.class);
    assertThat(sent.autoTerminationPolicy().idleTimeout()).isEqualTo(600L);
    assertThat(sent.instances().keepJobFlowAliveWhenNoSteps()).isTrue();

    // a second job (two steps, run one after the other) lands on the same WAITING cluster
    List<StepSnapshot> second =
        await(
            pool.run(List.of(EmrStep.command("b1", "echo"), EmrStep.command("b2", "echo"))),
            Duration.ofMinutes(30));
    assertThat(second).extracting(StepSnapshot::clusterId).containsOnly(id);
    assertThat(aws.emrBackend().clusterCount()).isEqualTo(1);
    assertThat(aws.calls().count(FakeAws.EMR, "RunJobFlow")).isEqualTo(1);

    // idle for its timeout: EMR ends it; the next job launches a fresh one
    aws.time().advance(Duration.ofMinutes(11));
    assertThat(describe(id).status().state())
        .isIn(ClusterState.TERMINATING, ClusterState.TERMINATED);
    List<StepSnapshot> third =
        await(pool.run(List.of(EmrStep.command("c", "echo"))), Duration.ofMinutes(30));
    assertThat(third.get(0).clusterId()).isNotEqualTo(id);
  }

  @Test
  void aClaimWhoseHolderNeverReleasedItExpires() {
    ClusterPool pool =
        builder()
            .maxClusters(1)
            .maxConcurrentJobs(1)
            .idleTimeout(Duration.ofMinutes(60))
            .leaseTimeout(Duration.ofMinutes(20))
            .build();
    PoolLease crashed = await(pool.acquire(), Duration.ofMinutes(1)); // never released
    CompletableFuture<PoolLease> next = pool.acquire();
    aws.time().advance(Duration.ofMinutes(15));
    assertThat(next).as("the slot is still held").isNotDone();
    PoolLease taken = await(next, Duration.ofMinutes(10));
    assertThat(taken.clusterId()).isEqualTo(crashed.clusterId());
    assertThat(taken.slot()).isEqualTo(crashed.slot());
    Map<String, String> records =
        store.list(ClusterPool.RECORD_ROOT + "etl/" + pool.poolKey() + "/clusters/").join();
    assertThat(records.keySet()).anyMatch(n -> n.endsWith("/0/2")); // the next generation
  }

  @Test
  void runWithoutStepsFailsAndSendsNothing() {
    ClusterPool pool = builder().build();
    assertThat(pool.run(List.of())).isCompletedExceptionally();
    assertThat(aws.calls().calls()).isEmpty();
  }

  @Test
  void aClusterThatEndsBetweenClaimAndFirstStepSendsTheJobElsewhere() {
    ClusterPool warm = builder().build();
    String first =
        await(warm.run(List.of(EmrStep.command("warm", "echo"))), Duration.ofMinutes(30))
            .get(0)
            .clusterId();
    // the idle timeout "fires" right after the next claim, before AddJobFlowSteps
    java.util.concurrent.atomic.AtomicBoolean fired =
        new java.util.concurrent.atomic.AtomicBoolean();
    LeaseStore racing =
        new LeaseStore() {
          @Override
          public CompletableFuture<Map<String, String>> list(String prefix) {
            return store.list(prefix);
          }

          @Override
          public CompletableFuture<Boolean> create(String name, String value) {
            if (name.contains("/clusters/" + first + "/") && fired.compareAndSet(false, true)) {
              aws.emr().terminateJobFlows(r -> r.jobFlowIds(first));
            }
            return store.create(name, value);
          }

          @Override
          public CompletableFuture<Void> overwrite(String name, String value) {
            return store.overwrite(name, value);
          }

          @Override
          public CompletableFuture<Void> delete(java.util.Collection<String> names) {
            return store.delete(names);
          }
        };
    ClusterPool pool = builder().leaseStore(racing).build();
    List<StepSnapshot> done =
        await(pool.run(List.of(EmrStep.command("job", "echo"))), Duration.ofMinutes(30));
    assertThat(fired).isTrue();
    assertThat(done.get(0).clusterId()).isNotEqualTo(first);
    assertThat(done.get(0).state()).isEqualTo(StepState.COMPLETED);
  }
}
