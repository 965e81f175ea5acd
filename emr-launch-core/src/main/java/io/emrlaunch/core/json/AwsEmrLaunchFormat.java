package io.emrlaunch.core.json;

/**
 * Codecs for the record formats of the Python {@code aws-emr-launch} library, so records stored in
 * SSM by Python stacks load here and records written here load there. Field names follow the Python
 * library's {@code to_json()} output exactly.
 */
public final class AwsEmrLaunchFormat {
  private AwsEmrLaunchFormat() {}

  // ---- profiles (owned by the profile work) ----

  // ---- cluster configurations (owned by the configuration work) ----

  // ---- launch functions (owned by the jobs work) ----

}
