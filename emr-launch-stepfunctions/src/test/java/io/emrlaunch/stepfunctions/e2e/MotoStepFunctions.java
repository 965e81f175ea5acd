package io.emrlaunch.stepfunctions.e2e;

import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.deploy.ExecutionFailedException;
import io.emrlaunch.stepfunctions.deploy.ExecutionWaitTimeoutException;
import io.emrlaunch.stepfunctions.deploy.StateMachineDeployer;
import io.emrlaunch.stepfunctions.iam.TrustPolicy;
import io.emrlaunch.testkit.moto.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Runs a state machine definition for real in moto, one execution per moto reset (moto 5 runs only
 * the first execution of a region until the next reset):
 *
 * <ol>
 *   <li>{@code reset()}, then {@code enableStepFunctionsExecution()} (machines created before it
 *       are not interpreted);
 *   <li>the caller's {@link Fixture} (SSM records, EMR clusters, IAM roles ...);
 *   <li>an IAM role for the state machine, trusted by {@code states.amazonaws.com} (moto neither
 *       checks the trust policy nor enforces permissions, but the machine needs a real role ARN);
 *   <li>the state machine, through {@link StateMachineDeployer};
 *   <li>one execution with the given input, awaited until it ends;
 *   <li>{@code DescribeExecution} and the whole {@code GetExecutionHistory}.
 * </ol>
 *
 * <pre>{@code
 * try (MotoStepFunctions sfn = MotoStepFunctions.on(moto)) {
 *   ExecutionOutcome done = sfn.run(machine, "{\"a\":1}", fixtures);
 *   assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
 * }
 * }</pre>
 *
 * <p>Everything an execution creates (clusters, parameters) stays in moto until the next {@code
 * run} or reset, so a test inspects it with {@code moto.emr()}, {@code moto.ssm()} afterwards.
 */
public final class MotoStepFunctions implements AutoCloseable {
  /** The state machine's name. */
  public static final String MACHINE_NAME = "emr-launch-e2e";

  /** The name of the state machine's execution role. */
  public static final String ROLE_NAME = "emr-launch-e2e-sfn";

  /**
   * A liveness bound, not a performance target: moto interprets executions in Python, and a machine
   * walking 300 states (51 runtime tags) took over 60 s on a loaded 2-core host. A healthy run
   * returns as soon as the execution ends.
   */
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(240);

  private final MotoServer moto;
  private final IamClient iam;
  private final StateMachineDeployer deployer;
  private Duration timeout = DEFAULT_TIMEOUT;

  private MotoStepFunctions(MotoServer moto) {
    this.moto = Objects.requireNonNull(moto, "moto");
    this.iam = moto.configure(IamClient.builder()).build();
    this.deployer =
        StateMachineDeployer.builder()
            .client(moto.sfnAsync())
            .pollInterval(Duration.ofMillis(100))
            .maxPollInterval(Duration.ofMillis(250))
            .build();
  }

  /**
   * A harness on a moto server. It builds an IAM client (closed by {@link #close()}) and uses the
   * server's shared Step Functions clients.
   *
   * @param moto the server
   * @return the harness
   */
  public static MotoStepFunctions on(MotoServer moto) {
    return new MotoStepFunctions(moto);
  }

  /**
   * How long one execution may run before the harness stops it and reports it {@code RUNNING}.
   *
   * @param timeout the limit (default 60 s)
   * @return this
   */
  public MotoStepFunctions timeout(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** What a test puts into moto after the reset and before the execution. */
  @FunctionalInterface
  public interface Fixture {
    /**
     * Creates the fixtures.
     *
     * @param moto the freshly reset server (its shared clients: {@code moto.emr()}, {@code
     *     moto.ssmAsync()} ...)
     * @param iam an IAM client on the server
     * @throws Exception anything; it fails the run
     */
    void create(MotoServer moto, IamClient iam) throws Exception;

    /**
     * No fixtures.
     *
     * @return a fixture that creates nothing
     */
    static Fixture none() {
      return (m, i) -> {};
    }
  }

  /**
   * Runs a typed state machine (validated first by our validator).
   *
   * @param machine the machine
   * @param inputJson the execution input
   * @param fixture what to create before the execution
   * @return how the execution ended
   */
  public ExecutionOutcome run(StateMachine machine, String inputJson, Fixture fixture) {
    return run(machine.validateOrThrow().toJson(), inputJson, fixture);
  }

  /**
   * Runs a definition given as JSON.
   *
   * @param definitionJson the Amazon States Language definition
   * @param inputJson the execution input
   * @param fixture what to create before the execution
   * @return how the execution ended
   */
  public ExecutionOutcome run(String definitionJson, String inputJson, Fixture fixture) {
    moto.reset();
    moto.enableStepFunctionsExecution();
    try {
      fixture.create(moto, iam);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("fixture failed: " + e, e);
    }
    String roleArn =
        iam.createRole(
                r ->
                    r.roleName(ROLE_NAME)
                        .assumeRolePolicyDocument(TrustPolicy.forStepFunctions().toJson()))
            .role()
            .arn();
    String machineArn =
        deployer
            .deploy(s -> s.name(MACHINE_NAME).definition(definitionJson).roleArn(roleArn))
            .join()
            .stateMachineArn();
    String executionArn = deployer.start(machineArn, "e2e", inputJson).join();
    awaitEnd(executionArn);
    return outcome(executionArn);
  }

  private void awaitEnd(String executionArn) {
    try {
      deployer.await(executionArn, timeout).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ExecutionFailedException) {
        return; // reported by DescribeExecution below
      }
      if (e.getCause() instanceof ExecutionWaitTimeoutException) {
        return; // reported RUNNING below, then stopped
      }
      throw e;
    }
  }

  private ExecutionOutcome outcome(String executionArn) {
    SfnClient sfn = moto.sfn();
    DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(executionArn));
    List<HistoryEvent> history = new ArrayList<>();
    sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn).maxResults(1000))
        .events()
        .forEach(history::add);
    if (d.status() == ExecutionStatus.RUNNING) {
      sfn.stopExecution(r -> r.executionArn(executionArn).error("E2E.Timeout"));
    }
    return new ExecutionOutcome(
        executionArn, d.status(), d.output(), d.error(), d.cause(), history);
  }

  /** Closes the IAM client (the Step Functions clients belong to the server). */
  @Override
  public void close() {
    iam.close();
  }
}
