package io.emrlaunch.stepfunctions.emr;

/**
 * How a Task state calls an optimized integration: return as soon as the API answers, or wait for
 * the job the API started (the {@code .sync} suffix of the resource ARN). EMR, EMR Serverless and
 * EMR on EKS tasks do not support {@code .waitForTaskToken}.
 */
public enum IntegrationPattern {
  /** Call the API and continue with its response (no suffix). */
  REQUEST_RESPONSE(""),
  /**
   * Call the API and wait until the cluster, step, application or job run is done ({@code .sync}).
   */
  RUN_JOB(".sync");

  private final String suffix;

  IntegrationPattern(String suffix) {
    this.suffix = suffix;
  }

  /**
   * The suffix of the resource ARN.
   *
   * @return {@code ""} or {@code ".sync"}
   */
  public String suffix() {
    return suffix;
  }

  /**
   * How the pattern is written in messages.
   *
   * @return {@code request-response} or {@code .sync}
   */
  public String label() {
    return this == REQUEST_RESPONSE ? "request-response" : suffix;
  }
}
