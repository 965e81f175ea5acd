package io.emrlaunch.core.launch;

import java.util.EnumSet;
import java.util.Set;
import software.amazon.awssdk.services.emr.model.ClusterState;

/** The cluster state a wait completes at. */
public enum ClusterTarget {
  /** Up: {@code RUNNING} or {@code WAITING} (what the SDK's "cluster running" waiter waits for). */
  STARTED(EnumSet.of(ClusterState.STARTING, ClusterState.BOOTSTRAPPING)),
  /** Idle and ready for steps: {@code WAITING}. */
  WAITING(EnumSet.of(ClusterState.STARTING, ClusterState.BOOTSTRAPPING, ClusterState.RUNNING)),
  /** Gone: {@code TERMINATED} or {@code TERMINATED_WITH_ERRORS}; completes normally either way. */
  TERMINATED(
      EnumSet.of(
          ClusterState.STARTING,
          ClusterState.BOOTSTRAPPING,
          ClusterState.RUNNING,
          ClusterState.WAITING,
          ClusterState.TERMINATING));

  /** States that end a cluster's life, and every wait except {@link #TERMINATED} with a failure. */
  static final Set<ClusterState> ENDING =
      EnumSet.of(
          ClusterState.TERMINATING, ClusterState.TERMINATED, ClusterState.TERMINATED_WITH_ERRORS);

  private final Set<ClusterState> pending;

  ClusterTarget(Set<ClusterState> pending) {
    this.pending = pending;
  }

  /** States in which the wait goes on. */
  Set<ClusterState> pending() {
    return pending;
  }

  /** Whether the state completes the wait successfully. */
  boolean reachedBy(ClusterState state) {
    return switch (this) {
      case STARTED -> state == ClusterState.RUNNING || state == ClusterState.WAITING;
      case WAITING -> state == ClusterState.WAITING;
      case TERMINATED ->
          state == ClusterState.TERMINATED || state == ClusterState.TERMINATED_WITH_ERRORS;
    };
  }

  /**
   * Whether a snapshot completes the wait (an inferred "up" without exact state counts for
   * STARTED).
   */
  boolean reachedBy(ClusterSnapshot snapshot) {
    return snapshot.state().map(this::reachedBy).orElse(this == STARTED && snapshot.up());
  }

  /** Whether the state means the wait can never succeed. */
  boolean failedBy(ClusterState state) {
    return this != TERMINATED && ENDING.contains(state);
  }
}
