package io.emrlaunch.stepfunctions.iam;

/**
 * The trust (assume-role) policy of a state machine execution role: {@code states.amazonaws.com}
 * may assume it, optionally only on behalf of one account ({@code aws:SourceAccount}) and of its
 * state machines ({@code aws:SourceArn}), which guards against the confused-deputy problem.
 *
 * <pre>{@code
 * PolicyDocument trust = TrustPolicy.forStepFunctions("us-east-1", "123456789012", "nightly-etl");
 * }</pre>
 */
public final class TrustPolicy {
  private static final String PRINCIPAL = "states.amazonaws.com";

  private TrustPolicy() {}

  /**
   * Lets Step Functions assume the role, with no conditions.
   *
   * @return the trust policy
   */
  public static PolicyDocument forStepFunctions() {
    return PolicyDocument.of(
        PolicyStatement.allow().principal("Service", PRINCIPAL).actions("sts:AssumeRole").build());
  }

  /**
   * Lets Step Functions assume the role only for state machines of one account in one region.
   *
   * @param region the region of the state machines (decides the partition)
   * @param accountId their account
   * @param stateMachineName a state machine name, or {@code *} for all of the account's
   * @return the trust policy
   */
  public static PolicyDocument forStepFunctions(
      String region, String accountId, String stateMachineName) {
    String arn =
        "arn:"
            + Partition.ofRegion(region).id()
            + ":states:"
            + region
            + ":"
            + accountId
            + ":stateMachine:"
            + stateMachineName;
    return PolicyDocument.of(
        PolicyStatement.allow()
            .principal("Service", PRINCIPAL)
            .actions("sts:AssumeRole")
            .condition("StringEquals", "aws:SourceAccount", accountId)
            .condition("ArnLike", "aws:SourceArn", arn)
            .build());
  }
}
