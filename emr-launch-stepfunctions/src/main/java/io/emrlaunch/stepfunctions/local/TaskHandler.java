package io.emrlaunch.stepfunctions.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a Task the engine does not call an SDK client for: Lambda functions and activities.
 *
 * <p>The future completes with the task's result, or exceptionally with a {@link LocalTaskFailure}
 * to fail the state with that error name (any other exception is {@code States.TaskFailed}).
 */
@FunctionalInterface
public interface TaskHandler {

  /**
   * Runs the task.
   *
   * @param resource the function name or ARN (Lambda), or the activity ARN
   * @param input the task's effective input (the Lambda {@code Payload} for {@code lambda:invoke})
   * @return the result
   */
  CompletableFuture<JsonNode> handle(String resource, JsonNode input);
}
