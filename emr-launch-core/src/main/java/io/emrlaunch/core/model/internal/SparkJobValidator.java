package io.emrlaunch.core.model.internal;

import io.emrlaunch.core.model.SparkJob;
import io.emrlaunch.core.validation.Problems;
import java.util.regex.Pattern;

/** Validation rules of {@link SparkJob}. */
public final class SparkJobValidator {
  private static final Pattern MEMORY = Pattern.compile("[1-9]\\d{0,6}[kKmMgGtT]?");
  private static final Pattern S3 = Pattern.compile("s3a?://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+");
  private static final Pattern ARG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,256}");

  private SparkJobValidator() {}

  /** A record name derived from a job name (SSM-safe characters only). */
  public static String recordName(String jobName) {
    String name = jobName == null ? "" : jobName.replaceAll("[^a-zA-Z0-9_.-]", "-");
    name = name.replaceAll("\\.\\.+", ".");
    if (name.toLowerCase(java.util.Locale.ROOT).startsWith("aws")
        || name.toLowerCase(java.util.Locale.ROOT).startsWith("ssm")) {
      name = "job-" + name;
    }
    return name.isEmpty() ? "spark-job" : name.substring(0, Math.min(name.length(), 128));
  }

  /** Reports every problem of {@code job} into {@code p}. */
  public static void validate(SparkJob job, Problems p) {
    if (p.required("jobName", job.jobName())) {
      p.matches("jobName", job.jobName(), NAME, "1 to 256 characters without control codes");
    }
    p.matches("entryPoint", job.entryPoint(), S3, "an S3 URI like s3://bucket/job.py");
    job.codeFiles()
        .ifPresent(c -> p.matches("codeFiles", c, S3, "an S3 URI like s3://bucket/code.zip"));
    p.matches("executorMemory", job.executorMemory(), MEMORY, "a JVM memory size like 16G");
    p.matches("driverMemory", job.driverMemory(), MEMORY, "a JVM memory size like 8G");
    p.required("masterInstanceType", job.masterInstanceType());
    p.required("coreInstanceType", job.coreInstanceType());
    p.min("coreInstanceCount", job.coreInstanceCount(), 1);
    if (ReleaseLabel.parse(job.releaseLabel()).isEmpty()) {
      p.matches(
          "releaseLabel",
          job.releaseLabel(),
          ReleaseLabel.PATTERN,
          "an EMR release label like emr-7.5.0");
    }
    for (String name : job.namedArguments().keySet()) {
      if (!ARG_NAME.matcher(name).matches()) {
        p.add("namedArguments", "names must look like namespace.argname (was \"" + name + "\")");
      }
    }
    for (String key : job.sparkConf().keySet()) {
      if (key.isBlank() || key.contains("=")) {
        p.add("sparkConf", "keys must be non-blank and contain no '=' (was \"" + key + "\")");
      }
    }
    job.region()
        .ifPresent(
            r ->
                p.matches(
                    "region",
                    r,
                    Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d"),
                    "an AWS region like eu-west-1"));
    job.subnetId()
        .ifPresent(
            s -> p.matches("subnetId", s, Pattern.compile("subnet-[0-9a-f]{1,17}"), "a subnet id"));
    for (int i = 0; i < job.sparkPackages().size(); i++) {
      p.matches(
          "sparkPackages[" + i + "]",
          job.sparkPackages().get(i),
          Pattern.compile("[^:\\s,]+:[^:\\s,]+:[^:\\s,]+"),
          "Maven coordinates group:artifact:version");
    }
  }
}
