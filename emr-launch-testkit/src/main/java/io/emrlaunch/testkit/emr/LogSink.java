package io.emrlaunch.testkit.emr;

/**
 * Where {@link FakeEmr} writes the logs of failing steps and clusters, as EMR uploads them to the
 * cluster's LogUri. {@code FakeAws} connects it to its in-memory S3.
 */
@FunctionalInterface
public interface LogSink {
  /**
   * Writes one log file.
   *
   * @param s3Uri where, e.g. {@code s3://logs/j-1ABC/steps/s-2DEF/stderr.gz}
   * @param gzipped the gzip-compressed content
   */
  void write(String s3Uri, byte[] gzipped);
}
