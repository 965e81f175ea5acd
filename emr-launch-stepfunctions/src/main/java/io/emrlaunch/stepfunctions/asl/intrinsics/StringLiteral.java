package io.emrlaunch.stepfunctions.asl.intrinsics;

import java.util.Objects;

/**
 * A string literal argument. {@link #value()} is the plain text; {@link #render()} quotes it with
 * single quotes and escapes the characters the States Language reserves in intrinsic functions
 * ({@code ' { } \}) with a backslash.
 *
 * @param value the plain text, never null
 */
public record StringLiteral(String value) implements IntrinsicArgument {

  /**
   * Creates the literal.
   *
   * @param value the plain text, never null
   */
  public StringLiteral {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String render() {
    return "'" + escape(value) + "'";
  }

  /**
   * Escapes the reserved characters {@code ' { } \} of an intrinsic string literal.
   *
   * @param text plain text
   * @return the text with each reserved character preceded by a backslash (no quotes added)
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'' || c == '{' || c == '}' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
