package io.emrlaunch.stepfunctions.deploy;

/**
 * What {@link StateMachineDeployer#deploy} did.
 *
 * @param stateMachineArn the state machine's ARN
 * @param outcome created, updated or left unchanged
 * @param tagsChanged whether tags were added or changed
 */
public record DeployResult(String stateMachineArn, Outcome outcome, boolean tagsChanged) {

  /** What happened to the state machine itself. */
  public enum Outcome {
    /** It did not exist and was created. */
    CREATED,
    /** Its definition, role, logging or tracing differed and was updated. */
    UPDATED,
    /** It already matched the spec: nothing was written (tags aside). */
    UNCHANGED
  }

  /**
   * Whether anything at all was written.
   *
   * @return false for an unchanged state machine with unchanged tags
   */
  public boolean changed() {
    return outcome != Outcome.UNCHANGED || tagsChanged;
  }
}
