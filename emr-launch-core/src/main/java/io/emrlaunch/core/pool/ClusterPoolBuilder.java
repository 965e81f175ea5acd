package io.emrlaunch.core.pool;

import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.services.emr.EmrAsyncClient;

/**
 * Builds a {@link ClusterPool}; obtained from {@link ClusterPool#builder()}. Required: name,
 * profile, configuration, launcher, EMR client and lease store.
 *
 * <pre>{@code
 * ClusterPool pool = ClusterPool.builder()
 *     .name("etl")
 *     .profile(profile)
 *     .configuration(configuration)
 *     .maxClusters(4)
 *     .maxConcurrentJobs(3)
 *     .idleTimeout(Duration.ofMinutes(15))
 *     .launcher(launcher)
 *     .emr(emrAsync)
 *     .leaseStore(SsmLeaseStore.of(ssmAsync))
 *     .build();
 * }</pre>
 */
public final class ClusterPoolBuilder {
  String name;
  EmrProfile profile;
  ClusterConfiguration configuration;
  int maxClusters = 1;
  int maxConcurrentJobs = 1;
  Duration idleTimeout = Duration.ofMinutes(15);
  Duration pollInterval = Duration.ofSeconds(30);
  Duration leaseTimeout = Duration.ofHours(12);
  ClusterLauncher launcher;
  EmrAsyncClient emr;
  LeaseStore leaseStore;
  ScheduledExecutorService scheduler;
  Clock clock;
  String owner;

  ClusterPoolBuilder() {}

  /**
   * The pool's name (required): 1 to 64 letters, digits, {@code -} or {@code _}; it names the
   * pool's records and the {@value ClusterPool#POOL_TAG} tag.
   *
   * @param name the name
   * @return this
   */
  public ClusterPoolBuilder name(String name) {
    this.name = name;
    return this;
  }

  /**
   * The security half every pool cluster is launched with (required).
   *
   * @param profile the profile
   * @return this
   */
  public ClusterPoolBuilder profile(EmrProfile profile) {
    this.profile = profile;
    return this;
  }

  /**
   * The resource half (required). The pool launches it with {@code KeepJobFlowAliveWhenNoSteps},
   * {@code StepConcurrencyLevel = maxConcurrentJobs}, {@code AutoTerminationPolicy.IdleTimeout =
   * idleTimeout} and its two tags.
   *
   * @param configuration the configuration
   * @return this
   */
  public ClusterPoolBuilder configuration(ClusterConfiguration configuration) {
    this.configuration = configuration;
    return this;
  }

  /**
   * The most clusters the pool runs at once, 1 to 100 (1 by default).
   *
   * @param maxClusters the limit
   * @return this
   */
  public ClusterPoolBuilder maxClusters(int maxClusters) {
    this.maxClusters = maxClusters;
    return this;
  }

  /**
   * The most jobs one cluster runs at once, 1 to 256 (1 by default); also its {@code
   * StepConcurrencyLevel}.
   *
   * @param maxConcurrentJobs the limit
   * @return this
   */
  public ClusterPoolBuilder maxConcurrentJobs(int maxConcurrentJobs) {
    this.maxConcurrentJobs = maxConcurrentJobs;
    return this;
  }

  /**
   * How long a pool cluster may stay idle before EMR terminates it, 1 minute to 7 days (15 minutes
   * by default; whole seconds).
   *
   * @param idleTimeout the timeout
   * @return this
   */
  public ClusterPoolBuilder idleTimeout(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
    return this;
  }

  /**
   * How often a waiting job looks for a free slot again (30 s by default; at least 1 s).
   *
   * @param pollInterval the interval
   * @return this
   */
  public ClusterPoolBuilder pollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
    return this;
  }

  /**
   * How long a claim stays valid when its holder never releases it (a crashed process); it must
   * exceed the longest job (12 h by default). Even past it, EMR's {@code StepConcurrencyLevel}
   * keeps a cluster from running more than {@code maxConcurrentJobs} steps at once.
   *
   * @param leaseTimeout the timeout
   * @return this
   */
  public ClusterPoolBuilder leaseTimeout(Duration leaseTimeout) {
    this.leaseTimeout = leaseTimeout;
    return this;
  }

  /**
   * The launcher that launches pool clusters and submits steps (required; not closed by the pool).
   *
   * @param launcher the launcher
   * @return this
   */
  public ClusterPoolBuilder launcher(ClusterLauncher launcher) {
    this.launcher = launcher;
    return this;
  }

  /**
   * The EMR client the pool lists and describes clusters with (required).
   *
   * @param emr the client
   * @return this
   */
  public ClusterPoolBuilder emr(EmrAsyncClient emr) {
    this.emr = emr;
    return this;
  }

  /**
   * Where claims are kept (required); every process sharing the pool must use the same store.
   *
   * @param leaseStore the store
   * @return this
   */
  public ClusterPoolBuilder leaseStore(LeaseStore leaseStore) {
    this.leaseStore = leaseStore;
    return this;
  }

  /**
   * The scheduler for polls and retry pauses; the shared default scheduler by default (give the
   * testkit's virtual scheduler in tests).
   *
   * @param scheduler the scheduler
   * @return this
   */
  public ClusterPoolBuilder scheduler(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
    return this;
  }

  /**
   * The clock claims expire by; the system UTC clock by default.
   *
   * @param clock the clock
   * @return this
   */
  public ClusterPoolBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /**
   * This process's name in its claims (a random id by default); letters, digits, {@code -}, {@code
   * _} and {@code .}.
   *
   * @param owner the name
   * @return this
   */
  public ClusterPoolBuilder owner(String owner) {
    this.owner = owner;
    return this;
  }

  /**
   * Builds the pool.
   *
   * @return the pool
   * @throws io.emrlaunch.core.validation.ValidationException naming each invalid field
   */
  public ClusterPool build() {
    return new ClusterPool(this);
  }
}
