package io.emrlaunch.core.launch;

import java.util.Objects;
import java.util.Optional;

/**
 * A cluster the launcher created: its id, name and launch token, and its state when the launch
 * completed.
 */
public final class LaunchedCluster {
  private final String clusterId;
  private final String name;
  private final String launchToken;
  private final int runJobFlowAttempts;
  private final ClusterSnapshot snapshot;

  LaunchedCluster(
      String clusterId,
      String name,
      String launchToken,
      int runJobFlowAttempts,
      ClusterSnapshot snapshot) {
    this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
    this.name = name;
    this.launchToken = launchToken;
    this.runJobFlowAttempts = runJobFlowAttempts;
    this.snapshot = snapshot;
  }

  /**
   * The cluster id ({@code j-...}).
   *
   * @return the id
   */
  public String clusterId() {
    return clusterId;
  }

  /**
   * The cluster name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The launch token: the value of the {@value ClusterLauncher#LAUNCH_TOKEN_TAG} tag that
   * identifies this launch (and lets a retried launch find the cluster instead of creating a second
   * one).
   *
   * @return the token
   */
  public String launchToken() {
    return launchToken;
  }

  /**
   * How many {@code RunJobFlow} calls the launch made (more than one after throttling or an unknown
   * outcome that the token lookup resolved).
   *
   * @return the attempts
   */
  public int runJobFlowAttempts() {
    return runJobFlowAttempts;
  }

  /**
   * The cluster's state when the launch completed; absent with {@link LaunchWait#NONE}.
   *
   * @return the snapshot
   */
  public Optional<ClusterSnapshot> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  LaunchedCluster withSnapshot(ClusterSnapshot s) {
    return new LaunchedCluster(clusterId, name, launchToken, runJobFlowAttempts, s);
  }

  @Override
  public String toString() {
    return "LaunchedCluster{"
        + (snapshot != null ? snapshot.toString() : clusterId + " (" + name + ")")
        + "}";
  }
}
