package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * The boolean test of a JSONPath Choice rule: a {@link Comparison} of a variable with a value or
 * path, or a combination with {@link And}, {@link Or} and {@link Not}. Factories read like the
 * rule: {@code Condition.numericGreaterThan("$.count", 10)}.
 */
public sealed interface Condition {

  /**
   * {@code Variable} compared by an operator.
   *
   * @param variable the path compared
   * @param operator the operator
   * @param value the operand: a string, number, boolean or (for {@code *Path} operators) path text
   */
  record Comparison(JsonPath variable, ComparisonOperator operator, JsonNode value)
      implements Condition {
    /**
     * Creates the comparison.
     *
     * @param variable the path compared
     * @param operator the operator
     * @param value the operand
     */
    public Comparison {
      Objects.requireNonNull(variable, "variable");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * All of the conditions hold.
   *
   * @param conditions at least one
   */
  record And(List<Condition> conditions) implements Condition {
    /**
     * Creates the conjunction.
     *
     * @param conditions the conditions
     */
    public And {
      conditions = List.copyOf(conditions);
    }
  }

  /**
   * Any of the conditions holds.
   *
   * @param conditions at least one
   */
  record Or(List<Condition> conditions) implements Condition {
    /**
     * Creates the disjunction.
     *
     * @param conditions the conditions
     */
    public Or {
      conditions = List.copyOf(conditions);
    }
  }

  /**
   * The condition does not hold.
   *
   * @param condition the negated condition
   */
  record Not(Condition condition) implements Condition {
    /**
     * Creates the negation.
     *
     * @param condition the condition
     */
    public Not {
      Objects.requireNonNull(condition, "condition");
    }
  }

  /**
   * Any comparison (for tools).
   *
   * @param variable the path compared
   * @param operator the operator
   * @param value the operand
   * @return the comparison
   */
  static Comparison compare(String variable, ComparisonOperator operator, JsonNode value) {
    return new Comparison(JsonPath.of(variable), operator, value);
  }

  /** {@code StringEquals}. */
  static Comparison stringEquals(String variable, String value) {
    return compare(variable, ComparisonOperator.STRING_EQUALS, TextNode.valueOf(value));
  }

  /** {@code StringLessThan}. */
  static Comparison stringLessThan(String variable, String value) {
    return compare(variable, ComparisonOperator.STRING_LESS_THAN, TextNode.valueOf(value));
  }

  /** {@code StringGreaterThan}. */
  static Comparison stringGreaterThan(String variable, String value) {
    return compare(variable, ComparisonOperator.STRING_GREATER_THAN, TextNode.valueOf(value));
  }

  /** {@code StringLessThanEquals}. */
  static Comparison stringLessThanEquals(String variable, String value) {
    return compare(variable, ComparisonOperator.STRING_LESS_THAN_EQUALS, TextNode.valueOf(value));
  }

  /** {@code StringGreaterThanEquals}. */
  static Comparison stringGreaterThanEquals(String variable, String value) {
    return compare(
        variable, ComparisonOperator.STRING_GREATER_THAN_EQUALS, TextNode.valueOf(value));
  }

  /** {@code StringMatches}: {@code *} matches any run of characters. */
  static Comparison stringMatches(String variable, String pattern) {
    return compare(variable, ComparisonOperator.STRING_MATCHES, TextNode.valueOf(pattern));
  }

  /** {@code NumericEquals}. */
  static Comparison numericEquals(String variable, long value) {
    return compare(variable, ComparisonOperator.NUMERIC_EQUALS, number(value));
  }

  /** {@code NumericEquals} with a decimal. */
  static Comparison numericEquals(String variable, double value) {
    return compare(variable, ComparisonOperator.NUMERIC_EQUALS, DoubleNode.valueOf(value));
  }

  /** {@code NumericLessThan}. */
  static Comparison numericLessThan(String variable, long value) {
    return compare(variable, ComparisonOperator.NUMERIC_LESS_THAN, number(value));
  }

  /** {@code NumericGreaterThan}. */
  static Comparison numericGreaterThan(String variable, long value) {
    return compare(variable, ComparisonOperator.NUMERIC_GREATER_THAN, number(value));
  }

  /** {@code NumericLessThanEquals}. */
  static Comparison numericLessThanEquals(String variable, long value) {
    return compare(variable, ComparisonOperator.NUMERIC_LESS_THAN_EQUALS, number(value));
  }

  /** {@code NumericGreaterThanEquals}. */
  static Comparison numericGreaterThanEquals(String variable, long value) {
    return compare(variable, ComparisonOperator.NUMERIC_GREATER_THAN_EQUALS, number(value));
  }

  /** {@code BooleanEquals}. */
  static Comparison booleanEquals(String variable, boolean value) {
    return compare(variable, ComparisonOperator.BOOLEAN_EQUALS, BooleanNode.valueOf(value));
  }

  /** {@code TimestampEquals}. */
  static Comparison timestampEquals(String variable, Instant value) {
    return compare(variable, ComparisonOperator.TIMESTAMP_EQUALS, timestamp(value));
  }

  /** {@code TimestampLessThan}. */
  static Comparison timestampLessThan(String variable, Instant value) {
    return compare(variable, ComparisonOperator.TIMESTAMP_LESS_THAN, timestamp(value));
  }

  /** {@code TimestampGreaterThan}. */
  static Comparison timestampGreaterThan(String variable, Instant value) {
    return compare(variable, ComparisonOperator.TIMESTAMP_GREATER_THAN, timestamp(value));
  }

  /** {@code TimestampLessThanEquals}. */
  static Comparison timestampLessThanEquals(String variable, Instant value) {
    return compare(variable, ComparisonOperator.TIMESTAMP_LESS_THAN_EQUALS, timestamp(value));
  }

  /** {@code TimestampGreaterThanEquals}. */
  static Comparison timestampGreaterThanEquals(String variable, Instant value) {
    return compare(variable, ComparisonOperator.TIMESTAMP_GREATER_THAN_EQUALS, timestamp(value));
  }

  /**
   * A {@code *Path} comparison: the variable against the value at another path.
   *
   * @param variable the path compared
   * @param operator a {@code *Path} operator, e.g. {@link
   *     ComparisonOperator#NUMERIC_LESS_THAN_PATH}
   * @param otherPath the path of the value compared with
   * @return the comparison
   */
  static Comparison comparePaths(String variable, ComparisonOperator operator, String otherPath) {
    if (operator.operand() != ComparisonOperator.Operand.PATH) {
      throw new IllegalArgumentException(operator.aslName() + " does not compare with a path");
    }
    return compare(variable, operator, TextNode.valueOf(JsonPath.of(otherPath).value()));
  }

  /** {@code IsPresent}. */
  static Comparison isPresent(String variable, boolean present) {
    return compare(variable, ComparisonOperator.IS_PRESENT, BooleanNode.valueOf(present));
  }

  /** {@code IsNull}. */
  static Comparison isNull(String variable, boolean isNull) {
    return compare(variable, ComparisonOperator.IS_NULL, BooleanNode.valueOf(isNull));
  }

  /** {@code IsNumeric}. */
  static Comparison isNumeric(String variable, boolean numeric) {
    return compare(variable, ComparisonOperator.IS_NUMERIC, BooleanNode.valueOf(numeric));
  }

  /** {@code IsString}. */
  static Comparison isString(String variable, boolean string) {
    return compare(variable, ComparisonOperator.IS_STRING, BooleanNode.valueOf(string));
  }

  /** {@code IsBoolean}. */
  static Comparison isBoolean(String variable, boolean bool) {
    return compare(variable, ComparisonOperator.IS_BOOLEAN, BooleanNode.valueOf(bool));
  }

  /** {@code IsTimestamp}. */
  static Comparison isTimestamp(String variable, boolean timestamp) {
    return compare(variable, ComparisonOperator.IS_TIMESTAMP, BooleanNode.valueOf(timestamp));
  }

  /** {@code And}. */
  static And and(Condition... conditions) {
    return new And(List.of(conditions));
  }

  /** {@code Or}. */
  static Or or(Condition... conditions) {
    return new Or(List.of(conditions));
  }

  /** {@code Not}. */
  static Not not(Condition condition) {
    return new Not(condition);
  }

  /** The node type a parser gives for this integer, so built and parsed rules compare equal. */
  private static JsonNode number(long value) {
    return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
  }

  private static TextNode timestamp(Instant value) {
    // ISO_INSTANT always writes seconds and the Z the service requires.
    return TextNode.valueOf(DateTimeFormatter.ISO_INSTANT.format(value));
  }
}
