package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link ChoiceState}; created by {@link Flow#choice(String)}. Each rule's target may be
 * defined inline (a state or chain) and is added to the same graph.
 */
public final class ChoiceBuilder extends StateBuilder<ChoiceBuilder> {
  private final List<Rule> rules = new ArrayList<>();
  private Step otherwise;
  private Optional<JsonPath> inputPath = Optional.empty();
  private Optional<JsonPath> outputPath = Optional.empty();
  private Optional<JsonNode> output = Optional.empty();
  private final Map<String, JsonNode> assign = new LinkedHashMap<>();

  ChoiceBuilder(String name) {
    super(name);
  }

  /**
   * Adds a JSONPath rule.
   *
   * @param condition the test, e.g. {@code Condition.stringEquals("$.state", "WAITING")}
   * @param target where to go when it holds
   * @return this builder
   */
  public ChoiceBuilder when(Condition condition, Step target) {
    rules.add(new Rule(Optional.of(condition), Optional.empty(), target, Map.of()));
    return this;
  }

  /**
   * Adds a JSONPath rule that also assigns variables when it matches.
   *
   * @param condition the test
   * @param target where to go
   * @param assign variables to assign (values are JSON values or strings)
   * @return this builder
   */
  public ChoiceBuilder when(Condition condition, Step target, Map<String, ?> assign) {
    Map<String, JsonNode> a = new LinkedHashMap<>();
    assign.forEach((k, v) -> a.put(k, json(v)));
    rules.add(new Rule(Optional.of(condition), Optional.empty(), target, a));
    return this;
  }

  /**
   * Adds a JSONata rule.
   *
   * @param condition a JSONata expression, e.g. <code>{% $states.input.ready %}</code>
   * @param target where to go when it holds
   * @return this builder
   */
  public ChoiceBuilder whenJsonata(String condition, Step target) {
    rules.add(
        new Rule(Optional.empty(), Optional.of(TextNode.valueOf(condition)), target, Map.of()));
    return this;
  }

  /**
   * Where to go when no rule holds ({@code Default}).
   *
   * @param target a state, chain or reference
   * @return this builder
   */
  public ChoiceBuilder otherwise(Step target) {
    this.otherwise = target;
    return this;
  }

  /**
   * Selects the effective input (JSONPath).
   *
   * @param path a path
   * @return this builder
   */
  public ChoiceBuilder inputPath(String path) {
    inputPath = Optional.of(JsonPath.of(path));
    return this;
  }

  /**
   * Selects the effective output (JSONPath).
   *
   * @param path a path
   * @return this builder
   */
  public ChoiceBuilder outputPath(String path) {
    outputPath = Optional.of(JsonPath.of(path));
    return this;
  }

  /**
   * The state output (JSONata).
   *
   * @param value a JSON value or JSONata expression string
   * @return this builder
   */
  public ChoiceBuilder output(Object value) {
    output = Optional.of(json(value));
    return this;
  }

  /**
   * Assigns a variable when no rule's own Assign applies.
   *
   * @param variable the name
   * @param value the value
   * @return this builder
   */
  public ChoiceBuilder assign(String variable, Object value) {
    assign.put(variable, json(value));
    return this;
  }

  @Override
  StateType type() {
    return StateType.CHOICE;
  }

  @Override
  List<Step> inlineTargets() {
    List<Step> out = new ArrayList<>();
    rules.forEach(r -> out.add(r.target()));
    if (otherwise != null) {
      out.add(otherwise);
    }
    return out;
  }

  @Override
  State build() {
    ChoiceState.Builder b =
        ChoiceState.builder()
            .comment(comment)
            .queryLanguage(queryLanguage)
            .inputPath(inputPath)
            .outputPath(outputPath)
            .output(output)
            .assign(assign);
    for (Rule r : rules) {
      b.addChoices(
          ChoiceRule.builder()
              .condition(r.condition())
              .jsonataCondition(r.jsonata())
              .next(r.target().startName())
              .assign(r.assign())
              .build());
    }
    if (otherwise != null) {
      b.defaultState(otherwise.startName());
    }
    return b.build();
  }

  private record Rule(
      Optional<Condition> condition,
      Optional<JsonNode> jsonata,
      Step target,
      Map<String, JsonNode> assign) {}
}
