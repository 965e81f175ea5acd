package io.emrlaunch.ssm.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.launch.MonitorCadence;
import io.emrlaunch.core.pool.ClusterPool;
import io.emrlaunch.core.pool.LeaseStore;
import io.emrlaunch.core.pool.PoolLease;
import io.emrlaunch.ssm.SsmLeaseStore;
import io.emrlaunch.testkit.moto.MotoTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.Tag;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;

/**
 * The lease and tag wiring over HTTP against moto (real wire, real threads): SSM's create-only
 * PutParameter is the claim, the pool tags are on the cluster, a second process waits for the slot
 * and gets it once released.
 */
@MotoTest
class ClusterPoolMotoTest {

  static ClusterPool pool(EmrAsyncClient emr, LeaseStore store, String owner, ClusterLauncher l) {
    return ClusterPool.builder()
        .name("moto")
        .profile(ClusterPoolConcurrencyTest.profile())
        .configuration(ClusterPoolConcurrencyTest.configuration())
        .maxClusters(1)
        .maxConcurrentJobs(1)
        .idleTimeout(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .launcher(l)
        .emr(emr)
        .leaseStore(store)
        .owner(owner)
        .build();
  }

  @Test
  void createOnlyClaimsAndTagsOverHttp(EmrAsyncClient emr, SsmAsyncClient ssm) throws Exception {
    LeaseStore store = SsmLeaseStore.of(ssm);
    assertThat(store.create("/emr-launch/pools/t/x/1", "a").get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(store.create("/emr-launch/pools/t/x/1", "b").get(10, TimeUnit.SECONDS)).isFalse();
    store.overwrite("/emr-launch/pools/t/x/1", "c").get(10, TimeUnit.SECONDS);
    assertThat(store.list("/emr-launch/pools/t/").get(10, TimeUnit.SECONDS))
        .isEqualTo(Map.of("/emr-launch/pools/t/x/1", "c"));
    store
        .delete(List.of("/emr-launch/pools/t/x/1", "/emr-launch/pools/t/x/2"))
        .get(10, TimeUnit.SECONDS);
    assertThat(store.list("/emr-launch/pools/t/").get(10, TimeUnit.SECONDS)).isEmpty();

    try (ClusterLauncher la = launcher(emr);
        ClusterLauncher lb = launcher(emr)) {
      ClusterPool a = pool(emr, store, "jvm-a", la);
      ClusterPool b = pool(emr, store, "jvm-b", lb);
      PoolLease first = a.acquire().get(60, TimeUnit.SECONDS);
      List<Tag> tags =
          emr.describeCluster(r -> r.clusterId(first.clusterId())).join().cluster().tags();
      assertThat(tags)
          .contains(
              Tag.builder().key(ClusterPool.POOL_TAG).value("moto").build(),
              Tag.builder().key(ClusterPool.POOL_KEY_TAG).value(a.poolKey()).build());
      Map<String, String> records =
          store.list(ClusterPool.RECORD_ROOT + "moto/").get(10, TimeUnit.SECONDS);
      assertThat(records.keySet())
          .anyMatch(n -> n.endsWith("/clusters/" + first.clusterId() + "/0/1"))
          .anyMatch(n -> n.contains("/launches/0/1"));

      CompletableFuture<PoolLease> second = b.acquire();
      Thread.sleep(2500); // more than two polls: the only slot is held, the pool is full
      assertThat(second).isNotDone();
      first.release().get(10, TimeUnit.SECONDS);
      PoolLease next = second.get(30, TimeUnit.SECONDS);
      assertThat(next.clusterId()).isEqualTo(first.clusterId());
      next.release().get(10, TimeUnit.SECONDS);
      assertThat(
              emr.listClusters(
                      r ->
                          r.clusterStates(
                              software.amazon.awssdk.services.emr.model.ClusterState.WAITING))
                  .join()
                  .clusters())
          .hasSize(1);
    }
  }

  static ClusterLauncher launcher(EmrAsyncClient emr) {
    return ClusterLauncher.builder()
        .emr(emr)
        .cadence(
            MonitorCadence.builder()
                .startupPeriod(Duration.ofMillis(200))
                .activePeriod(Duration.ofMillis(200))
                .build())
        .build();
  }
}
