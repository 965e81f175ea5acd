package io.emrlaunch.testkit.ssm;

import java.util.regex.Pattern;

/**
 * The Parameter Store rules for names, paths and labels, as documented in "Requirements and
 * constraints for parameter names" and LabelParameterVersion.
 */
final class SsmRules {
  /** A parameter name may be at most this long, counting the ARN text before it. */
  static final int MAX_NAME_WITH_ARN_PREFIX = 1011;

  static final int MAX_HIERARCHY_LEVELS = 15;
  static final int STANDARD_MAX_VALUE = 4096;
  static final int ADVANCED_MAX_VALUE = 8192;
  static final int MAX_VERSIONS = 100;
  static final int MAX_LABELS_PER_VERSION = 10;
  static final int MAX_LABEL_LENGTH = 100;
  static final int MAX_DESCRIPTION = 1024;
  static final int MAX_ALLOWED_PATTERN = 1024;
  static final int MAX_TAGS = 50;

  private static final Pattern NAME_CHARS = Pattern.compile("[a-zA-Z0-9_.\\-/]+");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9_.\\-]+");
  private static final String NAME_RULES =
      "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). If formed as"
          + " a path, it can consist of sub-paths divided by slash symbol; each sub-path can be"
          + " formed as a mix of letters, numbers and the following 3 symbols .-_";

  private SsmRules() {}

  /**
   * Checks a name given to PutParameter and returns it with surrounding spaces removed (the service
   * trims them).
   */
  static String checkNameForWrite(String rawName, String arnPrefix) {
    if (rawName == null || rawName.isEmpty()) {
      throw SsmErrors.constraint(
          "name", rawName, "Member must have length greater than or equal to 1");
    }
    String name = rawName.strip();
    if (name.isEmpty() || !NAME_CHARS.matcher(name).matches()) {
      throw SsmErrors.validation(NAME_RULES);
    }
    String first = firstSegment(name).toLowerCase(java.util.Locale.ROOT);
    if (first.startsWith("aws") || first.startsWith("ssm")) {
      if (name.startsWith("/") && name.indexOf('/', 1) > 0 && first.startsWith("aws")) {
        // The /aws/ tree holds public parameters owned by AWS.
        throw SsmErrors.accessDenied("No access to reserved parameter name: " + name + ".");
      }
      throw SsmErrors.validation(NAME_RULES);
    }
    if (name.indexOf('/') >= 0) {
      if (!name.startsWith("/")) {
        throw SsmErrors.validation(
            "Parameter name must be a fully qualified name. A name that contains a slash must"
                + " begin with a slash: "
                + name);
      }
      if (name.endsWith("/") || name.contains("//")) {
        throw SsmErrors.validation(NAME_RULES);
      }
    }
    int arnLength = arnPrefix.length() + (name.startsWith("/") ? name.length() - 1 : name.length());
    if (arnLength > MAX_NAME_WITH_ARN_PREFIX) {
      throw SsmErrors.validation(
          "Parameter name: the name, including the ARN prefix "
              + arnPrefix
              + ", can be at most "
              + MAX_NAME_WITH_ARN_PREFIX
              + " characters; this one has "
              + arnLength
              + ".");
    }
    if (levels(name) > MAX_HIERARCHY_LEVELS) {
      throw SsmErrors.hierarchy();
    }
    return name;
  }

  /** Checks a path given to GetParametersByPath and returns it without a trailing slash. */
  static String checkPath(String path) {
    if (path == null || path.isEmpty()) {
      throw SsmErrors.constraint(
          "path", path, "Member must have length greater than or equal to 1");
    }
    if (!path.startsWith("/") || !NAME_CHARS.matcher(path).matches() || path.contains("//")) {
      throw SsmErrors.validation(
          "The parameter doesn't meet the parameter name requirements. The parameter name must"
              + " begin with a forward slash \"/\". It can't be prefixed with \"aws\" or \"ssm\""
              + " (case-insensitive). It must use only letters, numbers, or the following"
              + " symbols: . (period), - (hyphen), _ (underscore). Special characters are not"
              + " allowed. All sub-paths, if specified, must use the forward slash symbol \"/\"."
              + " Valid example: /get/parameters2-/by1./path0_.");
    }
    String trimmed =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (levels(trimmed) > MAX_HIERARCHY_LEVELS) {
      throw SsmErrors.hierarchy();
    }
    return trimmed;
  }

  /**
   * The key the store uses: a single-level name is the same parameter with or without its leading
   * slash (both have the same ARN).
   */
  static String key(String name) {
    if (name.startsWith("/") && name.indexOf('/', 1) < 0) {
      return name.substring(1);
    }
    return name;
  }

  /** Whether a label is acceptable; bad labels are reported, not thrown. */
  static boolean validLabel(String label) {
    if (label == null || label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
      return false;
    }
    String lower = label.toLowerCase(java.util.Locale.ROOT);
    return LABEL.matcher(label).matches()
        && !Character.isDigit(label.charAt(0))
        && !lower.startsWith("aws")
        && !lower.startsWith("ssm");
  }

  static int levels(String name) {
    String body = name.startsWith("/") ? name.substring(1) : name;
    return body.isEmpty() ? 0 : body.split("/", -1).length;
  }

  private static String firstSegment(String name) {
    String body = name.startsWith("/") ? name.substring(1) : name;
    int slash = body.indexOf('/');
    return slash < 0 ? body : body.substring(0, slash);
  }
}
