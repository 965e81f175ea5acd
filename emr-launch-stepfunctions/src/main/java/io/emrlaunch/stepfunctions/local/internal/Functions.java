package io.emrlaunch.stepfunctions.local.internal;

import com.dashjoin.jsonata.Jsonata.Frame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The JSONata functions Step Functions adds to the language: {@code $partition}, {@code $range},
 * {@code $hash}, {@code $random}, {@code $uuid} and {@code $parse}.
 */
final class Functions {
  private Functions() {}

  /**
   * Binds the functions; {@code $uuid} and {@code $random} draw from the execution's seeded random.
   */
  static void bind(Frame frame, Random random) {
    frame.bind("parse", (com.dashjoin.jsonata.Jsonata.Fn1<String, Object>) Functions::parse);
    frame.bind("uuid", (com.dashjoin.jsonata.Jsonata.Fn0<String>) () -> uuid(random));
    frame.bind(
        "random",
        (com.dashjoin.jsonata.Jsonata.Fn0<Double>)
            () -> {
              synchronized (random) {
                return random.nextDouble();
              }
            });
    frame.bind("hash", (com.dashjoin.jsonata.Jsonata.Fn2<Object, String, String>) Functions::hash);
    frame.bind(
        "partition",
        (com.dashjoin.jsonata.Jsonata.Fn2<List<Object>, Number, List<Object>>)
            Functions::partition);
    frame.bind(
        "range",
        com.dashjoin.jsonata.Jsonata.function(
            "range",
            (com.dashjoin.jsonata.Jsonata.Fn3<Number, Number, Number, List<Object>>)
                Functions::range,
            null));
  }

  static List<Object> range(Number start, Number end, Number step) {
    List<Object> out = new ArrayList<>();
    long s = step.longValue();
    if (s == 0) {
      throw new IllegalArgumentException("$range: the step must not be 0");
    }
    for (long v = start.longValue(); s > 0 ? v <= end.longValue() : v >= end.longValue(); v += s) {
      if (out.size() == 1000) {
        throw new IllegalArgumentException("$range: more than 1000 items");
      }
      out.add(v);
    }
    return out;
  }

  static Object parse(String text) {
    try {
      return Paths.MAPPER.readValue(text, Object.class);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("$parse: not JSON: " + e.getMessage());
    }
  }

  static String hash(Object data, String algorithm) {
    try {
      byte[] d =
          MessageDigest.getInstance(algorithm)
              .digest(String.valueOf(data).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("$hash: unknown algorithm " + algorithm);
    }
  }

  /** A version 4 UUID from {@code random} (the same shape as States.UUID). */
  static String uuid(Random random) {
    long hi;
    long lo;
    synchronized (random) {
      hi = random.nextLong();
      lo = random.nextLong();
    }
    return new java.util.UUID(
            (hi & ~0xF000L) | 0x4000L, (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
        .toString();
  }

  static List<Object> partition(List<Object> items, Number size) {
    if (items == null || size == null) {
      throw new StatesError(
          "States.QueryEvaluationError", "$partition: needs an array and a partition size");
    }
    double d = size.doubleValue();
    if (d != Math.rint(d) || d < 1 || d > Integer.MAX_VALUE) {
      throw new StatesError(
          "States.QueryEvaluationError",
          "$partition: the partition size must be a positive integer, got " + size);
    }
    List<Object> out = new ArrayList<>();
    int n = (int) d;
    for (int i = 0; i < items.size(); i += n) {
      out.add(new ArrayList<>(items.subList(i, Math.min(items.size(), i + n))));
    }
    return out;
  }
}
