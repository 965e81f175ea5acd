package io.emrlaunch.stepfunctions.local;

import java.util.Objects;

/**
 * An activity task waiting for a worker, as {@code GetActivityTask} returns it: answer with {@link
 * LocalEngine#sendTaskSuccess} or {@link LocalEngine#sendTaskFailure} using the token.
 *
 * @param activityArn the activity
 * @param taskToken the token to answer with
 * @param input the task input (JSON text)
 */
public record ActivityTask(String activityArn, String taskToken, String input) {
  /** Checks that no component is null. */
  public ActivityTask {
    Objects.requireNonNull(activityArn, "activityArn");
    Objects.requireNonNull(taskToken, "taskToken");
    Objects.requireNonNull(input, "input");
  }
}
