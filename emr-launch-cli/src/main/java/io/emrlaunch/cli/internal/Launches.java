package io.emrlaunch.cli.internal;

import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.launch.LaunchListener;
import io.emrlaunch.core.launch.LaunchedCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A launcher for one command, and what it launched: Ctrl-C during a wait terminates those clusters
 * unless {@code --keep} was given.
 */
final class Launches implements AutoCloseable {
  private final Root root;
  private final ClusterLauncher launcher;
  private final List<String> launched = new ArrayList<>();
  private int pending;

  Launches(Root root) {
    this.root = root;
    Backend b = root.backend();
    this.launcher =
        ClusterLauncher.builder()
            .emr(b.emr())
            .s3(b.s3())
            .scheduler(b.scheduler())
            .clock(b.clock())
            .listener(root.progress())
            .listener(
                new LaunchListener() {
                  @Override
                  public void launchStarted(String clusterName, String launchToken) {
                    synchronized (launched) {
                      pending++;
                    }
                  }

                  @Override
                  public void clusterCreated(LaunchedCluster cluster, Duration sinceLaunch) {
                    synchronized (launched) {
                      launched.add(cluster.clusterId());
                      pending--;
                    }
                  }

                  @Override
                  public void launchFailed(String clusterName, String clusterId, Throwable error) {
                    synchronized (launched) {
                      if (clusterId == null) {
                        pending--;
                      }
                    }
                  }
                })
            .build();
  }

  /** How long a clean-up waits for a RunJobFlow still in flight. */
  static final Duration PENDING_WAIT = Duration.ofSeconds(30);

  /** How long a clean-up waits for its TerminateJobFlows. */
  static final Duration TERMINATE_WAIT = Duration.ofSeconds(20);

  ClusterLauncher launcher() {
    return launcher;
  }

  /**
   * Waits. On Ctrl-C, or when the wait fails after a cluster was created, asks EMR to terminate
   * what this command launched (unless keep) before the command ends: the launcher's own clean-up
   * is asynchronous and would race the exit.
   */
  <T> T await(CompletableFuture<T> f, boolean keep) {
    try {
      return root.await(f);
    } catch (Interrupts.InterruptedByUser e) {
      cleanUp(keep, "interrupted");
      throw e;
    } catch (java.util.concurrent.CompletionException
        | java.util.concurrent.CancellationException e) {
      cleanUp(keep, "failed");
      throw e;
    }
  }

  private void cleanUp(boolean keep, String why) {
    // A RunJobFlow still in flight (the wait ended first) may yet create a cluster: wait for it.
    long deadline = System.nanoTime() + PENDING_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (launched) {
        if (pending <= 0) {
          break;
        }
      }
      if (root.backend() instanceof LocalBackend local) {
        local.aws().time().advance(Duration.ofSeconds(1));
      } else {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    List<String> ids;
    synchronized (launched) {
      ids = List.copyOf(launched);
    }
    if (ids.isEmpty()) {
      return;
    }
    if (keep) {
      root.err().println("emr-launch: --keep: leaving " + String.join(", ", ids) + " as it is");
      root.err().flush();
      return;
    }
    // One call for all of them: the clean-up must fit the shutdown hook's budget however many
    // clusters the command launched.
    root.progress().event(why + ": terminating " + String.join(", ", ids));
    CompletableFuture<?> t = root.backend().emr().terminateJobFlows(r -> r.jobFlowIds(ids));
    try {
      if (root.backend() instanceof LocalBackend local) {
        local.aws().time().runUntil(t, Duration.ofMinutes(1));
      }
      t.get(TERMINATE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception ex) {
      root.err()
          .println(
              "emr-launch: could not terminate " + String.join(", ", ids) + ": " + Root.unwrap(ex));
    }
    root.err().flush();
  }

  @Override
  public void close() {
    launcher.close();
  }
}
