package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Builds a {@link PassState}; created by {@link Flow#pass(String)}. */
public final class PassBuilder extends NextBuilder<PassBuilder> {
  private Optional<JsonNode> parameters = Optional.empty();
  private Optional<JsonNode> result = Optional.empty();
  private Optional<JsonPath> resultPath = Optional.empty();

  PassBuilder(String name) {
    super(name);
  }

  /**
   * A payload template (JSONPath).
   *
   * @param parameters a {@link Payload}, JSON node or value
   * @return this builder
   */
  public PassBuilder parameters(Object parameters) {
    this.parameters = Optional.of(json(parameters));
    return this;
  }

  /**
   * A fixed result (JSONPath).
   *
   * @param result any JSON value
   * @return this builder
   */
  public PassBuilder result(Object result) {
    this.result = Optional.of(json(result));
    return this;
  }

  /**
   * Where the result goes (JSONPath).
   *
   * @param path a reference path
   * @return this builder
   */
  public PassBuilder resultPath(String path) {
    this.resultPath = Optional.of(JsonPath.of(path));
    return this;
  }

  @Override
  StateType type() {
    return StateType.PASS;
  }

  @Override
  State build() {
    return PassState.builder()
        .comment(comment)
        .queryLanguage(queryLanguage)
        .inputPath(inputPath)
        .parameters(parameters)
        .result(result)
        .resultPath(resultPath)
        .outputPath(outputPath)
        .output(output)
        .putAllAssign(assign)
        .next(end ? Optional.empty() : next)
        .end(ends())
        .build();
  }
}
