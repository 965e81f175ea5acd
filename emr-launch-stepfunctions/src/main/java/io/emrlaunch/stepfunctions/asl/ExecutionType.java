package io.emrlaunch.stepfunctions.asl;

/** The workflow type of the child executions of a distributed Map. */
public enum ExecutionType {
  /** Standard workflows (exactly once, up to a year). */
  STANDARD,
  /** Express workflows (at least once, up to five minutes). */
  EXPRESS
}
