package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A builder of a state that continues ({@code Next}) or ends ({@code End}): Task, Pass, Wait,
 * Parallel and Map. In a {@link Chain} the Next is set for you, and a state left without one ends.
 *
 * @param <B> the concrete builder type
 */
public abstract class NextBuilder<B extends NextBuilder<B>> extends StateBuilder<B> {
  Optional<String> next = Optional.empty();
  boolean end;
  Optional<JsonPath> inputPath = Optional.empty();
  Optional<JsonPath> outputPath = Optional.empty();
  Optional<JsonNode> output = Optional.empty();

  /** Empty until the first variable: most states assign none. */
  Map<String, JsonNode> assign = Map.of();

  NextBuilder(String name) {
    super(name);
  }

  /**
   * Goes to a state by name (for joins and loops; chains set Next for you).
   *
   * @param stateName the next state
   * @return this builder
   * @throws IllegalStateException when a different Next was already set (e.g. by a chain)
   */
  public B next(String stateName) {
    if (next.isPresent() && !next.get().equals(stateName)) {
      throw new IllegalStateException(
          name() + " already goes to " + next.get() + "; a state has one Next");
    }
    this.next = Optional.of(stateName);
    return self();
  }

  /**
   * Ends the graph here ({@code "End": true}).
   *
   * @return this builder
   */
  public B end() {
    this.end = true;
    return self();
  }

  /**
   * Selects the effective input (JSONPath).
   *
   * @param path e.g. {@code $.cluster}
   * @return this builder
   */
  public B inputPath(String path) {
    this.inputPath = Optional.of(JsonPath.of(path));
    return self();
  }

  /**
   * Selects the effective output (JSONPath).
   *
   * @param path e.g. {@code $.result}
   * @return this builder
   */
  public B outputPath(String path) {
    this.outputPath = Optional.of(JsonPath.of(path));
    return self();
  }

  /**
   * The state output (JSONata): a JSONata string or any JSON value.
   *
   * @param value e.g. <code>"{% $states.result.ClusterId %}"</code>
   * @return this builder
   */
  public B output(Object value) {
    this.output = Optional.of(json(value));
    return self();
  }

  /**
   * Assigns a variable (a value, a JSONata expression, or with {@code name.$} a JSONPath path).
   *
   * @param variable the variable name
   * @param value the value
   * @return this builder
   */
  public B assign(String variable, Object value) {
    if (assign.isEmpty()) {
      assign = new LinkedHashMap<>();
    }
    assign.put(variable, json(value));
    return self();
  }

  void chainTo(String stateName) {
    if (next.isPresent() || end) {
      throw new IllegalStateException(
          "cannot chain " + name() + " to " + stateName + ": it already has Next or End");
    }
    next = Optional.of(stateName);
  }

  /** The chain's last state ends the graph unless it was given a Next. */
  boolean ends() {
    return end || next.isEmpty();
  }
}
