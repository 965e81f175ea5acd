package io.emrlaunch.core.model.internal;

import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.validation.Problems;

/** Validation rules of {@link EmrProfile}. */
public final class EmrProfileValidator {
  private EmrProfileValidator() {}

  /** Reports every problem of {@code profile} into {@code p}. */
  public static void validate(EmrProfile profile, Problems p) {
    p.ssmSafeName("namespace", profile.namespace(), RecordRef.MAX_SEGMENT_LENGTH);
    p.ssmSafeName("name", profile.name(), RecordRef.MAX_SEGMENT_LENGTH);
    p.required("serviceRole", profile.serviceRole());
    p.required("instanceRole", profile.instanceRole());
  }
}
