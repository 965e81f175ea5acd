package io.emrlaunch.stepfunctions.emr.internal;

import io.emrlaunch.core.model.AllowedOverride;

/**
 * An allowed override with the field it writes in the RunJobFlow request.
 *
 * @param override the allow-list entry
 * @param requestPath dotted path in the request, numeric segments index lists (e.g. {@code
 *     Instances.InstanceGroups.1.InstanceCount})
 */
public record OverrideTarget(AllowedOverride override, String requestPath) {

  /**
   * The same path as a JSONPath reference path under {@code root}.
   *
   * @param root e.g. {@code $.ClusterConfiguration.Cluster}
   * @return e.g. {@code $.ClusterConfiguration.Cluster.Instances.InstanceGroups[1].InstanceCount}
   */
  String at(String root) {
    String[] segments = requestPath.split("\\.");
    return root + jsonPath(segments, segments.length);
  }

  /**
   * The deepest element the write needs to exist, as a reference path under {@code root}: the
   * target itself when it is a list element, else the last list element on its way. Objects on the
   * way need not exist (a ResultPath write creates them); list elements must, as in the Java
   * overrides.
   */
  java.util.Optional<String> mustExist(String root) {
    String[] segments = requestPath.split("\\.");
    for (int i = segments.length - 1; i >= 0; i--) {
      if (segments[i].chars().allMatch(Character::isDigit)) {
        return java.util.Optional.of(root + jsonPath(segments, i + 1));
      }
    }
    return java.util.Optional.empty();
  }

  /** The segments of {@link #mustExist}, if any (e.g. {@code Instances, InstanceGroups, 1}). */
  java.util.Optional<String[]> mustExistSegments() {
    String[] segments = requestPath.split("\\.");
    for (int i = segments.length - 1; i >= 0; i--) {
      if (segments[i].chars().allMatch(Character::isDigit)) {
        return java.util.Optional.of(java.util.Arrays.copyOf(segments, i + 1));
      }
    }
    return java.util.Optional.empty();
  }

  private static String jsonPath(String[] segments, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      String s = segments[i];
      out.append(s.chars().allMatch(Character::isDigit) ? "[" + s + "]" : "." + s);
    }
    return out.toString();
  }
}
