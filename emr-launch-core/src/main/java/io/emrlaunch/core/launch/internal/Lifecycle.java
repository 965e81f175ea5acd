package io.emrlaunch.core.launch.internal;

import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.StepState;

/**
 * The order of lifecycle stages, to tell an old event from a new one: a cluster goes STARTING,
 * BOOTSTRAPPING, up (RUNNING and WAITING alternate), TERMINATING, ended; a step goes PENDING,
 * RUNNING, CANCEL_PENDING, over. Information of a lower stage than what is known is stale.
 */
public final class Lifecycle {
  /** The stage of RUNNING and WAITING. */
  public static final int UP = 2;

  private Lifecycle() {}

  /**
   * A cluster state's stage.
   *
   * @param state the state, or null
   * @return 0..4, or -1 when unknown
   */
  public static int rank(ClusterState state) {
    if (state == null) {
      return -1;
    }
    return switch (state) {
      case STARTING -> 0;
      case BOOTSTRAPPING -> 1;
      case RUNNING, WAITING -> UP;
      case TERMINATING -> 3;
      case TERMINATED, TERMINATED_WITH_ERRORS -> 4;
      default -> -1;
    };
  }

  /**
   * A step state's stage.
   *
   * @param state the state, or null
   * @return 0..3, or -1 when unknown
   */
  public static int rank(StepState state) {
    if (state == null) {
      return -1;
    }
    return switch (state) {
      case PENDING -> 0;
      case RUNNING -> 1;
      case CANCEL_PENDING -> 2;
      case COMPLETED, FAILED, CANCELLED, INTERRUPTED -> 3;
      default -> -1;
    };
  }
}
