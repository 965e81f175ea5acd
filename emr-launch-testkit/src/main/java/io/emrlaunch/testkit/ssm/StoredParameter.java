package io.emrlaunch.testkit.ssm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One parameter: its retained versions (oldest first), labels and tags. Guarded by FakeSsm. */
final class StoredParameter {
  /** One immutable version of a parameter. */
  record Version(
      long number,
      String name,
      String type,
      String value,
      String description,
      String keyId,
      String allowedPattern,
      String tier,
      String policies,
      String dataType,
      Instant lastModified) {}

  final List<Version> versions = new ArrayList<>();

  /** label to version number; a label is on at most one version. */
  final Map<String, Long> labels = new LinkedHashMap<>();

  final Map<String, String> tags = new LinkedHashMap<>();

  Version latest() {
    return versions.get(versions.size() - 1);
  }

  Version version(long number) {
    for (Version v : versions) {
      if (v.number() == number) {
        return v;
      }
    }
    return null;
  }

  List<String> labelsOf(long number) {
    List<String> result = new ArrayList<>();
    labels.forEach(
        (label, version) -> {
          if (version == number) {
            result.add(label);
          }
        });
    return result;
  }
}
