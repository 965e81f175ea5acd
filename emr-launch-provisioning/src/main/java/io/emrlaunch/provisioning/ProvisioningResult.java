package io.emrlaunch.provisioning;

import io.emrlaunch.core.model.EmrProfile;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code apply} or {@code destroy} did.
 *
 * @param plan the plan that was carried out
 * @param profile after {@code apply}: the profile as saved (real ARNs and ids); empty after {@code
 *     destroy}
 * @param notes things done differently from the plan, e.g. an old security configuration kept
 *     because a cluster still uses it
 */
public record ProvisioningResult(
    ProvisioningPlan plan, Optional<EmrProfile> profile, List<String> notes) {

  /** Checks and copies. */
  public ProvisioningResult {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(profile, "profile");
    notes = List.copyOf(notes);
  }
}
