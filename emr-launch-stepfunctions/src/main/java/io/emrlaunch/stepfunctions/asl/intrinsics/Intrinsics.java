package io.emrlaunch.stepfunctions.asl.intrinsics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Factories for every intrinsic function and for their arguments. Each call is checked when built
 * (arity, argument kinds and the documented limits) and throws {@link
 * io.emrlaunch.core.validation.ValidationException} listing every problem.
 *
 * <pre>{@code
 * Intrinsic greeting = Intrinsics.format("Hello {}", Intrinsics.path("$.name"));
 * greeting.render();   // States.Format('Hello {}', $.name)
 * Intrinsics.hash(Intrinsics.path("$.body"), HashAlgorithm.SHA_256).render();
 *                      // States.Hash($.body, 'SHA-256')
 * }</pre>
 */
public final class Intrinsics {
  private Intrinsics() {}

  // ---- arguments -------------------------------------------------------------------------------

  /**
   * A path argument ({@code $.x}, {@code $$.Execution.Id}, {@code $variable}).
   *
   * @param path the path text
   * @return the argument
   */
  public static PathArgument path(String path) {
    return new PathArgument(path);
  }

  /**
   * A string literal argument (escaped when rendered).
   *
   * @param value plain text
   * @return the argument
   */
  public static StringLiteral string(String value) {
    return new StringLiteral(value);
  }

  /**
   * An integer literal argument.
   *
   * @param value the number
   * @return the argument
   */
  public static NumberLiteral number(long value) {
    return NumberLiteral.of(value);
  }

  /**
   * A decimal literal argument.
   *
   * @param value the number
   * @return the argument
   */
  public static NumberLiteral number(BigDecimal value) {
    return new NumberLiteral(value);
  }

  /**
   * A boolean literal argument.
   *
   * @param value the boolean
   * @return the argument
   */
  public static BooleanLiteral bool(boolean value) {
    return new BooleanLiteral(value);
  }

  /**
   * The null literal argument.
   *
   * @return the argument
   */
  public static NullLiteral nullValue() {
    return new NullLiteral();
  }

  // ---- functions -------------------------------------------------------------------------------

  /**
   * {@code States.Format}: every {@code {}} in the template is a placeholder for the next argument;
   * any other brace is literal text. The placeholder count must equal the number of arguments.
   *
   * @param template e.g. {@code "Cluster {} is {}"}
   * @param args one value per placeholder
   * @return the call
   */
  public static Intrinsic format(String template, IntrinsicArgument... args) {
    return format(FormatTemplate.of(template), args);
  }

  /**
   * {@code States.Format} with a template given as segments or read from a path.
   *
   * @param template a {@link FormatTemplate}, path or intrinsic call
   * @param args one value per placeholder
   * @return the call
   */
  public static Intrinsic format(IntrinsicArgument template, IntrinsicArgument... args) {
    List<IntrinsicArgument> all = new ArrayList<>(args.length + 1);
    all.add(template);
    all.addAll(List.of(args));
    return new Intrinsic(IntrinsicFunction.FORMAT, all);
  }

  /**
   * {@code States.StringToJson}: parses JSON text.
   *
   * @param json a path, call or string literal holding JSON text
   * @return the call
   */
  public static Intrinsic stringToJson(IntrinsicArgument json) {
    return call(IntrinsicFunction.STRING_TO_JSON, json);
  }

  /**
   * {@code States.JsonToString}: serialises the value at a path.
   *
   * @param value a path or call
   * @return the call
   */
  public static Intrinsic jsonToString(IntrinsicArgument value) {
    return call(IntrinsicFunction.JSON_TO_STRING, value);
  }

  /**
   * {@code States.Array}: an array of the values, in order.
   *
   * @param values zero or more values
   * @return the call
   */
  public static Intrinsic array(IntrinsicArgument... values) {
    return call(IntrinsicFunction.ARRAY, values);
  }

  /**
   * {@code States.ArrayPartition}: chunks of at most {@code chunkSize} elements.
   *
   * @param array a path or call
   * @param chunkSize a positive integer, path or call
   * @return the call
   */
  public static Intrinsic arrayPartition(IntrinsicArgument array, IntrinsicArgument chunkSize) {
    return call(IntrinsicFunction.ARRAY_PARTITION, array, chunkSize);
  }

  /**
   * {@code States.ArrayPartition} with a literal chunk size.
   *
   * @param array a path or call
   * @param chunkSize a positive integer
   * @return the call
   */
  public static Intrinsic arrayPartition(IntrinsicArgument array, long chunkSize) {
    return arrayPartition(array, number(chunkSize));
  }

  /**
   * {@code States.ArrayContains}: whether the array holds the value.
   *
   * @param array a path or call
   * @param value any value
   * @return the call
   */
  public static Intrinsic arrayContains(IntrinsicArgument array, IntrinsicArgument value) {
    return call(IntrinsicFunction.ARRAY_CONTAINS, array, value);
  }

  /**
   * {@code States.ArrayRange}: integers from start to end (inclusive) by step; at most 1,000.
   *
   * @param start integer, path or call
   * @param end integer, path or call
   * @param step non-zero integer, path or call
   * @return the call
   */
  public static Intrinsic arrayRange(
      IntrinsicArgument start, IntrinsicArgument end, IntrinsicArgument step) {
    return call(IntrinsicFunction.ARRAY_RANGE, start, end, step);
  }

  /**
   * {@code States.ArrayRange} with literal bounds.
   *
   * @param start first element
   * @param end last element (inclusive, when reached)
   * @param step non-zero increment
   * @return the call
   */
  public static Intrinsic arrayRange(long start, long end, long step) {
    return arrayRange(number(start), number(end), number(step));
  }

  /**
   * {@code States.ArrayGetItem}: the element at an index.
   *
   * @param array a path or call
   * @param index a non-negative integer, path or call
   * @return the call
   */
  public static Intrinsic arrayGetItem(IntrinsicArgument array, IntrinsicArgument index) {
    return call(IntrinsicFunction.ARRAY_GET_ITEM, array, index);
  }

  /**
   * {@code States.ArrayGetItem} with a literal index.
   *
   * @param array a path or call
   * @param index a non-negative integer
   * @return the call
   */
  public static Intrinsic arrayGetItem(IntrinsicArgument array, long index) {
    return arrayGetItem(array, number(index));
  }

  /**
   * {@code States.ArrayLength}.
   *
   * @param array a path or call
   * @return the call
   */
  public static Intrinsic arrayLength(IntrinsicArgument array) {
    return call(IntrinsicFunction.ARRAY_LENGTH, array);
  }

  /**
   * {@code States.ArrayUnique}.
   *
   * @param array a path or call
   * @return the call
   */
  public static Intrinsic arrayUnique(IntrinsicArgument array) {
    return call(IntrinsicFunction.ARRAY_UNIQUE, array);
  }

  /**
   * {@code States.Base64Encode}; a literal input has at most 10,000 characters.
   *
   * @param data a string literal, path or call
   * @return the call
   */
  public static Intrinsic base64Encode(IntrinsicArgument data) {
    return call(IntrinsicFunction.BASE64_ENCODE, data);
  }

  /**
   * {@code States.Base64Decode}; a literal input is Base64 of at most 10,000 characters.
   *
   * @param data a string literal, path or call
   * @return the call
   */
  public static Intrinsic base64Decode(IntrinsicArgument data) {
    return call(IntrinsicFunction.BASE64_DECODE, data);
  }

  /**
   * {@code States.Hash}; a literal input has at most 10,000 characters.
   *
   * @param data a string literal, path or call
   * @param algorithm the algorithm
   * @return the call
   */
  public static Intrinsic hash(IntrinsicArgument data, HashAlgorithm algorithm) {
    return hash(data, string(algorithm.aslName()));
  }

  /**
   * {@code States.Hash} with the algorithm given as an argument (a literal must name one of MD5,
   * SHA-1, SHA-256, SHA-384, SHA-512).
   *
   * @param data a string literal, path or call
   * @param algorithm a string literal, path or call
   * @return the call
   */
  public static Intrinsic hash(IntrinsicArgument data, IntrinsicArgument algorithm) {
    return call(IntrinsicFunction.HASH, data, algorithm);
  }

  /**
   * {@code States.JsonMerge(a, b, false)}: a shallow merge (the only mode the service supports).
   *
   * @param a a path or call
   * @param b a path or call; its fields win
   * @return the call
   */
  public static Intrinsic jsonMerge(IntrinsicArgument a, IntrinsicArgument b) {
    return call(IntrinsicFunction.JSON_MERGE, a, b, bool(false));
  }

  /**
   * {@code States.MathRandom(start, end)}.
   *
   * @param start integer, path or call
   * @param end integer, path or call
   * @return the call
   */
  public static Intrinsic mathRandom(IntrinsicArgument start, IntrinsicArgument end) {
    return call(IntrinsicFunction.MATH_RANDOM, start, end);
  }

  /**
   * {@code States.MathRandom(start, end, seed)}.
   *
   * @param start integer, path or call
   * @param end integer, path or call
   * @param seed integer, path or call
   * @return the call
   */
  public static Intrinsic mathRandom(
      IntrinsicArgument start, IntrinsicArgument end, IntrinsicArgument seed) {
    return call(IntrinsicFunction.MATH_RANDOM, start, end, seed);
  }

  /**
   * {@code States.MathAdd}: integer addition.
   *
   * @param a integer, path or call
   * @param b integer, path or call
   * @return the call
   */
  public static Intrinsic mathAdd(IntrinsicArgument a, IntrinsicArgument b) {
    return call(IntrinsicFunction.MATH_ADD, a, b);
  }

  /**
   * {@code States.MathAdd} with a literal increment.
   *
   * @param a integer, path or call
   * @param b the increment
   * @return the call
   */
  public static Intrinsic mathAdd(IntrinsicArgument a, long b) {
    return mathAdd(a, number(b));
  }

  /**
   * {@code States.StringSplit}: splits on any of the delimiter characters.
   *
   * @param text a string literal, path or call
   * @param delimiters a string literal, path or call
   * @return the call
   */
  public static Intrinsic stringSplit(IntrinsicArgument text, IntrinsicArgument delimiters) {
    return call(IntrinsicFunction.STRING_SPLIT, text, delimiters);
  }

  /**
   * {@code States.StringSplit} with literal delimiters.
   *
   * @param text a string literal, path or call
   * @param delimiters the delimiter characters
   * @return the call
   */
  public static Intrinsic stringSplit(IntrinsicArgument text, String delimiters) {
    return stringSplit(text, string(delimiters));
  }

  /**
   * {@code States.UUID()}.
   *
   * @return the call
   */
  public static Intrinsic uuid() {
    return call(IntrinsicFunction.UUID);
  }

  /**
   * Any function with explicit arguments (for tools).
   *
   * @param function the function
   * @param args its arguments
   * @return the call
   */
  public static Intrinsic call(IntrinsicFunction function, IntrinsicArgument... args) {
    return new Intrinsic(function, List.of(args));
  }
}
