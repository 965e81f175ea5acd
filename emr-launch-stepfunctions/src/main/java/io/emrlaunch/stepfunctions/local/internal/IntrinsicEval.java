package io.emrlaunch.stepfunctions.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.emrlaunch.stepfunctions.asl.intrinsics.BooleanLiteral;
import io.emrlaunch.stepfunctions.asl.intrinsics.FormatTemplate;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic;
import io.emrlaunch.stepfunctions.asl.intrinsics.IntrinsicArgument;
import io.emrlaunch.stepfunctions.asl.intrinsics.NullLiteral;
import io.emrlaunch.stepfunctions.asl.intrinsics.NumberLiteral;
import io.emrlaunch.stepfunctions.asl.intrinsics.PathArgument;
import io.emrlaunch.stepfunctions.asl.intrinsics.StringLiteral;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Evaluates the 18 intrinsic functions on calls the ASL model parsed. */
public final class IntrinsicEval {
  private static final int MAX_RANGE = 1000;

  private IntrinsicEval() {}

  public static JsonNode eval(Intrinsic call, Paths.Sources s, String field) {
    List<JsonNode> a = new ArrayList<>();
    for (IntrinsicArgument arg : call.arguments()) {
      a.add(argument(arg, s, field));
    }
    String fn = call.function().aslName();
    try {
      return switch (call.function()) {
        case FORMAT -> format(a, fn);
        case STRING_TO_JSON -> Paths.parse(text(a.get(0), fn), fn + " argument");
        case JSON_TO_STRING -> TextNode.valueOf(Paths.text(a.get(0)));
        case ARRAY -> {
          ArrayNode out = Paths.NODES.arrayNode();
          a.forEach(out::add);
          yield out;
        }
        case ARRAY_PARTITION -> partition(array(a.get(0), fn), integer(a.get(1), fn), fn);
        case ARRAY_CONTAINS -> {
          boolean found = false;
          for (JsonNode x : array(a.get(0), fn)) {
            found |= same(x, a.get(1));
          }
          yield BooleanNode.valueOf(found);
        }
        case ARRAY_RANGE ->
            range(integer(a.get(0), fn), integer(a.get(1), fn), integer(a.get(2), fn), fn);
        case ARRAY_GET_ITEM -> {
          ArrayNode arr = array(a.get(0), fn);
          long i = integer(a.get(1), fn);
          if (i < 0 || i >= arr.size()) {
            throw failure(fn, "index " + i + " is out of bounds for an array of " + arr.size());
          }
          yield arr.get((int) i);
        }
        case ARRAY_LENGTH -> IntNode.valueOf(array(a.get(0), fn).size());
        case ARRAY_UNIQUE -> {
          ArrayNode out = Paths.NODES.arrayNode();
          for (JsonNode x : array(a.get(0), fn)) {
            boolean seen = false;
            for (JsonNode y : out) {
              seen |= same(x, y);
            }
            if (!seen) {
              out.add(x);
            }
          }
          yield out;
        }
        case BASE64_ENCODE ->
            TextNode.valueOf(
                Base64.getEncoder()
                    .encodeToString(text(a.get(0), fn).getBytes(StandardCharsets.UTF_8)));
        case BASE64_DECODE -> {
          try {
            yield TextNode.valueOf(
                new String(Base64.getDecoder().decode(text(a.get(0), fn)), StandardCharsets.UTF_8));
          } catch (IllegalArgumentException e) {
            throw failure(fn, "the argument is not Base64: " + e.getMessage());
          }
        }
        case HASH -> hash(a.get(0), text(a.get(1), fn), fn);
        case JSON_MERGE -> merge(a, fn);
        case MATH_RANDOM -> random(a, s.random(), fn);
        case MATH_ADD ->
            number(
                BigDecimal.valueOf(integer(a.get(0), fn))
                    .add(BigDecimal.valueOf(integer(a.get(1), fn))));
        case STRING_SPLIT -> split(text(a.get(0), fn), text(a.get(1), fn));
        case UUID ->
            TextNode.valueOf(
                new java.util.UUID(
                        (s.random().nextLong() & ~0xF000L) | 0x4000L,
                        (s.random().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                    .toString());
      };
    } catch (IndexOutOfBoundsException e) {
      throw failure(fn, "wrong number of arguments");
    }
  }

  private static JsonNode argument(IntrinsicArgument arg, Paths.Sources s, String field) {
    if (arg instanceof StringLiteral l) {
      return TextNode.valueOf(l.value());
    }
    if (arg instanceof FormatTemplate t) {
      return TextNode.valueOf(String.join("{}", t.segments()));
    }
    if (arg instanceof NumberLiteral n) {
      return number(n.value());
    }
    if (arg instanceof BooleanLiteral b) {
      return BooleanNode.valueOf(b.value());
    }
    if (arg instanceof NullLiteral) {
      return NullNode.getInstance();
    }
    if (arg instanceof PathArgument p) {
      return Paths.read(p.path(), s, field);
    }
    return eval((Intrinsic) arg, s, field);
  }

  static JsonNode number(BigDecimal v) {
    if (v.signum() == 0 || v.stripTrailingZeros().scale() <= 0) {
      try {
        long l = v.longValueExact();
        return l == (int) l ? IntNode.valueOf((int) l) : LongNode.valueOf(l);
      } catch (ArithmeticException e) {
        return DecimalNode.valueOf(v);
      }
    }
    return Paths.NODES.numberNode(v.doubleValue());
  }

  private static StatesError failure(String fn, String why) {
    return new StatesError("States.IntrinsicFailure", "Invalid arguments in " + fn + ": " + why);
  }

  private static String text(JsonNode n, String fn) {
    if (!n.isTextual()) {
      throw failure(fn, "expected a string, got " + n);
    }
    return n.asText();
  }

  private static ArrayNode array(JsonNode n, String fn) {
    if (!n.isArray()) {
      throw failure(fn, "expected an array, got " + n);
    }
    return (ArrayNode) n;
  }

  private static long integer(JsonNode n, String fn) {
    if (!n.isNumber()
        || !(n.isIntegralNumber() || n.decimalValue().stripTrailingZeros().scale() <= 0)) {
      throw failure(fn, "expected an integer, got " + n);
    }
    return n.asLong();
  }

  /** Equality of JSON values where 1 and 1.0 are the same number. */
  static boolean same(JsonNode x, JsonNode y) {
    if (x.isNumber() && y.isNumber()) {
      return x.decimalValue().compareTo(y.decimalValue()) == 0;
    }
    return x.equals(y);
  }

  private static JsonNode format(List<JsonNode> a, String fn) {
    String template = text(a.get(0), fn);
    List<String> parts = FormatTemplate.of(template).segments();
    if (parts.size() - 1 != a.size() - 1) {
      throw failure(
          fn,
          "the template has "
              + (parts.size() - 1)
              + " placeholders and "
              + (a.size() - 1)
              + " arguments were given");
    }
    StringBuilder out = new StringBuilder(parts.get(0));
    for (int i = 1; i < parts.size(); i++) {
      JsonNode v = a.get(i);
      out.append(v.isTextual() ? v.asText() : Paths.text(v));
      out.append(parts.get(i));
    }
    return TextNode.valueOf(out.toString());
  }

  private static JsonNode partition(ArrayNode arr, long size, String fn) {
    if (size <= 0) {
      throw failure(fn, "the chunk size must be positive");
    }
    ArrayNode out = Paths.NODES.arrayNode();
    ArrayNode chunk = null;
    for (JsonNode x : arr) {
      if (chunk == null || chunk.size() == size) {
        chunk = out.addArray();
      }
      chunk.add(x);
    }
    return out;
  }

  private static JsonNode range(long start, long end, long step, String fn) {
    if (step == 0) {
      throw failure(fn, "the step must not be 0");
    }
    ArrayNode out = Paths.NODES.arrayNode();
    for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
      if (out.size() == MAX_RANGE) {
        throw failure(fn, "the range has more than " + MAX_RANGE + " items");
      }
      out.add(number(BigDecimal.valueOf(v)));
    }
    return out;
  }

  private static JsonNode hash(JsonNode data, String algorithm, String fn) {
    String input = data.isTextual() ? data.asText() : Paths.text(data);
    String jca =
        switch (algorithm) {
          case "MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512" -> algorithm;
          default -> throw failure(fn, "unknown algorithm " + algorithm);
        };
    try {
      byte[] d = MessageDigest.getInstance(jca).digest(input.getBytes(StandardCharsets.UTF_8));
      return TextNode.valueOf(HexFormat.of().formatHex(d));
    } catch (NoSuchAlgorithmException e) {
      throw failure(fn, e.getMessage());
    }
  }

  private static JsonNode merge(List<JsonNode> a, String fn) {
    if (!a.get(0).isObject() || !a.get(1).isObject()) {
      throw failure(fn, "both values must be objects");
    }
    if (!a.get(2).isBoolean()) {
      throw failure(fn, "the third argument must be a boolean");
    }
    if (a.get(2).booleanValue()) {
      throw failure(fn, "deep merge (true) is not supported; use false");
    }
    ObjectNode out = a.get(0).deepCopy();
    Iterator<Map.Entry<String, JsonNode>> it = a.get(1).fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.set(e.getKey(), e.getValue());
    }
    return out;
  }

  private static JsonNode random(List<JsonNode> a, Random random, String fn) {
    long start = integer(a.get(0), fn);
    long end = integer(a.get(1), fn);
    if (end <= start) {
      throw failure(fn, "the end must be greater than the start");
    }
    Random r = a.size() > 2 ? new Random(integer(a.get(2), fn)) : random;
    long v = start + (long) Math.floor(r.nextDouble() * (end - start));
    return number(BigDecimal.valueOf(v));
  }

  private static JsonNode split(String text, String delimiters) {
    ArrayNode out = Paths.NODES.arrayNode();
    if (delimiters.isEmpty()) {
      out.add(text);
      return out;
    }
    Set<Character> d = new LinkedHashSet<>();
    for (char c : delimiters.toCharArray()) {
      d.add(c);
    }
    StringBuilder cur = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (d.contains(c)) {
        if (cur.length() > 0) {
          out.add(cur.toString());
        }
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }
}
