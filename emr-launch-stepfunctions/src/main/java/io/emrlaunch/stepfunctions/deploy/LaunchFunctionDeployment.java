package io.emrlaunch.stepfunctions.deploy;

import io.emrlaunch.core.model.LaunchFunction;

/**
 * What {@link StateMachineDeployer#deployLaunchFunction} did.
 *
 * @param stateMachine the state machine deployment
 * @param launchFunction the launch function as stored, with its state machine ARN
 * @param recordWritten whether the record was written (false when it was already up to date)
 */
public record LaunchFunctionDeployment(
    DeployResult stateMachine, LaunchFunction launchFunction, boolean recordWritten) {}
