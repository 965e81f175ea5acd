package io.emrlaunch.core.model.internal;

import io.emrlaunch.core.validation.Problems;
import java.util.regex.Pattern;

/** Rules for the S3 and local locations EMR reads: scripts, jars, logs. */
public final class Locations {
  /** {@code s3://bucket/key}: a bucket name by S3's rules, then a key. */
  private static final Pattern S3_URI =
      Pattern.compile("s3n?://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\p{Cntrl}]*)?");

  /** An absolute path on the node ({@code /usr/bin/x}, {@code file:/home/hadoop/x}). */
  private static final Pattern LOCAL = Pattern.compile("(file:)?/[^\\p{Cntrl}]{0,1023}");

  private static final Pattern KEY_PREFIX = Pattern.compile("[^\\p{Cntrl}]{0,1024}");

  private static final Pattern BUILT_IN_JAR = Pattern.compile("[\\w.-]{1,256}\\.jar");

  private Locations() {}

  /**
   * A bootstrap script or step jar: an S3 URI or an absolute local path, with no {@code ..} segment
   * ({@code ../x} is refused).
   *
   * @return true when the location passed
   */
  public static boolean scriptLocation(String value, String field, Problems p) {
    if (value.length() > 10_280) {
      p.add(field, "must be at most 10280 characters");
      return false;
    }
    if (!S3_URI.matcher(value).matches() && !LOCAL.matcher(value).matches()) {
      p.matches(
          field,
          value,
          S3_URI,
          "an S3 URI like s3://bucket/path/script.sh or an absolute path on the node");
      return false;
    }
    return noDotDot(value, field, p);
  }

  /**
   * An S3 URI ({@code s3://bucket/key}) with no {@code ..} segment.
   *
   * @return true when the location passed
   */
  public static boolean s3Uri(String value, String field, Problems p) {
    if (!p.matches(field, value, S3_URI, "an S3 URI like s3://bucket/path")) {
      return false;
    }
    return noDotDot(value, field, p);
  }

  /**
   * A key prefix inside a bucket ({@code elasticmapreduce/}; leading slashes are dropped when the
   * log URI is built): no control codes, no {@code ..} or {@code .} segment.
   *
   * @return true when the prefix passed
   */
  public static boolean keyPrefix(String value, String field, Problems p) {
    if (!p.matches(field, value, KEY_PREFIX, "an S3 key prefix like elasticmapreduce/")) {
      return false;
    }
    return noDotDot(value, field, p);
  }

  /**
   * A step's jar: an S3 URI, an absolute path, or a jar EMR provides ({@code command-runner.jar});
   * never a {@code ..} segment.
   *
   * @return true when the jar passed
   */
  public static boolean jar(String value, String field, Problems p) {
    if (S3_URI.matcher(value).matches() || LOCAL.matcher(value).matches()) {
      return noDotDot(value, field, p);
    }
    return p.matches(
            field, value, BUILT_IN_JAR, "an S3 URI, an absolute path or command-runner.jar")
        && noDotDot(value, field, p);
  }

  static boolean noDotDot(String value, String field, Problems p) {
    String path = value.replaceFirst("^[a-z0-9]+:/+", "/");
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        p.add(field, "must not contain a '" + segment + "' segment");
        return false;
      }
    }
    return true;
  }
}
