package io.emrlaunch.core.validation;

import java.util.Objects;

/**
 * One thing wrong with an input value: where ({@link #path()}, e.g. {@code
 * instances.coreGroup.instanceCount}) and what ({@link #message()}, e.g. {@code must be >= 0}).
 */
public final class Problem implements Comparable<Problem> {
  private final String path;
  private final String message;

  private Problem(String path, String message) {
    this.path = Objects.requireNonNull(path, "path");
    this.message = Objects.requireNonNull(message, "message");
  }

  /**
   * Creates a problem.
   *
   * @param path the dotted field path from the root of the validated value; empty for the root
   * @param message what is wrong, phrased to follow the path ("must be >= 0")
   * @return the problem
   */
  public static Problem of(String path, String message) {
    return new Problem(path, message);
  }

  /**
   * The dotted path of the offending field, with list indexes in brackets ({@code
   * bootstrapActions[0].path}).
   *
   * @return the path; empty for the value as a whole
   */
  public String path() {
    return path;
  }

  /**
   * What is wrong with the field.
   *
   * @return the message
   */
  public String message() {
    return message;
  }

  @Override
  public int compareTo(Problem o) {
    int c = path.compareTo(o.path);
    return c != 0 ? c : message.compareTo(o.message);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Problem p && p.path.equals(path) && p.message.equals(message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, message);
  }

  /** Renders as {@code path: message}, or just the message for the root. */
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
