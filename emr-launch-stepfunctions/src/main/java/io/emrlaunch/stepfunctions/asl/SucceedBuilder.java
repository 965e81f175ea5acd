package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Builds a {@link SucceedState}; created by {@link Flow#succeed(String)}. */
public final class SucceedBuilder extends StateBuilder<SucceedBuilder> {
  private Optional<JsonPath> inputPath = Optional.empty();
  private Optional<JsonPath> outputPath = Optional.empty();
  private Optional<JsonNode> output = Optional.empty();

  SucceedBuilder(String name) {
    super(name);
  }

  /**
   * Selects the effective input (JSONPath).
   *
   * @param path a path
   * @return this builder
   */
  public SucceedBuilder inputPath(String path) {
    inputPath = Optional.of(JsonPath.of(path));
    return this;
  }

  /**
   * Selects the effective output (JSONPath).
   *
   * @param path a path
   * @return this builder
   */
  public SucceedBuilder outputPath(String path) {
    outputPath = Optional.of(JsonPath.of(path));
    return this;
  }

  /**
   * The state output (JSONata).
   *
   * @param value a JSON value or JSONata expression string
   * @return this builder
   */
  public SucceedBuilder output(Object value) {
    output = Optional.of(json(value));
    return this;
  }

  @Override
  StateType type() {
    return StateType.SUCCEED;
  }

  @Override
  State build() {
    return SucceedState.builder()
        .comment(comment)
        .queryLanguage(queryLanguage)
        .inputPath(inputPath)
        .outputPath(outputPath)
        .output(output)
        .build();
  }
}
