package io.emrlaunch.stepfunctions.asl.internal;

/**
 * The shape rules of a States Language path ({@code $.x}, {@code $$.Execution.Id}, {@code $var.a},
 * filters inside brackets), shared by {@code JsonPath} and intrinsic path arguments.
 */
public final class PathSyntax {
  private PathSyntax() {}

  /**
   * Checks the shape of a path.
   *
   * @param path the text
   * @return null when well formed, otherwise what is wrong
   */
  public static String check(String path) {
    if (path.isEmpty() || path.charAt(0) != '$') {
      return "must start with $";
    }
    int i = 1;
    if (path.startsWith("$$")) {
      i = 2;
    } else if (path.length() > 1 && Character.isUnicodeIdentifierStart(path.codePointAt(1))) {
      i = variableEnd(path);
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

  /**
   * Whether a path is a Reference Path: it selects a single node (no wildcard, deep scan, filter,
   * slice or union).
   *
   * @param path a well-formed path
   * @return true for a reference path
   */
  public static boolean isReferencePath(String path) {
    // One pass: '*', '@', ".." and "?(" anywhere, ':' or ',' inside brackets (outside quotes).
    int depth = 0;
    char quote = 0;
    char previous = 0;
    for (int i = 0, n = path.length(); i < n; i++) {
      char c = path.charAt(i);
      if (c == '*' || c == '@' || (c == '.' && previous == '.') || (c == '(' && previous == '?')) {
        return false;
      }
      previous = c;
      if (quote != 0) {
        if (c == '\\') {
          // the escaped character is skipped by the bracket scan but still seen by the others
          if (++i < n) {
            char escaped = path.charAt(i);
            if (escaped == '*' || escaped == '@') {
              return false;
            }
            previous = escaped;
          }
        } else if (c == quote) {
          quote = 0;
        }
      } else if (depth > 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (depth > 0 && (c == ':' || c == ',')) {
        return false;
      }
    }
    return true;
  }

  /**
   * The index just after the variable name of a {@code $name...} path.
   *
   * @param path a path starting with {@code $} and an identifier start
   * @return the end index of the name
   */
  public static int variableEnd(String path) {
    int i = 1;
    while (i < path.length() && Character.isUnicodeIdentifierPart(path.codePointAt(i))) {
      i += Character.charCount(path.codePointAt(i));
    }
    return i;
  }
}
