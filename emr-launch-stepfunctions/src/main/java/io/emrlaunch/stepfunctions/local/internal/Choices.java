package io.emrlaunch.stepfunctions.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.stepfunctions.asl.ComparisonOperator;
import io.emrlaunch.stepfunctions.asl.Condition;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Evaluates JSONPath Choice rules (every comparison operator, And/Or/Not). */
public final class Choices {
  private Choices() {}

  public static boolean test(Condition c, Paths.Sources s) {
    if (c instanceof Condition.And and) {
      for (Condition x : and.conditions()) {
        if (!test(x, s)) {
          return false;
        }
      }
      return true;
    }
    if (c instanceof Condition.Or or) {
      for (Condition x : or.conditions()) {
        if (test(x, s)) {
          return true;
        }
      }
      return false;
    }
    if (c instanceof Condition.Not not) {
      return !test(not.condition(), s);
    }
    Condition.Comparison cmp = (Condition.Comparison) c;
    ComparisonOperator op = cmp.operator();
    String variable = cmp.variable().value();
    if (op == ComparisonOperator.IS_PRESENT) {
      return Paths.present(variable, s) == cmp.value().asBoolean();
    }
    JsonNode v = Paths.read(variable, s, "Variable");
    JsonNode expected = cmp.value();
    if (op.operand() == ComparisonOperator.Operand.PATH) {
      expected = Paths.read(expected.asText(), s, op.aslName());
    }
    return switch (op) {
      case IS_NULL -> v.isNull() == expected.asBoolean();
      case IS_NUMERIC -> v.isNumber() == expected.asBoolean();
      case IS_STRING -> v.isTextual() == expected.asBoolean();
      case IS_BOOLEAN -> v.isBoolean() == expected.asBoolean();
      case IS_TIMESTAMP -> (timestamp(v) != null) == expected.asBoolean();
      case STRING_EQUALS, STRING_EQUALS_PATH ->
          strings(v, expected) && v.asText().equals(expected.asText());
      case STRING_LESS_THAN, STRING_LESS_THAN_PATH ->
          strings(v, expected) && v.asText().compareTo(expected.asText()) < 0;
      case STRING_GREATER_THAN, STRING_GREATER_THAN_PATH ->
          strings(v, expected) && v.asText().compareTo(expected.asText()) > 0;
      case STRING_LESS_THAN_EQUALS, STRING_LESS_THAN_EQUALS_PATH ->
          strings(v, expected) && v.asText().compareTo(expected.asText()) <= 0;
      case STRING_GREATER_THAN_EQUALS, STRING_GREATER_THAN_EQUALS_PATH ->
          strings(v, expected) && v.asText().compareTo(expected.asText()) >= 0;
      case STRING_MATCHES -> v.isTextual() && matches(v.asText(), expected.asText());
      case NUMERIC_EQUALS, NUMERIC_EQUALS_PATH ->
          numbers(v, expected) && v.decimalValue().compareTo(expected.decimalValue()) == 0;
      case NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_PATH ->
          numbers(v, expected) && v.decimalValue().compareTo(expected.decimalValue()) < 0;
      case NUMERIC_GREATER_THAN, NUMERIC_GREATER_THAN_PATH ->
          numbers(v, expected) && v.decimalValue().compareTo(expected.decimalValue()) > 0;
      case NUMERIC_LESS_THAN_EQUALS, NUMERIC_LESS_THAN_EQUALS_PATH ->
          numbers(v, expected) && v.decimalValue().compareTo(expected.decimalValue()) <= 0;
      case NUMERIC_GREATER_THAN_EQUALS, NUMERIC_GREATER_THAN_EQUALS_PATH ->
          numbers(v, expected) && v.decimalValue().compareTo(expected.decimalValue()) >= 0;
      case BOOLEAN_EQUALS, BOOLEAN_EQUALS_PATH ->
          v.isBoolean() && expected.isBoolean() && v.booleanValue() == expected.booleanValue();
      case TIMESTAMP_EQUALS, TIMESTAMP_EQUALS_PATH -> compareTimes(v, expected) == 0;
      case TIMESTAMP_LESS_THAN, TIMESTAMP_LESS_THAN_PATH -> compareTimes(v, expected) == -1;
      case TIMESTAMP_GREATER_THAN, TIMESTAMP_GREATER_THAN_PATH -> compareTimes(v, expected) == 1;
      case TIMESTAMP_LESS_THAN_EQUALS, TIMESTAMP_LESS_THAN_EQUALS_PATH -> {
        int r = compareTimes(v, expected);
        yield r == -1 || r == 0;
      }
      case TIMESTAMP_GREATER_THAN_EQUALS, TIMESTAMP_GREATER_THAN_EQUALS_PATH -> {
        int r = compareTimes(v, expected);
        yield r == 1 || r == 0;
      }
      case IS_PRESENT -> throw new IllegalStateException("handled above");
    };
  }

  private static boolean strings(JsonNode a, JsonNode b) {
    return a.isTextual() && b.isTextual();
  }

  private static boolean numbers(JsonNode a, JsonNode b) {
    return a.isNumber() && b.isNumber();
  }

  /** -1, 0, 1, or 2 when either side is not a timestamp. */
  private static int compareTimes(JsonNode a, JsonNode b) {
    OffsetDateTime x = timestamp(a);
    OffsetDateTime y = timestamp(b);
    if (x == null || y == null) {
      return 2;
    }
    return Integer.signum(x.toInstant().compareTo(y.toInstant()));
  }

  /** An RFC 3339 timestamp with an upper-case T and an offset or Z, else null. */
  public static OffsetDateTime timestamp(JsonNode n) {
    if (n == null || !n.isTextual() || n.asText().indexOf('T') < 0) {
      return null;
    }
    try {
      return OffsetDateTime.parse(n.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** StringMatches: {@code *} is any run of characters, {@code \*} and {@code \\} escape. */
  static boolean matches(String text, String pattern) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        re.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '*') {
        re.append(".*");
      } else {
        re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return java.util.regex.Pattern.compile(re.toString(), java.util.regex.Pattern.DOTALL)
        .matcher(text)
        .matches();
  }
}
