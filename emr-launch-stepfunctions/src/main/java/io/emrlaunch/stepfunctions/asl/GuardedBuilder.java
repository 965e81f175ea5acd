package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A builder of a state that does work and can retry and catch errors: Task, Parallel and Map.
 * Retriers and Catchers are attached to the state they guard; a Catcher's target may be defined
 * inline and is added to the same graph.
 *
 * @param <B> the concrete builder type
 */
public abstract class GuardedBuilder<B extends GuardedBuilder<B>> extends NextBuilder<B> {
  final List<Retrier> retry = new ArrayList<>();
  final List<CatchTarget> catchers = new ArrayList<>();
  Optional<JsonNode> resultSelector = Optional.empty();
  Optional<JsonPath> resultPath = Optional.empty();

  GuardedBuilder(String name) {
    super(name);
  }

  /**
   * Adds a retrier.
   *
   * @param retrier the retrier
   * @return this builder
   */
  public B retry(Retrier retrier) {
    retry.add(retrier);
    return self();
  }

  /**
   * Adds a retrier built in place.
   *
   * @param retrier sets ErrorEquals, IntervalSeconds, MaxAttempts, BackoffRate, ...
   * @return this builder
   */
  public B retry(Consumer<Retrier.Builder> retrier) {
    Retrier.Builder b = Retrier.builder();
    retrier.accept(b);
    return retry(b.build());
  }

  /**
   * Catches every error ({@code States.ALL}) and goes to a target.
   *
   * @param target a state, chain or reference
   * @return this builder
   */
  public B catchAll(Step target) {
    return catchErrors(target, null, "States.ALL");
  }

  /**
   * Catches errors and goes to a target.
   *
   * @param target a state, chain or reference
   * @param resultPath where the error output goes in the input (JSONPath), or null to replace it
   * @param errors the error names
   * @return this builder
   */
  public B catchErrors(Step target, String resultPath, String... errors) {
    catchers.add(
        new CatchTarget(
            List.of(errors),
            target,
            resultPath == null ? Optional.empty() : Optional.of(JsonPath.of(resultPath)),
            null));
    return self();
  }

  /**
   * Adds a Catcher with every field under your control (errors, ResultPath, or for JSONata Output
   * and Assign); its Next is the target.
   *
   * @param target a state, chain or reference
   * @param details sets ErrorEquals and the optional fields; Next is ignored
   * @return this builder
   */
  public B catchWith(Step target, Consumer<Catcher.Builder> details) {
    catchers.add(new CatchTarget(List.of(), target, Optional.empty(), details));
    return self();
  }

  /**
   * Shapes the raw result (JSONPath).
   *
   * @param selector a {@link Payload}, JSON node or value
   * @return this builder
   */
  public B resultSelector(Object selector) {
    this.resultSelector = Optional.of(json(selector));
    return self();
  }

  /**
   * Where the result goes in the input (JSONPath).
   *
   * @param path a reference path, e.g. {@code $.cluster}
   * @return this builder
   */
  public B resultPath(String path) {
    this.resultPath = Optional.of(JsonPath.of(path));
    return self();
  }

  /**
   * Discards the result and passes the input on ({@code "ResultPath": null}).
   *
   * @return this builder
   */
  public B discardResult() {
    this.resultPath = Optional.of(JsonPath.NULL);
    return self();
  }

  @Override
  List<Step> inlineTargets() {
    if (catchers.size() == 1) {
      return List.of(catchers.get(0).target());
    }
    List<Step> out = new ArrayList<>(catchers.size());
    for (CatchTarget c : catchers) {
      out.add(c.target());
    }
    return out;
  }

  List<Catcher> builtCatchers() {
    List<Catcher> out = new ArrayList<>(catchers.size());
    for (CatchTarget c : catchers) {
      Catcher.Builder b = Catcher.builder().errorEquals(c.errors()).resultPath(c.resultPath());
      if (c.details() != null) {
        c.details().accept(b);
      }
      out.add(b.next(c.target().startName()).build());
    }
    return out;
  }

  record CatchTarget(
      List<String> errors,
      Step target,
      Optional<JsonPath> resultPath,
      Consumer<Catcher.Builder> details) {}
}
