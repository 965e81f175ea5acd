package io.emrlaunch.core.model.internal;

import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.validation.Problems;
import java.util.regex.Pattern;

/** Validation rules of {@link EmrStep}. */
public final class EmrStepValidator {
  /** An IAM role ARN. */
  public static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

  private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,256}");

  private EmrStepValidator() {}

  /** Reports every problem of {@code step} into {@code p}. */
  public static void validate(EmrStep step, Problems p) {
    if (p.required("name", step.name())) {
      p.matches("name", step.name(), NAME, "1 to 256 characters without control codes");
    }
    if (p.required("jar", step.jar())) {
      Locations.jar(step.jar(), "jar", p);
    }
    step.mainClass().ifPresent(m -> p.required("mainClass", m));
    for (int i = 0; i < step.args().size(); i++) {
      if (step.args().get(i) == null) {
        p.add("args[" + i + "]", "must not be null");
      }
    }
    step.properties().keySet().forEach(k -> p.required("properties", k));
    step.executionRoleArn()
        .ifPresent(a -> p.matches("executionRoleArn", a, ROLE_ARN, "an IAM role ARN"));
    RunJobFlowSurfaceValidator.validate(step, p);
  }
}
