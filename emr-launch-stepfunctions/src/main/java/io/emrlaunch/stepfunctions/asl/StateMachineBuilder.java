package io.emrlaunch.stepfunctions.asl;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.internal.AslValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a {@link StateMachine} that reads like its flow: start with a step, continue with {@link
 * #then(Step)} (Next and End are wired for you), attach retries and catches to the states they
 * guard, and define Choice and Catch targets inline. {@link #build()} validates the whole machine
 * and throws one {@link ValidationException} listing every problem with its location.
 *
 * <pre>{@code
 * StateMachine sm = StateMachineBuilder.startWith(Flow.task("Run Step", arn).resultPath("$.step"))
 *     .then(Flow.succeed("Done"))
 *     .comment("one EMR step")
 *     .timeoutSeconds(3600)
 *     .build();
 * String json = sm.toPrettyJson();
 * }</pre>
 */
public final class StateMachineBuilder {
  private final Chain chain;
  private final List<Step> extra = new ArrayList<>();
  private Optional<String> comment = Optional.empty();
  private Optional<QueryLanguage> queryLanguage = Optional.empty();
  private Optional<String> version = Optional.empty();
  private Optional<Integer> timeoutSeconds = Optional.empty();

  private StateMachineBuilder(Step first) {
    this.chain = Chain.of(Objects.requireNonNull(first, "first"));
  }

  /**
   * Starts a machine with its first step ({@code StartAt}).
   *
   * @param first a state or chain
   * @return the builder
   */
  public static StateMachineBuilder startWith(Step first) {
    return new StateMachineBuilder(first);
  }

  /**
   * Continues the main chain.
   *
   * @param next the next step
   * @return this builder
   * @throws IllegalStateException when the last state cannot continue
   */
  public StateMachineBuilder then(Step next) {
    chain.then(next);
    return this;
  }

  /**
   * Adds states that are not on the main chain (reached by name, e.g. a shared error handler).
   *
   * @param step a state or chain
   * @return this builder
   */
  public StateMachineBuilder define(Step step) {
    extra.add(step);
    return this;
  }

  /**
   * A human-readable description of the machine.
   *
   * @param comment the text
   * @return this builder
   */
  public StateMachineBuilder comment(String comment) {
    this.comment = Optional.of(comment);
    return this;
  }

  /**
   * The default query language of every state.
   *
   * @param language JSONPath or JSONata
   * @return this builder
   */
  public StateMachineBuilder queryLanguage(QueryLanguage language) {
    this.queryLanguage = Optional.of(language);
    return this;
  }

  /**
   * The States Language version (only {@code 1.0} exists).
   *
   * @param version the version
   * @return this builder
   */
  public StateMachineBuilder version(String version) {
    this.version = Optional.of(version);
    return this;
  }

  /**
   * The most seconds an execution may run.
   *
   * @param seconds a positive number
   * @return this builder
   */
  public StateMachineBuilder timeoutSeconds(int seconds) {
    this.timeoutSeconds = Optional.of(seconds);
    return this;
  }

  /**
   * Builds and validates.
   *
   * @return the machine
   * @throws ValidationException listing every problem with its location
   */
  public StateMachine build() {
    StateMachine machine = buildUnvalidated();
    // A built machine is usually emitted next: the size check keeps the text it measures.
    List<Problem> problems = AslValidation.validate(machine, true);
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    return machine;
  }

  /**
   * Builds without validating (for tools that report problems themselves).
   *
   * @return the machine
   * @throws ValidationException only when two different builders share a name in one graph
   */
  public StateMachine buildUnvalidated() {
    List<Step> roots = new ArrayList<>();
    roots.add(chain);
    roots.addAll(extra);
    Map<String, State> states = GraphAssembly.states(roots);
    // withStates copies the map once; the builder's states(..) would copy it twice.
    return StateMachine.builder()
        .comment(comment)
        .queryLanguage(queryLanguage)
        .version(version)
        .timeoutSeconds(timeoutSeconds)
        .startAt(chain.startName())
        .build()
        .withStates(states);
  }
}
