/**
 * The Amazon States Language as typed, immutable Java values: {@link
 * io.emrlaunch.stepfunctions.asl.StateMachine} and its states, built fluently with {@link
 * io.emrlaunch.stepfunctions.asl.StateMachineBuilder} or directly ({@code TaskState .builder()}),
 * validated with every problem reported at its location ({@code States.Launch.Catch[0].Next}),
 * emitted as JSON, parsed back from any definition, and drawn as a Mermaid flowchart.
 */
@ValueStyle
package io.emrlaunch.stepfunctions.asl;

import io.emrlaunch.stepfunctions.internal.ValueStyle;
