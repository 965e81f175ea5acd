package io.emrlaunch.core.launch;

import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.failure;
import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.launcher;
import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.prepared;
import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.EmrLaunchException;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.testing.RecordingLogs;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.EmrBehavior;
import io.emrlaunch.testkit.emr.StepFailure;
import io.emrlaunch.testkit.emr.StepScript;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.ClusterState;

/** The launcher's user-facing surface: logging, per-request listeners, the blocking view. */
class LauncherApiTest {

  @Test
  void logsLaunchStateChangesAndTerminationAtInfo() {
    RecordingLogs.clear();
    FakeAws aws = prepared(FakeAws.builder().seed(7).build());
    ClusterLauncher launcher = launcher(aws);
    var f = launcher.launch(request("logged").waitFor(LaunchWait.WAITING).build());
    String id = aws.time().runUntil(f, Duration.ofHours(1)).join().clusterId();
    aws.time().runUntil(launcher.terminate(id), Duration.ofHours(1)).join();

    List<String> info = RecordingLogs.lines().stream().filter(l -> l.startsWith("INFO")).toList();
    assertThat(info)
        .anyMatch(l -> l.contains("launching cluster logged"))
        .anyMatch(l -> l.contains("cluster " + id + " (logged) created after 1 RunJobFlow"))
        .anyMatch(l -> l.contains("cluster " + id + " (logged) STARTING -> BOOTSTRAPPING"))
        .anyMatch(l -> l.contains("-> WAITING"))
        .anyMatch(l -> l.contains("cluster " + id + " (logged) launched: WAITING"))
        .anyMatch(l -> l.contains("terminating cluster " + id))
        .anyMatch(l -> l.contains("cluster " + id + " (logged) TERMINATING -> TERMINATED"));
    assertThat(RecordingLogs.lines()).anyMatch(l -> l.startsWith("DEBUG polled"));
  }

  @Test
  void requestListenerSeesOnlyItsOwnLaunchAndCluster() {
    FakeAws aws = prepared(FakeAws.builder().seed(8).build());
    ClusterLauncher launcher = launcher(aws);
    List<String> seen = new CopyOnWriteArrayList<>();
    LaunchListener mine =
        new LaunchListener() {
          @Override
          public void launchStarted(String clusterName, String launchToken) {
            seen.add("started " + clusterName);
          }

          @Override
          public void clusterChanged(ClusterSnapshot previous, ClusterSnapshot current) {
            seen.add("changed " + current.name().orElse("?") + " " + current.state().orElse(null));
          }
        };
    var watched =
        launcher.launch(request("mine").waitFor(LaunchWait.WAITING).addListeners(mine).build());
    var other = launcher.launch(request("other").waitFor(LaunchWait.WAITING).build());
    aws.time().runUntil(CompletableFuture.allOf(watched, other), Duration.ofHours(1)).join();

    assertThat(seen).contains("started mine", "changed mine WAITING");
    assertThat(seen).noneMatch(s -> s.contains("other"));
  }

  @Test
  void blockingViewThrowsTheLibrarysExceptionsUnwrapped() {
    FakeAws aws = prepared(FakeAws.builder().seed(9).build());
    BlockingClusterLauncher blocking = launcher(aws).blocking();
    assertThatThrownBy(() -> blocking.launch(request("bad").clusterName("x".repeat(300)).build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("clusterName");
    assertThatThrownBy(() -> blocking.launch(r -> r.clusterName("no-profile")))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void blockingViewReturnsValuesAndStepFailures() throws Exception {
    FakeAws aws =
        prepared(
            FakeAws.builder()
                .seed(10)
                .emrBehavior(
                    EmrBehavior.builder()
                        .step("boom", StepScript.failing(StepFailure.of("ERROR", "Spark died")))
                        .build())
                .build());
    BlockingClusterLauncher blocking = launcher(aws).blocking();
    LaunchedCluster cluster =
        drive(aws, () -> blocking.launch(request("b").waitFor(LaunchWait.WAITING).build()));
    assertThat(cluster.snapshot().orElseThrow().state()).contains(ClusterState.WAITING);
    StepRun run =
        drive(
            aws,
            () ->
                blocking.submitSteps(
                    cluster.clusterId(), List.of(EmrStep.command("boom", "false"))));
    assertThat(run.toString()).contains(cluster.clusterId()).contains(run.stepIds().get(0));
    Throwable thrown =
        drive(
            aws,
            () -> {
              try {
                io.emrlaunch.core.Futures.join(run.all());
                return null;
              } catch (RuntimeException e) {
                return e;
              }
            });
    assertThat(thrown).isInstanceOf(StepFailedException.class);
  }

  @Test
  void everyLaunchFailureIsTyped() {
    FakeAws aws = prepared(FakeAws.builder().seed(11).build());
    aws.faults().on(FakeAws.EMR, "RunJobFlow").always().serverError();
    aws.faults().on(FakeAws.EMR, "ListClusters").always().serverError();
    ClusterLauncher launcher =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .persistence(Duration.ofMinutes(5))
            .build();
    var f = launcher.launch(request("typed").build());
    aws.time().runUntil(f, Duration.ofHours(1));
    assertThat(failure(f)).isInstanceOf(EmrLaunchException.class).hasMessageContaining("typed");
    assertThat(aws.emrBackend().clusterCount()).isZero();
  }

  /** Runs a blocking call on another thread while this one drives virtual time. */
  private static <T> T drive(FakeAws aws, java.util.function.Supplier<T> call) throws Exception {
    CompletableFuture<T> f = CompletableFuture.supplyAsync(call);
    for (int i = 0; i < 100_000 && !f.isDone(); i++) {
      aws.time().advance(Duration.ofSeconds(5));
      Thread.sleep(0, 200_000);
    }
    return f.get();
  }
}
