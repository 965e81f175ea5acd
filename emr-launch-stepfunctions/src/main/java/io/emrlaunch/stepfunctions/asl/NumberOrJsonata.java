package io.emrlaunch.stepfunctions.asl;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A numeric field ({@code TimeoutSeconds}, {@code Seconds}, {@code MaxConcurrency}, ...) that holds
 * either a number or, in a JSONata state, a JSONata expression (<code>"{% $x * 60 %}"</code>).
 *
 * @param number the literal number, or null for an expression
 * @param expression the JSONata text, or null for a number
 */
public record NumberOrJsonata(BigDecimal number, String expression) {

  /**
   * Creates the value; exactly one of the two is set.
   *
   * @param number the literal number, or null
   * @param expression the JSONata text, or null
   */
  public NumberOrJsonata {
    if ((number == null) == (expression == null)) {
      throw new IllegalArgumentException("exactly one of number and expression must be set");
    }
  }

  /**
   * An integer.
   *
   * @param value the integer
   * @return the value
   */
  public static NumberOrJsonata of(long value) {
    return new NumberOrJsonata(BigDecimal.valueOf(value), null);
  }

  /**
   * A decimal number.
   *
   * @param value the number
   * @return the value
   */
  public static NumberOrJsonata of(BigDecimal value) {
    return new NumberOrJsonata(Objects.requireNonNull(value, "value"), null);
  }

  /**
   * A JSONata expression.
   *
   * @param expression e.g. <code>{% $states.input.minutes * 60 %}</code>
   * @return the value
   */
  public static NumberOrJsonata jsonata(String expression) {
    return new NumberOrJsonata(null, Objects.requireNonNull(expression, "expression"));
  }

  /**
   * Whether this is a JSONata expression.
   *
   * @return true for an expression
   */
  public boolean isJsonata() {
    return expression != null;
  }

  /**
   * Whether this is a whole number.
   *
   * @return true for an integer literal
   */
  public boolean isInteger() {
    return number != null && (number.signum() == 0 || number.stripTrailingZeros().scale() <= 0);
  }

  @Override
  public String toString() {
    return number != null ? number.toPlainString() : expression;
  }
}
