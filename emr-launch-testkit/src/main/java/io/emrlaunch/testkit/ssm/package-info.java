/**
 * An in-memory AWS Systems Manager Parameter Store ({@link io.emrlaunch.testkit.ssm.FakeSsm}) that
 * enforces the service's real limits and answers with the SDK's modelled exceptions.
 */
package io.emrlaunch.testkit.ssm;
