package io.emrlaunch.stepfunctions.asl.intrinsics;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * A path argument: a JSONPath into the state input ({@code $.cluster.id}, {@code $}), into the
 * Context Object ({@code $$.Execution.Id}) or into a variable ({@code $clusterId.arn}). Its shape
 * is checked when created: it starts with {@code $}, its brackets and quotes balance, and outside
 * brackets it has no white space, comma or parenthesis (which would end the argument).
 *
 * @param path the path text
 */
public record PathArgument(String path) implements IntrinsicArgument {

  /** What a path reads from. */
  public enum Kind {
    /** The state input ({@code $...}). */
    INPUT,
    /** The Context Object ({@code $$...}). */
    CONTEXT,
    /** A workflow variable ({@code $name...}). */
    VARIABLE
  }

  /**
   * Creates the path, checking its shape.
   *
   * @param path the path text
   * @throws ValidationException when the path is malformed
   */
  public PathArgument {
    Objects.requireNonNull(path, "path");
    String problem = check(path);
    if (problem != null) {
      throw new ValidationException(List.of(Problem.of("path", problem + " (was " + path + ")")));
    }
  }

  /**
   * What this path reads from.
   *
   * @return the kind
   */
  public Kind kind() {
    if (path.startsWith("$$")) {
      return Kind.CONTEXT;
    }
    if (path.length() > 1 && Character.isUnicodeIdentifierStart(path.codePointAt(1))) {
      return Kind.VARIABLE;
    }
    return Kind.INPUT;
  }

  /**
   * The variable a {@link Kind#VARIABLE} path reads.
   *
   * @return the variable name, or empty for other kinds
   */
  public String variableName() {
    if (kind() != Kind.VARIABLE) {
      return "";
    }
    int i = 1;
    while (i < path.length() && Character.isUnicodeIdentifierPart(path.codePointAt(i))) {
      i += Character.charCount(path.codePointAt(i));
    }
    return path.substring(1, i);
  }

  /**
   * Checks the shape of a path.
   *
   * @param path the text
   * @return null when well formed, otherwise what is wrong
   */
  static String check(String path) {
    if (path.isEmpty() || path.charAt(0) != '$') {
      return "must start with $";
    }
    int i = 1;
    if (path.startsWith("$$")) {
      i = 2;
    } else if (path.length() > 1 && Character.isUnicodeIdentifierStart(path.codePointAt(1))) {
      while (i < path.length() && Character.isUnicodeIdentifierPart(path.codePointAt(i))) {
        i += Character.charCount(path.codePointAt(i));
      }
      if ("states".equals(path.substring(1, i))) {
        return "must not reference the reserved variable $states";
      }
    }
    if (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
      return "must continue with . or [ after " + path.substring(0, i);
    }
    int depth = 0;
    char quote = 0;
    for (; i < path.length(); i++) {
      char c = path.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (depth > 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']') {
        if (--depth < 0) {
          return "has an unbalanced ]";
        }
      } else if (depth == 0
          && (Character.isWhitespace(c) || c == ',' || c == '(' || c == ')' || c == '\'')) {
        return "must not contain '" + c + "' outside brackets";
      }
    }
    if (quote != 0) {
      return "has an unterminated quote";
    }
    if (depth != 0) {
      return "has an unbalanced [";
    }
    if (path.length() > 1 && path.endsWith(".")) {
      return "must not end with .";
    }
    return null;
  }

  @Override
  public String render() {
    return path;
  }

  @Override
  public String toString() {
    return path;
  }
}
