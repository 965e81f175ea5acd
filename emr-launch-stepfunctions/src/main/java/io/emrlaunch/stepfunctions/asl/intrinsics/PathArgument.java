package io.emrlaunch.stepfunctions.asl.intrinsics;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.internal.PathSyntax;
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
    return path.substring(1, PathSyntax.variableEnd(path));
  }

  /**
   * Checks the shape of a path.
   *
   * @param path the text
   * @return null when well formed, otherwise what is wrong
   */
  static String check(String path) {
    return PathSyntax.check(path);
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
