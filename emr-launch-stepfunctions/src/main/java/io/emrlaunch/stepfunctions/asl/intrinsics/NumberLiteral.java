package io.emrlaunch.stepfunctions.asl.intrinsics;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A numeric literal argument, rendered without exponent ({@code 3}, {@code -1.5}).
 *
 * @param value the number; a negative scale is normalised so that equal texts give equal values
 */
public record NumberLiteral(BigDecimal value) implements IntrinsicArgument {

  /**
   * Creates the literal.
   *
   * @param value the number, never null
   */
  public NumberLiteral {
    Objects.requireNonNull(value, "value");
    if (value.scale() < 0) {
      value = value.setScale(0);
    }
  }

  /**
   * An integer literal.
   *
   * @param value the integer
   * @return the literal
   */
  public static NumberLiteral of(long value) {
    return new NumberLiteral(BigDecimal.valueOf(value));
  }

  /**
   * Whether the number has no fractional part.
   *
   * @return true for integers ({@code 3}, {@code 3.0})
   */
  public boolean isInteger() {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  @Override
  public String render() {
    return value.toPlainString();
  }

  @Override
  public String toString() {
    return render();
  }
}
