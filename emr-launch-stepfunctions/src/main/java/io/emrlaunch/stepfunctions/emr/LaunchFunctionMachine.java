package io.emrlaunch.stepfunctions.emr;

import io.emrlaunch.core.json.AwsEmrLaunchFormat;
import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.repository.ParameterLayout;
import io.emrlaunch.core.repository.RecordKind;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.emr.internal.LaunchFunctionAsl;
import io.emrlaunch.stepfunctions.emr.internal.LaunchPlan;
import io.emrlaunch.stepfunctions.emr.internal.OverrideTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Generates an aws-emr-launch <em>launch function</em> as pure Amazon States Language: no Lambda,
 * no layer, no Docker. The machine does at run time what the Python library's four Lambdas did:
 *
 * <ol>
 *   <li>reads exactly two SSM parameters, the profile and the configuration (aws-emr-launch record
 *       format, the {@code SsmRecordStore} default), and maps them to a RunJobFlow request the way
 *       {@code RunJobFlowRequests.from(profile, configuration, clusterName, tags)} does in Java;
 *   <li>applies {@code ClusterConfigurationOverrides} from the execution input, each checked inside
 *       the machine against the allow-list (name, type, bounds, allowed values); a failed check
 *       ends the execution with {@value #INVALID_OVERRIDE} and a cause naming the override;
 *   <li>fails with {@value #CLUSTER_RUNNING} when a cluster of the same name is active and {@code
 *       FailIfClusterRunning} (input, else the function's default) is true — every ListClusters
 *       page is read;
 *   <li>merges the input's {@code Tags} over the function's and the configuration's (input wins;
 *       the last entry of a key wins);
 *   <li>creates the cluster and, when the function waits for start, waits for WAITING or RUNNING;
 *   <li>publishes to the success or failure SNS topic when set; a failure of any task or check ends
 *       in the failure chain and the execution fails with the original error name and cause (Step
 *       Functions' own {@code States.*} errors as {@value #LAUNCH_FAILED}); after the cluster
 *       exists, a failure first terminates it.
 * </ol>
 *
 * The profile and configuration given to the builder are the <em>design</em>, as the Python
 * construct took them: their values are read from SSM at run time, so changed roles, groups,
 * instance types or releases apply without regenerating, but the set of request fields passed to
 * EMR (ASL Parameters have fixed keys) and the default allow-list come from the design. A field the
 * design leaves unset needs a new machine, as aws-emr-launch needed a new deployment.
 *
 * <p>Output (compatible with aws-emr-launch): the execution input plus {@code ClusterConfiguration.
 * Cluster} (the request sent) and {@code LaunchClusterResult.ClusterId} ({@link #CLUSTER_ID_PATH}).
 *
 * <pre>{@code
 * StateMachine machine = LaunchFunctionMachine.builder(launchFunction, profile, configuration)
 *     .integration(ServiceIntegration.AWS_SDK) // or OPTIMIZED (createCluster.sync), the default
 *     .build();
 * Files.writeString(Path.of("launch-function.asl.json"), machine.toPrettyJson());
 * }</pre>
 *
 * <p>Not supported in pure ASL, and refused at run time with {@value #UNSUPPORTED_RECORD}:
 * configurations with {@code SecretConfigurations} and profiles with a Kerberos attributes secret
 * (their values would be written to the execution history). For those, generate the activity
 * variant ({@link Builder#launchActivity(String)}), served by {@link
 * io.emrlaunch.stepfunctions.activity.LaunchActivityWorker}, or launch with {@code
 * ClusterLauncher}.
 */
public final class LaunchFunctionMachine {
  /** Where the launched cluster's id is in the output. */
  public static final String CLUSTER_ID_PATH = "$.LaunchClusterResult.ClusterId";

  /** Error of an override that is unknown, of the wrong type, out of bounds or not allowed. */
  public static final String INVALID_OVERRIDE = "EmrLaunch.InvalidOverride";

  /** Error of execution input that is not of the expected shape (e.g. {@code Tags} not a list). */
  public static final String INVALID_INPUT = "EmrLaunch.InvalidInput";

  /** Error when a cluster of the same name is active and fail-if-running is on. */
  public static final String CLUSTER_RUNNING = "EmrLaunch.ClusterRunning";

  /** Error when the new cluster ends (TERMINATING/TERMINATED*) before it started. */
  public static final String CLUSTER_FAILED = "EmrLaunch.ClusterFailed";

  /** Error when the new cluster is not up within the start timeout (aws-sdk variant). */
  public static final String CLUSTER_START_TIMEOUT = "EmrLaunch.ClusterStartTimeout";

  /** Error when the profile or configuration parameter does not exist. */
  public static final String RECORD_NOT_FOUND = "EmrLaunch.RecordNotFound";

  /**
   * Error of a failure Step Functions itself names ({@code States.Runtime}, {@code States.Timeout},
   * ...): a Fail state may not raise those, so the cause starts with the original name.
   */
  public static final String LAUNCH_FAILED = "EmrLaunch.LaunchFailed";

  /** Error for records the pure-ASL launch function does not launch (secrets). */
  public static final String UNSUPPORTED_RECORD = "EmrLaunch.UnsupportedRecord";

  private static final Pattern OVERRIDE_NAME = Pattern.compile("[A-Za-z0-9_]{1,40}");
  private static final Pattern PARTITION = Pattern.compile("aws(-cn|-us-gov|-iso|-iso-b)?");
  private static final Pattern ACTIVITY_ARN =
      Pattern.compile("arn:(aws[a-z-]*):states:[a-z0-9-]+:\\d{12}:activity:[^\\s:]{1,80}");

  private LaunchFunctionMachine() {}

  /**
   * Starts a builder for a launch function.
   *
   * @param function the launch function (profile and configuration references, name, tags,
   *     allow-list, fail-if-running default, wait for start, topics)
   * @param profile the profile as designed (stored under {@code function.profile()})
   * @param configuration the configuration as designed (stored under {@code
   *     function.configuration()}); its allowed overrides apply when the function lists none
   * @return a builder
   */
  public static Builder builder(
      LaunchFunction function, EmrProfile profile, ClusterConfiguration configuration) {
    return new Builder(
        Objects.requireNonNull(function, "function"),
        Objects.requireNonNull(profile, "profile"),
        Objects.requireNonNull(configuration, "configuration"));
  }

  /** Options of a generated launch function. */
  public static final class Builder {
    private final LaunchFunction function;
    private final EmrProfile profile;
    private final ClusterConfiguration configuration;
    private ServiceIntegration integration = ServiceIntegration.OPTIMIZED;
    private String parameterRoot = "/emr_launch";
    private Duration pollInterval = Duration.ofSeconds(30);
    private Duration startTimeout = Duration.ofHours(2);
    private String partition = "aws";
    private String launchActivity;
    private Duration activityHeartbeat = Duration.ofMinutes(2);
    private QueryLanguage queryLanguage = QueryLanguage.JSONPATH;

    private Builder(
        LaunchFunction function, EmrProfile profile, ClusterConfiguration configuration) {
      this.function = function;
      this.profile = profile;
      this.configuration = configuration;
    }

    /**
     * Which integrations create and watch the cluster.
     *
     * @param integration {@link ServiceIntegration#OPTIMIZED} (default) or {@link
     *     ServiceIntegration#AWS_SDK} with a polling loop
     * @return this builder
     */
    public Builder integration(ServiceIntegration integration) {
      this.integration = Objects.requireNonNull(integration, "integration");
      return this;
    }

    /**
     * The SSM root the records are stored under.
     *
     * @param root e.g. {@code /emr_launch} (the default, as aws-emr-launch)
     * @return this builder
     */
    public Builder parameterRoot(String root) {
      this.parameterRoot = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * How long the {@link ServiceIntegration#AWS_SDK} variant waits between DescribeCluster calls.
     *
     * @param interval 1 s to 1 h; default 30 s
     * @return this builder
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * How long the {@link ServiceIntegration#AWS_SDK} variant waits for WAITING or RUNNING before
     * it terminates the cluster and fails with {@value
     * LaunchFunctionMachine#CLUSTER_START_TIMEOUT}. The optimized variant waits as {@code
     * createCluster.sync} does.
     *
     * @param timeout at least the poll interval; default 2 h
     * @return this builder
     */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * The partition of the resource ARNs.
     *
     * @param partition {@code aws} (default), {@code aws-cn}, {@code aws-us-gov}, ...
     * @return this builder
     */
    public Builder partition(String partition) {
      this.partition = Objects.requireNonNull(partition, "partition");
      return this;
    }

    /**
     * Hands the launch to a Step Functions activity served by {@link
     * io.emrlaunch.stepfunctions.activity.LaunchActivityWorker} instead of launching in ASL: the
     * machine becomes one Task state whose {@code Resource} is the activity (with {@code
     * HeartbeatSeconds} and {@code TimeoutSeconds}), then the success or failure chain. The worker
     * reads the function, profile and configuration from its store and launches with {@code
     * ClusterLauncher}, secrets included; the execution history holds only the function's
     * reference, the execution input and the cluster id. This is the launch function for records
     * with secrets that needs no Lambda. {@link #integration}, {@link #pollInterval} and {@link
     * #parameterRoot} do not apply (the worker's store and launcher decide); {@link #startTimeout}
     * is the worker's wait for start.
     *
     * @param activityArn {@code arn:<partition>:states:<region>:<account>:activity:<name>}, in this
     *     builder's partition
     * @return this builder
     */
    public Builder launchActivity(String activityArn) {
      this.launchActivity = Objects.requireNonNull(activityArn, "activityArn");
      return this;
    }

    /**
     * The launch activity's {@code HeartbeatSeconds}: the task fails with {@code
     * States.HeartbeatTimeout} when the worker is silent that long (it beats every 30 s by
     * default).
     *
     * @param heartbeat 10 s to 1 h; default 2 min
     * @return this builder
     */
    public Builder activityHeartbeat(Duration heartbeat) {
      this.activityHeartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
      return this;
    }

    /**
     * The query language of the generated states. {@link QueryLanguage#JSONPATH} (the default) runs
     * on every engine, moto's Step Functions included; {@link QueryLanguage#JSONATA} gives the same
     * behaviour (same errors, causes and output) in far fewer states and state transitions: the
     * record mapping, override checks, log location and tag merge are one Pass state. Use it where
     * the engine evaluates JSONata (AWS Step Functions, this library's local engine).
     *
     * @param language JSONPath or JSONata
     * @return this builder
     */
    public Builder queryLanguage(QueryLanguage language) {
      this.queryLanguage = Objects.requireNonNull(language, "language");
      return this;
    }

    /**
     * Generates the machine.
     *
     * @return the validated state machine
     * @throws io.emrlaunch.core.validation.ValidationException naming each invalid field (of the
     *     function, e.g. {@code function.allowedOverrides[0].path}, or of this builder)
     */
    public StateMachine build() {
      Problems root = Problems.root();
      Problems fn = root.at("function");
      function.validationProblems().forEach(p -> fn.add(p.path(), p.message()));
      Problems pr = root.at("profile");
      profile.validationProblems().forEach(p -> pr.add(p.path(), p.message()));
      Problems cf = root.at("configuration");
      configuration.validationProblems().forEach(p -> cf.add(p.path(), p.message()));
      // the machine reads the function's records: the values given here must be those records
      if (!profile.ref().equals(function.profile())) {
        root.add(
            "profile",
            "is " + profile.ref() + ", but the function reads the profile " + function.profile());
      }
      if (!configuration.ref().equals(function.configuration())) {
        root.add(
            "configuration",
            "is "
                + configuration.ref()
                + ", but the function reads the configuration "
                + function.configuration());
      }
      if (!root.problems().isEmpty()) {
        root.throwIfAny();
      }
      ParameterLayout layout = null;
      try {
        layout = ParameterLayout.withRoot(parameterRoot);
      } catch (IllegalArgumentException e) {
        root.add("parameterRoot", e.getMessage());
      }
      if (pollInterval.compareTo(Duration.ofSeconds(1)) < 0
          || pollInterval.compareTo(Duration.ofHours(1)) > 0) {
        root.add("pollInterval", "must be between 1 s and 1 h (was " + pollInterval + ")");
      }
      if (startTimeout.compareTo(pollInterval) < 0) {
        root.add("startTimeout", "must be at least the poll interval (was " + startTimeout + ")");
      }
      if (!PARTITION.matcher(partition).matches()) {
        root.add("partition", "is not an AWS partition (was " + partition + ")");
      }
      Optional<LaunchPlan.ActivityPlan> activity = Optional.empty();
      if (launchActivity != null) {
        java.util.regex.Matcher m = ACTIVITY_ARN.matcher(launchActivity);
        if (!m.matches()) {
          root.add(
              "launchActivity",
              "must be arn:<partition>:states:<region>:<account>:activity:<name> (was "
                  + launchActivity
                  + ")");
        } else if (!m.group(1).equals(partition)) {
          root.add(
              "launchActivity",
              "is in partition " + m.group(1) + " but the machine is in " + partition);
        }
        if (activityHeartbeat.compareTo(Duration.ofSeconds(10)) < 0
            || activityHeartbeat.compareTo(Duration.ofHours(1)) > 0) {
          root.add(
              "activityHeartbeat", "must be between 10 s and 1 h (was " + activityHeartbeat + ")");
        }
        long start = function.waitForClusterStart() ? startTimeout.toSeconds() : 0;
        // the worker's own timeout ends the launch first (terminating the cluster); the task's
        // timeout is the backstop for a worker that never answers
        activity =
            Optional.of(
                new LaunchPlan.ActivityPlan(
                    launchActivity,
                    activityHeartbeat.toSeconds(),
                    start,
                    start + Duration.ofMinutes(45).toSeconds()));
      }
      List<AllowedOverride> allowed =
          function.allowedOverrides().isEmpty()
              ? configuration.allowedOverrides()
              : function.allowedOverrides();
      String listName =
          function.allowedOverrides().isEmpty()
              ? "configuration.allowedOverrides"
              : "function.allowedOverrides";
      List<OverrideTarget> targets = new ArrayList<>();
      for (int i = 0; i < allowed.size(); i++) {
        AllowedOverride o = allowed.get(i);
        Problems at = root.at(listName, i);
        if (!OVERRIDE_NAME.matcher(o.name()).matches()) {
          at.add(
              "name",
              "must be 1-40 letters, digits or _ to be checked in ASL (was " + o.name() + ")");
          continue;
        }
        Optional<String> path = AwsEmrLaunchFormat.runJobFlowPath(o, configuration);
        if (path.isEmpty()) {
          at.add("path", "has no field in the RunJobFlow request (was " + o.path() + ")");
          continue;
        }
        targets.add(new OverrideTarget(o, path.get()));
      }
      root.throwIfAny();
      LaunchPlan plan =
          new LaunchPlan(
              function,
              profile,
              configuration,
              layout.parameterName(
                  RecordKind.PROFILE, function.profile().namespace(), function.profile().name()),
              layout.parameterName(
                  RecordKind.CONFIGURATION,
                  function.configuration().namespace(),
                  function.configuration().name()),
              targets,
              integration,
              pollInterval.toSeconds(),
              Math.max(
                  1,
                  (startTimeout.toSeconds() + pollInterval.toSeconds() - 1)
                      / Math.max(1, pollInterval.toSeconds())),
              partition,
              activity,
              queryLanguage);
      return LaunchFunctionAsl.build(plan);
    }
  }
}
