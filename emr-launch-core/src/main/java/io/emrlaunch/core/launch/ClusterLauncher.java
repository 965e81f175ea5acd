package io.emrlaunch.core.launch;

import io.emrlaunch.core.EmrLaunchException;
import io.emrlaunch.core.Futures;
import io.emrlaunch.core.diagnosis.internal.Diagnoser;
import io.emrlaunch.core.launch.internal.EmrCalls;
import io.emrlaunch.core.launch.internal.SecretResolver;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.model.SparkJob;
import io.emrlaunch.core.repository.RecordStore;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * Launches EMR clusters and runs work on them, asynchronously and cheaply at hundreds of clusters:
 * every wait goes through one shared {@link ClusterMonitor}. {@link #blocking()} gives the same
 * operations for callers that prefer to wait on their own thread.
 *
 * <pre>{@code
 * try (ClusterLauncher launcher = ClusterLauncher.builder().emr(emrAsync).build()) {
 *   LaunchedCluster cluster = launcher.launch(r -> r
 *       .profile(profile)
 *       .configuration(configuration)
 *       .clusterName("nightly-etl")
 *       .waitFor(LaunchWait.WAITING)).join();
 * }
 * }</pre>
 *
 * Guarantees:
 *
 * <ul>
 *   <li><b>Validation first</b>: an invalid request fails with a {@link ValidationException} naming
 *       every field path, and no EMR call is made.
 *   <li><b>No duplicates</b>: each launch tags its cluster with a launch token ({@value
 *       #LAUNCH_TOKEN_TAG}). The SDK's own retries are disabled for {@code RunJobFlow}; when its
 *       outcome is unknown (5xx, timeout, lost response) the launcher looks the token up (for as
 *       long as the lookup itself fails) before trying again. A request's {@link
 *       LaunchRequest#idempotencyKey()} extends this across calls and processes.
 *   <li><b>No orphans</b>: when the wait fails after the cluster exists (timeout, the caller
 *       cancels the returned future, the launcher loses track of it) the cluster is terminated,
 *       unless the request opted out ({@link LaunchRequest#terminateOnFailure()}); a termination
 *       EMR does not accept is reported ({@link OrphanTerminationFailedException}).
 *   <li><b>Typed failures</b>: every failure is an {@link EmrLaunchException} (the SDK's error as
 *       its cause): {@link ClusterFailedException} with EMR's state-change reason, {@link
 *       ClusterWaitTimeoutException}, {@link ClusterAlreadyRunningException}, {@link
 *       StepFailedException}, {@link SecretNotFoundException}, {@link
 *       SecretDecryptionFailureException}.
 *   <li><b>Secrets at the last moment</b>: with a Secrets Manager client ({@link
 *       ClusterLauncherBuilder#secretsManager}), the profile's Kerberos attributes secret and the
 *       configuration's secret configurations are read right before {@code RunJobFlow} and go only
 *       into the request EMR receives: never into logs, listener events, exception messages or
 *       {@code toString()}. A launch that needs them without a client fails with a {@link
 *       ValidationException} naming the field; no AWS call is made.
 *   <li><b>Diagnosis</b>: given an S3 client ({@link ClusterLauncherBuilder#s3}), a failed step's
 *       or cluster's exception carries the probable cause read from its logs ({@link
 *       StepFailedException#diagnosis()}), within bounds, never replacing the failure itself.
 *   <li><b>Progress</b>: launches, state changes, step outcomes and clean-ups are logged at INFO
 *       (SLF4J when present, {@link System.Logger} otherwise), polls at DEBUG.
 * </ul>
 */
public final class ClusterLauncher implements AutoCloseable {
  /** The tag that carries a launch's token. */
  public static final String LAUNCH_TOKEN_TAG = "emr-launch:launch-token";

  private final LauncherContext ctx;
  private final ClusterOperations ops;
  private final boolean ownsMonitor;

  ClusterLauncher(ClusterLauncherBuilder b) {
    EmrAsyncClient emr = Objects.requireNonNull(b.emr, "emr client is required");
    var scheduler = b.scheduler != null ? b.scheduler : Futures.defaultScheduler();
    var clock = b.clock != null ? b.clock : java.time.Clock.systemUTC();
    ClusterMonitor monitor = b.monitor;
    this.ownsMonitor = monitor == null;
    if (monitor == null) {
      ClusterMonitor.Builder mb =
          ClusterMonitor.builder().emr(emr).scheduler(scheduler).clock(clock).cadence(b.cadence);
      b.listeners.forEach(mb::listener);
      monitor = mb.build();
    } else {
      b.listeners.forEach(monitor::addListener);
    }
    List<LaunchListener> launchListeners =
        b.listeners.stream()
            .filter(l -> l instanceof LaunchListener)
            .map(l -> (LaunchListener) l)
            .toList();
    this.ctx =
        new LauncherContext(
            emr,
            clock,
            monitor,
            launchListeners,
            b.launchTokens,
            b.runJobFlowAttempts,
            new EmrCalls(emr, scheduler, b.callAttempts, b.retryPause),
            b.persistence,
            b.secretsManager == null ? null : new SecretResolver(b.secretsManager),
            new Diagnostics(
                b.s3 == null
                    ? null
                    : new Diagnoser(b.s3, b.diagnosisMaxBytes, b.diagnosisTimeLimit, scheduler),
                emr));
    this.ops = new ClusterOperations(ctx);
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static ClusterLauncherBuilder builder() {
    return new ClusterLauncherBuilder();
  }

  /**
   * The monitor every wait of this launcher goes through.
   *
   * @return the monitor
   */
  public ClusterMonitor monitor() {
    return ctx.monitor;
  }

  /**
   * The same operations, waiting on the calling thread and throwing the library's exceptions
   * unwrapped (never {@code CompletionException}).
   *
   * @return a blocking view of this launcher
   */
  public BlockingClusterLauncher blocking() {
    return new BlockingClusterLauncher(this);
  }

  /**
   * Launches a cluster.
   *
   * @param request what to launch and how to wait
   * @return completes with the cluster in the state asked for; fails with {@link
   *     ValidationException} (no EMR call made; also when the launch needs secrets and the launcher
   *     has no Secrets Manager client), {@link ClusterAlreadyRunningException}, {@link
   *     SecretNotFoundException} or {@link SecretDecryptionFailureException} (no cluster created),
   *     {@link ClusterFailedException}, {@link ClusterWaitTimeoutException} or {@link
   *     EmrLaunchException}; cancelling it terminates the cluster (unless the request opted out)
   */
  public CompletableFuture<LaunchedCluster> launch(LaunchRequest request) {
    Objects.requireNonNull(request, "request");
    String token = request.idempotencyKey().orElseGet(ctx.launchTokens);
    RunJobFlowRequest runJobFlow;
    try {
      runJobFlow = LaunchPreparation.prepare(request, token);
      if (ctx.secrets == null) {
        LaunchPreparation.checkNoSecrets(request);
      }
    } catch (ValidationException e) {
      return CompletableFuture.failedFuture(e);
    }
    return new LaunchOperation(ctx, request, runJobFlow, token).start();
  }

  /**
   * Launches a cluster described with a builder.
   *
   * @param request fills a {@link LaunchRequest} builder
   * @return see {@link #launch(LaunchRequest)}; a builder left incomplete or given a null fails it
   *     with a {@link ValidationException}
   */
  public CompletableFuture<LaunchedCluster> launch(Consumer<LaunchRequest.Builder> request) {
    LaunchRequest built;
    try {
      LaunchRequest.Builder b = LaunchRequest.builder();
      request.accept(b);
      built = b.build();
    } catch (ValidationException e) {
      return CompletableFuture.failedFuture(e);
    } catch (NullPointerException e) {
      return CompletableFuture.failedFuture(
          new ValidationException(List.of(Problem.of("request", String.valueOf(e.getMessage())))));
    }
    return launch(built);
  }

  /**
   * Launches from stored records: the profile and the configuration are read together (one round
   * trip for stores that can, such as SSM's {@code GetParameters}), then the launch proceeds as
   * {@link #launch(LaunchRequest)}.
   *
   * @param store where the records are
   * @param profile the profile's reference
   * @param configuration the configuration's reference
   * @param rest the rest of the request (name, tags, overrides, wait); profile and configuration
   *     are set from the store
   * @return see {@link #launch(LaunchRequest)}; fails with the store's error (for example {@code
   *     RecordNotFoundException}) before any EMR call; cancelling it cancels the launch (and so
   *     terminates its cluster), also while the records are being read
   */
  public CompletableFuture<LaunchedCluster> launch(
      RecordStore store,
      RecordRef profile,
      RecordRef configuration,
      Consumer<LaunchRequest.Builder> rest) {
    return StoredLaunch.launch(this, store, profile, configuration, rest);
  }

  /**
   * Runs a stored launch function (aws-emr-launch's "launch function"): its profile and
   * configuration are read together from the store, its cluster name (or the configuration's) and
   * tags are used, runtime overrides are checked against its allow-list (or the configuration's
   * when it has none), its fail-if-running default applies, and the launch waits for the cluster to
   * start when the function says so.
   *
   * @param store where the records are
   * @param function the launch function
   * @param overrides runtime overrides by name
   * @return see {@link #launch(LaunchRequest)}
   */
  public CompletableFuture<LaunchedCluster> launch(
      RecordStore store, LaunchFunction function, Map<String, ?> overrides) {
    return StoredLaunch.launch(this, store, function, overrides);
  }

  /**
   * The {@code RunJobFlowRequest} a launch would send (validated), with the given launch token.
   *
   * @param request the launch
   * @param launchToken the token to tag the cluster with
   * @return the request
   * @throws ValidationException when the request is invalid
   */
  public static RunJobFlowRequest runJobFlowRequest(LaunchRequest request, String launchToken) {
    return LaunchPreparation.prepare(request, launchToken);
  }

  /**
   * Terminates a cluster and waits until it is gone.
   *
   * @param clusterId the cluster
   * @return completes with the cluster's final snapshot
   */
  public CompletableFuture<ClusterSnapshot> terminate(String clusterId) {
    return ops.terminate(clusterId);
  }

  /**
   * Turns termination protection on or off.
   *
   * @param clusterId the cluster
   * @param terminationProtected the new setting
   * @return completes when EMR accepted it
   */
  public CompletableFuture<Void> setTerminationProtection(
      String clusterId, boolean terminationProtected) {
    return ops.setTerminationProtection(clusterId, terminationProtected);
  }

  /**
   * Adds or replaces tags on a cluster.
   *
   * @param clusterId the cluster
   * @param tags the tags
   * @return completes when EMR accepted them; fails with {@link ValidationException} (no call made)
   *     for invalid tags
   */
  public CompletableFuture<Void> addTags(String clusterId, Map<String, String> tags) {
    return ops.addTags(clusterId, tags);
  }

  /**
   * Removes tags from a cluster.
   *
   * @param clusterId the cluster
   * @param keys the tag keys
   * @return completes when EMR accepted it
   */
  public CompletableFuture<Void> removeTags(String clusterId, Collection<String> keys) {
    return ops.removeTags(clusterId, keys);
  }

  /**
   * Submits steps to a running cluster.
   *
   * @param clusterId the cluster
   * @param steps the steps, run in order
   * @param arguments run-time argument changes
   * @return completes with the submitted steps (ids and waits); fails with {@link
   *     ValidationException} (no call made) for invalid steps or arguments. {@code AddJobFlowSteps}
   *     is not idempotent: it is retried only when EMR throttled it, and an unknown outcome fails
   *     the future.
   */
  public CompletableFuture<StepRun> submitSteps(
      String clusterId, List<EmrStep> steps, StepArguments arguments) {
    return ops.submitSteps(clusterId, steps, arguments);
  }

  /**
   * Submits steps without argument changes.
   *
   * @param clusterId the cluster
   * @param steps the steps
   * @return see {@link #submitSteps(String, List, StepArguments)}
   */
  public CompletableFuture<StepRun> submitSteps(String clusterId, List<EmrStep> steps) {
    return submitSteps(clusterId, steps, StepArguments.none());
  }

  /**
   * Cancels steps that are pending or running ({@code CancelSteps}); steps already over are left as
   * they are.
   *
   * @param clusterId the cluster
   * @param stepIds the steps
   * @return completes when EMR accepted the request
   */
  public CompletableFuture<Void> cancelSteps(String clusterId, List<String> stepIds) {
    return ops.cancelSteps(clusterId, stepIds);
  }

  /**
   * Runs a Spark job on its own transient cluster, in one call, with no time limit.
   *
   * @param profile the security half
   * @param job the job
   * @return see {@link #runJob(EmrProfile, SparkJob, Duration)}
   */
  public CompletableFuture<JobRun> runJob(EmrProfile profile, SparkJob job) {
    return runJob(profile, job, Optional.empty());
  }

  /**
   * Runs a Spark job on its own transient cluster, in one call: launches the cluster with the job's
   * step, lets it terminate when the step is done, and completes with the outcome.
   *
   * @param profile the security half
   * @param job the job
   * @param timeout the longest run; on timeout the cluster is terminated
   * @return see {@link #runTransient(LaunchRequest, Duration)}
   */
  public CompletableFuture<JobRun> runJob(EmrProfile profile, SparkJob job, Duration timeout) {
    return runJob(profile, job, Optional.of(Objects.requireNonNull(timeout, "timeout")));
  }

  private CompletableFuture<JobRun> runJob(
      EmrProfile profile, SparkJob job, Optional<Duration> timeout) {
    LaunchRequest request;
    try {
      request = RunJobFlowRequests.jobRequest(profile, job);
      LaunchPreparation.checkRegion(ctx.emr, job);
    } catch (ValidationException e) {
      return CompletableFuture.failedFuture(e);
    }
    return new TransientRun(ctx, this, request, timeout).start();
  }

  /**
   * Runs steps on a transient cluster with no time limit.
   *
   * @param request the launch; it must have steps and must not keep the cluster alive
   * @return see {@link #runTransient(LaunchRequest, Duration)}
   */
  public CompletableFuture<JobRun> runTransient(LaunchRequest request) {
    return new TransientRun(ctx, this, request, Optional.empty()).start();
  }

  /**
   * Runs steps on a transient cluster: launches it with the request's steps, waits until it has
   * terminated, and completes with every step's outcome.
   *
   * @param request the launch; it must have steps and must not keep the cluster alive
   * @param timeout the longest run; on timeout the cluster is terminated
   * @return completes with the run when every step {@code COMPLETED}; fails with the first failed
   *     step's {@link StepFailedException} (details and log file), with {@link
   *     ClusterFailedException} when the cluster never came up, or with {@link
   *     ClusterWaitTimeoutException}; cancelling it terminates the cluster
   */
  public CompletableFuture<JobRun> runTransient(LaunchRequest request, Duration timeout) {
    Optional<Duration> limit = Optional.of(Objects.requireNonNull(timeout, "timeout"));
    return new TransientRun(ctx, this, request, limit).start();
  }

  /** Closes the monitor this launcher created (not one it was given). */
  @Override
  public void close() {
    if (ownsMonitor) {
      ctx.monitor.close();
    }
  }
}
