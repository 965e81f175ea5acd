package io.emrlaunch.core.overrides;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;

/**
 * A requested runtime override was refused: an unknown name (or a raw field path), a value of the
 * wrong type, out of bounds or not among the allowed values. Each problem's path is {@code
 * overrides.<name>}. Nothing is applied when this is thrown.
 */
public class InvalidOverrideException extends ValidationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param problems at least one problem, paths {@code overrides.<name>}
   */
  public InvalidOverrideException(List<Problem> problems) {
    super(problems);
  }
}
