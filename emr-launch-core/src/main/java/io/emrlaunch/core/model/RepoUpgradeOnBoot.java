package io.emrlaunch.core.model;

/** Which package updates instances apply when they boot ({@code RepoUpgradeOnBoot}). */
public enum RepoUpgradeOnBoot {
  /** Security updates only (EMR's default). */
  SECURITY,
  /** No updates. */
  NONE
}
