package io.emrlaunch.core.launch;

import static io.emrlaunch.core.launch.LauncherContext.LOG;

import io.emrlaunch.core.EmrLaunchException;
import io.emrlaunch.core.Futures;
import io.emrlaunch.core.launch.internal.EmrCalls;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * One launch: find the cluster of its idempotency key or create one (never two: an unknown {@code
 * RunJobFlow} outcome is resolved by looking the launch token up before any retry), wait, and clean
 * up what a failed or cancelled launch leaves behind.
 */
final class LaunchOperation {
  /** How far before the launch a cluster found by token may have been created (clock skew). */
  private static final Duration TOKEN_LOOKUP_MARGIN = Duration.ofMinutes(5);

  static final EnumSet<ClusterState> ACTIVE =
      EnumSet.of(
          ClusterState.STARTING,
          ClusterState.BOOTSTRAPPING,
          ClusterState.RUNNING,
          ClusterState.WAITING);

  private final LauncherContext ctx;
  private final LaunchRequest request;
  private final RunJobFlowRequest runJobFlow;

  /**
   * What {@code RunJobFlow} sends: {@link #runJobFlow} with the secrets resolved (set right before
   * the first call; never logged, never kept after the launch).
   */
  private volatile RunJobFlowRequest toSend;

  private final String token;
  private final String name;
  private final Instant startedAt;
  private final CompletableFuture<LaunchedCluster> result = new CompletableFuture<>();
  private final AtomicBoolean cleanedUp = new AtomicBoolean();
  private final ClusterEvents events;
  private volatile String clusterId;
  private volatile int attempts;
  private volatile boolean attached;
  private volatile CompletableFuture<ClusterSnapshot> wait;
  private volatile Throwable failure;

  LaunchOperation(
      LauncherContext ctx, LaunchRequest request, RunJobFlowRequest runJobFlow, String token) {
    this.ctx = ctx;
    this.request = request;
    this.runJobFlow = runJobFlow;
    this.token = token;
    this.name = runJobFlow.name();
    this.startedAt = ctx.clock.instant();
    this.events = new ClusterEvents(request.listeners());
  }

  CompletableFuture<LaunchedCluster> start() {
    LOG.info("launching cluster {} (launch token {})", name, token);
    emit(l -> l.launchStarted(name, token));
    result.whenComplete((v, t) -> finished(v, t));
    request.timeout().ifPresent(t -> ctx.calls.after(t, () -> timedOut(t)));
    CompletableFuture<Optional<String>> existing =
        request.idempotencyKey().isPresent()
            ? persistently(this::findActiveWithToken, startedAt.plus(ctx.persistence))
            : CompletableFuture.completedFuture(Optional.empty());
    existing
        .thenCompose(
            found -> {
              if (found.isPresent()) {
                attached = true;
                return CompletableFuture.completedFuture(found.get());
              }
              CompletableFuture<Void> checked =
                  request.failIfClusterRunning()
                      ? refuseIfRunning()
                      : CompletableFuture.completedFuture(null);
              return checked.thenCompose(v -> resolveSecrets()).thenCompose(v -> create(1, 0));
            })
        .whenComplete(
            (id, t) -> {
              if (t != null) {
                fail(Futures.unwrap(t));
              } else {
                created(id);
              }
            });
    return result;
  }

  private void finished(LaunchedCluster v, Throwable t) {
    ctx.monitor.removeListener(events);
    toSend = null; // the resolved secrets live no longer than the launch
    if (t != null) {
      Throwable cause = Futures.unwrap(t);
      LOG.info("launch of cluster {} failed: {}", name, cause.getMessage());
      emit(l -> l.launchFailed(name, clusterId, cause));
    } else {
      Duration took = Duration.between(startedAt, ctx.clock.instant());
      LOG.info(
          "cluster {} ({}) launched: {} after {}",
          v.clusterId(),
          name,
          v.snapshot().flatMap(ClusterSnapshot::state).map(Enum::name).orElse("created"),
          took);
      emit(l -> l.launchCompleted(v, took));
    }
    if (result.isCancelled()) {
      stopWaiting();
      cleanUp("the caller cancelled the launch");
    }
  }

  private void timedOut(Duration t) {
    ClusterWaitTimeoutException e =
        new ClusterWaitTimeoutException(
            clusterId == null ? "(not created yet)" : clusterId,
            request.waitFor().target(),
            t,
            clusterId == null ? null : ctx.monitor.lastSeen(clusterId).orElse(null));
    if (fail(e)) {
      stopWaiting();
      cleanUp("the launch timed out after " + t);
    }
  }

  /** Fails the launch with a library exception (the SDK's error as its cause). */
  private boolean fail(Throwable cause) {
    Throwable typed =
        cause instanceof EmrLaunchException || cause instanceof CancellationException
            ? cause
            : new EmrLaunchException(
                "launch of cluster " + name + " failed: " + cause.getMessage(), cause);
    if (result.completeExceptionally(typed)) {
      failure = typed;
      return true;
    }
    return false;
  }

  /**
   * Reads the launch's secrets (when it has any) into {@link #toSend}, right before the first
   * {@code RunJobFlow}. A failure ({@link SecretNotFoundException}, {@link
   * SecretDecryptionFailureException}) fails the launch before any cluster exists; only secret ids
   * are ever logged.
   */
  private CompletableFuture<Void> resolveSecrets() {
    if (ctx.secrets == null
        || !io.emrlaunch.core.launch.internal.SecretResolver.needsSecrets(
            request.profile(), request.configuration())) {
      toSend = runJobFlow;
      return CompletableFuture.completedFuture(null);
    }
    int count =
        request.configuration().secretConfigurations().size()
            + (request.profile().kerberosAttributesSecretArn().isPresent() ? 1 : 0);
    LOG.info("reading {} secret(s) for cluster {}", count, name);
    return ctx.secrets
        .resolve(request.profile(), request.configuration(), runJobFlow)
        .thenAccept(r -> toSend = r);
  }

  private CompletableFuture<Void> refuseIfRunning() {
    return ctx.calls
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

  /**
   * One {@code RunJobFlow} call. Throttled calls were surely not performed: they are retried with
   * back-off for as long as the launcher's persistence allows (throttling slows a launch down, it
   * does not fail it). Calls with an unknown outcome are followed by a token lookup and retried
   * only when no cluster carries the token, at most {@code runJobFlowAttempts} times.
   */
  private CompletableFuture<String> create(int attempt, int unknownOutcomes) {
    RunJobFlowRequest send = toSend;
    if (result.isDone() || send == null) {
      return CompletableFuture.failedFuture(new CancellationException("launch is over"));
    }
    attempts = attempt;
    return ctx.emr
        .runJobFlow(send)
        .thenApply(r -> CompletableFuture.completedFuture(r.jobFlowId()))
        .exceptionally(
            t -> {
              Throwable cause = Futures.unwrap(t);
              if (EmrCalls.isThrottling(cause)) {
                Duration pause = ctx.backoff(attempt);
                if (ctx.clock.instant().plus(pause).isAfter(startedAt.plus(ctx.persistence))) {
                  return CompletableFuture.<String>failedFuture(gaveUp(attempt, cause));
                }
                return ctx.sleep(pause).thenCompose(v -> create(attempt + 1, unknownOutcomes));
              }
              if (EmrCalls.isTransient(cause)) {
                // Maybe performed: look for our token (for as long as it takes) before trying
                // again.
                LOG.info(
                    "RunJobFlow for {} had an unknown outcome ({}); looking for launch token {}",
                    name,
                    cause.toString(),
                    token);
                return ctx.sleep(ctx.calls.pause(attempt))
                    .thenCompose(
                        v ->
                            persistently(
                                this::findRecentWithToken, startedAt.plus(ctx.persistence)))
                    .thenCompose(
                        found -> {
                          if (found.isPresent()) {
                            return CompletableFuture.completedFuture(found.get());
                          }
                          if (unknownOutcomes + 1 >= ctx.runJobFlowAttempts) {
                            return CompletableFuture.<String>failedFuture(gaveUp(attempt, cause));
                          }
                          return create(attempt + 1, unknownOutcomes + 1);
                        });
              }
              return CompletableFuture.<String>failedFuture(
                  new EmrLaunchException(
                      "EMR refused to create cluster " + name + ": " + cause.getMessage(), cause));
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
            + ClusterLauncher.LAUNCH_TOKEN_TAG
            + "="
            + token
            + " was found: "
            + cause.getMessage(),
        cause);
  }

  /**
   * Runs a token lookup until it answers ({@link LauncherContext#persistently}): whether our
   * cluster exists must not be decided by a flaky {@code ListClusters}. A lookup that never answers
   * fails the launch with a typed error naming the token.
   */
  private <T> CompletableFuture<T> persistently(
      java.util.function.Supplier<CompletableFuture<T>> lookup, Instant deadline) {
    return ctx.persistently("looking for launch token " + token, lookup, deadline)
        .exceptionallyCompose(
            t -> {
              Throwable cause = Futures.unwrap(t);
              LOG.warn(
                  "could not tell whether cluster {} (launch token {}) exists: {}",
                  name,
                  token,
                  cause.toString());
              return CompletableFuture.failedFuture(
                  new EmrLaunchException(
                      "could not tell whether cluster "
                          + name
                          + " was created: looking for the tag "
                          + ClusterLauncher.LAUNCH_TOKEN_TAG
                          + "="
                          + token
                          + " failed until "
                          + deadline
                          + ": "
                          + cause.getMessage(),
                      cause));
            });
  }

  /** The cluster of this launch, if an attempt whose answer was lost created one. */
  private CompletableFuture<Optional<String>> findRecentWithToken() {
    return findWithToken(
        ListClustersRequest.builder().createdAfter(startedAt.minus(TOKEN_LOOKUP_MARGIN)).build());
  }

  /** An active cluster launched earlier with this launch's idempotency key. */
  private CompletableFuture<Optional<String>> findActiveWithToken() {
    return findWithToken(ListClustersRequest.builder().clusterStates(ACTIVE).build());
  }

  private CompletableFuture<Optional<String>> findWithToken(ListClustersRequest listing) {
    return ctx.calls
        .listAll(listing)
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
    return ctx.calls
        .idempotent(() -> ctx.emr.describeCluster(r -> r.clusterId(id)))
        .thenCompose(
            d ->
                d.cluster().tags().stream()
                        .anyMatch(
                            t ->
                                ClusterLauncher.LAUNCH_TOKEN_TAG.equals(t.key())
                                    && token.equals(t.value()))
                    ? CompletableFuture.completedFuture(Optional.of(id))
                    : firstWithToken(candidates, i + 1));
  }

  private void created(String id) {
    clusterId = id;
    if (!request.listeners().isEmpty()) {
      events.clusterId = id;
      ctx.monitor.addListener(events);
    }
    LaunchedCluster handle = new LaunchedCluster(id, name, token, attempts, null);
    if (attached) {
      LOG.info("cluster {} ({}) already runs for idempotency key {}: attaching", id, name, token);
    } else {
      LOG.info("cluster {} ({}) created after {} RunJobFlow attempt(s)", id, name, attempts);
    }
    emit(l -> l.clusterCreated(handle, Duration.between(startedAt, ctx.clock.instant())));
    if (result.isDone()) {
      // cancelled or timed out while RunJobFlow (or the token lookup) was in flight
      cleanUp("the launch ended before EMR answered");
      return;
    }
    if (request.waitFor() == LaunchWait.NONE) {
      result.complete(handle);
      return;
    }
    CompletableFuture<ClusterSnapshot> w = ctx.monitor.await(id, request.waitFor().target());
    wait = w;
    w.whenComplete(
        (s, t) -> {
          if (t == null) {
            result.complete(handle.withSnapshot(s));
            return;
          }
          Throwable cause = Futures.unwrap(t);
          if (cause instanceof CancellationException) {
            return; // we stopped waiting: the launch is already over
          }
          if (cause instanceof ClusterFailedException failed) {
            ctx.diagnostics.explain(failed).whenComplete((e, x) -> fail(e == null ? failed : e));
            return;
          }
          if (fail(cause)) {
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
    boolean isProtected =
        runJobFlow.instances() != null
            && Boolean.TRUE.equals(runJobFlow.instances().terminationProtected());
    OrphanTerminator.terminate(ctx, id, isProtected, why, request.listeners())
        .exceptionally(
            t -> {
              Throwable f = failure;
              if (f != null) {
                f.addSuppressed(Futures.unwrap(t));
              }
              return null;
            });
  }

  private void emit(Consumer<LaunchListener> event) {
    ctx.emit(request.listeners(), event);
  }
}
