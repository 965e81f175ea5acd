package io.emrlaunch.stepfunctions.asl;

import java.time.Instant;

/**
 * Factories of the fluent state builders, named like the states they build. Combine them with
 * {@link Chain#then(Step)} or {@link StateMachineBuilder}:
 *
 * <pre>{@code
 * StateMachine sm = StateMachineBuilder.startWith(
 *         Flow.task("Create Cluster", "arn:aws:states:::elasticmapreduce:createCluster.sync")
 *             .parameters(Payload.object().put("Name", "nightly").path("LogUri", "$.logUri"))
 *             .resultPath("$.cluster")
 *             .retry(r -> r.addErrorEquals("EMR.AmazonElasticMapReduceException").maxAttempts(3))
 *             .catchAll(Flow.fail("Launch Failed").error("LaunchFailed")))
 *     .then(Flow.choice("Ready?")
 *         .when(Condition.stringEquals("$.cluster.Status", "WAITING"), Flow.succeed("Done"))
 *         .otherwise(Flow.fail("Not Ready")))
 *     .build();
 * }</pre>
 */
public final class Flow {
  private Flow() {}

  /**
   * A Task state.
   *
   * @param name the state name
   * @param resource the resource ARN
   * @return the builder
   */
  public static TaskBuilder task(String name, String resource) {
    return new TaskBuilder(name, resource);
  }

  /**
   * A Pass state.
   *
   * @param name the state name
   * @return the builder
   */
  public static PassBuilder pass(String name) {
    return new PassBuilder(name);
  }

  /**
   * A Choice state.
   *
   * @param name the state name
   * @return the builder
   */
  public static ChoiceBuilder choice(String name) {
    return new ChoiceBuilder(name);
  }

  /**
   * A Wait state of a fixed number of seconds.
   *
   * @param name the state name
   * @param seconds the delay
   * @return the builder
   */
  public static WaitBuilder waitSeconds(String name, long seconds) {
    return new WaitBuilder(name).seconds(seconds);
  }

  /**
   * A Wait state whose delay is read from the input (JSONPath).
   *
   * @param name the state name
   * @param path a reference path to a number of seconds
   * @return the builder
   */
  public static WaitBuilder waitSecondsPath(String name, String path) {
    return new WaitBuilder(name).secondsPath(path);
  }

  /**
   * A Wait state until an instant.
   *
   * @param name the state name
   * @param instant the time to wait for (written as RFC 3339 UTC)
   * @return the builder
   */
  public static WaitBuilder waitUntil(String name, Instant instant) {
    return new WaitBuilder(name).timestamp(instant);
  }

  /**
   * A Wait state until a timestamp read from the input (JSONPath).
   *
   * @param name the state name
   * @param path a reference path to an RFC 3339 timestamp
   * @return the builder
   */
  public static WaitBuilder waitUntilPath(String name, String path) {
    return new WaitBuilder(name).timestampPath(path);
  }

  /**
   * A Wait state whose delay is a JSONata expression (JSONata states).
   *
   * @param name the state name
   * @param expression e.g. <code>{% $states.input.delay %}</code>
   * @return the builder
   */
  public static WaitBuilder waitSecondsJsonata(String name, String expression) {
    return new WaitBuilder(name).secondsExpression(expression);
  }

  /**
   * A Wait state until a timestamp given as a JSONata expression (JSONata states).
   *
   * @param name the state name
   * @param expression a JSONata expression giving an RFC 3339 timestamp
   * @return the builder
   */
  public static WaitBuilder waitUntilJsonata(String name, String expression) {
    return new WaitBuilder(name).timestampExpression(expression);
  }

  /**
   * A Succeed state.
   *
   * @param name the state name
   * @return the builder
   */
  public static SucceedBuilder succeed(String name) {
    return new SucceedBuilder(name);
  }

  /**
   * A Fail state.
   *
   * @param name the state name
   * @return the builder
   */
  public static FailBuilder fail(String name) {
    return new FailBuilder(name);
  }

  /**
   * A Parallel state.
   *
   * @param name the state name
   * @return the builder
   */
  public static ParallelBuilder parallel(String name) {
    return new ParallelBuilder(name);
  }

  /**
   * A Map state.
   *
   * @param name the state name
   * @return the builder
   */
  public static MapBuilder map(String name) {
    return new MapBuilder(name);
  }

  /**
   * A reference to a state defined elsewhere in the same graph (a join or a loop back).
   *
   * @param name the state name
   * @return the reference
   */
  public static Step goTo(String name) {
    return new Step.Ref(name);
  }
}
