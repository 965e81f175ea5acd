package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.emrlaunch.stepfunctions.internal.Json;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fluent builder of one named state, created through {@link Flow}. Builders are mutable and
 * single-use; {@link StateMachineBuilder#build()} turns them into immutable {@link State}s.
 *
 * @param <B> the concrete builder type
 */
public abstract class StateBuilder<B extends StateBuilder<B>> implements Step {
  private final String name;
  Optional<String> comment = Optional.empty();
  Optional<QueryLanguage> queryLanguage = Optional.empty();

  StateBuilder(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /**
   * The state name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  @Override
  public String startName() {
    return name;
  }

  /**
   * A human-readable note.
   *
   * @param comment the text
   * @return this builder
   */
  public B comment(String comment) {
    this.comment = Optional.of(comment);
    return self();
  }

  /**
   * The state's own query language.
   *
   * @param language JSONPath or JSONata
   * @return this builder
   */
  public B queryLanguage(QueryLanguage language) {
    this.queryLanguage = Optional.of(language);
    return self();
  }

  /**
   * Uses JSONata in this state.
   *
   * @return this builder
   */
  public B jsonata() {
    return queryLanguage(QueryLanguage.JSONATA);
  }

  @SuppressWarnings("unchecked")
  final B self() {
    return (B) this;
  }

  abstract StateType type();

  /** Steps this state defines inline (Choice rule and Catcher targets). */
  List<Step> inlineTargets() {
    return List.of();
  }

  /** Builds the immutable state. */
  abstract State build();

  static JsonNode json(Object value) {
    if (value instanceof JsonNode j) {
      return j;
    }
    if (value instanceof Payload p) {
      return p.share();
    }
    if (value instanceof String s) {
      return TextNode.valueOf(s);
    }
    return Json.MAPPER.valueToTree(value);
  }
}
