package io.emrlaunch.core.model;

/** What EMR does with instances when a cluster scales in or terminates. */
public enum ScaleDownBehavior {
  /** Terminate at the instance-hour boundary. */
  TERMINATE_AT_INSTANCE_HOUR,
  /** Terminate once the instance's tasks have completed. */
  TERMINATE_AT_TASK_COMPLETION
}
