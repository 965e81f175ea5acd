package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.OverrideType;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.LaunchInputs;
import io.emrlaunch.core.repository.RecordFormat;
import io.emrlaunch.core.repository.RecordKind;
import io.emrlaunch.core.repository.RecordNotFoundException;
import io.emrlaunch.core.repository.RecordRepository;
import io.emrlaunch.core.repository.RecordStore;
import io.emrlaunch.core.repository.StoredRecord;
import io.emrlaunch.core.repository.VersionSelector;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.VirtualTime;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Launching from a record store, against the testkit's in-memory EMR. */
class LaunchFromStoreTest {
  final FakeAws aws = FakeAws.builder().seed(9).build();
  final VirtualTime time = aws.time();
  final FakeFleet emr = new FakeFleet(aws);
  final ClusterLauncher launcher =
      ClusterLauncher.builder()
          .emr(aws.emrAsync())
          .scheduler(aws.scheduler())
          .clock(aws.clock())
          .build();

  static final RecordRef PROFILE = RecordRef.of("analytics", "secure");
  static final RecordRef CONFIG = RecordRef.of("analytics", "spark");

  /** Holds one profile and one configuration; counts the combined reads. */
  static class OneLaunchStore implements RecordStore {
    final AtomicInteger reads = new AtomicInteger();
    final ClusterConfiguration configuration;

    OneLaunchStore(ClusterConfiguration configuration) {
      this.configuration = configuration;
    }

    @Override
    public RecordRepository<EmrProfile> profiles() {
      throw new UnsupportedOperationException();
    }

    @Override
    public RecordRepository<ClusterConfiguration> configurations() {
      throw new UnsupportedOperationException();
    }

    @Override
    public RecordRepository<LaunchFunction> launchFunctions() {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<LaunchInputs> loadLaunchInputs(RecordRef profile, RecordRef config) {
      reads.incrementAndGet();
      if (!profile.equals(PROFILE)) {
        return CompletableFuture.failedFuture(
            new RecordNotFoundException(RecordKind.PROFILE, profile, VersionSelector.latest()));
      }
      return CompletableFuture.completedFuture(
          LaunchInputs.builder()
              .profile(
                  StoredRecord.<EmrProfile>builder()
                      .kind(RecordKind.PROFILE)
                      .ref(profile)
                      .value(RunJobFlowRequestsTest.profile())
                      .version(3)
                      .format(RecordFormat.AWS_EMR_LAUNCH)
                      .build())
              .configuration(
                  StoredRecord.<ClusterConfiguration>builder()
                      .kind(RecordKind.CONFIGURATION)
                      .ref(config)
                      .value(configuration)
                      .version(7)
                      .format(RecordFormat.AWS_EMR_LAUNCH)
                      .build())
              .build());
    }
  }

  LaunchFunction function(RecordRef profile) {
    return LaunchFunction.builder()
        .namespace("analytics")
        .name("nightly")
        .profile(profile)
        .configuration(CONFIG)
        .clusterName("nightly-etl")
        .putClusterTags("team", "data")
        .addAllowedOverrides(
            AllowedOverride.builder()
                .name("CoreInstanceCount")
                .path("instances.coreGroup.instanceCount")
                .type(OverrideType.INTEGER)
                .minimum(1.0)
                .maximum(10.0)
                .build())
        .build();
  }

  @Test
  void launchFunctionFromTheStoreWithOverrides() {
    OneLaunchStore store = new OneLaunchStore(ClusterLauncherTest.persistent());
    var f = launcher.launch(store, function(PROFILE), Map.of("CoreInstanceCount", 4));
    assertThat(time.runUntil(f, Duration.ofMinutes(15))).isDone();
    LaunchedCluster c = f.join();
    assertThat(c.name()).isEqualTo("nightly-etl");
    assertThat(c.snapshot().orElseThrow().up()).isTrue();
    assertThat(store.reads).hasValue(1);
    assertThat(emr.tags(c.clusterId())).containsEntry("team", "data");
    assertThat(emr.runJobFlowRequest(c.clusterId()).instances().instanceGroups())
        .anyMatch(g -> g.instanceRoleAsString().equals("CORE") && g.instanceCount() == 4);
  }

  @Test
  void missingRecordsOrBadOverridesFailBeforeAnyEmrCall() {
    OneLaunchStore store = new OneLaunchStore(ClusterLauncherTest.persistent());
    var missing = launcher.launch(store, function(RecordRef.of("analytics", "nope")), Map.of());
    var tooMany = launcher.launch(store, function(PROFILE), Map.of("CoreInstanceCount", 99));
    time.advance(Duration.ofMinutes(1));
    assertThat(cause(missing)).isInstanceOf(RecordNotFoundException.class);
    assertThat(cause(tooMany)).isInstanceOf(ValidationException.class);
    assertThat(emr.totalCalls()).isZero();
  }

  @Test
  void cancellingALaunchFromTheStoreTerminatesItsCluster() {
    // before issue 14 the returned future was derived from the store read: cancelling it left
    // the launch (and its cluster) running
    OneLaunchStore store = new OneLaunchStore(ClusterLauncherTest.persistent());
    var f = launcher.launch(store, function(PROFILE), Map.of());
    time.advance(Duration.ofSeconds(30));
    var listed = aws.emr().listClusters().clusters();
    assertThat(listed).hasSize(1);
    String id = listed.get(0).id();
    assertThat(f).isNotDone();
    f.cancel(true);
    var gone = launcher.monitor().await(id, ClusterTarget.TERMINATED);
    assertThat(time.runUntil(gone, Duration.ofMinutes(30))).isDone();
    assertThat(gone.join().reasonCode()).contains("USER_REQUEST");
  }

  @Test
  void cancellingWhileTheRecordsAreReadLaunchesNothing() {
    CompletableFuture<LaunchInputs> slow = new CompletableFuture<>();
    OneLaunchStore inner = new OneLaunchStore(ClusterLauncherTest.persistent());
    RecordStore store =
        new OneLaunchStore(ClusterLauncherTest.persistent()) {
          @Override
          public CompletableFuture<LaunchInputs> loadLaunchInputs(RecordRef p, RecordRef c) {
            return slow;
          }
        };
    var f = launcher.launch(store, function(PROFILE), Map.of());
    f.cancel(true);
    slow.complete(inner.loadLaunchInputs(PROFILE, CONFIG).join());
    time.advance(Duration.ofMinutes(5));
    assertThat(emr.totalCalls()).isZero();
  }

  static Throwable cause(CompletableFuture<?> f) {
    assertThat(f).isCompletedExceptionally();
    try {
      f.join();
      throw new AssertionError();
    } catch (CompletionException e) {
      return e.getCause();
    }
  }
}
