package io.emrlaunch.core.model.internal;

import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.validation.Problems;

/** Validation rules of {@link LaunchFunction}. */
public final class LaunchFunctionValidator {
  private LaunchFunctionValidator() {}

  /** Reports every problem of {@code function} into {@code p}. */
  public static void validate(LaunchFunction function, Problems p) {
    p.ssmSafeName("namespace", function.namespace(), RecordRef.MAX_SEGMENT_LENGTH);
    p.ssmSafeName("name", function.name(), RecordRef.MAX_SEGMENT_LENGTH);
  }
}
