package io.emrlaunch.core.repository;

/** The JSON format a record is stored in. Readers accept both; writers use the one configured. */
public enum RecordFormat {
  /**
   * The Python aws-emr-launch library's {@code to_json()} records ({@code ProfileName}, {@code
   * ClusterConfiguration}, ...): records deployed by Python stacks load here and the other way
   * round.
   */
  AWS_EMR_LAUNCH,

  /**
   * This library's own format ({@link io.emrlaunch.core.json.EmrLaunchFormat}): every field of the
   * model, with a {@code schemaVersion}. Richer, but Python readers do not understand it.
   */
  EMR_LAUNCH
}
