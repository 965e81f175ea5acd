package io.emrlaunch.cli.internal;

import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.RecordRef;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;

/** Helpers shared by the commands. */
final class Commands {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Commands() {}

  static Root root(CommandSpec spec) {
    return (Root) spec.root().userObject();
  }

  /** {@code NAME} or {@code NAMESPACE/NAME}. */
  static RecordRef ref(String text) {
    try {
      return text.contains("/") ? RecordRef.parse(text) : RecordRef.of(text);
    } catch (RuntimeException e) {
      throw new UsageError(
          "not a record reference [NAMESPACE/]NAME: " + text + " (" + e.getMessage() + ")");
    }
  }

  /** {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}, {@code 500ms}. */
  static Duration duration(String option, String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new UsageError(option + ": not a duration like 90s, 30m or 2h: " + text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** The profile used when none is named: EMR's default roles. */
  static EmrProfile defaultProfile() {
    return EmrProfile.builder()
        .name("default")
        .serviceRole("EMR_DefaultRole")
        .instanceRole("EMR_EC2_DefaultRole")
        .build();
  }

  /** {@code Name=Value} pairs; a value that reads as a number or boolean becomes one. */
  static Map<String, Object> overrides(List<String> pairs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String p : pairs) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new UsageError("--override must be Name=Value (was " + p + ")");
      }
      String name = p.substring(0, eq);
      String v = p.substring(eq + 1);
      Object value = v;
      if (v.matches("-?\\d+")) {
        value =
            Long.parseLong(v) <= Integer.MAX_VALUE && Long.parseLong(v) >= Integer.MIN_VALUE
                ? (Object) Integer.parseInt(v)
                : (Object) Long.parseLong(v);
      } else if (v.matches("-?\\d+\\.\\d+")) {
        value = Double.parseDouble(v);
      } else if (v.equals("true") || v.equals("false")) {
        value = Boolean.parseBoolean(v);
      }
      out.put(name, value);
    }
    return out;
  }
}
