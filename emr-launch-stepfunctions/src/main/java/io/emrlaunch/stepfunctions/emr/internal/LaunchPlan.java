package io.emrlaunch.stepfunctions.emr.internal;

import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import java.util.List;

/**
 * Everything the launch function generator needs, checked by {@code LaunchFunctionMachine}.
 *
 * @param function the launch function
 * @param profile the profile as designed (its field set shapes the request)
 * @param configuration the configuration as designed
 * @param profileParameter SSM name of the profile record
 * @param configurationParameter SSM name of the configuration record
 * @param overrides the allow-list with request paths
 * @param integration optimized or aws-sdk tasks
 * @param pollSeconds wait between DescribeCluster calls (aws-sdk variant)
 * @param maxPolls waits before the start times out (aws-sdk variant)
 * @param partition ARN partition
 * @param activity the launch activity, when the launch is handed to a worker
 * @param queryLanguage JSONPath (the default) or JSONata
 */
public record LaunchPlan(
    LaunchFunction function,
    EmrProfile profile,
    ClusterConfiguration configuration,
    String profileParameter,
    String configurationParameter,
    List<OverrideTarget> overrides,
    ServiceIntegration integration,
    long pollSeconds,
    long maxPolls,
    String partition,
    java.util.Optional<ActivityPlan> activity,
    io.emrlaunch.stepfunctions.asl.QueryLanguage queryLanguage) {

  /**
   * The activity variant's options.
   *
   * @param arn the activity's ARN
   * @param heartbeatSeconds the task's HeartbeatSeconds
   * @param startTimeoutSeconds the worker's wait for start (0 when the function does not wait)
   * @param timeoutSeconds the task's TimeoutSeconds
   */
  public record ActivityPlan(
      String arn, long heartbeatSeconds, long startTimeoutSeconds, long timeoutSeconds) {}

  /** {@code arn:<partition>:states:::<integration>}. */
  String resource(String integration) {
    return "arn:" + partition + ":states:::" + integration;
  }
}
