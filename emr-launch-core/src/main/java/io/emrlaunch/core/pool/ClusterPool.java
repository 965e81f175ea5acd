package io.emrlaunch.core.pool;

import io.emrlaunch.core.Futures;
import io.emrlaunch.core.internal.Log;
import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.launch.LaunchRequest;
import io.emrlaunch.core.launch.LaunchWait;
import io.emrlaunch.core.launch.StepSnapshot;
import io.emrlaunch.core.launch.internal.EmrCalls;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.pool.internal.Generations;
import io.emrlaunch.core.pool.internal.LeaseRecord;
import io.emrlaunch.core.pool.internal.PoolKeys;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * A pool of EMR clusters launched from one profile and configuration, shared by jobs (and by every
 * process that builds a pool with the same name, profile, configuration and sizing over the same
 * {@link LeaseStore}).
 *
 * <p>A job {@linkplain #acquire() acquires} a slot: the pool lists its active clusters (the {@value
 * #POOL_KEY_TAG} tag carries the {@linkplain #poolKey() pool key}), claims a free slot on one of
 * them (preferring busy clusters, so that others can go idle and end) by creating the slot's next
 * claim record with create-if-absent, submits the job's steps through the lease and {@linkplain
 * PoolLease#release() releases} it. When no cluster has a free slot and fewer than {@code
 * maxClusters} are active, it launches one through the {@link ClusterLauncher} with an idempotency
 * key derived from a claimed launch record, so two processes never launch the same cluster twice;
 * otherwise the job polls. Clusters carry {@code AutoTerminationPolicy.IdleTimeout}: EMR itself
 * ends an idle cluster, with no thread of ours involved. See {@code docs/pools.md} for why claims
 * are safe.
 *
 * <pre>{@code
 * List<StepSnapshot> done = pool.run(List.of(EmrStep.sparkSubmit("report", "s3://code/r.py")))
 *     .join();
 * }</pre>
 */
public final class ClusterPool {
  /** The tag that carries the pool's name. */
  public static final String POOL_TAG = "emr-launch:pool";

  /** The tag that carries the pool key. */
  public static final String POOL_KEY_TAG = "emr-launch:pool-key";

  /** Where pool records live (in SSM: parameter names). */
  public static final String RECORD_ROOT = "/emr-launch/pools/";

  private static final Log LOG = Log.of(ClusterPool.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final EnumSet<ClusterState> ACTIVE =
      EnumSet.of(
          ClusterState.STARTING,
          ClusterState.BOOTSTRAPPING,
          ClusterState.RUNNING,
          ClusterState.WAITING);
  private static final Duration LAUNCH_CLAIM = Duration.ofMinutes(15);

  private final String name;
  private final EmrProfile profile;
  private final ClusterConfiguration launchConfiguration;
  private final int maxClusters;
  private final int maxJobs;
  private final Duration idleTimeout;
  private final Duration pollInterval;
  private final Duration leaseTimeout;
  private final ClusterLauncher launcher;
  private final LeaseStore store;
  private final EmrCalls calls;
  private final Clock clock;
  private final String owner;
  private final String key;
  private final String prefix;
  private final String clusterName;
  private final AtomicLong claims = new AtomicLong();

  /**
   * This pool object's claim ids (owner, a token of this object, a counter): distinct even between
   * pool objects given the same owner.
   */
  private final String claimPrefix;

  /**
   * The slot claims of this pool object still in flight or held as leases. A live slot record
   * carrying this object's claim prefix but not listed here is a claim whose outcome was lost (a
   * create whose answer never came, a confirmation that failed): nobody will ever use or release
   * it, so the next look releases it instead of leaving the slot taken until the lease expires.
   */
  private final Set<String> ownClaims = ConcurrentHashMap.newKeySet();

  private final Map<String, Boolean> members = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

  ClusterPool(ClusterPoolBuilder b) {
    Problems p = Problems.root();
    if (b.name == null || !NAME.matcher(b.name).matches()) {
      p.add("name", "must be 1 to 64 letters, digits, '-' or '_'");
    }
    if (b.profile == null) {
      p.add("profile", "is required");
    } else {
      p.at("profile").addAll(b.profile.validationProblems());
    }
    if (b.configuration == null) {
      p.add("configuration", "is required");
    } else {
      p.at("configuration").addAll(b.configuration.validationProblems());
    }
    if (b.maxClusters < 1 || b.maxClusters > 100) {
      p.add("maxClusters", "must be between 1 and 100");
    }
    if (b.maxConcurrentJobs < 1 || b.maxConcurrentJobs > 256) {
      p.add("maxConcurrentJobs", "must be between 1 and 256");
    }
    if (b.idleTimeout == null
        || b.idleTimeout.compareTo(Duration.ofMinutes(1)) < 0
        || b.idleTimeout.compareTo(Duration.ofDays(7)) > 0) {
      p.add("idleTimeout", "must be between 1 minute and 7 days");
    }
    if (b.pollInterval == null || b.pollInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      p.add("pollInterval", "must be at least 1 second");
    }
    if (b.leaseTimeout == null || b.leaseTimeout.compareTo(Duration.ofMinutes(1)) < 0) {
      p.add("leaseTimeout", "must be at least 1 minute");
    }
    if (b.owner != null && !OWNER.matcher(b.owner).matches()) {
      p.add("owner", "must be 1 to 64 letters, digits, '-', '_' or '.'");
    }
    if (b.launcher == null) {
      p.add("launcher", "is required");
    }
    if (b.emr == null) {
      p.add("emr", "is required");
    }
    if (b.leaseStore == null) {
      p.add("leaseStore", "is required");
    }
    if (p.any()) {
      throw new ValidationException(p.problems());
    }
    this.name = b.name;
    this.profile = b.profile;
    this.maxClusters = b.maxClusters;
    this.maxJobs = b.maxConcurrentJobs;
    this.idleTimeout = b.idleTimeout;
    this.pollInterval = b.pollInterval;
    this.leaseTimeout = b.leaseTimeout;
    this.launcher = b.launcher;
    this.store = b.leaseStore;
    ScheduledExecutorService scheduler =
        b.scheduler != null ? b.scheduler : Futures.defaultScheduler();
    // few tries per call: a throttled attempt gives up after 1 + 2 + 4 s and looks again a poll
    // later
    this.calls = new EmrCalls(b.emr, scheduler, 4, Duration.ofSeconds(1));
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.owner = b.owner != null ? b.owner : UUID.randomUUID().toString();
    this.claimPrefix =
        owner
            + "."
            + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1, 36)
            + ".";
    this.launchConfiguration =
        b.configuration
            .withStepConcurrencyLevel(maxJobs)
            .withAutoTerminationIdleTimeoutSeconds(idleTimeout.toSeconds())
            .withInstances(b.configuration.instances().withKeepJobFlowAliveWhenNoSteps(true));
    this.key = PoolKeys.key(profile, launchConfiguration, maxJobs, idleTimeout.toSeconds());
    this.prefix = RECORD_ROOT + name + "/" + key + "/";
    this.clusterName = "pool-" + name;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static ClusterPoolBuilder builder() {
    return new ClusterPoolBuilder();
  }

  /**
   * The pool's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The pool key: a hash of the profile, the configuration (names, descriptions and tags excluded)
   * and the sizing; clusters carry it in the {@value #POOL_KEY_TAG} tag, and only clusters with
   * this key are used.
   *
   * @return 16 hex digits
   */
  public String poolKey() {
    return key;
  }

  /**
   * The configuration pool clusters are launched with (the given one with keep-alive, step
   * concurrency and the idle timeout set).
   *
   * @return the configuration
   */
  public ClusterConfiguration launchConfiguration() {
    return launchConfiguration;
  }

  /**
   * The most clusters the pool runs at once.
   *
   * @return the limit
   */
  public int maxClusters() {
    return maxClusters;
  }

  /**
   * The most jobs one cluster runs at once.
   *
   * @return the limit
   */
  public int maxConcurrentJobs() {
    return maxJobs;
  }

  /**
   * How long a cluster may stay idle before EMR terminates it.
   *
   * @return the timeout
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * Runs a job: acquires a slot, runs the steps one after the other on its cluster, and releases
   * the slot (also when a step fails).
   *
   * @param steps the job's steps, at least one
   * @return completes with every step's snapshot when all completed; fails with the first {@link
   *     io.emrlaunch.core.launch.StepFailedException}, or with the launch's error when the pool
   *     could not launch a cluster
   */
  public CompletableFuture<List<StepSnapshot>> run(List<EmrStep> steps) {
    List<EmrStep> copy = List.copyOf(steps);
    if (copy.isEmpty()) {
      return CompletableFuture.failedFuture(
          new ValidationException(
              Problems.root().add("steps", "at least one step is required").problems()));
    }
    return runOnce(copy, 3);
  }

  /**
   * One try of {@link #run}. EMR may end an idle cluster between the claim and the first {@code
   * AddJobFlowSteps} (its idle timeout fires just then); when EMR refuses the first step because
   * the cluster is shutting down, the slot is released and the job acquires another.
   */
  private CompletableFuture<List<StepSnapshot>> runOnce(List<EmrStep> steps, int tries) {
    return acquire()
        .thenCompose(
            lease -> {
              CompletableFuture<List<StepSnapshot>> job = lease.submit(steps);
              return job.handle((v, t) -> null)
                  .thenCompose(x -> lease.release())
                  .handle((x, t) -> null)
                  .thenCompose(
                      x -> {
                        if (tries > 1
                            && job.isCompletedExceptionally()
                            && lease.acceptedSteps() == 0
                            && clusterGone(job)) {
                          LOG.info(
                              "pool {}: cluster {} ended before the job's first step, retrying",
                              name,
                              lease.clusterId());
                          return runOnce(steps, tries - 1);
                        }
                        return job;
                      });
            });
  }

  private static boolean clusterGone(CompletableFuture<?> job) {
    try {
      job.join();
      return false;
    } catch (RuntimeException e) {
      Throwable cause = Futures.unwrap(e);
      return cause instanceof software.amazon.awssdk.awscore.exception.AwsServiceException ase
          && ase.statusCode() == 400
          && ase.getMessage() != null
          && ase.getMessage().contains("shutting down");
    }
  }

  /**
   * Acquires a slot on a pool cluster, launching a cluster when none has a free slot and the pool
   * is below {@code maxClusters}; otherwise waits, looking again every poll interval (and as soon
   * as a lease of this pool object is released). Throttling and transient errors slow it down; they
   * do not fail it.
   *
   * @return completes with the lease; fails when a launch the pool needed failed (e.g. {@link
   *     ValidationException} for a configuration EMR refuses); cancelling it gives up the wait
   */
  public CompletableFuture<PoolLease> acquire() {
    Waiter w = new Waiter(new CompletableFuture<>());
    attempt(w);
    return w.out;
  }

  // ------------------------------------------------------------------ claiming

  private static final class Waiter {
    final CompletableFuture<PoolLease> out;
    final AtomicInteger round = new AtomicInteger();

    /** Throttled or transient failures in a row: a short back-off, not a whole poll. */
    final AtomicInteger errors = new AtomicInteger();

    Waiter(CompletableFuture<PoolLease> out) {
      this.out = out;
    }
  }

  /** What one look at the pool gives. */
  private record View(
      Instant now,
      List<ClusterSummary> clusters,
      Map<String, Generations> slots,
      Map<String, Generations> launches) {}

  private void attempt(Waiter w) {
    if (w.out.isDone()) {
      return;
    }
    int round = w.round.incrementAndGet();
    look()
        .thenCompose(this::tryClaim)
        .whenComplete(
            (outcome, t) -> {
              if (t == null) {
                w.errors.set(0);
              }
              if (t != null) {
                Throwable cause = Futures.unwrap(t);
                if (EmrCalls.isThrottling(cause) || EmrCalls.isTransient(cause)) {
                  LOG.debug("pool {}: retrying after {}", name, cause.toString());
                  // A throttled look or claim says nothing about the slots: look again after a
                  // back-off (1 s, 2 s, 4 s, ...), up to the poll interval, not a whole poll later.
                  Duration pause = calls.pause(w.errors.incrementAndGet());
                  if (pause.compareTo(pollInterval) >= 0) {
                    waitPoll(w, round);
                  } else {
                    calls.after(
                        pause,
                        () -> {
                          if (w.round.get() == round) {
                            attempt(w);
                          }
                        });
                  }
                } else {
                  w.out.completeExceptionally(cause);
                }
              } else if (outcome instanceof PoolLease lease) {
                if (!w.out.complete(lease)) {
                  lease.release();
                }
              } else if (Boolean.TRUE.equals(outcome)) {
                attempt(w);
              } else {
                waitPoll(w, round);
              }
            });
  }

  private void waitPoll(Waiter w, int round) {
    waiters.add(w);
    calls.after(
        pollInterval,
        () -> {
          if (w.round.get() == round && waiters.remove(w)) {
            attempt(w);
          }
        });
  }

  /** A lease of this pool was released: the oldest local waiter looks again now. */
  void released() {
    Waiter w;
    while ((w = waiters.poll()) != null) {
      if (!w.out.isDone()) {
        attempt(w);
        return;
      }
    }
  }

  /**
   * Reads the claim records, then lists the clusters: in this order, every cluster a launch record
   * names existed before the listing, so a record naming a cluster the listing lacks means that
   * cluster has ended (the other order would take a cluster launched in between for an ended one
   * and launch another).
   */
  private CompletableFuture<View> look() {
    return retrying(() -> store.list(prefix))
        .thenCompose(records -> members().thenApply(mine -> view(records, mine)));
  }

  private View view(Map<String, String> records, List<ClusterSummary> mine) {
    return new View(
        clock.instant(),
        mine,
        Generations.group(records, prefix + "clusters/"),
        Generations.group(records, prefix + "launches/"));
  }

  private CompletableFuture<List<ClusterSummary>> members() {
    return calls
        .listAll(ListClustersRequest.builder().clusterStates(ACTIVE).build())
        .thenCompose(
            all -> {
              List<ClusterSummary> named =
                  all.stream().filter(c -> clusterName.equals(c.name())).toList();
              List<CompletableFuture<Boolean>> checks = new ArrayList<>();
              for (ClusterSummary c : named) {
                checks.add(isMember(c.id()));
              }
              return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                  .thenApply(
                      v -> {
                        List<ClusterSummary> mine = new ArrayList<>();
                        for (int i = 0; i < named.size(); i++) {
                          if (checks.get(i).join()) {
                            mine.add(named.get(i));
                          }
                        }
                        return mine;
                      });
            });
  }

  private CompletableFuture<Boolean> isMember(String clusterId) {
    Boolean known = members.get(clusterId);
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    return calls
        .idempotent(() -> calls.emr().describeCluster(r -> r.clusterId(clusterId)))
        .thenApply(
            d -> {
              boolean member = false;
              boolean named = false;
              for (Tag t : d.cluster().tags()) {
                member |= POOL_KEY_TAG.equals(t.key()) && key.equals(t.value());
                named |= POOL_TAG.equals(t.key()) && name.equals(t.value());
              }
              members.put(clusterId, member && named);
              return member && named;
            });
  }

  private String slotLock(String clusterId, int slot) {
    return prefix + "clusters/" + clusterId + "/" + slot;
  }

  private String launchLock(int ordinal) {
    return prefix + "launches/" + ordinal;
  }

  private record Candidate(String clusterId, int slot, long generation) {}

  /** A lease, TRUE (look again now) or FALSE (wait a poll). */
  private CompletableFuture<Object> tryClaim(View v) {
    List<Candidate> candidates = new ArrayList<>();
    List<ClusterSummary> order = new ArrayList<>(v.clusters());
    Map<String, Integer> used = new ConcurrentHashMap<>();
    for (ClusterSummary c : order) {
      int busy = 0;
      for (int s = 0; s < maxJobs; s++) {
        Generations g = v.slots().get(slotLock(c.id(), s));
        if (g != null && g.holder() != null && g.holder().live(v.now())) {
          busy++;
          reapIfLost(slotLock(c.id(), s), g);
        }
      }
      used.put(c.id(), busy);
    }
    // Up clusters first, then the busiest (packing lets the others go idle and end).
    order.sort(
        Comparator.comparing(
                (ClusterSummary c) ->
                    c.status().state() == ClusterState.WAITING
                            || c.status().state() == ClusterState.RUNNING
                        ? 0
                        : 1)
            .thenComparing(c -> -used.get(c.id()))
            .thenComparing(ClusterSummary::id));
    for (ClusterSummary c : order) {
      for (int s = 0; s < maxJobs; s++) {
        Generations g = v.slots().get(slotLock(c.id(), s));
        if (g == null || g.holder() == null || !g.holder().live(v.now())) {
          candidates.add(new Candidate(c.id(), s, g == null ? 1 : g.newest() + 1));
        }
      }
    }
    if (!candidates.isEmpty()) {
      return claimFirst(candidates, 0)
          .thenApply(lease -> lease != null ? (Object) lease : (Object) Boolean.TRUE);
    }
    return maybeLaunch(v);
  }

  private CompletableFuture<PoolLease> claimFirst(List<Candidate> candidates, int i) {
    if (i >= candidates.size()) {
      return CompletableFuture.completedFuture(null);
    }
    Candidate c = candidates.get(i);
    return claim(slotLock(c.clusterId(), c.slot()), c.generation(), null)
        .thenCompose(
            record ->
                record != null
                    ? CompletableFuture.completedFuture(
                        new PoolLease(
                            this,
                            c.clusterId(),
                            c.slot(),
                            slotLock(c.clusterId(), c.slot()),
                            c.generation(),
                            record))
                    : claimFirst(candidates, i + 1));
  }

  /**
   * Claims generation {@code gen} of a lock: create-if-absent, then a re-read that this generation
   * is the newest (a claimant that read before older generations were deleted can create a
   * generation below the newest; it then gives its claim up).
   *
   * @return the record when claimed, null when someone else holds the lock
   */
  private CompletableFuture<LeaseRecord> claim(String lock, long gen, Duration validFor) {
    LeaseRecord mine =
        new LeaseRecord(
            claimPrefix + claims.incrementAndGet(),
            clock.instant().plus(validFor != null ? validFor : leaseTimeout),
            false,
            null);
    String record = lock + "/" + gen;
    boolean slot = validFor == null;
    if (slot) {
      ownClaims.add(mine.owner());
    }
    return createOnce(record, mine)
        .thenCompose(
            created -> {
              if (!created) {
                return CompletableFuture.completedFuture(null);
              }
              return retrying(() -> store.list(lock + "/"))
                  .thenCompose(
                      all -> {
                        Generations g =
                            Generations.group(all, lock.substring(0, lock.lastIndexOf('/') + 1))
                                .get(lock);
                        if (g != null && g.newest() == gen) {
                          return CompletableFuture.completedFuture(mine);
                        }
                        LOG.debug(
                            "pool {}: claim {} is not the newest, giving it up", name, record);
                        return retrying(() -> store.overwrite(record, mine.release().format()))
                            .thenApply(x -> (LeaseRecord) null);
                      });
            })
        .whenComplete(
            (held, t) -> {
              if (slot && held == null) {
                ownClaims.remove(mine.owner()); // not a lease: a later look may reap it
              }
            });
  }

  /**
   * Create-if-absent that tolerates an unknown outcome: when a retried create finds the record
   * existing, it is ours only if it carries our claim's owner (unique per claim).
   */
  private CompletableFuture<Boolean> createOnce(String record, LeaseRecord mine) {
    String value = mine.format();
    return retrying(() -> store.create(record, value))
        .thenCompose(
            created -> {
              if (created) {
                return CompletableFuture.completedFuture(true);
              }
              return retrying(() -> store.list(record.substring(0, record.lastIndexOf('/') + 1)))
                  .thenApply(all -> value.equals(all.get(record)));
            });
  }

  private CompletableFuture<Object> maybeLaunch(View v) {
    Set<String> active = ConcurrentHashMap.newKeySet();
    v.clusters().forEach(c -> active.add(c.id()));
    int busy = 0;
    boolean launching = false;
    int free = -1;
    long freeGen = 0;
    for (int o = 0; o < maxClusters; o++) {
      Generations g = v.launches().get(launchLock(o));
      LeaseRecord h = g == null ? null : g.holder();
      boolean inUse =
          h != null
              && !h.released()
              && (h.cluster() != null ? active.contains(h.cluster()) : h.live(v.now()));
      if (inUse) {
        busy++;
        launching |= h.cluster() == null;
      } else if (free < 0) {
        free = o;
        freeGen = g == null ? 1 : g.newest() + 1;
      }
    }
    if (launching || free < 0 || Math.max(busy, active.size()) >= maxClusters) {
      return CompletableFuture.completedFuture(Boolean.FALSE);
    }
    int ordinal = free;
    long gen = freeGen;
    return claim(launchLock(ordinal), gen, LAUNCH_CLAIM)
        .thenCompose(
            record -> {
              if (record == null) {
                return CompletableFuture.completedFuture((Object) Boolean.TRUE);
              }
              return launch(ordinal, gen, record);
            });
  }

  private CompletableFuture<Object> launch(int ordinal, long gen, LeaseRecord record) {
    String lock = launchLock(ordinal) + "/" + gen;
    LaunchRequest request =
        LaunchRequest.builder()
            .profile(profile)
            .configuration(launchConfiguration)
            .clusterName(clusterName)
            .putTags(POOL_TAG, name)
            .putTags(POOL_KEY_TAG, key)
            .idempotencyKey("pool-" + name + "-" + key + "-" + ordinal + "-" + gen)
            .waitFor(LaunchWait.NONE)
            .build();
    LOG.info("pool {}: launching cluster #{} (generation {})", name, ordinal, gen);
    return launcher
        .launch(request)
        .handle(
            (cluster, t) -> {
              if (t != null) {
                return retrying(() -> store.overwrite(lock, record.release().format()))
                    .handle(
                        (x, t2) -> {
                          throw new java.util.concurrent.CompletionException(Futures.unwrap(t));
                        });
              }
              members.put(cluster.clusterId(), true);
              LOG.info("pool {}: cluster {} launched", name, cluster.clusterId());
              return retrying(
                      () -> store.overwrite(lock, record.withCluster(cluster.clusterId()).format()))
                  .thenApply(x -> (Object) Boolean.TRUE);
            })
        .thenCompose(x -> x);
  }

  // ------------------------------------------------------------------ for leases

  ClusterLauncher launcher() {
    return launcher;
  }

  /** Releases a live slot record of this pool object that no claim in flight or lease holds. */
  private void reapIfLost(String lock, Generations g) {
    LeaseRecord h = g.holder();
    if (!h.owner().startsWith(claimPrefix) || ownClaims.contains(h.owner())) {
      return;
    }
    String record = lock + "/" + g.newest();
    LOG.info("pool {}: releasing {}, a claim of ours whose outcome was lost", name, record);
    retrying(() -> store.overwrite(record, h.release().format()))
        .whenComplete((v, t) -> released());
  }

  CompletableFuture<Void> releaseRecord(String lock, long gen, LeaseRecord record) {
    ownClaims.remove(record.owner());
    String name = lock + "/" + gen;
    return retrying(() -> store.overwrite(name, record.release().format()))
        .thenCompose(
            v ->
                retrying(() -> store.list(lock + "/"))
                    .thenCompose(
                        all -> {
                          Generations g =
                              Generations.group(all, lock.substring(0, lock.lastIndexOf('/') + 1))
                                  .get(lock);
                          List<String> old = new ArrayList<>();
                          if (g != null) {
                            g.olderThan(gen).forEach(x -> old.add(lock + "/" + x));
                          }
                          return old.isEmpty()
                              ? CompletableFuture.<Void>completedFuture(null)
                              : retrying(() -> store.delete(old));
                        }))
        .whenComplete((v, t) -> released());
  }

  private <T> CompletableFuture<T> retrying(
      java.util.function.Supplier<CompletableFuture<T>> call) {
    return calls.idempotent(call);
  }

  @Override
  public String toString() {
    return "ClusterPool{" + name + ", key " + key + "}";
  }
}
