package io.emrlaunch.core.model.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and compares EMR release labels ({@code emr-7.5.0}). */
public record ReleaseLabel(int major, int minor, int patch) implements Comparable<ReleaseLabel> {

  /** The release label syntax EMR accepts. */
  public static final Pattern PATTERN = Pattern.compile("emr-(\\d{1,2})\\.(\\d{1,3})\\.(\\d{1,3})");

  /** Parses a label; empty when it is not a release label. */
  public static Optional<ReleaseLabel> parse(String label) {
    if (label == null) {
      return Optional.empty();
    }
    Matcher m = PATTERN.matcher(label);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new ReleaseLabel(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3))));
  }

  /** Whether this release is at least {@code major.minor.patch}. */
  public boolean atLeast(int major, int minor, int patch) {
    return compareTo(new ReleaseLabel(major, minor, patch)) >= 0;
  }

  @Override
  public int compareTo(ReleaseLabel o) {
    if (major != o.major) {
      return Integer.compare(major, o.major);
    }
    if (minor != o.minor) {
      return Integer.compare(minor, o.minor);
    }
    return Integer.compare(patch, o.patch);
  }
}
