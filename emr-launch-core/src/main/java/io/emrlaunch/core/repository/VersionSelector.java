package io.emrlaunch.core.repository;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Which version of a record to read: the latest, a version number, or a label (SSM parameter labels
 * such as {@code prod} or {@code approved-2026-11}).
 */
public final class VersionSelector {
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9_.\\-]{1,100}");
  private static final VersionSelector LATEST = new VersionSelector(0, null);

  private final long version;
  private final String label;

  private VersionSelector(long version, String label) {
    this.version = version;
    this.label = label;
  }

  /**
   * The latest version.
   *
   * @return the selector
   */
  public static VersionSelector latest() {
    return LATEST;
  }

  /**
   * A version number.
   *
   * @param version 1 or more
   * @return the selector
   * @throws ValidationException when the version is below 1
   */
  public static VersionSelector version(long version) {
    if (version < 1) {
      throw new ValidationException(
          List.of(Problem.of("version", "must be >= 1 (was " + version + ")")));
    }
    return new VersionSelector(version, null);
  }

  /**
   * The version carrying a label.
   *
   * @param label letters, digits, {@code _ . -}, at most 100 characters, not starting with a digit
   *     or with {@code aws}/{@code ssm}
   * @return the selector
   * @throws ValidationException when the label is not a valid SSM label
   */
  public static VersionSelector label(String label) {
    checkLabel("label", label);
    return new VersionSelector(0, label);
  }

  /**
   * Checks a label as SSM does, without calling SSM.
   *
   * @param field the field path reported
   * @param label the label
   * @throws ValidationException when invalid
   */
  static void checkLabel(String field, String label) {
    String lower = label == null ? "" : label.toLowerCase(java.util.Locale.ROOT);
    if (label == null
        || !LABEL.matcher(label).matches()
        || Character.isDigit(label.charAt(0))
        || lower.startsWith("aws")
        || lower.startsWith("ssm")) {
      throw new ValidationException(
          List.of(
              Problem.of(
                  field,
                  "must be 1-100 letters, digits, '_', '.' or '-', not start with a digit, 'aws'"
                      + " or 'ssm' (was "
                      + (label == null ? "null" : "'" + label + "'")
                      + ")")));
    }
  }

  /**
   * Whether this selects the latest version.
   *
   * @return true for {@link #latest()}
   */
  public boolean isLatest() {
    return version == 0 && label == null;
  }

  /**
   * The version number selected, if any.
   *
   * @return the version
   */
  public OptionalLong versionNumber() {
    return version == 0 ? OptionalLong.empty() : OptionalLong.of(version);
  }

  /**
   * The label selected, if any.
   *
   * @return the label
   */
  public Optional<String> labelName() {
    return Optional.ofNullable(label);
  }

  /** Renders {@code latest}, {@code version 3} or {@code label 'prod'}. */
  @Override
  public String toString() {
    return isLatest() ? "latest" : label != null ? "label '" + label + "'" : "version " + version;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionSelector s && s.version == version && Objects.equals(s.label, label);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, label);
  }
}
