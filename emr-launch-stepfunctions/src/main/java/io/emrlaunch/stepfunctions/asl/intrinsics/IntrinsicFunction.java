package io.emrlaunch.stepfunctions.asl.intrinsics;

/** The intrinsic functions of the Amazon States Language, with their arity. */
public enum IntrinsicFunction {
  /** {@code States.Format(template, args...)}: string interpolation. */
  FORMAT("States.Format", 1, Integer.MAX_VALUE),
  /** {@code States.StringToJson(string)}: parses JSON text. */
  STRING_TO_JSON("States.StringToJson", 1, 1),
  /** {@code States.JsonToString(path)}: serialises JSON to text. */
  JSON_TO_STRING("States.JsonToString", 1, 1),
  /** {@code States.Array(values...)}: builds an array. */
  ARRAY("States.Array", 0, Integer.MAX_VALUE),
  /** {@code States.ArrayPartition(array, chunkSize)}: splits an array into chunks. */
  ARRAY_PARTITION("States.ArrayPartition", 2, 2),
  /** {@code States.ArrayContains(array, value)}: membership test. */
  ARRAY_CONTAINS("States.ArrayContains", 2, 2),
  /** {@code States.ArrayRange(start, end, step)}: an integer range of at most 1,000 elements. */
  ARRAY_RANGE("States.ArrayRange", 3, 3),
  /** {@code States.ArrayGetItem(array, index)}: the element at an index. */
  ARRAY_GET_ITEM("States.ArrayGetItem", 2, 2),
  /** {@code States.ArrayLength(array)}: the number of elements. */
  ARRAY_LENGTH("States.ArrayLength", 1, 1),
  /** {@code States.ArrayUnique(array)}: removes duplicates. */
  ARRAY_UNIQUE("States.ArrayUnique", 1, 1),
  /** {@code States.Base64Encode(string)}: at most 10,000 characters in. */
  BASE64_ENCODE("States.Base64Encode", 1, 1),
  /** {@code States.Base64Decode(string)}: at most 10,000 characters in. */
  BASE64_DECODE("States.Base64Decode", 1, 1),
  /** {@code States.Hash(data, algorithm)}: at most 10,000 characters in. */
  HASH("States.Hash", 2, 2),
  /** {@code States.JsonMerge(a, b, false)}: shallow merge (the flag must be false). */
  JSON_MERGE("States.JsonMerge", 3, 3),
  /** {@code States.MathRandom(start, end[, seed])}: a random integer. */
  MATH_RANDOM("States.MathRandom", 2, 3),
  /** {@code States.MathAdd(a, b)}: integer addition. */
  MATH_ADD("States.MathAdd", 2, 2),
  /** {@code States.StringSplit(string, delimiters)}: splits a string. */
  STRING_SPLIT("States.StringSplit", 2, 2),
  /** {@code States.UUID()}: a version 4 UUID. */
  UUID("States.UUID", 0, 0);

  private final String aslName;
  private final int minArguments;
  private final int maxArguments;

  IntrinsicFunction(String aslName, int minArguments, int maxArguments) {
    this.aslName = aslName;
    this.minArguments = minArguments;
    this.maxArguments = maxArguments;
  }

  /**
   * The name as written in the States Language.
   *
   * @return e.g. {@code States.Format}
   */
  public String aslName() {
    return aslName;
  }

  /**
   * The fewest arguments the function takes.
   *
   * @return the minimum arity
   */
  public int minArguments() {
    return minArguments;
  }

  /**
   * The most arguments the function takes.
   *
   * @return the maximum arity ({@link Integer#MAX_VALUE} when unbounded)
   */
  public int maxArguments() {
    return maxArguments;
  }

  /**
   * Looks a function up by its States Language name (exact, case-sensitive).
   *
   * @param name e.g. {@code States.Hash}
   * @return the function, or null when there is none of that name
   */
  public static IntrinsicFunction fromAslName(String name) {
    for (IntrinsicFunction f : values()) {
      if (f.aslName.equals(name)) {
        return f;
      }
    }
    return null;
  }
}
