package io.emrlaunch.core.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.emrlaunch.core.json.internal.Json;
import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.validation.Problems;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of allow-listed overrides: what makes an allow-list entry valid, and how a requested
 * value is checked and converted. Fixes the aws-emr-launch defects: a bound of 0 counts, types and
 * enum values are checked, booleans are not numbers.
 */
public final class OverrideRules {
  /** The longest string override (EMR's longest string members hold 10280 characters). */
  static final int MAX_STRING = 10_280;

  private OverrideRules() {}

  /** Checks an allow-list (names unique, paths naming single-value fields, bounds coherent). */
  public static void validateAllowList(List<AllowedOverride> allowList, Problems p) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < allowList.size(); i++) {
      AllowedOverride o = allowList.get(i);
      Problems at = p.at("allowedOverrides", i);
      if (at.required("name", o.name()) && !names.add(o.name())) {
        at.add("name", "is declared twice (\"" + o.name() + "\")");
      }
      if (o.name() != null && o.name().contains(".")) {
        at.add("name", "must not contain '.' (names are not paths; was \"" + o.name() + "\")");
      }
      target(o, at);
      if (o.minimum().isPresent()
          && o.maximum().isPresent()
          && o.minimum().get() > o.maximum().get()) {
        at.add(
            "minimum",
            "must be <= maximum (" + o.minimum().get() + " > " + o.maximum().get() + ")");
      }
      boolean numeric =
          o.type() == io.emrlaunch.core.model.OverrideType.INTEGER
              || o.type() == io.emrlaunch.core.model.OverrideType.NUMBER;
      if (!numeric && (o.minimum().isPresent() || o.maximum().isPresent())) {
        at.add("type", "is " + o.type() + ": minimum and maximum apply to numbers only");
      }
    }
  }

  /**
   * Resolves the target field of an override and checks that its type fits.
   *
   * @return the target type, when valid
   */
  public static Optional<Class<?>> target(AllowedOverride o, Problems at) {
    FieldPaths.Resolution r = FieldPaths.resolve(ClusterConfiguration.class, o.path());
    if (!r.ok()) {
      at.add("path", r.error() + " (path \"" + o.path() + "\")");
      return Optional.empty();
    }
    Class<?> t = r.target();
    if (!FieldPaths.isScalar(t)) {
      at.add(
          "path",
          "must name a single value, not a " + t.getSimpleName() + " (path \"" + o.path() + "\")");
      return Optional.empty();
    }
    String kind = kind(t);
    boolean fits =
        switch (o.type()) {
          case STRING -> kind.equals("string") || kind.equals("enum");
          case INTEGER -> kind.equals("int") || kind.equals("long");
          case NUMBER -> kind.equals("double");
          case BOOLEAN -> kind.equals("boolean");
        };
    if (!fits) {
      at.add("type", "is " + o.type() + " but \"" + o.path() + "\" holds a " + kind);
      return Optional.empty();
    }
    return Optional.of(t);
  }

  /**
   * Checks a requested value against its allow-list entry and the target's type.
   *
   * @return the JSON value to write, when valid
   */
  public static Optional<JsonNode> convert(
      AllowedOverride o, Class<?> target, Object value, Problems at) {
    if (value instanceof JsonNode node) {
      value = node.isNull() ? null : Json.MAPPER.convertValue(node, Object.class);
    }
    if (value == null) {
      at.add("must not be null");
      return Optional.empty();
    }
    JsonNode out;
    switch (o.type()) {
      case STRING -> {
        if (!(value instanceof String s)) {
          at.add("must be a string (was " + describe(o, value) + ")");
          return Optional.empty();
        }
        if (s.length() > MAX_STRING || s.chars().anyMatch(Character::isISOControl)) {
          // the value is not echoed: it may be long, binary or a secret
          at.add("must be at most " + MAX_STRING + " characters without control codes");
          return Optional.empty();
        }
        if (target.isEnum()) {
          Optional<String> constant =
              Arrays.stream(target.getEnumConstants())
                  .map(c -> ((Enum<?>) c).name())
                  .filter(n -> n.equalsIgnoreCase(s.replace('-', '_')))
                  .findFirst();
          if (constant.isEmpty()) {
            at.add(
                "must be one of "
                    + Arrays.toString(target.getEnumConstants())
                    + " (was "
                    + (sensitive(o) ? describe(o, s) : "\"" + s + "\"")
                    + ")");
            return Optional.empty();
          }
          out = TextNode.valueOf(constant.get());
        } else {
          out = TextNode.valueOf(s);
        }
      }
      case BOOLEAN -> {
        if (!(value instanceof Boolean b)) {
          at.add("must be true or false (was " + describe(o, value) + ")");
          return Optional.empty();
        }
        out = BooleanNode.valueOf(b);
      }
      case INTEGER -> {
        Optional<Long> whole = wholeNumber(value);
        if (whole.isEmpty()) {
          at.add("must be a whole number (was " + describe(o, value) + ")");
          return Optional.empty();
        }
        long v = whole.get();
        if (kind(target).equals("int") && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
          at.add("is out of range for a 32-bit integer (was " + v + ")");
          return Optional.empty();
        }
        if (!bounds(o, v, at)) {
          return Optional.empty();
        }
        out = LongNode.valueOf(v);
      }
      case NUMBER -> {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
          at.add("must be a number (was " + describe(o, value) + ")");
          return Optional.empty();
        }
        if (!bounds(o, n.doubleValue(), at)) {
          return Optional.empty();
        }
        out = DoubleNode.valueOf(n.doubleValue());
      }
      default -> throw new IllegalStateException("unknown type " + o.type());
    }
    if (!o.allowedValues().isEmpty() && !o.allowedValues().contains(out.asText())) {
      at.add("must be one of " + o.allowedValues() + " (was " + describe(o, value) + ")");
      return Optional.empty();
    }
    return Optional.of(out);
  }

  private static boolean bounds(AllowedOverride o, double v, Problems at) {
    boolean ok = true;
    // Presence, not truthiness: a bound of 0 is a bound (aws-emr-launch ignored it).
    if (o.minimum().isPresent() && v < o.minimum().get()) {
      at.add(
          "must be >= "
              + plain(o.minimum().get())
              + " (was "
              + (sensitive(o) ? io.emrlaunch.core.internal.Redaction.MASK : plain(v))
              + ")");
      ok = false;
    }
    if (o.maximum().isPresent() && v > o.maximum().get()) {
      at.add(
          "must be <= "
              + plain(o.maximum().get())
              + " (was "
              + (sensitive(o) ? io.emrlaunch.core.internal.Redaction.MASK : plain(v))
              + ")");
      ok = false;
    }
    return ok;
  }

  private static Optional<Long> wholeNumber(Object value) {
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return Optional.of(((Number) value).longValue());
    }
    if (value instanceof BigInteger b && b.bitLength() < 64) {
      return Optional.of(b.longValue());
    }
    if (value instanceof Number n && !(value instanceof BigInteger)) {
      BigDecimal d;
      try {
        d = new BigDecimal(n.toString());
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      try {
        return Optional.of(d.longValueExact());
      } catch (ArithmeticException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static String kind(Class<?> c) {
    if (c == String.class) {
      return "string";
    }
    if (c.isEnum()) {
      return "enum";
    }
    if (c == int.class || c == Integer.class || c == short.class || c == Short.class) {
      return "int";
    }
    if (c == long.class || c == Long.class) {
      return "long";
    }
    if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
      return "double";
    }
    if (c == boolean.class || c == Boolean.class) {
      return "boolean";
    }
    return c.getSimpleName().toLowerCase(Locale.ROOT);
  }

  private static boolean sensitive(AllowedOverride o) {
    return io.emrlaunch.core.internal.Redaction.isSensitive(o.name())
        || io.emrlaunch.core.internal.Redaction.isSensitive(o.path());
  }

  private static String describe(AllowedOverride o, Object v) {
    if (sensitive(o)) {
      return "a value not shown: " + o.name() + " names a password, secret or token";
    }
    if (v instanceof String s) {
      return "the string \"" + s + "\"";
    }
    if (v instanceof Boolean || v instanceof Number) {
      return String.valueOf(v);
    }
    return "a " + v.getClass().getSimpleName();
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
