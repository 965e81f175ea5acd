package io.emrlaunch.stepfunctions.asl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Seeded random JSON texts: random whitespace, every escape form, numbers of every form. */
final class RandomJson {
  private static final String[] NAMES = {
    "Type",
    "Next",
    "End",
    "Comment",
    "Parameters",
    "Result",
    "a",
    "",
    "Step 1",
    "é",
    "日本",
    "x.$",
    "a/b",
    "m~n",
    "\"q\"",
    "tab\there",
    "𝄞",
    "Variable",
    "StringEquals",
    "States"
  };
  private static final String[] NUMBERS = {
    "0",
    "-0",
    "1",
    "-1",
    "7",
    "1e5",
    "1E+5",
    "1e-5",
    "-1.5e-300",
    "1e400",
    "0.1",
    "-0.0",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "123456789012345678901234567890",
    "3.141592653589793",
    "2.0",
    "1E0",
    "0e-0"
  };
  private static final String[] SPACE = {"", "", "", " ", "  ", "\n", "\r\n", "\t", " \n\t "};

  private final Random r;
  private final StringBuilder out = new StringBuilder();

  RandomJson(Random r) {
    this.r = r;
  }

  /** A random object text. */
  String object(int depth) {
    out.setLength(0);
    space();
    randomObject(depth);
    space();
    return out.toString();
  }

  private void randomObject(int depth) {
    out.append('{');
    int n = r.nextInt(depth == 0 ? 8 : 5);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String name = r.nextInt(4) == 0 ? randomText() : NAMES[r.nextInt(NAMES.length)];
      if (!seen.add(name)) {
        continue;
      }
      if (seen.size() > 1) {
        out.append(','); // not before the first field
      }
      space();
      string(name, true);
      space();
      out.append(':');
      space();
      randomValue(depth + 1);
      space();
    }
    out.append('}');
  }

  private void randomValue(int depth) {
    int k = r.nextInt(depth > 4 ? 6 : 8);
    switch (k) {
      case 0, 1 -> string(randomText(), false);
      case 2, 3 -> out.append(NUMBERS[r.nextInt(NUMBERS.length)]);
      case 4 -> out.append(r.nextBoolean() ? "true" : "false");
      case 5 -> out.append("null");
      case 6 -> randomObject(depth);
      default -> {
        out.append('[');
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            out.append(',');
          }
          space();
          randomValue(depth + 1);
          space();
        }
        out.append(']');
      }
    }
  }

  private String randomText() {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(10);
      b.append(
          switch (k) {
            case 0 -> (char) r.nextInt(0x20); // control characters: always escaped
            case 1 -> "\"\\/".charAt(r.nextInt(3));
            case 2 -> (char) (0x80 + r.nextInt(0x780)); // Latin-1 and beyond
            case 3 -> "\uD83D\uDE00";
            case 4 -> (char) (0x3040 + r.nextInt(0x60));
            default -> (char) (0x20 + r.nextInt(0x5f));
          });
    }
    return b.toString();
  }

  private void space() {
    out.append(SPACE[r.nextInt(SPACE.length)]);
  }

  /**
   * Writes a string literal, escaping at random (always where JSON requires it; never a surrogate
   * in a name, which sends the text to Jackson: see LightJsonParserTest).
   */
  private void string(String s, boolean name) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean must = c == '"' || c == '\\' || c < 0x20;
      int k = name && Character.isSurrogate(c) ? 2 : r.nextInt(must ? 2 : 12);
      if (k == 0) {
        String hex = String.format("%04x", (int) c);
        out.append("\\u").append(r.nextBoolean() ? hex : hex.toUpperCase());
      } else if (k == 1) {
        String shortForm =
            switch (c) {
              case '"' -> "\\\"";
              case '\\' -> "\\\\";
              case '/' -> "\\/";
              case '\b' -> "\\b";
              case '\f' -> "\\f";
              case '\n' -> "\\n";
              case '\r' -> "\\r";
              case '\t' -> "\\t";
              default -> must ? String.format("\\u%04X", (int) c) : String.valueOf(c);
            };
        out.append(shortForm);
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  /** Writes a tree with random whitespace and escapes. */
  String write(JsonNode tree) {
    out.setLength(0);
    space();
    node(tree);
    space();
    return out.toString();
  }

  private void node(JsonNode n) {
    if (n.isObject()) {
      out.append('{');
      boolean first = true;
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!first) {
          out.append(',');
        }
        first = false;
        space();
        string(e.getKey(), true);
        space();
        out.append(':');
        space();
        node(e.getValue());
        space();
      }
      out.append('}');
    } else if (n.isArray()) {
      out.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        space();
        node(n.get(i));
        space();
      }
      out.append(']');
    } else if (n.isTextual()) {
      string(n.textValue(), false);
    } else {
      out.append(n.toString());
    }
  }

  /** Breaks a definition's model (not its syntax) at a random state. */
  void mutateModel(ObjectNode root) {
    JsonNode states = root.get("States");
    if (states == null || states.size() == 0) {
      root.put("Bogus", 1);
      return;
    }
    List<String> names = new ArrayList<>();
    states.fieldNames().forEachRemaining(names::add);
    ObjectNode s = (ObjectNode) states.get(names.get(r.nextInt(names.size())));
    switch (r.nextInt(9)) {
      case 0 -> s.put("Bogus", 1);
      case 1 -> s.put("Type", 5);
      case 2 -> s.remove("Type");
      case 3 -> s.put("End", "yes");
      case 4 -> s.put("ResultPath", "no-dollar");
      case 5 -> s.put("TimeoutSeconds", new java.math.BigDecimal("1e400"));
      case 6 -> s.putObject("Retry");
      case 7 -> s.put("Type", "Sleep");
      default -> {
        s.put("Next", 3);
        root.put("TimeoutSeconds", 2.5);
      }
    }
  }

  /** A random syntax-level damage: truncation, a stray character, a trailing comma, a 0. */
  static String damage(String json, Random r) {
    int at = r.nextInt(json.length());
    switch (r.nextInt(4)) {
      case 0 -> {
        return json.substring(0, at);
      }
      case 1 -> {
        String stray = ",}]0\u0001'/x:\"\\";
        return json.substring(0, at) + stray.charAt(r.nextInt(stray.length())) + json.substring(at);
      }
      case 2 -> {
        int close = Math.max(json.lastIndexOf('}', at), json.lastIndexOf(']', at));
        return close < 0 ? json + "," : json.substring(0, close) + "," + json.substring(close);
      }
      default -> {
        for (int i = at; i < json.length(); i++) {
          if (Character.isDigit(json.charAt(i))) {
            return json.substring(0, i) + "0" + json.substring(i);
          }
        }
        return json.substring(0, at);
      }
    }
  }
}
