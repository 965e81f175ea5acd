package io.emrlaunch.testkit.emr;

import java.time.Instant;
import software.amazon.awssdk.services.emr.model.ClusterState;

/**
 * Hears every cluster state change of a {@link FakeEmr}; see {@link FakeEmr#onClusterStateChange}.
 */
@FunctionalInterface
public interface ClusterStateListener {
  /**
   * Called once per state change, while the fake holds its lock: keep it short and do not call the
   * fake back.
   *
   * @param clusterId the cluster's id ({@code j-...})
   * @param clusterName the name it was launched with
   * @param state the state it just entered
   * @param at the virtual instant of the change
   */
  void stateChanged(String clusterId, String clusterName, ClusterState state, Instant at);
}
