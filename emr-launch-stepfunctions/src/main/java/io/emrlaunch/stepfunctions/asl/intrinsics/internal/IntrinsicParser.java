package io.emrlaunch.stepfunctions.asl.intrinsics.internal;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.intrinsics.BooleanLiteral;
import io.emrlaunch.stepfunctions.asl.intrinsics.FormatTemplate;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic;
import io.emrlaunch.stepfunctions.asl.intrinsics.IntrinsicArgument;
import io.emrlaunch.stepfunctions.asl.intrinsics.IntrinsicFunction;
import io.emrlaunch.stepfunctions.asl.intrinsics.NullLiteral;
import io.emrlaunch.stepfunctions.asl.intrinsics.NumberLiteral;
import io.emrlaunch.stepfunctions.asl.intrinsics.PathArgument;
import io.emrlaunch.stepfunctions.asl.intrinsics.StringLiteral;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recursive-descent reader of intrinsic call text. Errors name the character offset. */
public final class IntrinsicParser {
  private static final Pattern NAME = Pattern.compile("States\\.[A-Za-z0-9]+");
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  /**
   * Step Functions nests at most 10 calls; deeper text is refused while reading, never a stack
   * overflow.
   */
  public static final int MAX_DEPTH = 10;

  private final String text;
  private int pos;
  private int depth;

  private IntrinsicParser(String text) {
    this.text = text;
  }

  /**
   * Parses a whole intrinsic call.
   *
   * @param text the call text
   * @return the call
   */
  public static Intrinsic parse(String text) {
    if (text == null) {
      throw fail("text is null", 0);
    }
    IntrinsicParser p = new IntrinsicParser(text);
    p.skipSpace();
    Intrinsic call = p.call();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("unexpected text after the closing parenthesis");
    }
    return call;
  }

  private Intrinsic call() {
    int start = pos;
    if (++depth > MAX_DEPTH) {
      throw fail(
          "nests more than "
              + MAX_DEPTH
              + " intrinsic calls; at most "
              + MAX_DEPTH
              + " are allowed in one field",
          start);
    }
    try {
      return callBody(start);
    } finally {
      depth--;
    }
  }

  private Intrinsic callBody(int start) {
    Matcher m = NAME.matcher(text).region(pos, text.length());
    if (!m.lookingAt()) {
      throw error("expected an intrinsic function name (States.Name)");
    }
    String name = m.group();
    IntrinsicFunction f = IntrinsicFunction.fromAslName(name);
    if (f == null) {
      throw fail("unknown intrinsic function " + name, start);
    }
    pos = m.end();
    expect('(');
    List<IntrinsicArgument> args = new ArrayList<>();
    skipSpace();
    if (peek() == ')') {
      pos++;
    } else {
      while (true) {
        skipSpace();
        args.add(argument(f == IntrinsicFunction.FORMAT && args.isEmpty()));
        skipSpace();
        char c = peek();
        if (c == ',') {
          pos++;
        } else if (c == ')') {
          pos++;
          break;
        } else {
          throw error("expected ',' or ')'");
        }
      }
    }
    try {
      return new Intrinsic(f, args);
    } catch (ValidationException e) {
      List<Problem> located = new ArrayList<>();
      for (Problem pr : e.problems()) {
        located.add(Problem.of(pr.path(), pr.message() + " (call at character " + start + ")"));
      }
      throw new ValidationException(located);
    }
  }

  private IntrinsicArgument argument(boolean formatTemplate) {
    char c = peek();
    if (c == '\'') {
      return formatTemplate ? template() : new StringLiteral(string());
    }
    if (c == '$') {
      return path();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      Matcher m = NUMBER.matcher(text).region(pos, text.length());
      if (!m.lookingAt()) {
        throw error("malformed number");
      }
      BigDecimal value = io.emrlaunch.stepfunctions.asl.internal.Numbers.parse(m.group());
      if (value == null) {
        throw fail(
            "number "
                + (m.group().length() > 30 ? m.group().substring(0, 27) + "..." : m.group())
                + " is out of range ("
                + io.emrlaunch.stepfunctions.asl.internal.Numbers.RANGE
                + ")",
            pos);
      }
      pos = m.end();
      return new NumberLiteral(value);
    }
    if (text.startsWith("States.", pos)) {
      return call();
    }
    for (String word : new String[] {"true", "false", "null"}) {
      if (text.startsWith(word, pos)) {
        pos += word.length();
        return switch (word) {
          case "true" -> new BooleanLiteral(true);
          case "false" -> new BooleanLiteral(false);
          default -> new NullLiteral();
        };
      }
    }
    throw error("expected an argument (string, number, true, false, null, path or intrinsic)");
  }

  private PathArgument path() {
    int start = pos;
    int depth = 0;
    char quote = 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (quote != 0) {
        if (c == '\\') {
          pos++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (depth > 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (depth == 0 && (c == ',' || c == ')' || Character.isWhitespace(c))) {
        break;
      }
      pos++;
    }
    String raw = text.substring(start, Math.min(pos, text.length()));
    try {
      return new PathArgument(raw);
    } catch (ValidationException e) {
      throw fail("invalid path: " + e.problems().get(0).message(), start);
    }
  }

  private String string() {
    StringBuilder out = new StringBuilder();
    List<String> parts = literal(false, out);
    return parts.get(0);
  }

  private FormatTemplate template() {
    return new FormatTemplate(literal(true, new StringBuilder()));
  }

  /** Reads a quoted literal; with placeholders, returns the segments around unescaped {}. */
  private List<String> literal(boolean placeholders, StringBuilder out) {
    List<String> segments = new ArrayList<>();
    int open = pos;
    pos++;
    while (true) {
      if (pos >= text.length()) {
        throw fail("unterminated string literal", open);
      }
      char c = text.charAt(pos);
      if (c == '\'') {
        pos++;
        segments.add(out.toString());
        return segments;
      }
      if (c == '\\') {
        if (pos + 1 >= text.length()) {
          throw fail("unterminated string literal", open);
        }
        char e = text.charAt(pos + 1);
        if (e != '\'' && e != '{' && e != '}' && e != '\\') {
          throw error("unsupported escape \\" + e + " (only \\' \\{ \\} \\\\ are defined)");
        }
        out.append(e);
        pos += 2;
        continue;
      }
      if (c == '{' || c == '}') {
        if (placeholders && c == '{' && pos + 1 < text.length() && text.charAt(pos + 1) == '}') {
          segments.add(out.toString());
          out.setLength(0);
          pos += 2;
          continue;
        }
        throw error("'" + c + "' must be escaped as \\" + c + " in a string literal");
      }
      out.append(c);
      pos++;
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private ValidationException error(String message) {
    String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "end of text";
    return fail(message + ", found " + found, pos);
  }

  private static ValidationException fail(String message, int at) {
    return new ValidationException(
        List.of(Problem.of("", "invalid intrinsic function at character " + at + ": " + message)));
  }
}
