/**
 * Failure diagnosis: the probable cause of a failed step or cluster, read from the logs EMR writes
 * to the cluster's log URI. {@link io.emrlaunch.core.diagnosis.Diagnosis} is what a {@code
 * StepFailedException} or {@code ClusterFailedException} carries; {@link
 * io.emrlaunch.core.diagnosis.DiagnosisParser} reads log text you already have.
 */
@ValueStyle
package io.emrlaunch.core.diagnosis;

import io.emrlaunch.core.internal.ValueStyle;
