package io.emrlaunch.stepfunctions.asl;

/** How a Retrier randomises its delays. */
public enum JitterStrategy {
  /** A random delay between 0 and the computed interval. */
  FULL,
  /** The computed interval exactly (the default). */
  NONE
}
