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
    return root + jsonPath(requestPath.split("\\."), requestPath.split("\\.").length);
  }

  /** The parent of the target field as a reference path; the root for a top-level field. */
  String parentAt(String root) {
    String[] segments = requestPath.split("\\.");
    return root + jsonPath(segments, segments.length - 1);
  }

  /** Whether the target is below a top-level field (its parent may be missing at run time). */
  boolean nested() {
    return requestPath.contains(".");
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
