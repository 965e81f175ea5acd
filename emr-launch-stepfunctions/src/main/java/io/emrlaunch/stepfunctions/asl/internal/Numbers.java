package io.emrlaunch.stepfunctions.asl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * The range of numbers a definition may hold: JSON numbers in Step Functions are IEEE 754 doubles,
 * so anything beyond a finite double ({@code 1e400}, {@code 1e999999999}) is refused with a
 * location instead of overflowing into infinity, a {@code NumberFormatException} or a billion-digit
 * {@code BigDecimal}.
 */
public final class Numbers {
  /** How the range is described in messages. */
  public static final String RANGE =
      "numbers must be finite IEEE 754 doubles, at most 1.7976931348623157e308";

  private static final BigDecimal MAX = new BigDecimal(Double.MAX_VALUE);

  /** The smallest magnitude kept exactly; smaller fractions round to zero as a double would. */
  private static final int MAX_SCALE = 400;

  private Numbers() {}

  /**
   * The decimal value of a JSON number node, or null when it is out of range.
   *
   * @param n a number node
   * @return the value or null
   */
  public static BigDecimal finiteDecimal(JsonNode n) {
    if (n.isFloatingPointNumber() && !n.isBigDecimal()) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }
    return check(n.decimalValue());
  }

  /**
   * Checks a parsed literal's range.
   *
   * @param d the value
   * @return the value, or null when out of range
   */
  public static BigDecimal check(BigDecimal d) {
    if (d.signum() == 0) {
      return d;
    }
    // precision - scale - 1 is the decimal exponent; test it before any arithmetic on d
    long exponent = (long) d.precision() - d.scale() - 1;
    if (exponent > 309 || d.scale() > MAX_SCALE + d.precision()) {
      return null;
    }
    return d.abs().compareTo(MAX) > 0 ? null : d;
  }

  /**
   * Parses a decimal literal text, bounded.
   *
   * @param text the literal
   * @return the value, or null when malformed or out of range
   */
  public static BigDecimal parse(String text) {
    try {
      return check(new BigDecimal(text));
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }
}
