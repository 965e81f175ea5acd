package io.emrlaunch.stepfunctions.asl;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.internal.PathSyntax;
import io.emrlaunch.stepfunctions.asl.intrinsics.PathArgument;
import java.util.List;
import java.util.Objects;

/**
 * A path field of a JSONPath state ({@code InputPath}, {@code ResultPath}, {@code Variable}, {@code
 * SecondsPath}, ...): a path into the state input ({@code $.cluster.id}), the Context Object
 * ({@code $$.Execution.Id}) or a variable ({@code $clusterId}). Its shape is checked when created.
 *
 * <p>{@link #NULL} stands for the JSON {@code null} that InputPath, OutputPath and ResultPath
 * accept with a meaning of its own (empty input, empty output, discard the result).
 */
public final class JsonPath {
  /** The JSON {@code null} path value. */
  public static final JsonPath NULL = new JsonPath(null);

  /** The whole input: {@code $}. */
  public static final JsonPath ROOT = new JsonPath("$");

  private final String value;

  private JsonPath(String value) {
    this.value = value;
  }

  /**
   * A checked path.
   *
   * @param path e.g. {@code $.cluster.ClusterId}
   * @return the path
   * @throws ValidationException naming what is wrong with the shape
   */
  public static JsonPath of(String path) {
    Objects.requireNonNull(path, "path");
    if ("$".equals(path)) {
      return ROOT;
    }
    String problem = PathSyntax.check(path);
    if (problem != null) {
      throw new ValidationException(List.of(Problem.of("path", problem + " (was " + path + ")")));
    }
    return new JsonPath(path);
  }

  /**
   * The path of an intrinsic path argument.
   *
   * @param argument an intrinsic path argument
   * @return the same path
   */
  public static JsonPath of(PathArgument argument) {
    return of(argument.path());
  }

  /**
   * Whether this is the JSON {@code null} value.
   *
   * @return true for {@link #NULL}
   */
  public boolean isNull() {
    return value == null;
  }

  /**
   * The path text.
   *
   * @return the text, or null for {@link #NULL}
   */
  public String value() {
    return value;
  }

  /**
   * What the path reads.
   *
   * @return the kind, or null for {@link #NULL}
   */
  public PathArgument.Kind kind() {
    if (value == null) {
      return null;
    }
    if (value.startsWith("$$")) {
      return PathArgument.Kind.CONTEXT;
    }
    if (value.length() > 1 && Character.isUnicodeIdentifierStart(value.codePointAt(1))) {
      return PathArgument.Kind.VARIABLE;
    }
    return PathArgument.Kind.INPUT;
  }

  /**
   * Whether the path selects one node (no wildcard, deep scan, filter, slice or union), as a
   * Reference Path must.
   *
   * @return true for a reference path; false for {@link #NULL}
   */
  public boolean isReferencePath() {
    return value != null && PathSyntax.isReferencePath(value);
  }

  /**
   * This path as an intrinsic function argument.
   *
   * @return the argument
   * @throws IllegalStateException for {@link #NULL}
   */
  public PathArgument toArgument() {
    if (value == null) {
      throw new IllegalStateException("the null path is not an intrinsic argument");
    }
    return new PathArgument(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonPath p && Objects.equals(p.value, value);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value);
  }

  @Override
  public String toString() {
    return value == null ? "null" : value;
  }
}
