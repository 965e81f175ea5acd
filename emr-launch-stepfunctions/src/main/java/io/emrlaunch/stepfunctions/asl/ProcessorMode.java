package io.emrlaunch.stepfunctions.asl;

/** How a Map state runs its item processor. */
public enum ProcessorMode {
  /** Iterations run inside the parent execution (at most 40 concurrent). */
  INLINE,
  /** Iterations run as child executions (up to 10,000 concurrent); the items may come from S3. */
  DISTRIBUTED
}
