package io.emrlaunch.stepfunctions.local.internal;

import com.dashjoin.jsonata.Jsonata.Frame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The JSONata functions Step Functions adds to the language: {@code $partition}, {@code $range},
 * {@code $hash}, {@code $random}, {@code $uuid} and {@code $parse}.
 */
final class Functions {
  private Functions() {}

  static void bind(Frame frame) {
    frame.bind("parse", (com.dashjoin.jsonata.Jsonata.Fn1<String, Object>) Functions::parse);
    frame.bind(
        "uuid",
        (com.dashjoin.jsonata.Jsonata.Fn0<String>) () -> java.util.UUID.randomUUID().toString());
    frame.bind(
        "random",
        (com.dashjoin.jsonata.Jsonata.Fn0<Double>) () -> ThreadLocalRandom.current().nextDouble());
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

  static List<Object> partition(List<Object> items, Number size) {
    List<Object> out = new ArrayList<>();
    int n = size.intValue();
    for (int i = 0; i < items.size(); i += n) {
      out.add(new ArrayList<>(items.subList(i, Math.min(items.size(), i + n))));
    }
    return out;
  }
}
