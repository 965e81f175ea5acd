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

  Launches(Root root) {
    this.root = root;
    Backend b = root.backend();
    this.launcher =
        ClusterLauncher.builder()
            .emr(b.emr())
            .scheduler(b.scheduler())
            .clock(b.clock())
            .listener(root.progress())
            .listener(
                new LaunchListener() {
                  @Override
                  public void clusterCreated(LaunchedCluster cluster, Duration sinceLaunch) {
                    synchronized (launched) {
                      launched.add(cluster.clusterId());
                    }
                  }
                })
            .build();
  }

  ClusterLauncher launcher() {
    return launcher;
  }

  /** Waits; on Ctrl-C terminates what this command launched (unless keep) and rethrows. */
  <T> T await(CompletableFuture<T> f, boolean keep) {
    try {
      return root.await(f);
    } catch (Interrupts.InterruptedByUser e) {
      List<String> ids;
      synchronized (launched) {
        ids = List.copyOf(launched);
      }
      if (keep) {
        if (!ids.isEmpty()) {
          root.err().println("emr-launch: --keep: leaving " + String.join(", ", ids) + " running");
        }
      } else {
        for (String id : ids) {
          root.err().println("emr-launch: interrupted: terminating " + id);
          CompletableFuture<?> t = root.backend().emr().terminateJobFlows(r -> r.jobFlowIds(id));
          try {
            if (root.backend() instanceof LocalBackend local) {
              local.aws().time().runUntil(t, Duration.ofMinutes(1));
            }
            t.get(20, TimeUnit.SECONDS);
          } catch (Exception ex) {
            root.err().println("emr-launch: could not terminate " + id + ": " + ex);
          }
        }
      }
      root.err().flush();
      throw e;
    }
  }

  @Override
  public void close() {
    launcher.close();
  }
}
