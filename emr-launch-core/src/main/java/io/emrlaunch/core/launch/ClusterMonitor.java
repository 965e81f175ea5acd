package io.emrlaunch.core.launch;

import static io.emrlaunch.core.Futures.unwrap;
import static io.emrlaunch.core.launch.internal.EmrCalls.isThrottling;

import io.emrlaunch.core.EmrLaunchException;
import io.emrlaunch.core.Futures;
import io.emrlaunch.core.internal.Log;
import io.emrlaunch.core.launch.internal.EmrEvent;
import io.emrlaunch.core.launch.internal.EventFeed;
import io.emrlaunch.core.launch.internal.Lifecycle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStatus;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.StepState;

/**
 * Watches any number of EMR clusters with one poller. Each poll reads the clusters of interest with
 * paged {@code ListClusters} calls — one call per 50 clusters, not one {@code DescribeCluster} per
 * cluster — and completes the waits whose target state was reached. Of two listings that tell the
 * same, a poll reads the one with fewer pages: the clusters still pending (early in a fleet's boot
 * that is all of them) or the clusters in a state a wait decides on (late in the boot that is most
 * of them). The cadence adapts (see {@link MonitorCadence}); a throttled page is retried on its
 * own, throttling slows the poller down and never fails a wait; one scheduler thread serves every
 * cluster.
 *
 * <pre>{@code
 * try (ClusterMonitor monitor = ClusterMonitor.builder().emr(emrAsync).build()) {
 *   ClusterSnapshot up = monitor.await("j-1ABC", ClusterTarget.STARTED).join();
 * }
 * }</pre>
 *
 * A wait fails with {@link ClusterFailedException} (carrying EMR's state-change reason and the last
 * description) when the cluster ends before reaching the target, and with {@link
 * ClusterWaitTimeoutException} after an optional timeout. Cancelling a returned future stops that
 * wait only; terminating the cluster is the caller's decision.
 *
 * <p>With {@link Builder#events(MonitorEvents)} the monitor is event-driven: EMR's state-change
 * events (EventBridge to SQS) complete waits as they arrive, and the listing becomes a slow
 * reconciliation that catches lost events (see {@link MonitorEvents}).
 */
public final class ClusterMonitor implements AutoCloseable {
  private static final Log LOG = Log.of(ClusterMonitor.class);

  /** A cluster's creation time is read from EMR; before we know it, look this far back. */
  private static final Duration CREATION_MARGIN = Duration.ofMinutes(10);

  private static final Set<ClusterState> KNOWN_STATES = knownStates();

  /** The states a cluster never leaves. */
  private static final Set<ClusterState> FINAL =
      EnumSet.of(ClusterState.TERMINATED, ClusterState.TERMINATED_WITH_ERRORS);

  /** Retries of one throttled ListClusters page within a poll, and the first pause. */
  private static final int PAGE_RETRIES = 4;

  private static final Duration PAGE_RETRY_PAUSE = Duration.ofMillis(500);

  /** Clusters per ListClusters page. */
  private static final int PAGE_SIZE = 50;

  /** The two listings a poll chooses from (see {@link #tick()}). */
  private static final int PENDING = 0;

  private static final int DECISIVE = 1;

  private static final int FAILURE_DESCRIBE_TRIES = 2;

  /** The shortest pause between two polls. */
  private static final Duration MIN_GAP = Duration.ofSeconds(1);

  private final EmrAsyncClient emr;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final MonitorCadence cadence;
  private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final AtomicLong throttledCalls = new AtomicLong();
  private final MonitorEvents events;
  private final EventFeed feed;

  // Confined to the scheduler thread.
  private final Map<String, Watch> watches = new LinkedHashMap<>();

  /** The newest snapshot of each watched cluster, readable from any thread. */
  private final Map<String, ClusterSnapshot> latest = new ConcurrentHashMap<>();

  private final Map<String, Map<String, StepWatch>> stepWatches = new LinkedHashMap<>();
  private ScheduledFuture<?> nextTick;
  private Instant nextTickAt;
  private boolean ticking;
  private boolean closed;
  private Duration idlePeriod;
  private int throttleStreak;
  private Instant lastChangeAt;
  private Instant pollStartedAt;

  /**
   * How many clusters each listing (pending, decisive) returns, from its last read and the changes
   * seen since; decides which one the next poll reads.
   */
  private final long[] estimatedListed = new long[2];

  /** When a listing last included the final states (see {@link #tick()}). */
  private Instant lastFinalCheck;

  /** Pages the last listing read. */
  private int lastPollPages;

  private final java.util.Random jitter = new java.util.Random(0x5EEDL);

  private ClusterMonitor(Builder b) {
    this.emr = Objects.requireNonNull(b.emr, "emr client is required");
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.cadence = b.cadence;
    this.scheduler = b.scheduler != null ? b.scheduler : Futures.defaultScheduler();
    this.listeners.addAll(b.listeners);
    this.idlePeriod = cadence.activePeriod();
    this.events = b.events;
    this.feed =
        events == null
            ? null
            : new EventFeed(
                events.sqs(),
                events.queueUrl(),
                events.waitTime(),
                scheduler,
                this::applyEvents,
                // Events stopped: poll at the normal cadence until they flow again.
                () -> scheduler.execute(() -> pollWithin(cadence.activePeriod())));
    if (feed != null) {
      feed.start();
    }
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
   * Waits until a cluster reaches a target state.
   *
   * @param clusterId the cluster ({@code j-...})
   * @param target the state to wait for
   * @return completes with the snapshot that reached the target
   */
  public CompletableFuture<ClusterSnapshot> await(String clusterId, ClusterTarget target) {
    return await(clusterId, target, null);
  }

  /**
   * Waits until a cluster reaches a target state, failing with {@link ClusterWaitTimeoutException}
   * after {@code timeout} (measured on the monitor's clock and scheduler).
   *
   * @param clusterId the cluster ({@code j-...})
   * @param target the state to wait for
   * @param timeout how long to wait at most, or null for no limit
   * @return completes with the snapshot that reached the target
   */
  public CompletableFuture<ClusterSnapshot> await(
      String clusterId, ClusterTarget target, Duration timeout) {
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(target, "target");
    CompletableFuture<ClusterSnapshot> future = new CompletableFuture<>();
    scheduler.execute(() -> register(clusterId, target, future));
    if (timeout != null) {
      scheduler.schedule(
          () -> {
            if (!future.isDone()) {
              Watch w = watches.get(clusterId);
              future.completeExceptionally(
                  new ClusterWaitTimeoutException(
                      clusterId, target, timeout, w == null ? null : w.last));
            }
          },
          timeout.toNanos(),
          TimeUnit.NANOSECONDS);
    }
    return future;
  }

  /**
   * Waits until a step is over. Completes with the step's snapshot when it {@code COMPLETED}; fails
   * with {@link StepFailedException} (EMR's failure reason, message and log file) when it {@code
   * FAILED}, was {@code CANCELLED} or {@code INTERRUPTED}. Steps of one cluster are read together:
   * one {@code ListSteps} call per poll covers up to ten watched steps.
   *
   * @param clusterId the cluster
   * @param stepId the step ({@code s-...})
   * @return completes when the step completed
   */
  public CompletableFuture<StepSnapshot> awaitStep(String clusterId, String stepId) {
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(stepId, "stepId");
    CompletableFuture<StepSnapshot> future = new CompletableFuture<>();
    scheduler.execute(
        () -> {
          if (closed) {
            future.completeExceptionally(new EmrLaunchException("the cluster monitor is closed"));
            return;
          }
          StepWatch w =
              stepWatches
                  .computeIfAbsent(clusterId, k -> new LinkedHashMap<>())
                  .computeIfAbsent(stepId, k -> new StepWatch(clusterId, stepId, clock.instant()));
          w.waiters.add(future);
          if (w.last != null && w.last.done()) {
            settleStep(w);
            return;
          }
          pollWithin(cadence.startupPeriod());
        });
    return future;
  }

  /**
   * Adds a listener for state changes and polls.
   *
   * @param listener the listener
   */
  public void addListener(MonitorListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * The newest state seen of a cluster that is being waited for.
   *
   * @param clusterId the cluster
   * @return its newest snapshot; empty when nobody waits for it or it was not polled yet
   */
  public Optional<ClusterSnapshot> lastSeen(String clusterId) {
    return Optional.ofNullable(latest.get(clusterId));
  }

  /**
   * Removes a listener added with {@link #addListener} (or given to the builder).
   *
   * @param listener the listener
   */
  public void removeListener(MonitorListener listener) {
    listeners.remove(listener);
  }

  /**
   * EMR calls made so far, by operation name.
   *
   * @return operation to count
   */
  public Map<String, Long> callCounts() {
    Map<String, Long> out = new java.util.TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /**
   * EMR calls that were throttled so far.
   *
   * @return the count
   */
  public long throttledCalls() {
    return throttledCalls.get();
  }

  /** Stops polling; pending waits fail with an {@link EmrLaunchException}. */
  @Override
  public void close() {
    if (feed != null) {
      feed.close();
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      scheduler.execute(
          () -> {
            closed = true;
            if (nextTick != null) {
              nextTick.cancel(false);
            }
            for (Watch w : watches.values()) {
              for (Waiter waiter : w.waiters) {
                waiter.future.completeExceptionally(
                    new EmrLaunchException("the cluster monitor was closed"));
              }
            }
            watches.clear();
            for (Map<String, StepWatch> byStep : stepWatches.values()) {
              for (StepWatch w : byStep.values()) {
                for (CompletableFuture<StepSnapshot> f : w.waiters) {
                  f.completeExceptionally(new EmrLaunchException("the cluster monitor was closed"));
                }
              }
            }
            stepWatches.clear();
            done.complete(null);
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      done.complete(null);
    }
  }

  // ---- scheduler-thread code ----

  private void register(
      String clusterId, ClusterTarget target, CompletableFuture<ClusterSnapshot> f) {
    if (closed) {
      f.completeExceptionally(new EmrLaunchException("the cluster monitor is closed"));
      return;
    }
    boolean fresh = !watches.containsKey(clusterId);
    Watch w = watches.computeIfAbsent(clusterId, id -> new Watch(id, clock.instant()));
    if (fresh) {
      estimatedListed[PENDING]++; // most likely still booting
    }
    Waiter waiter = new Waiter(target, f);
    w.waiters.add(waiter);
    if (w.last != null && target.reachedBy(w.last)) {
      f.complete(w.last);
      return;
    }
    if (!fresh && events != null) {
      return; // events report its changes; its first check is scheduled already
    }
    // A cluster never seen is checked at once (registrations in the same second share the poll):
    // it may already be at its target, and waiting a startup period to find out is pure lag.
    pollWithin(fresh ? MIN_GAP : cadence.startupPeriod());
  }

  private void pollWithin(Duration delay) {
    if (ticking || closed) {
      return; // the running poll schedules the next one with the current cadence
    }
    Instant due = clock.instant().plus(delay);
    if (nextTick != null && !nextTickAt.isAfter(due)) {
      return;
    }
    if (nextTick != null) {
      nextTick.cancel(false);
    }
    nextTickAt = due;
    nextTick =
        scheduler.schedule(
            () -> guarded("poll", this::tick), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void tick() {
    nextTick = null;
    if (closed) {
      return;
    }
    prune();
    if (watches.isEmpty() && stepWatches.isEmpty()) {
      return;
    }
    ticking = true;
    pollStartedAt = clock.instant();
    if (watches.isEmpty()) {
      stepPhase();
      return;
    }
    Set<ClusterState> pendingQuery = EnumSet.copyOf(ClusterTarget.ENDING);
    Set<ClusterState> decisiveQuery = EnumSet.noneOf(ClusterState.class);
    Instant createdAfter = null;
    int unseen = 0;
    boolean awaitsEnd = false;
    for (Watch w : watches.values()) {
      for (Waiter waiter : w.waiters) {
        pendingQuery.addAll(waiter.target.pending());
        decisiveQuery.addAll(decisive(waiter.target));
        awaitsEnd |= waiter.target == ClusterTarget.TERMINATED;
      }
      unseen += w.last == null ? 1 : 0;
      Instant from = w.created != null ? w.created : w.registeredAt.minus(CREATION_MARGIN);
      createdAfter = createdAfter == null || from.isBefore(createdAfter) ? from : createdAfter;
    }
    // Two listings tell the same: the clusters still pending (a watched cluster missing from it
    // has moved on) or the clusters in a state some wait decides on (one missing from it has not
    // moved on). Early in a fleet's boot few clusters are decided, late few are pending: read
    // whichever needs fewer calls. A cluster never seen yet is missing from the decisive listing
    // for either reason, so with it that listing costs a DescribeCluster more. At equal cost the
    // decisive listing wins when it has several pages (its clusters complete as their page
    // arrives, while the pending listing tells only at its end), the pending one otherwise (it also
    // reports the steps of a boot, STARTING to BOOTSTRAPPING).
    long pendingCost = pages(estimatedListed[PENDING]);
    long decisiveCost = pages(estimatedListed[DECISIVE]) + unseen;
    boolean decisive =
        decisiveCost < pendingCost || (decisiveCost == pendingCost && pendingCost > 1);
    // Ended clusters stay in the final states for good and fill both listings. EMR passes through
    // TERMINATING on the way there (it releases the instances), so the decisive listing leaves the
    // final states out and sees an ending cluster in TERMINATING; in case one passed it between
    // two polls, a listing with the final states runs at least every maxIdlePeriod.
    boolean withFinal =
        !decisive
            || awaitsEnd
            || lastFinalCheck == null
            || !lastFinalCheck.plus(cadence.maxIdlePeriod()).isAfter(clock.instant());
    if (!withFinal) {
      decisiveQuery.removeAll(FINAL);
    }
    PollListing listing =
        new PollListing(
            decisive ? DECISIVE : PENDING,
            decisive ? decisiveQuery : pendingQuery,
            new java.util.HashSet<>(watches.keySet()));
    listing.withFinal = withFinal;
    listPages(listing, createdAfter.minusSeconds(1), null, 0)
        .whenComplete((v, error) -> phase("ListClusters", () -> afterListing(listing, error)));
  }

  /** States in which a wait for {@code target} completes or fails. */
  private static Set<ClusterState> decisive(ClusterTarget target) {
    Set<ClusterState> s = EnumSet.copyOf(KNOWN_STATES);
    s.removeAll(target.pending());
    return s;
  }

  private static long pages(long clusters) {
    return Math.max(1, (clusters + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  /**
   * Reads the listing page by page on the monitor's thread. A throttled page is retried on its own
   * after a short jittered pause (keeping the pages already read, resuming from its marker): with
   * many pages per poll, giving up or restarting the whole poll on one throttled page would make a
   * 20% throttling rate stall the monitor.
   */
  private CompletableFuture<Void> listPages(
      PollListing listing, Instant createdAfter, String marker, int attempt) {
    ListClustersRequest req =
        ListClustersRequest.builder()
            .clusterStates(listing.states)
            .createdAfter(createdAfter)
            .marker(marker)
            .build();
    count("ListClusters");
    return emr.listClusters(req)
        .handleAsync(
            (resp, error) -> {
              if (error != null) {
                Throwable cause = unwrap(error);
                if (isThrottling(cause) && attempt < PAGE_RETRIES && !closed) {
                  throttledCalls.incrementAndGet();
                  notifyPolled("ListClusters", true);
                  CompletableFuture<Void> retried = new CompletableFuture<>();
                  scheduler.schedule(
                      () ->
                          listPages(listing, createdAfter, marker, attempt + 1)
                              .whenComplete(
                                  (v, t) -> {
                                    if (t != null) {
                                      retried.completeExceptionally(t);
                                    } else {
                                      retried.complete(v);
                                    }
                                  }),
                      pageRetryPause(attempt).toNanos(),
                      TimeUnit.NANOSECONDS);
                  return retried;
                }
                return CompletableFuture.<Void>failedFuture(cause);
              }
              Instant now = clock.instant();
              listing.pages++;
              for (ClusterSummary s : resp.clusters()) {
                if (listing.ids.add(s.id())
                    && listing.kind == DECISIVE
                    && s.status() != null
                    && FINAL.contains(s.status().state())) {
                  listing.finalListed++;
                }
                if (listing.wanted.contains(s.id())) {
                  listing.found.put(s.id(), s);
                  arrived(s, now);
                }
              }
              notifyPolled("ListClusters", false);
              boolean more = resp.marker() != null && !resp.marker().isEmpty();
              // Every watched cluster seen: later pages cannot tell us anything new.
              return more && listing.found.size() < listing.wanted.size()
                  ? listPages(listing, createdAfter, resp.marker(), 0)
                  : CompletableFuture.<Void>completedFuture(null);
            },
            scheduler)
        .thenCompose(f -> f);
  }

  /**
   * The pause before retrying a throttled page: {@link #PAGE_RETRY_PAUSE} doubling with each retry
   * of that page, with full jitter in its upper half so that retries of several monitors sharing an
   * account quota do not collide again.
   */
  private Duration pageRetryPause(int attempt) {
    long max = PAGE_RETRY_PAUSE.toMillis() << attempt;
    return Duration.ofMillis(max / 2 + jitter.nextLong(max / 2 + 1));
  }

  /**
   * Completes the waits a listed cluster satisfies as soon as its page arrives: with many pages per
   * poll, waiting for the last page would add its read time to every cluster's detection lag.
   * Failures wait for the end of the poll (they need a description).
   */
  private void arrived(ClusterSummary s, Instant now) {
    Watch w = watches.get(s.id());
    if (w == null || closed || s.status() == null || newerEventThanPoll(w)) {
      return;
    }
    w.seen = true;
    w.misses = 0;
    if (w.created == null && s.status().timeline() != null) {
      w.created = s.status().timeline().creationDateTime();
    }
    update(w, snapshot(w.id, s.name(), s.status(), now));
    for (Waiter waiter : w.waiters) {
      if (!waiter.future.isDone() && waiter.target.reachedBy(w.last)) {
        waiter.future.complete(w.last);
      }
    }
  }

  private void afterListing(PollListing listing, Throwable error) {
    if (closed) {
      ticking = false;
      return;
    }
    if (error != null) {
      // The pages read before the failure were used as they arrived; the rest waits for the
      // next poll.
      handlePollError("ListClusters", error);
      return;
    }
    throttleStreak = 0;
    estimatedListed[listing.kind] = listing.ids.size() - listing.finalListed;
    if (listing.withFinal) {
      lastFinalCheck = pollStartedAt;
    }
    lastPollPages = listing.pages;
    Map<String, ClusterSummary> found = listing.found;
    Instant now = clock.instant();
    Set<ClusterState> notListed = EnumSet.copyOf(KNOWN_STATES);
    notListed.removeAll(listing.states);
    List<Watch> toDescribe = new ArrayList<>();
    for (Watch w : watches.values()) {
      ClusterSummary s = found.get(w.id);
      if (s != null) {
        continue; // handled when its page arrived
      } else if (listing.kind == DECISIVE) {
        if (w.last == null) {
          toDescribe.add(w); // not listed yet, or still pending: one description tells
        }
        // Otherwise not in a state any wait decides on: nothing to do until it is.
      } else if (newerEventThanPoll(w)) {
        continue; // an event told more recently than this listing can
      } else if (w.seen && inferable(notListed)) {
        // It was listed in a waiting state before and is not listed now: it moved to a state we did
        // not ask for, and every such state means "up".
        ClusterSnapshot.Builder b = ClusterSnapshot.builder(w.id, now).up(true);
        if (notListed.size() == 1) {
          b.state(notListed.iterator().next());
        }
        if (w.last != null) {
          b.name(w.last.name().orElse(null));
          b.timeline(w.last.created().orElse(null), null, null);
        }
        update(w, b.build());
      } else if (w.last == null || ++w.misses >= cadence.describeAfterMisses()) {
        // Never seen and not listed: it is already past the states we asked for (or not listed
        // yet); one description tells which, instead of several polls of guessing.
        toDescribe.add(w);
      }
    }
    for (Watch w : watches.values()) {
      if (w.last != null && w.needsDescriptionForFailure()) {
        w.failureDescribeAttempts++;
        if (!toDescribe.contains(w)) {
          toDescribe.add(w);
        }
      }
    }
    if (toDescribe.isEmpty()) {
      settleAll(Map.of());
      return;
    }
    Map<String, CompletableFuture<Cluster>> described = new HashMap<>();
    for (Watch w : toDescribe) {
      count("DescribeCluster");
      described.put(
          w.id, emr.describeCluster(r -> r.clusterId(w.id)).thenApply(resp -> resp.cluster()));
    }
    CompletableFuture.allOf(
            described.values().stream()
                .map(f -> f.exceptionally(t -> null))
                .toArray(CompletableFuture[]::new))
        .whenComplete((v, t) -> phase("DescribeCluster", () -> afterDescribe(described)));
  }

  private void afterDescribe(Map<String, CompletableFuture<Cluster>> described) {
    if (closed) {
      ticking = false;
      return;
    }
    Instant now = clock.instant();
    Map<String, Cluster> clusters = new HashMap<>();
    for (Map.Entry<String, CompletableFuture<Cluster>> e : described.entrySet()) {
      Watch w = watches.get(e.getKey());
      if (w == null) {
        continue;
      }
      try {
        Cluster c = e.getValue().join();
        notifyPolled("DescribeCluster", false);
        if (c == null || c.status() == null || newerEventThanPoll(w)) {
          continue; // an answer without the cluster, or older than an event: the next poll tells
        }
        clusters.put(w.id, c);
        w.misses = 0;
        w.seen = true;
        if (w.created == null && c.status().timeline() != null) {
          w.created = c.status().timeline().creationDateTime();
        }
        update(w, snapshot(w.id, c.name(), c.status(), now));
      } catch (CompletionException ex) {
        Throwable cause = ex.getCause();
        if (isThrottling(cause)) {
          throttledCalls.incrementAndGet();
          notifyPolled("DescribeCluster", true);
        } else if (isPermanent(cause)) {
          for (Waiter waiter : w.waiters) {
            waiter.future.completeExceptionally(
                new EmrLaunchException(
                    "cannot watch cluster " + w.id + ": " + cause.getMessage(), cause));
          }
        }
      }
    }
    settleAll(clusters);
  }

  private void settleAll(Map<String, Cluster> descriptions) {
    for (Watch w : watches.values()) {
      if (w.last == null) {
        continue;
      }
      for (Waiter waiter : w.waiters) {
        if (waiter.future.isDone()) {
          continue;
        }
        if (waiter.target.reachedBy(w.last)) {
          waiter.future.complete(w.last);
        } else if (w.last.state().map(waiter.target::failedBy).orElse(false)) {
          Cluster description = descriptions.get(w.id);
          // Without a description after two tries (throttled, 5xx), fail with what we know.
          if (description != null
              || w.describedForFailure
              || w.failureDescribeAttempts >= FAILURE_DESCRIBE_TRIES) {
            waiter.future.completeExceptionally(
                new ClusterFailedException(waiter.target, w.last, description));
          }
        }
      }
      if (descriptions.containsKey(w.id)) {
        w.describedForFailure = true;
      }
    }
    prune();
    stepPhase();
  }

  /** Reads every watched step, one ListSteps call per cluster and ten steps. */
  private void stepPhase() {
    if (stepWatches.isEmpty()) {
      scheduleNext();
      return;
    }
    List<CompletableFuture<List<software.amazon.awssdk.services.emr.model.StepSummary>>> calls =
        new ArrayList<>();
    List<String> clusterOfCall = new ArrayList<>();
    for (Map.Entry<String, Map<String, StepWatch>> e : stepWatches.entrySet()) {
      List<String> ids = new ArrayList<>(e.getValue().keySet());
      for (int i = 0; i < ids.size(); i += 10) {
        List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 10));
        count("ListSteps");
        String clusterId = e.getKey();
        calls.add(
            emr.listSteps(r -> r.clusterId(clusterId).stepIds(List.copyOf(chunk)))
                .thenApply(resp -> resp.steps()));
        clusterOfCall.add(clusterId);
      }
    }
    CompletableFuture.allOf(
            calls.stream().map(f -> f.exceptionally(t -> null)).toArray(CompletableFuture[]::new))
        .whenComplete((v, t) -> phase("ListSteps", () -> afterSteps(calls, clusterOfCall)));
  }

  private void afterSteps(
      List<CompletableFuture<List<software.amazon.awssdk.services.emr.model.StepSummary>>> calls,
      List<String> clusterOfCall) {
    if (closed) {
      ticking = false;
      return;
    }
    Instant now = clock.instant();
    boolean throttled = false;
    for (int i = 0; i < calls.size(); i++) {
      String clusterId = clusterOfCall.get(i);
      Map<String, StepWatch> byStep = stepWatches.get(clusterId);
      if (byStep == null) {
        continue;
      }
      try {
        for (software.amazon.awssdk.services.emr.model.StepSummary s : calls.get(i).join()) {
          StepWatch w = byStep.get(s.id());
          if (w == null) {
            continue;
          }
          var status = s.status();
          var failure = status == null ? null : status.failureDetails();
          StepSnapshot next =
              new StepSnapshot(
                  clusterId,
                  s.id(),
                  s.name(),
                  status == null || status.state() == null
                      ? software.amazon.awssdk.services.emr.model.StepState.PENDING
                      : status.state(),
                  failure == null ? null : failure.reason(),
                  failure == null ? null : failure.message(),
                  failure == null ? null : failure.logFile(),
                  now);
          updateStep(w, next);
          settleStep(w);
        }
        notifyPolled("ListSteps", false);
      } catch (CompletionException ex) {
        Throwable cause = ex.getCause();
        if (isThrottling(cause)) {
          throttled = true;
          throttledCalls.incrementAndGet();
          notifyPolled("ListSteps", true);
        } else if (isPermanent(cause)) {
          for (StepWatch w : byStep.values()) {
            for (CompletableFuture<StepSnapshot> f : w.waiters) {
              f.completeExceptionally(
                  new EmrLaunchException(
                      "cannot watch steps of cluster " + clusterId + ": " + cause.getMessage(),
                      cause));
            }
          }
        }
      }
    }
    if (throttled) {
      throttleStreak++;
    } else if (watches.isEmpty()) {
      throttleStreak = 0;
    }
    scheduleNext();
  }

  private void updateStep(StepWatch w, StepSnapshot next) {
    StepSnapshot previous = w.last;
    if (previous != null && Lifecycle.rank(next.state()) < Lifecycle.rank(previous.state())) {
      return; // stale: never back in a step's lifecycle
    }
    w.last = next;
    if (previous == null || previous.state() != next.state()) {
      logStep(previous, next);
      if (previous != null && next.done()) {
        lastChangeAt = next.observedAt(); // steps submitted together tend to end together
      }
      for (MonitorListener l : listeners) {
        try {
          l.stepChanged(previous, next);
        } catch (RuntimeException ex) {
          // listeners cannot break polling
        }
      }
    }
  }

  // ---- events (scheduler-thread code) ----

  /** The event feed's sink: applies a batch on the monitor's thread. */
  private CompletableFuture<Boolean> applyEvents(List<EmrEvent> batch) {
    CompletableFuture<Boolean> applied = new CompletableFuture<>();
    try {
      scheduler.execute(
          () -> {
            if (closed) {
              applied.complete(false); // not applied: the messages stay in the queue
              return;
            }
            try {
              for (EmrEvent e : batch) {
                if (e.step()) {
                  applyStepEvent(e);
                } else {
                  applyClusterEvent(e);
                }
              }
              applied.complete(true);
            } catch (RuntimeException e) {
              // Keep the messages: they come back after their visibility timeout.
              LOG.warn("could not apply {} EMR events; they will come back: {}", batch.size(), e);
              applied.complete(false);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      applied.complete(false);
    }
    return applied;
  }

  private void applyClusterEvent(EmrEvent e) {
    Watch w = watches.get(e.clusterId());
    ClusterState state = ClusterState.fromValue(e.state());
    if (w == null || !KNOWN_STATES.contains(state)) {
      return; // nobody waits for it
    }
    ClusterSnapshot last = w.last;
    if (last != null) {
      int known = rank(last);
      int told = Lifecycle.rank(state);
      if (told < known || last.state().map(state::equals).orElse(false)) {
        return; // older than what we know, or a duplicate
      }
      if (told == known
          && e.time() != null
          && w.lastEventAt != null
          && e.time().isBefore(w.lastEventAt)) {
        return; // an older RUNNING/WAITING flip, delivered late
      }
    }
    if (e.time() != null && (w.lastEventAt == null || e.time().isAfter(w.lastEventAt))) {
      w.lastEventAt = e.time();
    }
    // Not w.seen: that flag means "was in a listing", from which a later absence is read as a
    // move; an event says nothing about which listing the cluster is in.
    w.misses = 0;
    Instant now = clock.instant();
    w.eventAppliedAt = now;
    ClusterSnapshot.Builder b =
        ClusterSnapshot.builder(w.id, now)
            .name(e.name() != null ? e.name() : last == null ? null : last.name().orElse(null))
            .state(state)
            .reason(e.reasonCode(), e.reasonMessage());
    if (last != null) {
      b.timeline(
          last.created().orElse(null),
          last.ready()
              .orElse(
                  state == ClusterState.WAITING || state == ClusterState.RUNNING ? e.time() : null),
          ClusterTarget.ENDING.contains(state) && state != ClusterState.TERMINATING
              ? e.time()
              : last.ended().orElse(null));
    }
    update(w, b.build());
    settleFromEvent(w, null);
  }

  /**
   * Whether an event changed the watch after this poll started: the poll's pages may predate it
   * (RUNNING and WAITING have one rank, so rank alone cannot refuse a stale page).
   */
  private boolean newerEventThanPoll(Watch w) {
    return w.eventAppliedAt != null
        && pollStartedAt != null
        && !w.eventAppliedAt.isBefore(pollStartedAt);
  }

  /** Completes what the newest snapshot decides; a failure is described first (one call). */
  private void settleFromEvent(Watch w, Cluster description) {
    boolean describe = false;
    for (Waiter waiter : w.waiters) {
      if (waiter.future.isDone() || w.last == null) {
        continue;
      }
      if (waiter.target.reachedBy(w.last)) {
        waiter.future.complete(w.last);
      } else if (w.last.state().map(waiter.target::failedBy).orElse(false)) {
        if (description != null || w.describedForFailure) {
          waiter.future.completeExceptionally(
              new ClusterFailedException(waiter.target, w.last, description));
        } else {
          describe = true;
        }
      }
    }
    if (describe && !w.describing) {
      describeForFailure(w);
    }
  }

  private void describeForFailure(Watch w) {
    w.describing = true;
    count("DescribeCluster");
    emr.describeCluster(r -> r.clusterId(w.id))
        .whenComplete(
            (resp, error) ->
                scheduler.execute(
                    () -> {
                      w.describing = false;
                      w.describedForFailure = true; // with or without it: fail with what we know
                      if (closed) {
                        return;
                      }
                      Cluster c = null;
                      if (error == null && resp.cluster() != null) {
                        c = resp.cluster();
                        notifyPolled("DescribeCluster", false);
                        update(w, snapshot(w.id, c.name(), c.status(), clock.instant()));
                      } else if (error != null && isThrottling(unwrap(error))) {
                        throttledCalls.incrementAndGet();
                        notifyPolled("DescribeCluster", true);
                      }
                      settleFromEvent(w, c);
                    }));
  }

  private void applyStepEvent(EmrEvent e) {
    Map<String, StepWatch> byStep = stepWatches.get(e.clusterId());
    StepWatch w = byStep == null ? null : byStep.get(e.stepId());
    StepState state = StepState.fromValue(e.state());
    if (w == null || Lifecycle.rank(state) < 0) {
      return; // nobody waits for it
    }
    if (w.last != null
        && (w.last.state() == state || Lifecycle.rank(state) < Lifecycle.rank(w.last.state()))) {
      return; // a duplicate, or older than what we know
    }
    Instant now = clock.instant();
    StepSnapshot next =
        new StepSnapshot(w.clusterId, w.stepId, e.name(), state, null, null, null, now);
    if (state != StepState.FAILED) {
      updateStep(w, next);
      settleStep(w);
      return;
    }
    // The event has no failure details (reason, message, log file): read them once.
    if (w.describing) {
      return;
    }
    w.describing = true;
    count("DescribeStep");
    emr.describeStep(r -> r.clusterId(w.clusterId).stepId(w.stepId))
        .whenComplete(
            (resp, error) ->
                scheduler.execute(
                    () -> {
                      w.describing = false;
                      if (closed) {
                        return;
                      }
                      StepSnapshot failed = next;
                      if (error == null && resp.step() != null && resp.step().status() != null) {
                        notifyPolled("DescribeStep", false);
                        var f = resp.step().status().failureDetails();
                        if (f != null) {
                          failed =
                              new StepSnapshot(
                                  w.clusterId,
                                  w.stepId,
                                  resp.step().name(),
                                  StepState.FAILED,
                                  f.reason(),
                                  f.message(),
                                  f.logFile(),
                                  clock.instant());
                        }
                      } else if (error != null && isThrottling(unwrap(error))) {
                        throttledCalls.incrementAndGet();
                        notifyPolled("DescribeStep", true);
                      }
                      updateStep(w, failed);
                      settleStep(w);
                    }));
  }

  private static int rank(ClusterSnapshot s) {
    return s.state().map(Lifecycle::rank).orElse(s.up() ? Lifecycle.UP : -1);
  }

  private void settleStep(StepWatch w) {
    if (w.last == null || !w.last.done()) {
      return;
    }
    for (CompletableFuture<StepSnapshot> f : w.waiters) {
      if (w.last.state() == software.amazon.awssdk.services.emr.model.StepState.COMPLETED) {
        f.complete(w.last);
      } else {
        f.completeExceptionally(new StepFailedException(w.last));
      }
    }
  }

  private void handlePollError(String operation, Throwable error) {
    Throwable cause = unwrap(error);
    if (isThrottling(cause)) {
      throttledCalls.incrementAndGet();
      throttleStreak++;
      notifyPolled(operation, true);
    } else if (isPermanent(cause)) {
      for (Watch w : watches.values()) {
        for (Waiter waiter : w.waiters) {
          waiter.future.completeExceptionally(
              new EmrLaunchException(
                  "cannot watch clusters: EMR refused " + operation + ": " + cause.getMessage(),
                  cause));
        }
      }
      watches.clear();
    } else {
      throttleStreak++; // transient (5xx, network): back off the same way
    }
    scheduleNext();
  }

  /** Runs the next phase of a poll on the scheduler thread, {@linkplain #guarded guarded}. */
  private void phase(String operation, Runnable body) {
    scheduler.execute(() -> guarded(operation, body));
  }

  /**
   * Runs a phase of a poll. One that throws — a response EMR should never send (a DescribeCluster
   * without its cluster), a listener's bug reaching us — must not end the polling: the poll would
   * stay marked as running and every wait would hang. It is logged, and the next poll is scheduled
   * as after a transient error.
   */
  private void guarded(String operation, Runnable body) {
    try {
      body.run();
    } catch (RuntimeException e) {
      LOG.warn("monitor poll failed after {}; polling goes on: {}", operation, e.toString());
      throttleStreak++;
      scheduleNext();
    }
  }

  private void scheduleNext() {
    ticking = false;
    prune();
    if ((watches.isEmpty() && stepWatches.isEmpty()) || closed) {
      return;
    }
    // The period runs from the start of a poll: a poll of many pages (slower still when pages are
    // throttled and retried) must not stretch the cadence.
    Duration spent =
        pollStartedAt == null ? Duration.ZERO : Duration.between(pollStartedAt, clock.instant());
    Duration delay = nextPeriod().minus(spent);
    pollWithin(delay.compareTo(MIN_GAP) < 0 ? MIN_GAP : delay);
  }

  private Duration nextPeriod() {
    if (events != null && feed.healthy()) {
      return events.reconciliationPeriod(); // events drive the waits; polls only reconcile
    }
    Instant now = clock.instant();
    if (throttleStreak > 0) {
      long factor = 1L << Math.min(throttleStreak, 20);
      Duration d = cadence.activePeriod().multipliedBy(factor);
      return d.compareTo(cadence.maxThrottledPeriod()) > 0 ? cadence.maxThrottledPeriod() : d;
    }
    boolean starting =
        watches.values().stream()
                .anyMatch(w -> w.registeredAt.plus(cadence.startupWindow()).isAfter(now))
            || stepWatches.values().stream()
                .flatMap(m -> m.values().stream())
                .anyMatch(w -> w.registeredAt.plus(cadence.startupWindow()).isAfter(now));
    if (starting) {
      // Once the startup window is over, idling goes on growing from the startup period.
      idlePeriod =
          cadence.startupPeriod().compareTo(cadence.activePeriod()) > 0
              ? cadence.startupPeriod()
              : cadence.activePeriod();
      return cadence.startupPeriod();
    }
    if (lastChangeAt != null && lastChangeAt.plus(cadence.activeWindow()).isAfter(now)) {
      idlePeriod = cadence.activePeriod();
      return cadence.activePeriod();
    }
    Duration grown =
        Duration.ofMillis((long) Math.ceil(idlePeriod.toMillis() * cadence.idleGrowth()));
    Duration cap = idleCap();
    idlePeriod = grown.compareTo(cap) > 0 ? cap : grown;
    return idlePeriod;
  }

  /**
   * The longest idle period: {@link MonitorCadence#maxIdlePeriod()} for a poll that reads a page
   * per 50 watched clusters, shorter in proportion for a poll that reads fewer (the decisive
   * listing of a booting fleet is one page), but not below the active period. Idle polling thus
   * spends at most one full listing's calls per {@code maxIdlePeriod}, and a big fleet's first
   * arrivals are not found a whole idle minute late.
   */
  private Duration idleCap() {
    long full = pages(watches.size());
    long last = Math.max(1, lastPollPages);
    if (watches.isEmpty() || last >= full) {
      return cadence.maxIdlePeriod();
    }
    Duration cap = cadence.maxIdlePeriod().multipliedBy(last).dividedBy(full);
    return cap.compareTo(cadence.activePeriod()) < 0 ? cadence.activePeriod() : cap;
  }

  private void update(Watch w, ClusterSnapshot next) {
    ClusterSnapshot previous = w.last;
    if (previous != null && rank(next) < rank(previous)) {
      return; // stale: a listing or event older than what we know never moves a cluster back
    }
    if (previous != null && next.state().isEmpty() && previous.state().isPresent()) {
      // An inferred "up" adds nothing to an exact RUNNING/WAITING we already know.
      if (previous.up() && next.up()) {
        return;
      }
    }
    w.last = next;
    if (previous != null && !arrivedAt(previous) && arrivedAt(next)) {
      // It left the pending listing (unless it ended: ending states are in both) and joined the
      // decisive one.
      estimatedListed[DECISIVE]++;
      if (next.up()) {
        estimatedListed[PENDING] = Math.max(0, estimatedListed[PENDING] - 1);
      }
    }
    if (!next.sameStateAs(previous)) {
      // Only arrivals (up, ending) predict more arrivals: clusters launched together finish
      // booting together. STARTING -> BOOTSTRAPPING says nothing about when the rest is due.
      if (previous != null
          && (next.up() || next.state().map(ClusterTarget.ENDING::contains).orElse(false))) {
        lastChangeAt = next.observedAt();
      }
      logCluster(previous, next);
      latest.put(next.clusterId(), next);
      for (MonitorListener l : listeners) {
        try {
          l.clusterChanged(previous, next);
        } catch (RuntimeException e) {
          // A listener's failure must not stop the monitor.
        }
      }
    }
  }

  private static boolean arrivedAt(ClusterSnapshot s) {
    return s.up() || s.state().map(ClusterTarget.ENDING::contains).orElse(false);
  }

  private void prune() {
    watches.values().forEach(w -> w.waiters.removeIf(waiter -> waiter.future.isDone()));
    watches.values().removeIf(w -> w.waiters.isEmpty());
    latest.keySet().retainAll(watches.keySet());
    for (Map<String, StepWatch> byStep : stepWatches.values()) {
      byStep.values().forEach(w -> w.waiters.removeIf(CompletableFuture::isDone));
      byStep.values().removeIf(w -> w.waiters.isEmpty());
    }
    stepWatches.values().removeIf(Map::isEmpty);
  }

  private static boolean inferable(Set<ClusterState> notListed) {
    return !notListed.isEmpty()
        && EnumSet.of(ClusterState.RUNNING, ClusterState.WAITING).containsAll(notListed);
  }

  private static ClusterSnapshot snapshot(
      String id, String name, ClusterStatus status, Instant now) {
    ClusterSnapshot.Builder b = ClusterSnapshot.builder(id, now).name(name);
    if (status != null) {
      b.state(status.state());
      if (status.stateChangeReason() != null) {
        b.reason(status.stateChangeReason().codeAsString(), status.stateChangeReason().message());
      }
      if (status.timeline() != null) {
        b.timeline(
            status.timeline().creationDateTime(),
            status.timeline().readyDateTime(),
            status.timeline().endDateTime());
      }
    }
    return b.build();
  }

  private void count(String operation) {
    calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
  }

  private static void logCluster(ClusterSnapshot previous, ClusterSnapshot next) {
    String to = next.state().map(Enum::name).orElse("UNKNOWN");
    String from = previous == null ? null : previous.state().map(Enum::name).orElse("UNKNOWN");
    if (previous == null) {
      LOG.debug("cluster {} ({}) first seen {}", next.clusterId(), next.name().orElse("?"), to);
      return;
    }
    if (next.reasonCode().isPresent()
        && next.state().map(ClusterTarget.ENDING::contains).orElse(false)) {
      LOG.info(
          "cluster {} ({}) {} -> {}: {} {}",
          next.clusterId(),
          next.name().orElse("?"),
          from,
          to,
          next.reasonCode().get(),
          next.reasonMessage().orElse(""));
    } else {
      LOG.info("cluster {} ({}) {} -> {}", next.clusterId(), next.name().orElse("?"), from, to);
    }
  }

  private static void logStep(StepSnapshot previous, StepSnapshot next) {
    if (previous == null && !next.done()) {
      LOG.debug("step {} on {} first seen {}", next.stepId(), next.clusterId(), next.state());
      return;
    }
    LOG.info(
        "step {} ({}) on {} {} -> {}",
        next.stepId(),
        next.name().orElse("?"),
        next.clusterId(),
        previous == null ? "?" : previous.state(),
        next.state());
  }

  private void notifyPolled(String operation, boolean throttled) {
    LOG.debug("polled {}{}", operation, throttled ? " (throttled)" : "");
    for (MonitorListener l : listeners) {
      try {
        l.polled(operation, throttled);
      } catch (RuntimeException e) {
        // ignored: listeners cannot break polling
      }
    }
  }

  /** A 4xx that retrying cannot fix (access denied, bad request). */
  static boolean isPermanent(Throwable t) {
    return t instanceof AwsServiceException ase
        && !ase.isThrottlingException()
        && ase.statusCode() >= 400
        && ase.statusCode() < 500;
  }

  private static Set<ClusterState> knownStates() {
    Set<ClusterState> s = EnumSet.allOf(ClusterState.class);
    s.remove(ClusterState.UNKNOWN_TO_SDK_VERSION);
    return s;
  }

  private static final class Watch {
    final String id;
    final Instant registeredAt;
    final List<Waiter> waiters = new ArrayList<>(1); // one wait per cluster is the usual case
    Instant created;
    ClusterSnapshot last;
    boolean seen;
    int misses;
    boolean describedForFailure;
    int failureDescribeAttempts;
    boolean describing;
    Instant lastEventAt;

    /** When an event last changed this watch, on the monitor's clock. */
    Instant eventAppliedAt;

    Watch(String id, Instant registeredAt) {
      this.id = id;
      this.registeredAt = registeredAt;
    }

    boolean needsDescriptionForFailure() {
      return !describedForFailure
          && failureDescribeAttempts < FAILURE_DESCRIBE_TRIES
          && last.state().isPresent()
          && waiters.stream()
              .anyMatch(w -> !w.future.isDone() && w.target.failedBy(last.state().get()));
    }
  }

  private static final class StepWatch {
    final String clusterId;
    final String stepId;
    final Instant registeredAt;
    final List<CompletableFuture<StepSnapshot>> waiters = new ArrayList<>(1);
    StepSnapshot last;
    boolean describing;

    StepWatch(String clusterId, String stepId, Instant registeredAt) {
      this.clusterId = clusterId;
      this.stepId = stepId;
      this.registeredAt = registeredAt;
    }
  }

  private record Waiter(ClusterTarget target, CompletableFuture<ClusterSnapshot> future) {}

  /** One poll's listing: which one, its query, and what it found. */
  private static final class PollListing {
    final int kind;
    final Set<ClusterState> states;
    final Set<String> wanted;
    final Map<String, ClusterSummary> found = new HashMap<>();
    final Set<String> ids = new java.util.HashSet<>();
    int finalListed;
    int pages;
    boolean withFinal;

    PollListing(int kind, Set<ClusterState> states, Set<String> wanted) {
      this.kind = kind;
      this.states = states;
      this.wanted = wanted;
    }
  }

  /** Builds a {@link ClusterMonitor}. */
  public static final class Builder {
    private EmrAsyncClient emr;
    private ScheduledExecutorService scheduler;
    private Clock clock;
    private MonitorCadence cadence = MonitorCadence.defaults();
    private final List<MonitorListener> listeners = new ArrayList<>();
    private MonitorEvents events;

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
     * The scheduler to poll on; by default the monitor starts one daemon thread of its own (and
     * stops it on {@link ClusterMonitor#close()}). Give a virtual-time scheduler in tests.
     *
     * @param scheduler the scheduler; the monitor runs all its bookkeeping on it
     * @return this
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * The clock; the system UTC clock by default. Give the virtual clock in tests.
     *
     * @param clock the clock
     * @return this
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The polling cadence; {@link MonitorCadence#defaults()} by default.
     *
     * @param cadence the cadence
     * @return this
     */
    public Builder cadence(MonitorCadence cadence) {
      this.cadence = Objects.requireNonNull(cadence, "cadence");
      return this;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return this
     */
    public Builder listener(MonitorListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Makes the monitor event-driven: it reads EMR's state-change events from the queue (see {@link
     * MonitorEventsSetup}) and lists clusters only every {@link
     * MonitorEvents#reconciliationPeriod()} to catch lost events; the cadence then applies only to
     * the first check of a new wait.
     *
     * @param events the queue and its client, or null for polling only
     * @return this
     */
    public Builder events(MonitorEvents events) {
      this.events = events;
      return this;
    }

    /**
     * Builds the monitor.
     *
     * @return the monitor
     */
    public ClusterMonitor build() {
      return new ClusterMonitor(this);
    }
  }
}
