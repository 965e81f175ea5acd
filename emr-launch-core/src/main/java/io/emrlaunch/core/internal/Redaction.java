package io.emrlaunch.core.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one rule for values the library must never print: a value whose key (a configuration
 * property, an override name, a field path) names a password, a secret or a token. Every place that
 * echoes a value in a message, an event or a {@code toString()} goes through here.
 *
 * <p>The test is on the key, not the value: {@code javax.jdo.option.ConnectionPassword}, {@code
 * fs.s3a.secret.key}, {@code ldap_bind_pw}, {@code AdminToken}, {@code KdcAdminPassword} are
 * sensitive; {@code hive.metastore.uris} is not.
 */
public final class Redaction {
  /** What is printed instead of a sensitive value. */
  public static final String MASK = "****";

  private static final Pattern SENSITIVE =
      Pattern.compile(
          "password|passwd|passphrase|secret|token|credential|private[._-]?key|access[._-]?key"
              + "|(^|[._-])pwd?($|[._-])");

  private Redaction() {}

  /**
   * Whether a key or a dotted field path names a password, secret or token.
   *
   * @param keyOrPath a property key, override name or field path; null is not sensitive
   * @return true when values under it must not be printed
   */
  public static boolean isSensitive(String keyOrPath) {
    return keyOrPath != null && SENSITIVE.matcher(keyOrPath.toLowerCase(Locale.ROOT)).find();
  }

  /**
   * A value as it may be printed under a key.
   *
   * @param keyOrPath the key or path the value belongs to
   * @param value the value
   * @return {@link #MASK} when the key is sensitive, else the value's text
   */
  public static String value(String keyOrPath, Object value) {
    return isSensitive(keyOrPath) ? MASK : String.valueOf(value);
  }

  /**
   * A quoted value as messages show it ({@code "x"}, or {@code null}), masked when the key is
   * sensitive.
   *
   * @param keyOrPath the key or path the value belongs to
   * @param value the value
   * @return the printable form
   */
  public static String quoted(String keyOrPath, String value) {
    if (value == null) {
      return "null";
    }
    return isSensitive(keyOrPath) ? MASK : "\"" + value + "\"";
  }

  /**
   * A copy of properties fit for printing: sensitive values masked, order kept.
   *
   * @param properties key → value
   * @return the printable copy
   */
  public static Map<String, String> properties(Map<String, String> properties) {
    Map<String, String> out = new LinkedHashMap<>();
    properties.forEach((k, v) -> out.put(k, isSensitive(k) ? MASK : v));
    return out;
  }
}
