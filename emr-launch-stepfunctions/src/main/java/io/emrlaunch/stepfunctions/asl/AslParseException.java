package io.emrlaunch.stepfunctions.asl;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;

/**
 * A definition could not be read: every structural problem, each located by the JSON pointer of the
 * offending value ({@code /States/Launch/Retry/0/MaxAttempts}).
 */
public class AslParseException extends ValidationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param problems at least one problem whose path is a JSON pointer
   */
  public AslParseException(List<Problem> problems) {
    super(problems);
  }
}
