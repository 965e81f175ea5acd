/**
 * Least-privilege IAM for state machines: the execution role's policy derived from the definition
 * itself ({@link io.emrlaunch.stepfunctions.iam.ExecutionRolePolicy}), the role's trust policy
 * ({@link io.emrlaunch.stepfunctions.iam.TrustPolicy}) and immutable policy documents that render
 * IAM JSON ({@link io.emrlaunch.stepfunctions.iam.PolicyDocument}).
 */
package io.emrlaunch.stepfunctions.iam;
