package io.emrlaunch.stepfunctions.emr;

/**
 * Which Step Functions integrations a generated machine (launch function or pipeline) calls EMR
 * through.
 *
 * <p>The optimized integrations ({@code arn:aws:states:::elasticmapreduce:*}) wait with {@code
 * .sync}, which Step Functions implements with managed EventBridge rules. The AWS SDK integrations
 * ({@code arn:aws:states:::aws-sdk:emr:*}) call the plain EMR API and wait with a polling loop of
 * Wait and Choice states: they need no EventBridge permissions and run in emulators that only
 * implement the SDK integrations (moto).
 */
public enum ServiceIntegration {
  /** {@code elasticmapreduce:createCluster(.sync)}, {@code addStep(.sync)}, ... */
  OPTIMIZED,
  /** {@code aws-sdk:emr:runJobFlow}, {@code describeCluster}, ... with polling loops. */
  AWS_SDK
}
