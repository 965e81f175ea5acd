package io.emrlaunch.provisioning;

import java.util.List;
import java.util.Objects;

/**
 * One resource in a {@link ProvisioningPlan}: which, what happens to it, and why.
 *
 * @param kind the resource kind
 * @param name the resource's name (role, instance profile, group or configuration name, or the
 *     record's {@code namespace/name})
 * @param action what happens to it
 * @param reasons why, one line per difference (empty for {@link ChangeAction#UNCHANGED})
 */
public record PlannedChange(
    ResourceKind kind, String name, ChangeAction action, List<String> reasons) {

  /** Checks and copies. */
  public PlannedChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
    reasons = List.copyOf(reasons);
  }

  /** Whether applying this change calls a mutating AWS operation. */
  public boolean mutates() {
    return action != ChangeAction.UNCHANGED;
  }

  @Override
  public String toString() {
    return action
        + " "
        + kind
        + " "
        + name
        + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons));
  }
}
