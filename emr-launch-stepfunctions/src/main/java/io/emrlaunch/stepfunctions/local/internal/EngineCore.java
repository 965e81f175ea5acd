package io.emrlaunch.stepfunctions.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.local.ActivityTask;
import io.emrlaunch.stepfunctions.local.LocalExecution;
import io.emrlaunch.stepfunctions.local.TaskHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** The engine behind {@code LocalEngine}: shared by its executions. */
public final class EngineCore {
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final String region;
  private final String accountId;
  private final String roleArn;
  private final Dispatcher dispatcher;
  private final Random random;
  private final Map<String, Waiter> tokens = new ConcurrentHashMap<>();
  private final Deque<ActivityTask> activityQueue = new ArrayDeque<>();
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private long sequence;

  /** An execution in progress: its interpreter, the future its caller holds, its history. */
  private record Running(
      Interpreter run, CompletableFuture<LocalExecution> result, History history) {}

  private static final class Waiter {
    final CompletableFuture<JsonNode> future = new CompletableFuture<>();
    final Long heartbeat;
    volatile ScheduledFuture<?> timer;

    Waiter(Long heartbeat) {
      this.heartbeat = heartbeat;
    }
  }

  public EngineCore(
      Clock clock,
      ScheduledExecutorService scheduler,
      String region,
      String accountId,
      String roleArn,
      long seed,
      List<SdkClient> clients,
      TaskHandler lambda,
      TaskHandler activities,
      Duration poll) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.region = region;
    this.accountId = accountId;
    this.roleArn = roleArn;
    this.random = new Random(seed);
    this.dispatcher = new Dispatcher(this, clients, lambda, activities, poll);
  }

  Clock clock() {
    return clock;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  String region() {
    return region;
  }

  Dispatcher dispatcher() {
    return dispatcher;
  }

  synchronized String newToken() {
    byte[] b = new byte[48];
    random.nextBytes(b);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public synchronized String newExecutionArn(String machineName, String name) {
    String n = name != null ? name : new java.util.UUID(random.nextLong(), ++sequence).toString();
    return "arn:aws:states:" + region + ":" + accountId + ":execution:" + machineName + ":" + n;
  }

  // ----- task tokens ---------------------------------------------------------------------------

  CompletableFuture<JsonNode> awaitToken(String token, Long heartbeatSeconds) {
    Waiter w = new Waiter(heartbeatSeconds);
    tokens.put(token, w);
    armHeartbeat(token, w);
    w.future.whenComplete(
        (v, t) -> {
          tokens.remove(token);
          ScheduledFuture<?> timer = w.timer;
          if (timer != null) {
            timer.cancel(false);
          }
        });
    return w.future;
  }

  private void armHeartbeat(String token, Waiter w) {
    if (w.heartbeat == null) {
      return;
    }
    ScheduledFuture<?> old = w.timer;
    if (old != null) {
      old.cancel(false);
    }
    w.timer =
        scheduler.schedule(
            () ->
                w.future.completeExceptionally(
                    new StatesError("States.HeartbeatTimeout", "The task heartbeat timed out.")),
            w.heartbeat,
            TimeUnit.SECONDS);
  }

  /** SendTaskSuccess: false when no task waits for the token (TaskDoesNotExist). */
  public boolean succeed(String token, JsonNode output) {
    Waiter w = tokens.get(token);
    return w != null && w.future.complete(output);
  }

  public boolean fail(String token, String error, String cause) {
    Waiter w = tokens.get(token);
    return w != null
        && w.future.completeExceptionally(
            new StatesError(error == null ? "" : error, cause == null ? "" : cause));
  }

  /**
   * Forgets a task token (the task was stopped or timed out): SendTask* answer TaskDoesNotExist and
   * an activity task not yet polled is withdrawn.
   */
  void forgetToken(String token) {
    Waiter w = tokens.remove(token);
    if (w != null) {
      w.future.completeExceptionally(
          new StatesError("States.Runtime", "the task was stopped; its token is no longer valid"));
    }
    synchronized (this) {
      activityQueue.removeIf(t -> t.taskToken().equals(token));
    }
  }

  public boolean heartbeat(String token) {
    Waiter w = tokens.get(token);
    if (w == null) {
      return false;
    }
    armHeartbeat(token, w);
    return true;
  }

  synchronized void enqueue(ActivityTask task) {
    activityQueue.add(task);
  }

  public synchronized Optional<ActivityTask> pollActivity(String activityArn) {
    for (ActivityTask t : activityQueue) {
      if (t.activityArn().equals(activityArn)) {
        activityQueue.remove(t);
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  // ----- executions ----------------------------------------------------------------------------

  /** Parses, validates and runs; every failure becomes a failed execution, never an exception. */
  public CompletableFuture<LocalExecution> start(String definition, String input, String arn) {
    History history = new History(clock);
    String inputText = input == null ? "{}" : input;
    history.add(
        "ExecutionStarted",
        b -> b.executionStartedEventDetails(d -> d.input(inputText).roleArn(roleArn)));
    JsonNode in;
    try {
      in = Paths.parse(inputText, "The execution input");
    } catch (StatesError e) {
      return CompletableFuture.completedFuture(
          failed(arn, history, "States.Runtime", e.errorCause(), ExecutionStatus.FAILED));
    }
    StateMachine machine;
    try {
      machine = StateMachine.fromJson(definition);
      List<Problem> problems = machine.validate();
      if (!problems.isEmpty()) {
        String cause = problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
        return CompletableFuture.completedFuture(
            failed(
                arn,
                history,
                "States.Runtime",
                "Invalid state machine definition: " + cause,
                ExecutionStatus.FAILED));
      }
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(
          failed(
              arn,
              history,
              "States.Runtime",
              "Invalid state machine definition: " + e.getMessage(),
              ExecutionStatus.FAILED));
    }
    return start(machine, in, arn, history);
  }

  public CompletableFuture<LocalExecution> start(StateMachine machine, String input, String arn) {
    History history = new History(clock);
    String inputText = input == null ? "{}" : input;
    history.add(
        "ExecutionStarted",
        b -> b.executionStartedEventDetails(d -> d.input(inputText).roleArn(roleArn)));
    JsonNode in;
    try {
      in = Paths.parse(inputText, "The execution input");
    } catch (StatesError e) {
      return CompletableFuture.completedFuture(
          failed(arn, history, "States.Runtime", e.errorCause(), ExecutionStatus.FAILED));
    }
    return start(machine, in, arn, history);
  }

  private CompletableFuture<LocalExecution> start(
      StateMachine machine, JsonNode input, String arn, History history) {
    Interpreter run;
    synchronized (this) {
      run =
          new Interpreter(
              this, machine, arn, roleArn, input, history, new Random(random.nextLong()));
    }
    CompletableFuture<LocalExecution> result = new CompletableFuture<>();
    running.put(arn, new Running(run, result, history));
    ScheduledFuture<?> timeout =
        machine.timeoutSeconds().isPresent()
            ? scheduler.schedule(
                () -> {
                  synchronized (history) {
                    if (result.isDone()) {
                      return;
                    }
                    complete(
                        result,
                        failed(
                            arn,
                            history,
                            "States.Timeout",
                            "The execution timed out.",
                            ExecutionStatus.TIMED_OUT));
                  }
                  running.remove(arn);
                  run.stop();
                },
                machine.timeoutSeconds().get(),
                TimeUnit.SECONDS)
            : null;
    run.run(input)
        .whenComplete(
            (out, t) -> {
              if (timeout != null) {
                timeout.cancel(false);
              }
              running.remove(arn);
              run.stop();
              synchronized (history) {
                finish(arn, history, result, out, t);
              }
            });
    result.whenComplete(
        (v, t) -> {
          if (result.isCancelled()) {
            run.stop();
            running.remove(arn);
          }
        });
    return result;
  }

  /** The terminal event of an execution that ran to its end (unless it was stopped already). */
  private static void finish(
      String arn,
      History history,
      CompletableFuture<LocalExecution> result,
      JsonNode out,
      Throwable t) {
    if (result.isDone()) {
      return;
    }
    if (t != null) {
      StatesError e = StatesError.of(t);
      complete(result, failed(arn, history, e.error(), e.errorCause(), ExecutionStatus.FAILED));
    } else {
      String text = Paths.text(out);
      history.add("ExecutionSucceeded", b -> b.executionSucceededEventDetails(d -> d.output(text)));
      complete(
          result,
          new LocalExecution(arn, ExecutionStatus.SUCCEEDED, text, null, null, history.snapshot()));
    }
  }

  private static void complete(CompletableFuture<LocalExecution> f, LocalExecution e) {
    f.complete(e);
  }

  /**
   * Stops a running execution: its result completes at once as ABORTED with {@code error} and
   * {@code cause} (both optional); its pending work stops and its task tokens are forgotten. False
   * when none runs under that ARN.
   */
  public boolean stop(String arn, String error, String cause) {
    Running r = running.remove(arn);
    if (r == null || r.result().isDone()) {
      return false;
    }
    synchronized (r.history()) {
      if (r.result().isDone()) {
        return false;
      }
      complete(r.result(), failed(arn, r.history(), error, cause, ExecutionStatus.ABORTED));
    }
    r.run().stop();
    return true;
  }

  private static LocalExecution failed(
      String arn, History history, String error, String cause, ExecutionStatus status) {
    String type =
        switch (status) {
          case TIMED_OUT -> "ExecutionTimedOut";
          case ABORTED -> "ExecutionAborted";
          default -> "ExecutionFailed";
        };
    history.add(
        type,
        b -> {
          switch (status) {
            case TIMED_OUT -> b.executionTimedOutEventDetails(d -> d.error(error).cause(cause));
            case ABORTED -> b.executionAbortedEventDetails(d -> d.error(error).cause(cause));
            default -> b.executionFailedEventDetails(d -> d.error(error).cause(cause));
          }
        });
    return new LocalExecution(arn, status, null, error, cause, history.snapshot());
  }

  /** The history of an execution as the seam wants it. */
  public static List<HistoryEvent> historyOf(LocalExecution e) {
    return e.history();
  }
}
