package io.emrlaunch.stepfunctions.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.local.internal.EngineCore;
import io.emrlaunch.stepfunctions.local.internal.Paths;
import io.emrlaunch.stepfunctions.local.internal.StatesError;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Runs Amazon States Language state machines inside the JVM: all eight state types, JSONPath
 * (through Jayway JsonPath) and JSONata (through dashjoin jsonata), variables, the 18 intrinsic
 * functions, Retry and Catch, timeouts, Parallel, inline and distributed Map (items given inline),
 * and Task states dispatched to AWS SDK v2 async clients.
 *
 * <pre>{@code
 * FakeAws aws = FakeAws.create();
 * LocalEngine engine = LocalEngine.builder()
 *     .clock(aws.clock())
 *     .scheduler(aws.scheduler())
 *     .client(aws.emrAsync())
 *     .client(aws.ssmAsync())
 *     .build();
 * LocalExecution done =
 *     aws.time().runUntil(engine.start(machine, "{}"), Duration.ofDays(1)).join();
 * }</pre>
 *
 * <p>Everything that waits (Wait states, retry delays, {@code .sync} polling, timeouts) is
 * scheduled on the given {@link ScheduledExecutorService} and read from the given {@link Clock}, so
 * with the testkit's virtual scheduler a pipeline whose steps take hours finishes in milliseconds.
 * Task resources:
 *
 * <ul>
 *   <li>{@code arn:aws:states:::aws-sdk:<service>:<action>}: the registered client of that service
 *       ({@code emr}, {@code ssm}, {@code sfn}, {@code sns}...), method {@code <action>}, request
 *       built from the PascalCase parameters; service errors are named {@code
 *       <Service>.<Code>Exception} (e.g. {@code Emr.InvalidRequestException});
 *   <li>{@code elasticmapreduce:*} (with {@code .sync}), {@code states:startExecution} (with {@code
 *       .sync} and {@code .sync:2}), and other optimized {@code <service>:<action>} such as {@code
 *       sns:publish} and {@code sqs:sendMessage} through the same clients;
 *   <li>Lambda ({@code lambda:invoke} and function ARNs) and activities through {@link
 *       TaskHandler}s; an activity without a handler waits for {@link #pollActivityTask} and a
 *       {@link #sendTaskSuccess}/{@link #sendTaskFailure};
 *   <li>{@code .waitForTaskToken}: the call is made with {@code $$.Task.Token} set, then the state
 *       waits for {@link #sendTaskSuccess} or {@link #sendTaskFailure} ({@code HeartbeatSeconds}
 *       reset by {@link #sendTaskHeartbeat}).
 * </ul>
 *
 * <p>Limits: Map {@code ItemReader} (items read from S3) and {@code ResultWriter} are not supported
 * yet and end the execution with {@code States.Runtime} saying so; a distributed Map runs its
 * iterations inside the execution rather than as child executions. Bad input (input that is not
 * JSON, a definition that fails validation, a resource that cannot be dispatched, a path that
 * selects nothing) ends the execution FAILED with the Step Functions error ({@code
 * States.Runtime}...); no exception escapes {@link #start}. Instances are thread-safe.
 */
public final class LocalEngine {
  private final EngineCore core;

  private LocalEngine(Builder b) {
    this.core =
        new EngineCore(
            b.clock,
            b.scheduler,
            b.region,
            b.accountId,
            b.roleArn,
            b.seed,
            List.copyOf(b.clients),
            b.lambda,
            b.activities,
            b.pollInterval);
  }

  /** A builder; a clock and a scheduler are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts an execution of a parsed machine (named {@code local}) with a generated name.
   *
   * @param input the execution input (JSON text); not JSON ends the execution with States.Runtime
   */
  public CompletableFuture<LocalExecution> start(StateMachine machine, String input) {
    return core.start(machine, input, core.newExecutionArn("local", null));
  }

  /** Starts an execution of a definition given as ASL JSON text, with a generated name. */
  public CompletableFuture<LocalExecution> start(String definition, String input) {
    return core.start(definition, input, core.newExecutionArn("local", null));
  }

  /**
   * Starts an execution under a given execution ARN (its last segment is {@code
   * $$.Execution.Name}).
   */
  public CompletableFuture<LocalExecution> start(
      String definition, String input, String executionArn) {
    return core.start(definition, input, Objects.requireNonNull(executionArn, "executionArn"));
  }

  /**
   * Runs a definition and completes with its whole history, the last event being the terminal one
   * ({@code ExecutionSucceeded}, {@code ExecutionFailed}, ...). This is the shape of the testkit's
   * {@code ExecutionEngine} seam: {@code fakeSfn.executionEngine(engine::execute)}. Cancelling the
   * returned future stops the execution.
   */
  public CompletableFuture<List<HistoryEvent>> execute(
      String definition, String input, String executionArn) {
    CompletableFuture<LocalExecution> run = start(definition, input, executionArn);
    CompletableFuture<List<HistoryEvent>> out = run.thenApply(LocalExecution::history);
    out.whenComplete(
        (v, t) -> {
          if (out.isCancelled()) {
            core.stop(executionArn, null, null);
          }
        });
    return out;
  }

  /**
   * StopExecution: ends a running execution at once as ABORTED (its {@link #start} future completes
   * with an {@code ExecutionAborted} event); false when none runs under that ARN.
   */
  public boolean stop(String executionArn) {
    return core.stop(executionArn, null, null);
  }

  /**
   * StopExecution with an error name and a cause (both optional, as in the service): ends a running
   * execution at once as ABORTED with them; tasks waiting for a token or an activity worker are
   * forgotten. False when none runs under that ARN.
   */
  public boolean stop(String executionArn, String error, String cause) {
    return core.stop(executionArn, error, cause);
  }

  /**
   * SendTaskSuccess: completes the task waiting for {@code taskToken} with {@code output} (JSON
   * text).
   *
   * @return false when no task waits for that token (the service's TaskDoesNotExist)
   * @throws IllegalArgumentException when the output is not JSON
   */
  public boolean sendTaskSuccess(String taskToken, String output) {
    JsonNode out;
    try {
      out = Paths.parse(output, "output");
    } catch (StatesError e) {
      throw new IllegalArgumentException(e.errorCause(), e);
    }
    return core.succeed(taskToken, out);
  }

  /** SendTaskFailure: fails the waiting task with an error name and cause. */
  public boolean sendTaskFailure(String taskToken, String error, String cause) {
    return core.fail(taskToken, error, cause);
  }

  /** SendTaskHeartbeat: restarts the task's HeartbeatSeconds timer. */
  public boolean sendTaskHeartbeat(String taskToken) {
    return core.heartbeat(taskToken);
  }

  /** GetActivityTask without waiting: the oldest task of that activity, if any. */
  public Optional<ActivityTask> pollActivityTask(String activityArn) {
    return core.pollActivity(activityArn);
  }

  /** Options for a {@link LocalEngine}. */
  public static final class Builder {
    private Clock clock;
    private ScheduledExecutorService scheduler;
    private final List<SdkClient> clients = new ArrayList<>();
    private TaskHandler lambda;
    private TaskHandler activities;
    private String region = "us-east-1";
    private String accountId = "123456789012";
    private String roleArn = "arn:aws:iam::123456789012:role/local-engine";
    private long seed = 1;
    private Duration pollInterval = Duration.ofSeconds(60);

    private Builder() {}

    /** The clock for timestamps and timestamp waits (the testkit's virtual clock in tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where waits, retries, polls and timeouts are scheduled (the testkit's virtual scheduler). */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * An SDK v2 async client (EmrAsyncClient, SsmAsyncClient, SfnAsyncClient, SnsAsyncClient,
     * SqsAsyncClient...) that Task states of its service are dispatched to; one per service.
     */
    public Builder client(SdkClient client) {
      clients.add(Objects.requireNonNull(client, "client"));
      return this;
    }

    /** The handler of Lambda tasks ({@code lambda:invoke} and function ARNs). */
    public Builder lambda(TaskHandler handler) {
      this.lambda = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** The handler of activity tasks (without one, activities wait for a worker). */
    public Builder activities(TaskHandler handler) {
      this.activities = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** The region in generated ARNs; default us-east-1. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** The account in generated ARNs; default 123456789012. */
    public Builder accountId(String accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    /** The role ARN in {@code $$.Execution.RoleArn}. */
    public Builder roleArn(String roleArn) {
      this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
      return this;
    }

    /** The seed of task tokens, execution names, jitter, States.UUID and MathRandom. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** How often {@code .sync} integrations poll; default 60 s. */
    public Builder pollInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("pollInterval must be positive (was " + interval + ")");
      }
      this.pollInterval = interval;
      return this;
    }

    /** Builds the engine. */
    public LocalEngine build() {
      Objects.requireNonNull(clock, "clock is required");
      Objects.requireNonNull(scheduler, "scheduler is required");
      return new LocalEngine(this);
    }
  }
}
