package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One top-level rule of a Choice state: a JSONPath {@link #condition()} or a JSONata {@link
 * #jsonataCondition()}, and the state to go to when it holds.
 */
@Value.Immutable
public interface ChoiceRule extends WithChoiceRule {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this value's attributes, to change several of them at once.
   *
   * @return a new builder initialised from this value
   */
  default Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * Builds {@link ChoiceRule} values: obtained from {@link ChoiceRule#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableChoiceRule.Builder {
    Builder() {}
  }

  /**
   * A JSONPath rule.
   *
   * @param condition the test
   * @param next the state to go to
   * @return the rule
   */
  static ChoiceRule of(Condition condition, String next) {
    return builder().condition(condition).next(next).build();
  }

  /**
   * A JSONata rule.
   *
   * @param condition a JSONata expression, e.g. <code>{% $states.input.count &gt; 10 %}</code>
   * @param next the state to go to
   * @return the rule
   */
  static ChoiceRule jsonata(String condition, String next) {
    return builder()
        .jsonataCondition(com.fasterxml.jackson.databind.node.TextNode.valueOf(condition))
        .next(next)
        .build();
  }

  /** The JSONPath test ({@code Variable} plus an operator, or And/Or/Not). */
  Optional<Condition> condition();

  /** The JSONata {@code Condition}: a JSONata string or a boolean. */
  Optional<JsonNode> jsonataCondition();

  /** The state to go to when the rule holds. */
  String next();

  /** Variables assigned when the rule matches (replacing the state's own Assign). */
  Map<String, JsonNode> assign();

  /** The state output when the rule matches (JSONata). */
  Optional<JsonNode> output();

  /** A human-readable note. */
  Optional<String> comment();
}
