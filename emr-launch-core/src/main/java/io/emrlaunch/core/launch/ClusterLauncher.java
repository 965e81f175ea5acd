package io.emrlaunch.core.launch;

import io.emrlaunch.core.EmrLaunchException;
import io.emrlaunch.core.launch.internal.EmrCalls;
import io.emrlaunch.core.launch.internal.SdkModel;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.model.SparkJob;
import io.emrlaunch.core.overrides.Overrides;
import io.emrlaunch.core.repository.RecordStore;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.Tag;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Launches EMR clusters and runs work on them, asynchronously and cheaply at hundreds of clusters:
 * every wait goes through one shared {@link ClusterMonitor}.
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
 *       outcome is unknown (5xx, timeout, lost response) the launcher looks the token up before
 *       trying again, so a retried launch never creates a second cluster.
 *   <li><b>No orphans</b>: when the wait fails after the cluster exists (timeout, the caller
 *       cancels the returned future, the launcher loses track of it) the cluster is terminated,
 *       unless the request opted out ({@link LaunchRequest#terminateOnFailure()}).
 *   <li><b>Typed failures</b>: {@link ClusterFailedException} with EMR's state-change reason,
 *       {@link ClusterWaitTimeoutException}, {@link ClusterAlreadyRunningException}.
 * </ul>
 */
public final class ClusterLauncher implements SdkAutoCloseable {
  /** The tag that carries a launch's token. */
  public static final String LAUNCH_TOKEN_TAG = "emr-launch:launch-token";

  /** How far before the launch a cluster found by token may have been created (clock skew). */
  private static final Duration TOKEN_LOOKUP_MARGIN = Duration.ofMinutes(5);

  private static final EnumSet<ClusterState> ACTIVE =
      EnumSet.of(
          ClusterState.STARTING,
          ClusterState.BOOTSTRAPPING,
          ClusterState.RUNNING,
          ClusterState.WAITING);

  /** RunJobFlow is not idempotent: the SDK must not retry it behind our back. */
  private static final SdkPlugin NO_SDK_RETRIES =
      config ->
          config.overrideConfiguration(
              config.overrideConfiguration().toBuilder()
                  .retryStrategy(AwsRetryStrategy.doNotRetry())
                  .build());

  private final EmrAsyncClient emr;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Clock clock;
  private final ClusterMonitor monitor;
  private final boolean ownsMonitor;
  private final List<LaunchListener> listeners;
  private final Supplier<String> launchTokens;
  private final int runJobFlowAttempts;
  private final EmrCalls calls;

  private ClusterLauncher(Builder b) {
    this.emr = Objects.requireNonNull(b.emr, "emr client is required");
    if (b.scheduler != null) {
      this.scheduler = b.scheduler;
      this.ownsScheduler = false;
    } else {
      this.scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "emr-launch-launcher");
                t.setDaemon(true);
                return t;
              });
      this.ownsScheduler = true;
    }
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.listeners =
        b.listeners.stream()
            .filter(l -> l instanceof LaunchListener)
            .map(l -> (LaunchListener) l)
            .toList();
    if (b.monitor != null) {
      this.monitor = b.monitor;
      this.ownsMonitor = false;
      b.listeners.forEach(monitor::addListener);
    } else {
      ClusterMonitor.Builder mb =
          ClusterMonitor.builder().emr(emr).scheduler(scheduler).clock(clock).cadence(b.cadence);
      b.listeners.forEach(mb::listener);
      this.monitor = mb.build();
      this.ownsMonitor = true;
    }
    this.launchTokens = b.launchTokens;
    this.runJobFlowAttempts = b.runJobFlowAttempts;
    this.calls = new EmrCalls(emr, scheduler, b.callAttempts, b.retryPause);
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The monitor every wait of this launcher goes through.
   *
   * @return the monitor
   */
  public ClusterMonitor monitor() {
    return monitor;
  }

  /**
   * Launches a cluster.
   *
   * @param request what to launch and how to wait
   * @return completes with the cluster in the state asked for; fails with {@link
   *     ValidationException} (no EMR call made), {@link ClusterAlreadyRunningException}, {@link
   *     ClusterFailedException}, {@link ClusterWaitTimeoutException} or {@link EmrLaunchException};
   *     cancelling it terminates the cluster (unless the request opted out)
   */
  public CompletableFuture<LaunchedCluster> launch(LaunchRequest request) {
    Objects.requireNonNull(request, "request");
    String token = launchTokens.get();
    RunJobFlowRequest runJobFlow;
    try {
      runJobFlow = prepare(request, token);
    } catch (ValidationException e) {
      return CompletableFuture.failedFuture(e);
    }
    return new Launch(request, runJobFlow, token).start();
  }

  /**
   * Launches a cluster described with a builder.
   *
   * @param request fills a {@link LaunchRequest} builder
   * @return see {@link #launch(LaunchRequest)}
   */
  public CompletableFuture<LaunchedCluster> launch(Consumer<LaunchRequest.Builder> request) {
    LaunchRequest.Builder b = LaunchRequest.builder();
    request.accept(b);
    LaunchRequest built;
    try {
      built = b.build();
    } catch (ValidationException e) {
      return CompletableFuture.failedFuture(e);
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
   *     RecordNotFoundException}) before any EMR call
   */
  public CompletableFuture<LaunchedCluster> launch(
      RecordStore store,
      RecordRef profile,
      RecordRef configuration,
      Consumer<LaunchRequest.Builder> rest) {
    return store
        .loadLaunchInputs(profile, configuration)
        .thenCompose(
            in ->
                launch(
                    b -> {
                      rest.accept(b);
                      b.profile(in.profile().value()).configuration(in.configuration().value());
                    }));
  }

  /**
   * Runs a stored launch function (aws-emr-launch's "launch function"): its profile and
   * configuration are read together from the store, its cluster name and tags are used, runtime
   * overrides are checked against its allow-list (or the configuration's when it has none), its
   * fail-if-running default applies, and the launch waits for the cluster to start when the
   * function says so.
   *
   * @param store where the records are
   * @param function the launch function
   * @param overrides runtime overrides by name
   * @return see {@link #launch(LaunchRequest)}
   */
  public CompletableFuture<LaunchedCluster> launch(
      RecordStore store, LaunchFunction function, Map<String, ?> overrides) {
    return launch(
        store,
        function.profile(),
        function.configuration(),
        b ->
            b.clusterName(function.clusterName())
                .tags(function.clusterTags())
                .allowedOverrides(function.allowedOverrides())
                .overrides(new LinkedHashMap<String, Object>(overrides))
                .failIfClusterRunning(function.defaultFailIfClusterRunning())
                .waitFor(function.waitForClusterStart() ? LaunchWait.STARTED : LaunchWait.NONE));
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
    return prepare(request, launchToken);
  }

  /**
   * Terminates a cluster and waits until it is gone.
   *
   * @param clusterId the cluster
   * @return completes with the cluster's final snapshot
   */
  public CompletableFuture<ClusterSnapshot> terminate(String clusterId) {
    Objects.requireNonNull(clusterId, "clusterId");
    return calls
        .idempotent(() -> emr.terminateJobFlows(r -> r.jobFlowIds(clusterId)))
        .thenCompose(r -> monitor.await(clusterId, ClusterTarget.TERMINATED));
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
    Objects.requireNonNull(clusterId, "clusterId");
    return calls
        .idempotent(
            () ->
                emr.setTerminationProtection(
                    r -> r.jobFlowIds(clusterId).terminationProtected(terminationProtected)))
        .thenApply(r -> null);
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
    Objects.requireNonNull(clusterId, "clusterId");
    Problems p = Problems.root();
    checkTags(p.at("tags"), tags);
    if (p.any()) {
      return CompletableFuture.failedFuture(new ValidationException(p.problems()));
    }
    List<Tag> sdkTags =
        tags.entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList();
    return calls
        .idempotent(() -> emr.addTags(r -> r.resourceId(clusterId).tags(sdkTags)))
        .thenApply(r -> null);
  }

  /**
   * Removes tags from a cluster.
   *
   * @param clusterId the cluster
   * @param keys the tag keys
   * @return completes when EMR accepted it
   */
  public CompletableFuture<Void> removeTags(String clusterId, Collection<String> keys) {
    Objects.requireNonNull(clusterId, "clusterId");
    List<String> copy = List.copyOf(keys);
    return calls
        .idempotent(() -> emr.removeTags(r -> r.resourceId(clusterId).tagKeys(copy)))
        .thenApply(r -> null);
  }

  // ---- steps ----

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
    Objects.requireNonNull(clusterId, "clusterId");
    Problems p = Problems.root();
    if (steps.isEmpty()) {
      p.add("steps", "at least one step is required");
    }
    List<EmrStep> changed = arguments.applyTo(steps, p);
    for (int i = 0; i < changed.size(); i++) {
      Problems at = p.at("steps", i);
      changed.get(i).validationProblems().forEach(pr -> at.add(pr.path(), pr.message()));
    }
    if (p.any()) {
      return CompletableFuture.failedFuture(new ValidationException(p.problems()));
    }
    var configs = changed.stream().map(SdkModel::step).toList();
    return calls
        .throttledOnly(() -> emr.addJobFlowSteps(r -> r.jobFlowId(clusterId).steps(configs)))
        .thenApply(
            r -> new StepRun(clusterId, r.stepIds(), monitor, ids -> cancelSteps(clusterId, ids)));
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
    List<String> ids = List.copyOf(stepIds);
    return calls
        .idempotent(() -> emr.cancelSteps(r -> r.clusterId(clusterId).stepIds(ids)))
        .thenApply(r -> null);
  }

  // ---- transient runs ----

  /**
   * Runs a Spark job on its own transient cluster, in one call: launches the cluster with the job's
   * step, lets it terminate when the step is done, and completes with the outcome.
   *
   * @param profile the security half
   * @param job the job
   * @param timeout the longest run, or null for no limit
   * @return see {@link #runTransient(LaunchRequest, Duration)}
   */
  public CompletableFuture<JobRun> runJob(EmrProfile profile, SparkJob job, Duration timeout) {
    LaunchRequest request;
    try {
      request = RunJobFlowRequests.jobRequest(profile, job);
    } catch (ValidationException e) {
      return CompletableFuture.failedFuture(e);
    }
    return runTransient(request, timeout);
  }

  /**
   * Runs steps on a transient cluster: launches it with the request's steps, waits until it has
   * terminated, and completes with every step's outcome.
   *
   * @param request the launch; it must have steps and must not keep the cluster alive
   * @param timeout the longest run, or null for no limit; on timeout the cluster is terminated
   * @return completes with the run when every step {@code COMPLETED}; fails with the first failed
   *     step's {@link StepFailedException} (details and log file), with {@link
   *     ClusterFailedException} when the cluster never came up, or with {@link
   *     ClusterWaitTimeoutException}; cancelling it terminates the cluster
   */
  public CompletableFuture<JobRun> runTransient(LaunchRequest request, Duration timeout) {
    Problems p = Problems.root();
    if (request.steps().isEmpty()) {
      p.add("steps", "a transient run needs at least one step");
    }
    if (request.configuration().instances().keepJobFlowAliveWhenNoSteps()) {
      p.at("configuration")
          .at("instances")
          .add(
              "keepJobFlowAliveWhenNoSteps",
              "must be false: a transient cluster ends with its steps");
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      p.add("timeout", "must be positive");
    }
    if (p.any()) {
      return CompletableFuture.failedFuture(new ValidationException(p.problems()));
    }
    LaunchRequest noWait = request.withWaitFor(LaunchWait.NONE).withTimeout(Optional.empty());
    CompletableFuture<JobRun> result = new CompletableFuture<>();
    AtomicBoolean cleanedUp = new AtomicBoolean();
    CompletableFuture<LaunchedCluster> launched = launch(noWait);
    result.whenComplete(
        (v, t) -> {
          if (result.isCancelled()) {
            launched.cancel(false);
            launched.thenAccept(
                c ->
                    terminateQuietly(
                        request, cleanedUp, c.clusterId(), "the caller cancelled the run"));
          }
        });
    if (timeout != null) {
      calls.after(
          timeout,
          () -> {
            if (result.completeExceptionally(
                new ClusterWaitTimeoutException(
                    launched.isDone() && !launched.isCompletedExceptionally()
                        ? launched.join().clusterId()
                        : "(not created yet)",
                    ClusterTarget.TERMINATED,
                    timeout,
                    null))) {
              launched.thenAccept(
                  c ->
                      terminateQuietly(
                          request, cleanedUp, c.clusterId(), "the run timed out after " + timeout));
            }
          });
    }
    launched
        .thenCompose(cluster -> watchRun(cluster))
        .whenComplete(
            (run, t) -> {
              if (t != null) {
                result.completeExceptionally(EmrCalls.unwrap(t));
              } else {
                result.complete(run);
              }
            });
    return result;
  }

  private CompletableFuture<JobRun> watchRun(LaunchedCluster cluster) {
    String id = cluster.clusterId();
    return calls
        .listAllSteps(id)
        .thenCompose(
            listed -> {
              // EMR lists the newest step first.
              List<String> ids = new ArrayList<>(listed.stream().map(s -> s.id()).toList());
              java.util.Collections.reverse(ids);
              List<CompletableFuture<StepSnapshot>> steps =
                  ids.stream().map(s -> monitor.awaitStep(id, s)).toList();
              CompletableFuture<ClusterSnapshot> ended =
                  monitor.await(id, ClusterTarget.TERMINATED);
              CompletableFuture<?>[] everything = new CompletableFuture<?>[steps.size() + 1];
              for (int i = 0; i < steps.size(); i++) {
                everything[i] = steps.get(i).exceptionally(t -> null);
              }
              everything[steps.size()] = ended;
              return CompletableFuture.allOf(everything)
                  .thenApply(v -> outcome(cluster, ended.join(), steps));
            });
  }

  private static JobRun outcome(
      LaunchedCluster cluster, ClusterSnapshot ended, List<CompletableFuture<StepSnapshot>> steps) {
    List<StepSnapshot> snapshots = new ArrayList<>();
    StepFailedException firstFailed = null;
    StepFailedException firstOther = null;
    for (CompletableFuture<StepSnapshot> f : steps) {
      try {
        snapshots.add(f.join());
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof StepFailedException sf) {
          snapshots.add(sf.snapshot());
          if (sf.snapshot().state() == software.amazon.awssdk.services.emr.model.StepState.FAILED) {
            firstFailed = firstFailed == null ? sf : firstFailed;
          } else {
            firstOther = firstOther == null ? sf : firstOther;
          }
        } else {
          throw e;
        }
      }
    }
    if (firstFailed != null) {
      throw firstFailed;
    }
    if (ended.ready().isEmpty() && firstOther != null) {
      throw new ClusterFailedException(ClusterTarget.STARTED, ended, null);
    }
    if (firstOther != null) {
      throw firstOther;
    }
    return new JobRun(cluster.withSnapshot(ended), ended, snapshots);
  }

  private void terminateQuietly(
      LaunchRequest request, AtomicBoolean cleanedUp, String clusterId, String why) {
    if (!request.terminateOnFailure() || !cleanedUp.compareAndSet(false, true)) {
      return;
    }
    terminateOrphan(clusterId, request.configuration().instances().terminationProtected(), why);
  }

  /** Terminates a cluster nobody will look after, lifting termination protection first. */
  private void terminateOrphan(String clusterId, boolean terminationProtected, String why) {
    emit(l -> l.orphanTerminated(clusterId, why));
    CompletableFuture<?> unprotect =
        terminationProtected
            ? calls.idempotent(
                () ->
                    emr.setTerminationProtection(
                        r -> r.jobFlowIds(clusterId).terminationProtected(false)))
            : CompletableFuture.completedFuture(null);
    unprotect.thenCompose(
        v -> calls.idempotent(() -> emr.terminateJobFlows(r -> r.jobFlowIds(clusterId))));
  }

  /** Closes the monitor and scheduler this launcher created (not those it was given). */
  @Override
  public void close() {
    if (ownsMonitor) {
      monitor.close();
    }
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }

  // ---- validation and request building ----

  private static RunJobFlowRequest prepare(LaunchRequest request, String token) {
    Problems p = Problems.root();
    request
        .clusterName()
        .ifPresent(
            n -> {
              if (n.length() > 256) {
                p.add("clusterName", "must be at most 256 characters");
              }
            });
    request
        .timeout()
        .ifPresent(
            t -> {
              if (t.isNegative() || t.isZero()) {
                p.add("timeout", "must be positive");
              }
            });
    checkTags(p.at("tags"), request.tags());
    Map<String, String> merged = new LinkedHashMap<>(request.configuration().tags());
    merged.putAll(request.tags());
    int total = merged.size() + 1;
    if (total > 50) {
      p.add("tags", "EMR allows 50 tags per cluster; this launch has " + total);
    }
    ClusterConfiguration config = request.configuration();
    if (!request.overrides().isEmpty()) {
      try {
        config =
            Overrides.apply(
                config,
                request.allowedOverrides().isEmpty()
                    ? config.allowedOverrides()
                    : request.allowedOverrides(),
                request.overrides());
      } catch (ValidationException e) {
        p.addAll(e.problems());
        config = null;
      }
    }
    RunJobFlowRequest base = null;
    if (config != null) {
      try {
        Map<String, String> tags = new LinkedHashMap<>(request.tags());
        tags.put(LAUNCH_TOKEN_TAG, token);
        base =
            RunJobFlowRequests.from(
                request.profile(),
                config,
                request.clusterName().orElse(null),
                tags,
                request.steps());
      } catch (ValidationException e) {
        p.addAll(e.problems());
      }
    }
    p.throwIfAny();
    return base.toBuilder().overrideConfiguration(o -> o.addPlugin(NO_SDK_RETRIES)).build();
  }

  private static void checkTags(Problems p, Map<String, String> tags) {
    for (Map.Entry<String, String> e : tags.entrySet()) {
      String key = e.getKey();
      Problems at = p.at(key);
      if (key.isEmpty() || key.length() > 128) {
        p.add("keys", "tag key '" + key + "' must have 1 to 128 characters");
      }
      if (key.startsWith("aws:")) {
        at.add("the aws: prefix is reserved by AWS");
      }
      if (key.equals(LAUNCH_TOKEN_TAG)) {
        at.add("is set by the launcher");
      }
      if (e.getValue() != null && e.getValue().length() > 256) {
        at.add("must be at most 256 characters");
      }
    }
  }

  // ---- one launch ----

  private void emit(Consumer<LaunchListener> event) {
    for (LaunchListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        // a listener cannot break a launch
      }
    }
  }

  /** One launch: create (with duplicate protection), wait, clean up. */
  private final class Launch {
    final LaunchRequest request;
    final RunJobFlowRequest runJobFlow;
    final String token;
    final String name;
    final Instant startedAt = clock.instant();
    final CompletableFuture<LaunchedCluster> result = new CompletableFuture<>();
    final AtomicBoolean cleanedUp = new AtomicBoolean();
    volatile String clusterId;
    volatile int attempts;
    volatile CompletableFuture<ClusterSnapshot> wait;
    volatile ClusterSnapshot last;

    Launch(LaunchRequest request, RunJobFlowRequest runJobFlow, String token) {
      this.request = request;
      this.runJobFlow = runJobFlow;
      this.token = token;
      this.name = runJobFlow.name();
    }

    CompletableFuture<LaunchedCluster> start() {
      emit(l -> l.launchStarted(name, token));
      result.whenComplete(
          (v, t) -> {
            if (t != null) {
              emit(l -> l.launchFailed(name, clusterId, EmrCalls.unwrap(t)));
            } else {
              emit(l -> l.launchCompleted(v, Duration.between(startedAt, clock.instant())));
            }
            if (result.isCancelled()) {
              stopWaiting();
              cleanUp("the caller cancelled the launch");
            }
          });
      request
          .timeout()
          .ifPresent(
              t ->
                  calls.after(
                      t,
                      () -> {
                        ClusterWaitTimeoutException e =
                            new ClusterWaitTimeoutException(
                                clusterId == null ? "(not created yet)" : clusterId,
                                request.waitFor().target(),
                                t,
                                last);
                        if (result.completeExceptionally(e)) {
                          stopWaiting();
                          cleanUp("the launch timed out after " + t);
                        }
                      }));
      CompletableFuture<Void> checked =
          request.failIfClusterRunning()
              ? refuseIfRunning()
              : CompletableFuture.completedFuture(null);
      checked
          .thenCompose(v -> create(1))
          .whenComplete(
              (id, t) -> {
                if (t != null) {
                  result.completeExceptionally(EmrCalls.unwrap(t));
                } else {
                  created(id);
                }
              });
      return result;
    }

    private CompletableFuture<Void> refuseIfRunning() {
      return calls
          .listAll(ListClustersRequest.builder().clusterStates(ACTIVE).build())
          .thenAccept(
              all -> {
                List<String> same =
                    all.stream().filter(c -> name.equals(c.name())).map(c -> c.id()).toList();
                if (!same.isEmpty()) {
                  throw new ClusterAlreadyRunningException(name, same);
                }
              });
    }

    private CompletableFuture<String> create(int attempt) {
      if (result.isDone()) {
        return CompletableFuture.failedFuture(new CancellationException("launch is over"));
      }
      attempts = attempt;
      return emr.runJobFlow(runJobFlow)
          .thenApply(r -> CompletableFuture.completedFuture(r.jobFlowId()))
          .exceptionally(
              t -> {
                Throwable cause = EmrCalls.unwrap(t);
                if (EmrCalls.isThrottling(cause) && attempt < runJobFlowAttempts) {
                  return pause(attempt).thenCompose(v -> create(attempt + 1));
                }
                if (EmrCalls.isTransient(cause)) {
                  // Maybe performed: look for our token before trying again.
                  return pause(attempt)
                      .thenCompose(v -> findByToken())
                      .thenCompose(
                          found -> {
                            if (found.isPresent()) {
                              return CompletableFuture.completedFuture(found.get());
                            }
                            if (attempt >= runJobFlowAttempts) {
                              return CompletableFuture.<String>failedFuture(gaveUp(attempt, cause));
                            }
                            return create(attempt + 1);
                          });
                }
                if (EmrCalls.isThrottling(cause)) {
                  return CompletableFuture.<String>failedFuture(gaveUp(attempt, cause));
                }
                return CompletableFuture.<String>failedFuture(
                    new EmrLaunchException(
                        "EMR refused to create cluster " + name + ": " + cause.getMessage(),
                        cause));
              })
          .thenCompose(f -> f);
    }

    private EmrLaunchException gaveUp(int attempt, Throwable cause) {
      return new EmrLaunchException(
          "could not create cluster "
              + name
              + " after "
              + attempt
              + " RunJobFlow attempt(s); no cluster tagged "
              + LAUNCH_TOKEN_TAG
              + "="
              + token
              + " was found: "
              + cause.getMessage(),
          cause);
    }

    private CompletableFuture<Void> pause(int attempt) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      calls.after(calls.pause(attempt), () -> done.complete(null));
      return done;
    }

    /** The cluster of this launch, if an attempt whose answer was lost created one. */
    private CompletableFuture<Optional<String>> findByToken() {
      return calls
          .listAll(
              ListClustersRequest.builder()
                  .createdAfter(startedAt.minus(TOKEN_LOOKUP_MARGIN))
                  .build())
          .thenCompose(
              all -> {
                List<ClusterSummary> candidates =
                    all.stream().filter(c -> name.equals(c.name())).toList();
                return firstWithToken(candidates, 0);
              });
    }

    private CompletableFuture<Optional<String>> firstWithToken(
        List<ClusterSummary> candidates, int i) {
      if (i >= candidates.size()) {
        return CompletableFuture.completedFuture(Optional.empty());
      }
      String id = candidates.get(i).id();
      return calls
          .idempotent(() -> emr.describeCluster(r -> r.clusterId(id)))
          .thenCompose(
              d ->
                  d.cluster().tags().stream()
                          .anyMatch(
                              t -> LAUNCH_TOKEN_TAG.equals(t.key()) && token.equals(t.value()))
                      ? CompletableFuture.completedFuture(Optional.of(id))
                      : firstWithToken(candidates, i + 1));
    }

    private void created(String id) {
      clusterId = id;
      LaunchedCluster handle = new LaunchedCluster(id, name, token, attempts, null);
      emit(l -> l.clusterCreated(handle, Duration.between(startedAt, clock.instant())));
      if (result.isDone()) {
        // cancelled or timed out while RunJobFlow was in flight
        cleanUp("the launch ended before EMR answered");
        return;
      }
      if (request.waitFor() == LaunchWait.NONE) {
        result.complete(handle);
        return;
      }
      CompletableFuture<ClusterSnapshot> w = monitor.await(id, request.waitFor().target());
      wait = w;
      w.whenComplete(
          (s, t) -> {
            if (t == null) {
              last = s;
              result.complete(handle.withSnapshot(s));
              return;
            }
            Throwable cause = EmrCalls.unwrap(t);
            if (cause instanceof CancellationException) {
              return; // we stopped waiting: the launch is already over
            }
            if (result.completeExceptionally(cause) && !(cause instanceof ClusterFailedException)) {
              // The cluster may live on while we know nothing about it.
              cleanUp("the launch lost track of the cluster: " + cause.getMessage());
            }
          });
      if (result.isDone()) {
        w.cancel(false);
      }
    }

    private void stopWaiting() {
      CompletableFuture<ClusterSnapshot> w = wait;
      if (w != null) {
        w.cancel(false);
      }
    }

    private void cleanUp(String why) {
      String id = clusterId;
      if (id == null || !request.terminateOnFailure() || !cleanedUp.compareAndSet(false, true)) {
        return;
      }
      terminateOrphan(
          id,
          runJobFlow.instances() != null
              && Boolean.TRUE.equals(runJobFlow.instances().terminationProtected()),
          why);
    }
  }

  /** Builds a {@link ClusterLauncher}. */
  public static final class Builder {
    private EmrAsyncClient emr;
    private ScheduledExecutorService scheduler;
    private Clock clock;
    private MonitorCadence cadence = MonitorCadence.defaults();
    private ClusterMonitor monitor;
    private final List<MonitorListener> listeners = new ArrayList<>();
    private Supplier<String> launchTokens = () -> UUID.randomUUID().toString();
    private int runJobFlowAttempts = 4;
    private int callAttempts = 6;
    private Duration retryPause = Duration.ofSeconds(2);

    private Builder() {}

    /**
     * The EMR client (required).
     *
     * @param emr the client
     * @return this
     */
    public Builder emr(EmrAsyncClient emr) {
      this.emr = emr;
      return this;
    }

    /**
     * The scheduler for retry pauses and timeouts (and the monitor, unless one is given); by
     * default one daemon thread, stopped on {@link ClusterLauncher#close()}.
     *
     * @param scheduler the scheduler
     * @return this
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * The clock; the system UTC clock by default.
     *
     * @param clock the clock
     * @return this
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The polling cadence of the launcher's own monitor (ignored when a monitor is given).
     *
     * @param cadence the cadence
     * @return this
     */
    public Builder cadence(MonitorCadence cadence) {
      this.cadence = Objects.requireNonNull(cadence, "cadence");
      return this;
    }

    /**
     * A monitor to share with other launchers; by default the launcher builds its own (and closes
     * it on {@link ClusterLauncher#close()}).
     *
     * @param monitor the monitor
     * @return this
     */
    public Builder monitor(ClusterMonitor monitor) {
      this.monitor = monitor;
      return this;
    }

    /**
     * Adds a listener: a {@link MonitorListener} sees state changes and polls; a {@link
     * LaunchListener} also sees launch milestones.
     *
     * @param listener the listener
     * @return this
     */
    public Builder listener(MonitorListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Where launch tokens come from; random UUIDs by default.
     *
     * @param tokens the supplier
     * @return this
     */
    public Builder launchTokens(Supplier<String> tokens) {
      this.launchTokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /**
     * How many {@code RunJobFlow} calls one launch makes at most; 4 by default.
     *
     * @param attempts at least 1
     * @return this
     */
    public Builder runJobFlowAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("runJobFlowAttempts must be >= 1");
      }
      this.runJobFlowAttempts = attempts;
      return this;
    }

    /**
     * The first pause before a retry (later pauses double); 2 s by default.
     *
     * @param pause the pause
     * @return this
     */
    public Builder retryPause(Duration pause) {
      this.retryPause = Objects.requireNonNull(pause, "pause");
      return this;
    }

    /**
     * Builds the launcher.
     *
     * @return the launcher
     */
    public ClusterLauncher build() {
      return new ClusterLauncher(this);
    }
  }
}
