package io.emrlaunch.core.model;

/** How EC2 capacity for an instance group is bought. */
public enum Market {
  /** On-demand instances. */
  ON_DEMAND,
  /** Spot instances. */
  SPOT
}
