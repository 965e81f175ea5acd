package io.emrlaunch.stepfunctions.deploy;

import java.time.Instant;
import java.util.Optional;

/**
 * A succeeded execution.
 *
 * @param executionArn the execution
 * @param output the output JSON ({@code null} when Step Functions returned none)
 * @param startDate when it started
 * @param stopDate when it stopped
 */
public record ExecutionResult(
    String executionArn, String output, Instant startDate, Instant stopDate) {

  /**
   * The output, if any.
   *
   * @return the output JSON
   */
  public Optional<String> outputJson() {
    return Optional.ofNullable(output);
  }
}
