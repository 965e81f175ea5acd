package io.emrlaunch.provisioning;

/** What {@code apply} (or {@code destroy}) does to one resource. */
public enum ChangeAction {
  /** The resource does not exist and is created. */
  CREATE,
  /** The resource exists and some of its settings are changed. */
  UPDATE,
  /** The resource exists as wanted (or, on destroy, is not ours or is already gone). */
  UNCHANGED,
  /** The resource is deleted. */
  DELETE
}
