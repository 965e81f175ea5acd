package io.emrlaunch.core.json;

import io.emrlaunch.core.json.internal.AwsConfigurationCodec;
import io.emrlaunch.core.json.internal.AwsLaunchFunctionCodec;
import io.emrlaunch.core.json.internal.AwsPaths;
import io.emrlaunch.core.json.internal.AwsProfileCodec;
import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import java.util.Optional;

/**
 * Codecs for the record formats of the Python {@code aws-emr-launch} library, so records stored in
 * SSM by Python stacks load here and records written here load there. Field names follow the Python
 * library's {@code to_json()} output exactly; absent values are written as {@code null} as Python
 * did. Reading is tolerant of missing optional fields and reports every problem with its JSON path.
 *
 * <pre>{@code
 * EmrProfile profile = AwsEmrLaunchFormat.profiles().read(ssmValue);
 * String record = AwsEmrLaunchFormat.configurations().write(configuration);
 * }</pre>
 *
 * <p>Allowed overrides are translated between the two path styles ({@code
 * instances.coreGroup.instanceCount} here, {@code Instances.InstanceGroups.1.InstanceCount} there);
 * an override whose path has no counterpart is reported as a problem. Launch function records
 * assume the master, core, tasks order of aws-emr-launch's managed configurations.
 */
public final class AwsEmrLaunchFormat {
  private static final RecordCodec<EmrProfile> PROFILES = new AwsProfileCodec();
  private static final RecordCodec<ClusterConfiguration> CONFIGURATIONS =
      new AwsConfigurationCodec();
  private static final RecordCodec<LaunchFunction> LAUNCH_FUNCTIONS = new AwsLaunchFunctionCodec();

  private AwsEmrLaunchFormat() {}

  /**
   * The profile record ({@code /emr_launch/emr_profiles/<namespace>/<name>}).
   *
   * @return the codec
   */
  public static RecordCodec<EmrProfile> profiles() {
    return PROFILES;
  }

  /**
   * The cluster configuration record ({@code /emr_launch/cluster_configurations/...}).
   *
   * @return the codec
   */
  public static RecordCodec<ClusterConfiguration> configurations() {
    return CONFIGURATIONS;
  }

  /**
   * The launch function record ({@code /emr_launch/emr_launch_functions/...}).
   *
   * @return the codec
   */
  public static RecordCodec<LaunchFunction> launchFunctions() {
    return LAUNCH_FUNCTIONS;
  }

  /**
   * Where an allowed override writes in the stored RunJobFlow request of the aws-emr-launch format,
   * e.g. {@code instances.coreGroup.instanceCount} → {@code
   * Instances.InstanceGroups.1.InstanceCount} (dotted; numeric segments index lists). The positions
   * of instance groups and fleets are those {@link #configurations()} writes for {@code
   * configuration}; without one, the master, core, tasks order of aws-emr-launch's managed
   * configurations.
   *
   * @param override the allowed override
   * @param configuration the configuration the override applies to, or {@code null}
   * @return the dotted path; empty when the override's path has no counterpart in the request
   */
  public static Optional<String> runJobFlowPath(
      AllowedOverride override, ClusterConfiguration configuration) {
    AwsPaths.Layout layout =
        configuration == null
            ? AwsPaths.Layout.standard()
            : AwsConfigurationCodec.layout(configuration);
    return AwsPaths.toAws(override.path(), layout);
  }
}
