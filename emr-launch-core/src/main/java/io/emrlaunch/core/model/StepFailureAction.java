package io.emrlaunch.core.model;

/** What EMR does with the cluster and the remaining steps when a step fails. */
public enum StepFailureAction {
  /** Go on with the next step. */
  CONTINUE,
  /** Cancel the pending steps and keep the cluster waiting. */
  CANCEL_AND_WAIT,
  /** Terminate the cluster. */
  TERMINATE_CLUSTER,
  /** Terminate the cluster (the older name of {@link #TERMINATE_CLUSTER}). */
  TERMINATE_JOB_FLOW
}
