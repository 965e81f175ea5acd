package io.emrlaunch.stepfunctions.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.Futures;
import io.emrlaunch.core.launch.ClusterAlreadyRunningException;
import io.emrlaunch.core.launch.ClusterFailedException;
import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.launch.ClusterSnapshot;
import io.emrlaunch.core.launch.ClusterWaitTimeoutException;
import io.emrlaunch.core.launch.LaunchedCluster;
import io.emrlaunch.core.launch.SecretDecryptionFailureException;
import io.emrlaunch.core.launch.SecretNotFoundException;
import io.emrlaunch.core.overrides.InvalidOverrideException;
import io.emrlaunch.core.repository.RecordNotFoundException;
import io.emrlaunch.core.repository.RecordStore;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.activity.internal.LaunchTask;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import io.emrlaunch.stepfunctions.internal.Json;
import io.emrlaunch.stepfunctions.internal.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Serves the launch activity of a launch function generated with {@link
 * LaunchFunctionMachine.Builder#launchActivity(String)}: the machine hands the launch to this
 * worker, which launches in your process with {@link ClusterLauncher} (so secrets are read from
 * Secrets Manager here and their values never enter the execution history) and answers the task.
 *
 * <pre>{@code
 * ClusterLauncher launcher = ClusterLauncher.builder()
 *     .emr(emrAsync).secretsManager(secretsManagerAsync).build();
 * try (LaunchActivityWorker worker = LaunchActivityWorker.builder()
 *     .sfn(sfnAsync)                     // read timeout >= 65 s: GetActivityTask long-polls 60 s
 *     .activityArn("arn:aws:states:us-east-1:123456789012:activity:emr-launch")
 *     .launcher(launcher)
 *     .store(recordStore)                // where the launch function and its records are
 *     .build()
 *     .start()) {
 *   // ... the worker serves tasks until it is stopped
 * }
 * }</pre>
 *
 * <p>Each task: the worker reads the launch function named by the task from the store, launches as
 * {@code ClusterLauncher.launch(store, function, overrides)} does with the execution input's {@code
 * ClusterConfigurationOverrides}, {@code Tags} and {@code FailIfClusterRunning} (read as the
 * pure-ASL machine reads them), sends {@code SendTaskHeartbeat} every {@link
 * Builder#heartbeatInterval} while it waits, and answers with {@code SendTaskSuccess} ({@code
 * {"ClusterId", "ClusterName", "LaunchToken", "State"}}: no secret) or {@code SendTaskFailure} with
 * a typed error: {@value #SECRET_NOT_FOUND}, {@value #SECRET_DECRYPTION_FAILURE}, {@value
 * LaunchFunctionMachine#RECORD_NOT_FOUND}, {@value LaunchFunctionMachine#INVALID_OVERRIDE}, {@value
 * LaunchFunctionMachine#INVALID_INPUT}, {@value LaunchFunctionMachine#CLUSTER_RUNNING}, {@value
 * LaunchFunctionMachine#CLUSTER_FAILED}, {@value LaunchFunctionMachine#CLUSTER_START_TIMEOUT} or
 * {@value LaunchFunctionMachine#LAUNCH_FAILED}; the cause is the library exception's message, which
 * names ARNs and fields, never a secret value.
 *
 * <p>No orphans: when a heartbeat or the answer tells that the task is gone ({@code TaskTimedOut},
 * {@code TaskDoesNotExist}: the machine timed out or was stopped), the launch is cancelled, which
 * terminates its cluster, or the cluster it created is terminated.
 *
 * <p>The worker's credentials need {@code states:GetActivityTask} on the activity, {@code
 * states:SendTaskSuccess}, {@code states:SendTaskFailure} and {@code states:SendTaskHeartbeat},
 * plus what the launcher and the store use (EMR, SSM, Secrets Manager).
 */
public final class LaunchActivityWorker implements AutoCloseable {
  /** Error of a task whose launch needs a secret that does not exist (or may not be read). */
  public static final String SECRET_NOT_FOUND = "EmrLaunch.SecretNotFound";

  /** Error of a task whose secret cannot be decrypted or is not a JSON object of text values. */
  public static final String SECRET_DECRYPTION_FAILURE = "EmrLaunch.SecretDecryptionFailure";

  private static final Log LOG = Log.of(LaunchActivityWorker.class);
  private static final Pattern ACTIVITY_ARN =
      Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:activity:[^\\s:]{1,80}");
  private static final int MAX_ERROR = 256;
  private static final int MAX_CAUSE = 32_768;
  private static final int ANSWER_ATTEMPTS = 6;

  private final SfnAsyncClient sfn;
  private final String activityArn;
  private final String workerName;
  private final ClusterLauncher launcher;
  private final RecordStore store;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final int concurrency;
  private final Duration heartbeatInterval;
  private final Duration retryPause;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicInteger activePollers = new AtomicInteger();
  private final AtomicInteger tasks = new AtomicInteger();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  private LaunchActivityWorker(Builder b) {
    this.sfn = b.sfn;
    this.activityArn = b.activityArn;
    this.workerName = b.workerName != null ? b.workerName : "emr-launch-" + UUID.randomUUID();
    this.launcher = b.launcher;
    this.store = b.store;
    this.scheduler = b.scheduler != null ? b.scheduler : Futures.defaultScheduler();
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.concurrency = b.concurrency;
    this.heartbeatInterval = b.heartbeatInterval;
    this.retryPause = b.retryPause;
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
   * The activity this worker serves.
   *
   * @return its ARN
   */
  public String activityArn() {
    return activityArn;
  }

  /**
   * The worker name sent with {@code GetActivityTask} (shown in the execution history).
   *
   * @return the name
   */
  public String workerName() {
    return workerName;
  }

  /**
   * How many tasks this worker has answered (success or failure) so far.
   *
   * @return the count
   */
  public int tasksAnswered() {
    return tasks.get();
  }

  /**
   * Starts polling: {@link Builder#concurrency} long polls, each taking one task at a time. Calling
   * it again does nothing.
   *
   * @return this worker
   * @throws IllegalStateException when the worker was stopped
   */
  public LaunchActivityWorker start() {
    if (stopping.get()) {
      throw new IllegalStateException("the worker for " + activityArn + " was stopped");
    }
    if (started.compareAndSet(false, true)) {
      LOG.info("worker {} serves activity {} ({} at a time)", workerName, activityArn, concurrency);
      for (int i = 0; i < concurrency; i++) {
        activePollers.incrementAndGet();
        scheduler.execute(() -> poll(0));
      }
    }
    return this;
  }

  /**
   * Stops taking tasks. Polls already waiting are let finish (a task they receive is still launched
   * and answered: cancelling them could lose a task Step Functions already handed out), so this
   * takes up to a long poll (60 s on AWS) plus the tasks in progress.
   *
   * @return completes when no poll is open and every task received was answered
   */
  public CompletableFuture<Void> stop() {
    if (stopping.compareAndSet(false, true)) {
      LOG.info("worker {} stops taking tasks of {}", workerName, activityArn);
      if (!started.get() || activePollers.get() == 0) {
        stopped.complete(null);
      }
    }
    return stopped.copy();
  }

  /** Stops taking tasks without waiting ({@link #stop()} returns what to wait on). */
  @Override
  public void close() {
    stop();
  }

  private void pollerEnded() {
    if (activePollers.decrementAndGet() == 0 && stopping.get()) {
      stopped.complete(null);
    }
  }

  private void poll(int failures) {
    if (stopping.get()) {
      pollerEnded();
      return;
    }
    Instant asked = clock.instant();
    call(() -> sfn.getActivityTask(r -> r.activityArn(activityArn).workerName(workerName)))
        .whenComplete(
            (r, t) -> {
              if (t != null) {
                Duration pause = pause(failures + 1);
                if (failures == 0) {
                  LOG.warn(
                      "GetActivityTask for {} failed ({}); polling again in {}",
                      activityArn,
                      describe(Futures.unwrap(t)),
                      pause);
                }
                later(pause, () -> poll(failures + 1));
                return;
              }
              if (!hasTask(r)) {
                // a long poll that found nothing; one that answered at once is not repeated
                // faster than once a second
                Duration took = Duration.between(asked, clock.instant());
                Duration rest = Duration.ofSeconds(1).minus(took);
                later(rest.isNegative() ? Duration.ZERO : rest, () -> poll(0));
                return;
              }
              handle(r.taskToken(), r.input())
                  .whenComplete((v, e) -> later(Duration.ZERO, () -> poll(0)));
            });
  }

  private static boolean hasTask(GetActivityTaskResponse r) {
    return r != null && r.taskToken() != null && !r.taskToken().isEmpty();
  }

  /** Launches one task and answers it; never fails. */
  CompletableFuture<Void> handle(String token, String input) {
    LaunchTask task;
    try {
      task = LaunchTask.parse(input);
    } catch (LaunchTask.InvalidTaskInput e) {
      LOG.info("activity task refused: {}", e.getMessage());
      return fail(token, LaunchFunctionMachine.INVALID_INPUT, e.getMessage());
    }
    LOG.info("activity task: launching {}", task.function());
    AtomicReference<CompletableFuture<LaunchedCluster>> launch = new AtomicReference<>();
    AtomicBoolean gone = new AtomicBoolean();
    CompletableFuture<LaunchedCluster> done =
        store
            .launchFunctions()
            .get(task.function())
            .thenCompose(
                fn -> {
                  CompletableFuture<LaunchedCluster> f =
                      launcher.launch(
                          store,
                          fn.value().profile(),
                          fn.value().configuration(),
                          b -> task.apply(fn.value(), b));
                  launch.set(f);
                  if (gone.get()) {
                    f.cancel(true);
                  }
                  return f;
                });
    heartbeat(token, done, launch, gone);
    return done.handle(
            (cluster, t) -> {
              if (t == null) {
                return succeed(token, cluster);
              }
              Throwable cause = Futures.unwrap(t);
              if (gone.get()) {
                LOG.warn(
                    "activity task for {} was gone (timed out or stopped); the launch was"
                        + " cancelled and its cluster, if any, terminated",
                    task.function());
                tasks.incrementAndGet();
                return CompletableFuture.<Void>completedFuture(null);
              }
              return fail(token, errorName(cause), cause.getMessage());
            })
        .thenCompose(f -> f);
  }

  private void heartbeat(
      String token,
      CompletableFuture<LaunchedCluster> done,
      AtomicReference<CompletableFuture<LaunchedCluster>> launch,
      AtomicBoolean gone) {
    later(
        heartbeatInterval,
        () -> {
          if (done.isDone()) {
            return;
          }
          call(() -> sfn.sendTaskHeartbeat(r -> r.taskToken(token)))
              .whenComplete(
                  (r, t) -> {
                    Throwable cause = t == null ? null : Futures.unwrap(t);
                    if (isGone(cause)) {
                      gone.set(true);
                      CompletableFuture<LaunchedCluster> f = launch.get();
                      if (f != null) {
                        f.cancel(true);
                      }
                      done.cancel(true);
                      return;
                    }
                    if (cause != null) {
                      LOG.debug(
                          "SendTaskHeartbeat failed ({}); trying at the next beat",
                          describe(cause));
                    }
                    heartbeat(token, done, launch, gone);
                  });
        });
  }

  private CompletableFuture<Void> succeed(String token, LaunchedCluster cluster) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("ClusterId", cluster.clusterId());
    out.put("ClusterName", cluster.name());
    out.put("LaunchToken", cluster.launchToken());
    cluster.snapshot().flatMap(ClusterSnapshot::state).ifPresent(s -> out.put("State", s.name()));
    String output = out.toString();
    return answer(
            "SendTaskSuccess", () -> sfn.sendTaskSuccess(r -> r.taskToken(token).output(output)))
        .thenCompose(
            accepted -> {
              if (accepted) {
                LOG.info(
                    "activity task answered: cluster {} ({})", cluster.clusterId(), cluster.name());
                return CompletableFuture.<Void>completedFuture(null);
              }
              LOG.warn(
                  "cluster {} ({}) was launched for an activity task that is gone; terminating it",
                  cluster.clusterId(),
                  cluster.name());
              return launcher.terminate(cluster.clusterId()).handle((s, e) -> (Void) null);
            });
  }

  private CompletableFuture<Void> fail(String token, String error, String cause) {
    String e = truncate(error, MAX_ERROR);
    String c = truncate(cause == null ? "" : cause, MAX_CAUSE);
    LOG.info("activity task failed: {}: {}", e, c);
    return answer(
            "SendTaskFailure", () -> sfn.sendTaskFailure(r -> r.taskToken(token).error(e).cause(c)))
        .thenApply(accepted -> null);
  }

  /**
   * Sends an answer, retrying transient failures; completes with false when the task is gone, and
   * (after {@value #ANSWER_ATTEMPTS} attempts) with true after logging at WARN that the answer
   * could not be delivered (the machine will time out).
   */
  private CompletableFuture<Boolean> answer(String what, Supplier<CompletableFuture<?>> call) {
    return answer(what, call, 1).whenComplete((v, t) -> tasks.incrementAndGet());
  }

  private CompletableFuture<Boolean> answer(
      String what, Supplier<CompletableFuture<?>> call, int attempt) {
    return call(call::get)
        .handle(
            (r, t) -> {
              if (t == null) {
                return CompletableFuture.completedFuture(true);
              }
              Throwable cause = Futures.unwrap(t);
              if (isGone(cause)) {
                return CompletableFuture.completedFuture(false);
              }
              if (attempt >= ANSWER_ATTEMPTS) {
                LOG.warn(
                    "{} failed {} times ({}); the task will time out",
                    what,
                    attempt,
                    describe(cause));
                return CompletableFuture.completedFuture(true);
              }
              CompletableFuture<Boolean> next = new CompletableFuture<>();
              later(
                  pause(attempt),
                  () ->
                      answer(what, call, attempt + 1)
                          .whenComplete(
                              (v, e) -> {
                                if (e != null) {
                                  next.completeExceptionally(e);
                                } else {
                                  next.complete(v);
                                }
                              }));
              return next;
            })
        .thenCompose(f -> f);
  }

  /** The error name a failed launch is reported with. */
  static String errorName(Throwable t) {
    if (t instanceof SecretNotFoundException) {
      return SECRET_NOT_FOUND;
    }
    if (t instanceof SecretDecryptionFailureException) {
      return SECRET_DECRYPTION_FAILURE;
    }
    if (t instanceof RecordNotFoundException) {
      return LaunchFunctionMachine.RECORD_NOT_FOUND;
    }
    if (t instanceof InvalidOverrideException) {
      return LaunchFunctionMachine.INVALID_OVERRIDE;
    }
    if (t instanceof ValidationException v) {
      boolean overrides = v.problems().stream().anyMatch(p -> p.path().startsWith("overrides"));
      return overrides
          ? LaunchFunctionMachine.INVALID_OVERRIDE
          : LaunchFunctionMachine.INVALID_INPUT;
    }
    if (t instanceof ClusterAlreadyRunningException) {
      return LaunchFunctionMachine.CLUSTER_RUNNING;
    }
    if (t instanceof ClusterFailedException) {
      return LaunchFunctionMachine.CLUSTER_FAILED;
    }
    if (t instanceof ClusterWaitTimeoutException) {
      return LaunchFunctionMachine.CLUSTER_START_TIMEOUT;
    }
    return LaunchFunctionMachine.LAUNCH_FAILED;
  }

  private static boolean isGone(Throwable t) {
    return t instanceof TaskTimedOutException || t instanceof TaskDoesNotExistException;
  }

  private static String describe(Throwable t) {
    return t instanceof SdkException
        ? t.getClass().getSimpleName() + ": " + t.getMessage()
        : t.toString();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private Duration pause(int attempt) {
    long factor = 1L << Math.min(attempt - 1, 5);
    Duration p = retryPause.multipliedBy(factor);
    return p.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : p;
  }

  private void later(Duration delay, Runnable r) {
    Runnable safe =
        () -> {
          try {
            r.run();
          } catch (RuntimeException e) {
            LOG.warn("activity worker {}: {}", workerName, e.toString());
          }
        };
    if (delay.isZero() || delay.isNegative()) {
      scheduler.execute(safe);
    } else {
      scheduler.schedule(safe, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> call) {
    try {
      CompletableFuture<T> f = call.get();
      return f != null ? f : CompletableFuture.failedFuture(new NullPointerException("no future"));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Builds a {@link LaunchActivityWorker}; obtained from {@link #builder()}. */
  public static final class Builder {
    private SfnAsyncClient sfn;
    private String activityArn;
    private String workerName;
    private ClusterLauncher launcher;
    private RecordStore store;
    private ScheduledExecutorService scheduler;
    private Clock clock;
    private int concurrency = 4;
    private Duration heartbeatInterval = Duration.ofSeconds(30);
    private Duration retryPause = Duration.ofSeconds(2);

    private Builder() {}

    /**
     * The Step Functions client (required). Give its HTTP client a read timeout of at least 65 s:
     * {@code GetActivityTask} holds the connection for up to 60 s.
     *
     * @param sfn the client
     * @return this
     */
    public Builder sfn(SfnAsyncClient sfn) {
      this.sfn = sfn;
      return this;
    }

    /**
     * The activity to serve (required): {@code arn:<partition>:states:<region>:<account>:activity:
     * <name>}, the one given to {@link LaunchFunctionMachine.Builder#launchActivity(String)}.
     *
     * @param activityArn the ARN
     * @return this
     */
    public Builder activityArn(String activityArn) {
      this.activityArn = activityArn;
      return this;
    }

    /**
     * The launcher that launches (required; not closed by the worker). Give it a Secrets Manager
     * client when the records have secrets.
     *
     * @param launcher the launcher
     * @return this
     */
    public Builder launcher(ClusterLauncher launcher) {
      this.launcher = launcher;
      return this;
    }

    /**
     * Where the launch functions, profiles and configurations are (required); for the machine's SSM
     * records, an {@code SsmRecordStore} with the machine's parameter root and the aws-emr-launch
     * format.
     *
     * @param store the store
     * @return this
     */
    public Builder store(RecordStore store) {
      this.store = store;
      return this;
    }

    /**
     * The name sent with {@code GetActivityTask}; {@code emr-launch-<uuid>} by default.
     *
     * @param workerName 1 to 80 characters
     * @return this
     */
    public Builder workerName(String workerName) {
      this.workerName = workerName;
      return this;
    }

    /**
     * The scheduler for polls, heartbeats and retry pauses; the shared {@link
     * Futures#defaultScheduler()} by default (the testkit's virtual scheduler in tests).
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
     * How many tasks run at once (one long poll each); 4 by default.
     *
     * @param concurrency 1 to 100
     * @return this
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * How often a task in progress sends {@code SendTaskHeartbeat}; 30 s by default. Keep it well
     * below the machine's {@code HeartbeatSeconds} ({@link
     * LaunchFunctionMachine.Builder#activityHeartbeat}, 120 s by default).
     *
     * @param interval at least 1 s
     * @return this
     */
    public Builder heartbeatInterval(Duration interval) {
      this.heartbeatInterval = interval;
      return this;
    }

    /**
     * The first pause after a failed poll or answer (later pauses double, up to 1 min); 2 s by
     * default.
     *
     * @param pause a positive duration
     * @return this
     */
    public Builder retryPause(Duration pause) {
      this.retryPause = pause;
      return this;
    }

    /**
     * Builds the worker (not started).
     *
     * @return the worker
     * @throws ValidationException naming each missing or invalid option
     */
    public LaunchActivityWorker build() {
      Problems p = Problems.root();
      if (sfn == null) {
        p.add("sfn", "is required");
      }
      if (launcher == null) {
        p.add("launcher", "is required");
      }
      if (store == null) {
        p.add("store", "is required");
      }
      if (activityArn == null) {
        p.add("activityArn", "is required");
      } else if (!ACTIVITY_ARN.matcher(activityArn).matches()) {
        p.add(
            "activityArn",
            "must be arn:<partition>:states:<region>:<account>:activity:<name> (was "
                + activityArn
                + ")");
      }
      if (workerName != null && (workerName.isEmpty() || workerName.length() > 80)) {
        p.add("workerName", "must have 1 to 80 characters");
      }
      if (concurrency < 1 || concurrency > 100) {
        p.add("concurrency", "must be between 1 and 100 (was " + concurrency + ")");
      }
      if (heartbeatInterval == null || heartbeatInterval.compareTo(Duration.ofSeconds(1)) < 0) {
        p.add("heartbeatInterval", "must be at least 1 s (was " + heartbeatInterval + ")");
      }
      if (retryPause == null || retryPause.isNegative() || retryPause.isZero()) {
        p.add("retryPause", "must be positive (was " + retryPause + ")");
      }
      p.throwIfAny();
      return new LaunchActivityWorker(this);
    }
  }
}
