package io.emrlaunch.stepfunctions.deploy;

import io.emrlaunch.core.EmrLaunchException;
import java.time.Duration;

/** The execution was still running when the wait's timeout elapsed; it is left running. */
public class ExecutionWaitTimeoutException extends EmrLaunchException {
  private static final long serialVersionUID = 1L;

  private final String executionArn;

  /**
   * Creates the exception.
   *
   * @param executionArn the execution
   * @param timeout how long was waited
   */
  public ExecutionWaitTimeoutException(String executionArn, Duration timeout) {
    super("execution " + executionArn + " still running after " + timeout);
    this.executionArn = executionArn;
  }

  /**
   * The execution.
   *
   * @return its ARN
   */
  public String executionArn() {
    return executionArn;
  }
}
