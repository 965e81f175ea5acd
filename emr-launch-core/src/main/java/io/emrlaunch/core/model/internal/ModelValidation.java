package io.emrlaunch.core.model.internal;

import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.SecurityConfiguration;
import io.emrlaunch.core.model.SparkJob;

/** Runs the model's own {@code validate()} on a decoded value of any model type. */
public final class ModelValidation {
  private ModelValidation() {}

  /**
   * Validates a value when its type has rules.
   *
   * @param value a decoded value
   * @throws io.emrlaunch.core.validation.ValidationException when it is invalid
   */
  public static void validate(Object value) {
    if (value instanceof EmrProfile v) {
      v.validate();
    } else if (value instanceof ClusterConfiguration v) {
      v.validate();
    } else if (value instanceof LaunchFunction v) {
      v.validate();
    } else if (value instanceof SparkJob v) {
      v.validate();
    } else if (value instanceof EmrStep v) {
      v.validate();
    } else if (value instanceof SecurityConfiguration v) {
      v.validate();
    }
  }
}
