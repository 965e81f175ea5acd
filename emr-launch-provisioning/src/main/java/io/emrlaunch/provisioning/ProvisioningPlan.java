package io.emrlaunch.provisioning;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The typed difference between a {@link ProvisioningSpec} and what exists in the account: one
 * {@link PlannedChange} per resource, in the order they are applied.
 *
 * @param changes every resource, unchanged ones included
 */
public record ProvisioningPlan(List<PlannedChange> changes) {

  /** Copies. */
  public ProvisioningPlan {
    changes = List.copyOf(changes);
  }

  /** Whether applying this plan changes nothing (and so makes no mutating call). */
  public boolean isNoOp() {
    return changes.stream().noneMatch(PlannedChange::mutates);
  }

  /** The changes that are not {@link ChangeAction#UNCHANGED}. */
  public List<PlannedChange> mutations() {
    return changes.stream().filter(PlannedChange::mutates).collect(Collectors.toList());
  }

  /**
   * The first change for a resource kind.
   *
   * @param kind the kind
   * @return its change, if the plan covers it
   */
  public Optional<PlannedChange> change(ResourceKind kind) {
    return changes.stream().filter(c -> c.kind() == kind).findFirst();
  }

  @Override
  public String toString() {
    return changes.stream().map(PlannedChange::toString).collect(Collectors.joining("\n"));
  }
}
