/**
 * A local Amazon States Language engine: runs state machines in the JVM against AWS SDK v2 clients
 * (the testkit's in-memory ones in tests), in virtual time. Start with {@link
 * io.emrlaunch.stepfunctions.local.LocalEngine}.
 */
package io.emrlaunch.stepfunctions.local;
