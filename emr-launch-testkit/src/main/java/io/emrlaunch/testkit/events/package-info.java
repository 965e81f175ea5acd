/**
 * In-memory Amazon EventBridge (rules, SQS targets, delivery faults) behind the SDK client
 * interfaces (see {@code FakeAws}).
 */
package io.emrlaunch.testkit.events;
