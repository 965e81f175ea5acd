/**
 * An in-memory AWS Step Functions ({@link io.emrlaunch.testkit.sfn.FakeSfn}): state machines, tags
 * and executions whose outcome the test scripts.
 */
package io.emrlaunch.testkit.sfn;
