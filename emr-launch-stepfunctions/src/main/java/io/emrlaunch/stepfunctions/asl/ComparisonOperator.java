package io.emrlaunch.stepfunctions.asl;

/** The comparison and type-test operators of a JSONPath Choice rule. */
public enum ComparisonOperator {
  /** String equality. */
  STRING_EQUALS("StringEquals", Operand.STRING),
  /** String equality with the value at a path. */
  STRING_EQUALS_PATH("StringEqualsPath", Operand.PATH),
  /** String order. */
  STRING_LESS_THAN("StringLessThan", Operand.STRING),
  /** String order against a path. */
  STRING_LESS_THAN_PATH("StringLessThanPath", Operand.PATH),
  /** String order. */
  STRING_GREATER_THAN("StringGreaterThan", Operand.STRING),
  /** String order against a path. */
  STRING_GREATER_THAN_PATH("StringGreaterThanPath", Operand.PATH),
  /** String order. */
  STRING_LESS_THAN_EQUALS("StringLessThanEquals", Operand.STRING),
  /** String order against a path. */
  STRING_LESS_THAN_EQUALS_PATH("StringLessThanEqualsPath", Operand.PATH),
  /** String order. */
  STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Operand.STRING),
  /** String order against a path. */
  STRING_GREATER_THAN_EQUALS_PATH("StringGreaterThanEqualsPath", Operand.PATH),
  /** Wildcard match ({@code *}; escape with a backslash). */
  STRING_MATCHES("StringMatches", Operand.STRING),
  /** Numeric equality. */
  NUMERIC_EQUALS("NumericEquals", Operand.NUMBER),
  /** Numeric equality against a path. */
  NUMERIC_EQUALS_PATH("NumericEqualsPath", Operand.PATH),
  /** Numeric order. */
  NUMERIC_LESS_THAN("NumericLessThan", Operand.NUMBER),
  /** Numeric order against a path. */
  NUMERIC_LESS_THAN_PATH("NumericLessThanPath", Operand.PATH),
  /** Numeric order. */
  NUMERIC_GREATER_THAN("NumericGreaterThan", Operand.NUMBER),
  /** Numeric order against a path. */
  NUMERIC_GREATER_THAN_PATH("NumericGreaterThanPath", Operand.PATH),
  /** Numeric order. */
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Operand.NUMBER),
  /** Numeric order against a path. */
  NUMERIC_LESS_THAN_EQUALS_PATH("NumericLessThanEqualsPath", Operand.PATH),
  /** Numeric order. */
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Operand.NUMBER),
  /** Numeric order against a path. */
  NUMERIC_GREATER_THAN_EQUALS_PATH("NumericGreaterThanEqualsPath", Operand.PATH),
  /** Boolean equality. */
  BOOLEAN_EQUALS("BooleanEquals", Operand.BOOLEAN),
  /** Boolean equality against a path. */
  BOOLEAN_EQUALS_PATH("BooleanEqualsPath", Operand.PATH),
  /** Timestamp equality. */
  TIMESTAMP_EQUALS("TimestampEquals", Operand.TIMESTAMP),
  /** Timestamp equality against a path. */
  TIMESTAMP_EQUALS_PATH("TimestampEqualsPath", Operand.PATH),
  /** Timestamp order. */
  TIMESTAMP_LESS_THAN("TimestampLessThan", Operand.TIMESTAMP),
  /** Timestamp order against a path. */
  TIMESTAMP_LESS_THAN_PATH("TimestampLessThanPath", Operand.PATH),
  /** Timestamp order. */
  TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Operand.TIMESTAMP),
  /** Timestamp order against a path. */
  TIMESTAMP_GREATER_THAN_PATH("TimestampGreaterThanPath", Operand.PATH),
  /** Timestamp order. */
  TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Operand.TIMESTAMP),
  /** Timestamp order against a path. */
  TIMESTAMP_LESS_THAN_EQUALS_PATH("TimestampLessThanEqualsPath", Operand.PATH),
  /** Timestamp order. */
  TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Operand.TIMESTAMP),
  /** Timestamp order against a path. */
  TIMESTAMP_GREATER_THAN_EQUALS_PATH("TimestampGreaterThanEqualsPath", Operand.PATH),
  /** Whether the variable is (or is not) null. */
  IS_NULL("IsNull", Operand.BOOLEAN),
  /** Whether the variable is (or is not) present. */
  IS_PRESENT("IsPresent", Operand.BOOLEAN),
  /** Whether the variable is (or is not) a number. */
  IS_NUMERIC("IsNumeric", Operand.BOOLEAN),
  /** Whether the variable is (or is not) a string. */
  IS_STRING("IsString", Operand.BOOLEAN),
  /** Whether the variable is (or is not) a boolean. */
  IS_BOOLEAN("IsBoolean", Operand.BOOLEAN),
  /** Whether the variable is (or is not) an RFC 3339 timestamp string. */
  IS_TIMESTAMP("IsTimestamp", Operand.BOOLEAN);

  /** What kind of value an operator compares with. */
  public enum Operand {
    /** A string. */
    STRING,
    /** A number. */
    NUMBER,
    /** A boolean. */
    BOOLEAN,
    /** An RFC 3339 timestamp string. */
    TIMESTAMP,
    /** A path to the value compared with. */
    PATH
  }

  private final String aslName;
  private final Operand operand;

  ComparisonOperator(String aslName, Operand operand) {
    this.aslName = aslName;
    this.operand = operand;
  }

  /**
   * The field name in a Choice rule.
   *
   * @return e.g. {@code NumericGreaterThanPath}
   */
  public String aslName() {
    return aslName;
  }

  /**
   * What the operator compares with.
   *
   * @return the operand kind
   */
  public Operand operand() {
    return operand;
  }

  /**
   * Looks an operator up by its exact field name.
   *
   * @param name e.g. {@code StringMatches}
   * @return the operator, or null when unknown
   */
  public static ComparisonOperator fromAslName(String name) {
    for (ComparisonOperator o : values()) {
      if (o.aslName.equals(name)) {
        return o;
      }
    }
    return null;
  }
}
