package io.emrlaunch.stepfunctions.deploy;

import static io.emrlaunch.core.Futures.unwrap;

import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.repository.RecordRepository;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.deploy.internal.ExecutionPoller;
import io.emrlaunch.stepfunctions.deploy.internal.SpecDiff;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.Tag;

/**
 * Deploys state machines and runs executions through {@link SfnAsyncClient}, never blocking a
 * caller's thread.
 *
 * <p>{@link #deploy} finds the state machine by name; creates it when missing; otherwise compares
 * the stored definition semantically (JSON equality), the role, logging and tracing, and updates
 * only when something differs. Tags of the spec are added or overwritten (other tags are left
 * alone). {@link #run} starts an execution and polls {@code DescribeExecution} on the injected
 * scheduler (interval growing from {@code pollInterval} to {@code maxPollInterval}; throttling only
 * slows it down) until the execution ends.
 *
 * <pre>{@code
 * StateMachineDeployer deployer = StateMachineDeployer.builder().client(sfnAsync).build();
 * DeployResult r = deployer.deploy(spec).join();
 * ExecutionResult done = deployer.run(r.stateMachineArn(), "{}", Duration.ofHours(6)).join();
 * }</pre>
 */
public final class StateMachineDeployer {
  private final SfnAsyncClient client;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Duration pollInterval;
  private final Duration maxPollInterval;

  private StateMachineDeployer(Builder b) {
    this.client = Objects.requireNonNull(b.client, "client");
    this.scheduler =
        b.scheduler == null ? io.emrlaunch.core.Futures.defaultScheduler() : b.scheduler;
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.pollInterval = b.pollInterval;
    this.maxPollInterval = b.maxPollInterval;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates or updates the state machine the spec describes.
   *
   * @param spec the wanted state machine
   * @return the outcome; fails with {@link ValidationException} (before any call) for an invalid
   *     spec or a type change, or with the SDK's exception
   */
  public CompletableFuture<DeployResult> deploy(StateMachineSpec spec) {
    List<Problem> problems = spec.validationProblems();
    if (!problems.isEmpty()) {
      return CompletableFuture.failedFuture(new ValidationException(problems));
    }
    return findByName(spec.name(), null)
        .thenCompose(arn -> arn == null ? create(spec) : updateIfChanged(spec, arn))
        .thenCompose(
            r ->
                applyTags(r.stateMachineArn(), spec.tags())
                    .thenApply(
                        changed -> new DeployResult(r.stateMachineArn(), r.outcome(), changed)));
  }

  /**
   * Creates or updates the state machine a spec built in place describes.
   *
   * @param spec fills a spec builder
   * @return see {@link #deploy(StateMachineSpec)}
   */
  public CompletableFuture<DeployResult> deploy(Consumer<StateMachineSpec.Builder> spec) {
    StateMachineSpec.Builder b = StateMachineSpec.builder();
    spec.accept(b);
    try {
      return deploy(b.build());
    } catch (ValidationException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Deploys a launch function's state machine, then stores the launch function with the state
   * machine's ARN (in the repository's record format: aws-emr-launch's by default for the SSM
   * store, so Python tools find it). The record is written only when it differs.
   *
   * @param spec the state machine
   * @param launchFunction the launch function (its {@code stateMachineArn} is set here)
   * @param repository where launch functions are stored, e.g. {@code
   *     SsmRecordStore.launchFunctions()}
   * @return both outcomes; fails with {@link ValidationException} before any call when either input
   *     is invalid
   */
  public CompletableFuture<LaunchFunctionDeployment> deployLaunchFunction(
      StateMachineSpec spec,
      LaunchFunction launchFunction,
      RecordRepository<LaunchFunction> repository) {
    List<Problem> problems = new ArrayList<>();
    spec.validationProblems()
        .forEach(p -> problems.add(Problem.of(join("spec", p.path()), p.message())));
    launchFunction
        .validationProblems()
        .forEach(p -> problems.add(Problem.of(join("launchFunction", p.path()), p.message())));
    if (!problems.isEmpty()) {
      return CompletableFuture.failedFuture(new ValidationException(problems));
    }
    return deploy(spec)
        .thenCompose(
            deployed -> {
              LaunchFunction wanted =
                  launchFunction.withStateMachineArn(deployed.stateMachineArn());
              return repository
                  .find(wanted.ref())
                  .thenCompose(
                      stored -> {
                        if (stored.isPresent() && stored.get().value().equals(wanted)) {
                          return CompletableFuture.completedFuture(
                              new LaunchFunctionDeployment(deployed, wanted, false));
                        }
                        return repository
                            .save(wanted)
                            .thenApply(
                                r -> new LaunchFunctionDeployment(deployed, r.value(), true));
                      });
            });
  }

  /**
   * Starts an execution.
   *
   * @param stateMachineArn the state machine
   * @param executionName the execution name, or {@code null} for a generated one
   * @param inputJson the input JSON, or {@code null} for {@code {}}
   * @return the execution ARN
   */
  public CompletableFuture<String> start(
      String stateMachineArn, String executionName, String inputJson) {
    return client
        .startExecution(
            r ->
                r.stateMachineArn(stateMachineArn)
                    .name(executionName)
                    .input(inputJson == null ? "{}" : inputJson))
        .thenApply(r -> r.executionArn());
  }

  /**
   * Waits for an execution to end, polling {@code DescribeExecution}.
   *
   * @param executionArn the execution (of a Standard state machine: Express executions cannot be
   *     described)
   * @param timeout how long to wait at most
   * @return the succeeded execution; fails with {@link ExecutionFailedException} when it failed,
   *     timed out or was aborted, with {@link ExecutionWaitTimeoutException} when still running
   *     after {@code timeout}. Cancelling the future stops the polling (not the execution).
   */
  public CompletableFuture<ExecutionResult> await(String executionArn, Duration timeout) {
    return new ExecutionPoller(
            client, scheduler, clock, executionArn, timeout, pollInterval, maxPollInterval)
        .start();
  }

  /**
   * Starts an execution and waits for it to end.
   *
   * @param stateMachineArn the state machine
   * @param inputJson the input JSON, or {@code null} for {@code {}}
   * @param timeout how long to wait at most
   * @return see {@link #await}
   */
  public CompletableFuture<ExecutionResult> run(
      String stateMachineArn, String inputJson, Duration timeout) {
    return start(stateMachineArn, null, inputJson).thenCompose(arn -> await(arn, timeout));
  }

  private CompletableFuture<String> findByName(String name, String nextToken) {
    return client
        .listStateMachines(r -> r.nextToken(nextToken).maxResults(1000))
        .thenCompose(
            (ListStateMachinesResponse page) -> {
              for (StateMachineListItem item : page.stateMachines()) {
                if (item.name().equals(name)) {
                  return CompletableFuture.completedFuture(item.stateMachineArn());
                }
              }
              if (page.nextToken() == null) {
                return CompletableFuture.completedFuture(null);
              }
              return findByName(name, page.nextToken());
            });
  }

  private CompletableFuture<DeployResult> create(StateMachineSpec spec) {
    return client
        .createStateMachine(
            r ->
                r.name(spec.name())
                    .definition(spec.definition())
                    .roleArn(spec.roleArn())
                    .type(spec.type())
                    .loggingConfiguration(SpecDiff.logging(spec))
                    .tracingConfiguration(t -> t.enabled(spec.tracing()))
                    .tags(tags(spec.tags())))
        .thenApply(r -> new DeployResult(r.stateMachineArn(), DeployResult.Outcome.CREATED, false))
        .exceptionallyCompose(
            e -> {
              // Someone created it between our list and create: converge by updating it.
              if (unwrap(e) instanceof StateMachineAlreadyExistsException) {
                return findByName(spec.name(), null).thenCompose(arn -> updateIfChanged(spec, arn));
              }
              return CompletableFuture.failedFuture(e);
            });
  }

  private CompletableFuture<DeployResult> updateIfChanged(StateMachineSpec spec, String arn) {
    return client
        .describeStateMachine(r -> r.stateMachineArn(arn))
        .thenCompose(
            (DescribeStateMachineResponse current) -> {
              if (current.type() != null && current.type() != spec.type()) {
                return CompletableFuture.failedFuture(
                    new ValidationException(
                        List.of(
                            Problem.of(
                                "type",
                                "is "
                                    + spec.type()
                                    + " but "
                                    + arn
                                    + " is "
                                    + current.type()
                                    + "; Step Functions cannot change a state machine's type"))));
              }
              if (SpecDiff.differences(spec, current).isEmpty()) {
                return CompletableFuture.completedFuture(
                    new DeployResult(arn, DeployResult.Outcome.UNCHANGED, false));
              }
              return client
                  .updateStateMachine(
                      r ->
                          r.stateMachineArn(arn)
                              .definition(spec.definition())
                              .roleArn(spec.roleArn())
                              .loggingConfiguration(SpecDiff.logging(spec))
                              .tracingConfiguration(t -> t.enabled(spec.tracing())))
                  .thenApply(u -> new DeployResult(arn, DeployResult.Outcome.UPDATED, false));
            });
  }

  private CompletableFuture<Boolean> applyTags(String arn, Map<String, String> wanted) {
    if (wanted.isEmpty()) {
      return CompletableFuture.completedFuture(false);
    }
    return client
        .listTagsForResource(r -> r.resourceArn(arn))
        .thenCompose(
            r -> {
              Map<String, String> have = new HashMap<>();
              r.tags().forEach(t -> have.put(t.key(), t.value()));
              Map<String, String> missing = new HashMap<>();
              wanted.forEach(
                  (k, v) -> {
                    if (!v.equals(have.get(k))) {
                      missing.put(k, v);
                    }
                  });
              if (missing.isEmpty()) {
                return CompletableFuture.completedFuture(false);
              }
              return client
                  .tagResource(t -> t.resourceArn(arn).tags(tags(missing)))
                  .thenApply(x -> true);
            });
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  private static String join(String prefix, String path) {
    return path.isEmpty() ? prefix : prefix + "." + path;
  }

  /** Builds a {@link StateMachineDeployer}. */
  public static final class Builder {
    private SfnAsyncClient client;
    private ScheduledExecutorService scheduler;
    private Clock clock;
    private Duration pollInterval = Duration.ofSeconds(5);
    private Duration maxPollInterval = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * The client to call (not closed by the deployer).
     *
     * @param client the Step Functions client
     * @return this
     */
    public Builder client(SfnAsyncClient client) {
      this.client = client;
      return this;
    }

    /**
     * Where polls are scheduled; a shared daemon thread by default. Tests pass the testkit's
     * virtual scheduler.
     *
     * @param scheduler the scheduler
     * @return this
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * The clock wait timeouts are measured with; the system clock by default.
     *
     * @param clock the clock
     * @return this
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The first interval between polls (default 5 s); it grows by half each poll.
     *
     * @param interval a positive duration
     * @return this
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = positive(interval, "pollInterval");
      return this;
    }

    /**
     * The longest interval between polls (default 60 s).
     *
     * @param interval a positive duration
     * @return this
     */
    public Builder maxPollInterval(Duration interval) {
      this.maxPollInterval = positive(interval, "maxPollInterval");
      return this;
    }

    /**
     * Builds the deployer.
     *
     * @return the deployer
     */
    public StateMachineDeployer build() {
      if (maxPollInterval.compareTo(pollInterval) < 0) {
        throw new ValidationException(
            List.of(Problem.of("maxPollInterval", "must be >= pollInterval")));
      }
      return new StateMachineDeployer(this);
    }

    private static Duration positive(Duration d, String field) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new ValidationException(List.of(Problem.of(field, "must be positive")));
      }
      return d;
    }
  }
}
