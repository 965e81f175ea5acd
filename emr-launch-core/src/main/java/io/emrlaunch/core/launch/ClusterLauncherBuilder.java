package io.emrlaunch.core.launch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;

/**
 * Builds a {@link ClusterLauncher}; obtained from {@link ClusterLauncher#builder()}. Only the EMR
 * client is required; a Secrets Manager client is required to launch profiles with a Kerberos
 * attributes secret or configurations with secret configurations.
 *
 * <pre>{@code
 * ClusterLauncher launcher = ClusterLauncher.builder()
 *     .emr(EmrAsyncClient.create())
 *     .listener(myListener)
 *     .build();
 * }</pre>
 */
public final class ClusterLauncherBuilder {
  EmrAsyncClient emr;
  SecretsManagerAsyncClient secretsManager;
  ScheduledExecutorService scheduler;
  Clock clock;
  MonitorCadence cadence = MonitorCadence.defaults();
  ClusterMonitor monitor;
  final List<MonitorListener> listeners = new ArrayList<>();
  Supplier<String> launchTokens = () -> UUID.randomUUID().toString();
  int runJobFlowAttempts = 4;
  int callAttempts = 6;
  Duration retryPause = Duration.ofSeconds(2);
  Duration persistence = Duration.ofMinutes(30);
  S3AsyncClient s3;
  int diagnosisMaxBytes = DEFAULT_DIAGNOSIS_MAX_BYTES;
  Duration diagnosisTimeLimit = DEFAULT_DIAGNOSIS_TIME_LIMIT;

  /** Default of {@link #diagnosisLimits}: bytes read per log (256 KiB). */
  public static final int DEFAULT_DIAGNOSIS_MAX_BYTES = 256 * 1024;

  /** Default of {@link #diagnosisLimits}: longest a diagnosis may delay an error (20 s). */
  public static final Duration DEFAULT_DIAGNOSIS_TIME_LIMIT = Duration.ofSeconds(20);

  ClusterLauncherBuilder() {}

  /**
   * The EMR client (required).
   *
   * @param emr the client
   * @return this
   */
  public ClusterLauncherBuilder emr(EmrAsyncClient emr) {
    this.emr = emr;
    return this;
  }

  /**
   * The Secrets Manager client that reads a launch's secrets right before {@code RunJobFlow}: the
   * profile's {@code kerberosAttributesSecretArn} (only {@code Realm}, {@code KdcAdminPassword},
   * {@code ADDomainJoinUser}, {@code ADDomainJoinPassword} and {@code
   * CrossRealmTrustPrincipalPassword} become the request's {@code KerberosAttributes}) and the
   * configuration's {@code secretConfigurations} (merged into {@code Configurations} by
   * classification). Without it, a launch that needs a secret fails with a {@link
   * io.emrlaunch.core.validation.ValidationException} naming the field, before any AWS call. The
   * client is not closed by the launcher.
   *
   * @param secretsManager the client
   * @return this
   */
  public ClusterLauncherBuilder secretsManager(SecretsManagerAsyncClient secretsManager) {
    this.secretsManager = secretsManager;
    return this;
  }

  /**
   * The scheduler for retry pauses and timeouts (and the monitor, unless one is given); by default
   * the shared {@link io.emrlaunch.core.Futures#defaultScheduler()}. Give the testkit's virtual
   * scheduler (with its clock) in tests.
   *
   * @param scheduler the scheduler
   * @return this
   */
  public ClusterLauncherBuilder scheduler(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
    return this;
  }

  /**
   * The clock; the system UTC clock by default.
   *
   * @param clock the clock
   * @return this
   */
  public ClusterLauncherBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /**
   * The polling cadence of the launcher's own monitor (ignored when a monitor is given).
   *
   * @param cadence the cadence
   * @return this
   */
  public ClusterLauncherBuilder cadence(MonitorCadence cadence) {
    this.cadence = Objects.requireNonNull(cadence, "cadence");
    return this;
  }

  /**
   * A monitor to share with other launchers; by default the launcher builds its own (and closes it
   * on {@link ClusterLauncher#close()}).
   *
   * @param monitor the monitor
   * @return this
   */
  public ClusterLauncherBuilder monitor(ClusterMonitor monitor) {
    this.monitor = monitor;
    return this;
  }

  /**
   * Adds a listener for every launch: a {@link MonitorListener} sees state changes and polls; a
   * {@link LaunchListener} also sees launch milestones. For one launch only, use {@link
   * LaunchRequest#listeners()}.
   *
   * @param listener the listener
   * @return this
   */
  public ClusterLauncherBuilder listener(MonitorListener listener) {
    this.listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Where launch tokens come from when a request has no idempotency key; random UUIDs by default.
   *
   * @param tokens the supplier
   * @return this
   */
  public ClusterLauncherBuilder launchTokens(Supplier<String> tokens) {
    this.launchTokens = Objects.requireNonNull(tokens, "tokens");
    return this;
  }

  /**
   * How many {@code RunJobFlow} calls with an unknown outcome (5xx, timeout, lost answer) one
   * launch makes at most, each followed by a launch-token lookup; 4 by default. Throttled calls
   * (surely not performed) do not count: they are retried with back-off within {@link
   * #persistence}.
   *
   * @param attempts at least 1
   * @return this
   */
  public ClusterLauncherBuilder runJobFlowAttempts(int attempts) {
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
  public ClusterLauncherBuilder retryPause(Duration pause) {
    this.retryPause = Objects.requireNonNull(pause, "pause");
    return this;
  }

  /**
   * How long the launcher keeps trying, with back-off, when it cannot yet tell whether a cluster
   * was created (a lost {@code RunJobFlow} answer followed by failing lookups) or cannot get an
   * orphan terminated; 30 minutes by default. After it, the launch fails with a typed error (or
   * {@link OrphanTerminationFailedException} is reported) naming the cluster or launch token.
   *
   * @param persistence a positive duration
   * @return this
   */
  public ClusterLauncherBuilder persistence(Duration persistence) {
    if (persistence.isNegative() || persistence.isZero()) {
      throw new IllegalArgumentException("persistence must be positive");
    }
    this.persistence = persistence;
    return this;
  }

  /**
   * An S3 client to read failure logs with: when a step or a cluster fails, the launcher reads the
   * step's {@code stderr.gz} and {@code controller.gz} (and a Spark driver's {@code stderr.gz}, or
   * a failed bootstrap action's) from the cluster's LogUri and attaches the probable cause to the
   * {@link StepFailedException} or {@link ClusterFailedException} ({@code diagnosis()}). Optional:
   * without it there is no diagnosis. Reading is bounded ({@link #diagnosisLimits}) and never turns
   * into an error of its own. The client's credentials need {@code s3:GetObject} on the log prefix
   * and {@code s3:ListBucket} on its bucket.
   *
   * @param s3 the client, or null for no diagnosis
   * @return this
   */
  public ClusterLauncherBuilder s3(S3AsyncClient s3) {
    this.s3 = s3;
    return this;
  }

  /**
   * Bounds of failure diagnosis: at most {@code maxBytesPerLog} bytes are fetched per log (one
   * ranged {@code GetObject}; at most 16 times as much decoded text is read), and the failed future
   * completes at most {@code timeLimit} later than it would without diagnosis (then without one).
   *
   * @param maxBytesPerLog bytes per log, at least 1024 (default {@value
   *     #DEFAULT_DIAGNOSIS_MAX_BYTES})
   * @param timeLimit a positive duration (default 20 s)
   * @return this
   */
  public ClusterLauncherBuilder diagnosisLimits(int maxBytesPerLog, Duration timeLimit) {
    if (maxBytesPerLog < 1024) {
      throw new IllegalArgumentException("maxBytesPerLog must be >= 1024");
    }
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("timeLimit must be positive");
    }
    this.diagnosisMaxBytes = maxBytesPerLog;
    this.diagnosisTimeLimit = timeLimit;
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
