package io.emrlaunch.core.model.internal;

import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.validation.Problems;
import java.util.Map;
import java.util.regex.Pattern;

/** Validation rules of {@link LaunchFunction}. */
public final class LaunchFunctionValidator {
  private static final Pattern TOPIC_ARN =
      Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]{1,256}");

  private LaunchFunctionValidator() {}

  /** Reports every problem of {@code function} into {@code p}. */
  public static void validate(LaunchFunction function, Problems p) {
    p.ssmSafeName("namespace", function.namespace(), RecordRef.MAX_SEGMENT_LENGTH);
    p.ssmSafeName("name", function.name(), RecordRef.MAX_SEGMENT_LENGTH);
    if (function.clusterName().length() > 256) {
      p.add("clusterName", "must be at most 256 characters");
    }
    for (Map.Entry<String, String> tag : function.clusterTags().entrySet()) {
      if (tag.getKey().isBlank() || tag.getKey().length() > 128) {
        p.add("clusterTags", "keys must be 1 to 128 characters (was \"" + tag.getKey() + "\")");
      }
      if (tag.getValue().length() > 256) {
        p.add("clusterTags." + tag.getKey(), "must be at most 256 characters");
      }
    }
    function
        .successTopicArn()
        .ifPresent(a -> p.matches("successTopicArn", a, TOPIC_ARN, "an SNS topic ARN"));
    function
        .failureTopicArn()
        .ifPresent(a -> p.matches("failureTopicArn", a, TOPIC_ARN, "an SNS topic ARN"));
    OverrideRules.validateAllowList(function.allowedOverrides(), p);
  }
}
