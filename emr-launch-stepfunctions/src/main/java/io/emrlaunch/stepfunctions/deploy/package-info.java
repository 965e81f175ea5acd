/**
 * Deployment through the Step Functions API: {@link
 * io.emrlaunch.stepfunctions.deploy.StateMachineDeployer} creates or updates a state machine by
 * name (a no-op when nothing changed), applies tags, starts executions and awaits their result
 * without blocking a thread.
 */
@ValueStyle
package io.emrlaunch.stepfunctions.deploy;

import io.emrlaunch.stepfunctions.internal.ValueStyle;
