package io.emrlaunch.stepfunctions.iam;

import java.util.Map;
import java.util.SortedSet;

/**
 * What {@link ExecutionRolePolicy#derive} found: the execution role's policy, the integrations the
 * definition uses, and the policies roles assumed through a Task's {@code Credentials} need.
 *
 * @param policy the execution role's policy
 * @param integrations the integrations used, e.g. {@code elasticmapreduce:createCluster.sync},
 *     {@code aws-sdk:ssm:getParameter}, {@code activity}, {@code states:distributedMap}
 * @param assumedRolePolicies for each role assumed through {@code Credentials} (keyed by its ARN,
 *     or by state name when the ARN is only known at run time): what that role must allow
 */
public record DerivedPolicy(
    PolicyDocument policy,
    SortedSet<String> integrations,
    Map<String, PolicyDocument> assumedRolePolicies) {

  /**
   * Creates the result (collections are copied).
   *
   * @param policy the execution role's policy
   * @param integrations the integrations used
   * @param assumedRolePolicies policies for assumed roles
   */
  public DerivedPolicy {
    integrations =
        java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(integrations));
    assumedRolePolicies = Map.copyOf(assumedRolePolicies);
  }
}
