package io.emrlaunch.stepfunctions.asl.intrinsics.internal;

import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.stepfunctions.asl.intrinsics.BooleanLiteral;
import io.emrlaunch.stepfunctions.asl.intrinsics.FormatTemplate;
import io.emrlaunch.stepfunctions.asl.intrinsics.HashAlgorithm;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic;
import io.emrlaunch.stepfunctions.asl.intrinsics.IntrinsicArgument;
import io.emrlaunch.stepfunctions.asl.intrinsics.IntrinsicFunction;
import io.emrlaunch.stepfunctions.asl.intrinsics.NumberLiteral;
import io.emrlaunch.stepfunctions.asl.intrinsics.StringLiteral;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** The arity and argument rules of each intrinsic function (documented service limits). */
public final class IntrinsicRules {
  /** Longest string {@code States.Base64Encode}, {@code Base64Decode} and {@code Hash} accept. */
  public static final int MAX_INPUT_CHARS = 10_000;

  /** Most elements {@code States.ArrayRange} may produce. */
  public static final int MAX_RANGE_ELEMENTS = 1_000;

  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

  private IntrinsicRules() {}

  /**
   * Checks a call and throws one exception listing every problem.
   *
   * @param f the function
   * @param args its arguments
   */
  public static void check(IntrinsicFunction f, List<IntrinsicArgument> args) {
    Problems root = Problems.root();
    Problems p = root.at(f.aslName());
    int n = args.size();
    if (n < f.minArguments() || n > f.maxArguments()) {
      p.add("arguments", "takes " + arity(f) + " (was " + n + ")");
      root.throwIfAny();
    }
    for (int i = 0; i < n; i++) {
      if (args.get(i) instanceof FormatTemplate && !(f == IntrinsicFunction.FORMAT && i == 0)) {
        p.at("arguments", i).add("a format template is only allowed first in States.Format");
      }
    }
    switch (f) {
      case FORMAT -> {
        IntrinsicArgument t = args.get(0);
        if (t instanceof FormatTemplate ft) {
          if (ft.placeholders() != n - 1) {
            p.at("arguments", 0)
                .add(
                    "has "
                        + ft.placeholders()
                        + " {} placeholder(s) but "
                        + (n - 1)
                        + " argument(s) follow");
          }
        } else if (!t.isDynamic()) {
          p.at("arguments", 0).add("must be a format template, a path or an intrinsic call");
        }
      }
      case STRING_TO_JSON -> stringOrDynamic(p, args, 0, Integer.MAX_VALUE);
      case JSON_TO_STRING, ARRAY_LENGTH, ARRAY_UNIQUE -> dynamic(p, args, 0);
      case ARRAY_PARTITION -> {
        dynamic(p, args, 0);
        integer(p, args, 1, BigInteger.ONE, null);
      }
      case ARRAY_CONTAINS -> dynamic(p, args, 0);
      case ARRAY_RANGE -> arrayRange(p, args);
      case ARRAY_GET_ITEM -> {
        dynamic(p, args, 0);
        integer(p, args, 1, BigInteger.ZERO, null);
      }
      case BASE64_ENCODE -> stringOrDynamic(p, args, 0, MAX_INPUT_CHARS);
      case BASE64_DECODE -> {
        if (stringOrDynamic(p, args, 0, MAX_INPUT_CHARS)
            && args.get(0) instanceof StringLiteral s) {
          try {
            Base64.getDecoder().decode(s.value());
          } catch (IllegalArgumentException e) {
            p.at("arguments", 0).add("must be Base64 text");
          }
        }
      }
      case HASH -> {
        stringOrDynamic(p, args, 0, MAX_INPUT_CHARS);
        if (stringOrDynamic(p, args, 1, Integer.MAX_VALUE)
            && args.get(1) instanceof StringLiteral s
            && HashAlgorithm.fromAslName(s.value()) == null) {
          p.at("arguments", 1)
              .add(
                  "must be one of "
                      + Arrays.stream(HashAlgorithm.values())
                          .map(HashAlgorithm::aslName)
                          .collect(Collectors.joining(", "))
                      + " (was "
                      + s.value()
                      + ")");
        }
      }
      case JSON_MERGE -> {
        dynamic(p, args, 0);
        dynamic(p, args, 1);
        if (!(args.get(2) instanceof BooleanLiteral b) || b.value()) {
          p.at("arguments", 2)
              .add(
                  "must be false (the service supports shallow merge only; was "
                      + args.get(2).render()
                      + ")");
        }
      }
      case MATH_RANDOM, MATH_ADD -> {
        for (int i = 0; i < n; i++) {
          integer(p, args, i, INT_MIN, INT_MAX);
        }
      }
      case STRING_SPLIT -> {
        stringOrDynamic(p, args, 0, Integer.MAX_VALUE);
        stringOrDynamic(p, args, 1, Integer.MAX_VALUE);
      }
      case ARRAY, UUID -> {
        // any arguments (ARRAY) or none (UUID, arity checked above)
      }
    }
    int calls = 1;
    for (IntrinsicArgument a : args) {
      if (a instanceof Intrinsic i) {
        calls += i.callCount();
      }
    }
    if (calls > Intrinsic.MAX_NESTED_CALLS) {
      p.add(
          "nests "
              + calls
              + " intrinsic calls; at most "
              + Intrinsic.MAX_NESTED_CALLS
              + " are allowed in one field");
    }
    root.throwIfAny();
  }

  private static String arity(IntrinsicFunction f) {
    if (f.maxArguments() == Integer.MAX_VALUE) {
      return "at least " + f.minArguments() + " argument(s)";
    }
    if (f.minArguments() == f.maxArguments()) {
      return "exactly " + f.minArguments() + " argument(s)";
    }
    return f.minArguments() + " to " + f.maxArguments() + " arguments";
  }

  private static void dynamic(Problems p, List<IntrinsicArgument> args, int i) {
    if (!args.get(i).isDynamic()) {
      p.at("arguments", i)
          .add("must be a path or an intrinsic call (was " + args.get(i).render() + ")");
    }
  }

  private static boolean stringOrDynamic(
      Problems p, List<IntrinsicArgument> args, int i, int maxChars) {
    IntrinsicArgument a = args.get(i);
    if (a instanceof StringLiteral s) {
      if (s.value().length() > maxChars) {
        p.at("arguments", i)
            .add("must be at most " + maxChars + " characters (was " + s.value().length() + ")");
        return false;
      }
      return true;
    }
    if (!a.isDynamic()) {
      p.at("arguments", i)
          .add("must be a string, a path or an intrinsic call (was " + a.render() + ")");
      return false;
    }
    return true;
  }

  /** Returns the literal integer value, or null when dynamic or invalid (problem reported). */
  private static BigInteger integer(
      Problems p, List<IntrinsicArgument> args, int i, BigInteger min, BigInteger max) {
    IntrinsicArgument a = args.get(i);
    if (a.isDynamic()) {
      return null;
    }
    if (!(a instanceof NumberLiteral num) || !num.isInteger()) {
      p.at("arguments", i)
          .add("must be an integer, a path or an intrinsic call (was " + a.render() + ")");
      return null;
    }
    BigInteger v = num.value().toBigInteger();
    if (min != null && v.compareTo(min) < 0) {
      p.at("arguments", i).add("must be >= " + min + " (was " + v + ")");
      return null;
    }
    if (max != null && v.compareTo(max) > 0) {
      p.at("arguments", i).add("must be <= " + max + " (was " + v + ")");
      return null;
    }
    return v;
  }

  private static void arrayRange(Problems p, List<IntrinsicArgument> args) {
    BigInteger start = integer(p, args, 0, INT_MIN, INT_MAX);
    BigInteger end = integer(p, args, 1, INT_MIN, INT_MAX);
    BigInteger step = integer(p, args, 2, INT_MIN, INT_MAX);
    if (step != null && step.signum() == 0) {
      p.at("arguments", 2).add("must not be 0");
      return;
    }
    if (start == null || end == null || step == null) {
      return;
    }
    BigInteger span = end.subtract(start);
    BigInteger count =
        span.signum() != 0 && span.signum() != step.signum()
            ? BigInteger.ZERO
            : span.divide(step).add(BigInteger.ONE);
    if (count.compareTo(BigInteger.valueOf(MAX_RANGE_ELEMENTS)) > 0) {
      p.add(
          "arguments",
          "must produce at most " + MAX_RANGE_ELEMENTS + " elements (would produce " + count + ")");
    }
  }
}
