package io.emrlaunch.core.validation;

import io.emrlaunch.core.EmrLaunchException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Input was invalid: carries <em>every</em> problem found, each with its field path, so a person
 * can fix them all in one go. Thrown before anything is sent to AWS.
 */
public class ValidationException extends EmrLaunchException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /**
   * Creates the exception from the problems found.
   *
   * @param problems at least one problem
   */
  public ValidationException(List<Problem> problems) {
    super(render(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /**
   * Used by generated builders when required attributes were never set. Immutables reports them as
   * {@code "Cannot build X, some of required attributes are not set [a, b]"}; each listed attribute
   * becomes an {@code "a: is required"} problem.
   *
   * @param message the builder's message
   */
  public ValidationException(String message) {
    this(fromBuilderMessage(message));
  }

  private static List<Problem> fromBuilderMessage(String message) {
    int open = message.lastIndexOf('[');
    int close = message.lastIndexOf(']');
    if (open < 0 || close < open + 2) {
      return List.of(Problem.of("", message));
    }
    return Arrays.stream(message.substring(open + 1, close).split(","))
        .map(String::trim)
        .filter(a -> !a.isEmpty())
        .map(a -> Problem.of(a, "is required"))
        .toList();
  }

  /**
   * Every problem found, sorted by path.
   *
   * @return the problems; never empty
   */
  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    return problems.size()
        + (problems.size() == 1 ? " problem: " : " problems: ")
        + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
  }
}
