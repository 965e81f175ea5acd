package io.emrlaunch.stepfunctions.asl;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Builds a {@link WaitState}; created by {@link Flow#waitSeconds(String, long)} and friends. */
public final class WaitBuilder extends NextBuilder<WaitBuilder> {
  private Optional<NumberOrJsonata> seconds = Optional.empty();
  private Optional<JsonPath> secondsPath = Optional.empty();
  private Optional<String> timestamp = Optional.empty();
  private Optional<JsonPath> timestampPath = Optional.empty();

  WaitBuilder(String name) {
    super(name);
  }

  WaitBuilder seconds(long value) {
    seconds = Optional.of(NumberOrJsonata.of(value));
    return this;
  }

  WaitBuilder secondsPath(String path) {
    secondsPath = Optional.of(JsonPath.of(path));
    return this;
  }

  WaitBuilder timestamp(Instant value) {
    timestamp = Optional.of(DateTimeFormatter.ISO_INSTANT.format(value));
    return this;
  }

  WaitBuilder secondsExpression(String expression) {
    seconds = Optional.of(NumberOrJsonata.jsonata(expression));
    return this;
  }

  WaitBuilder timestampExpression(String expression) {
    timestamp = Optional.of(expression);
    return this;
  }

  WaitBuilder timestampPath(String path) {
    timestampPath = Optional.of(JsonPath.of(path));
    return this;
  }

  @Override
  StateType type() {
    return StateType.WAIT;
  }

  @Override
  State build() {
    return WaitState.builder()
        .comment(comment)
        .queryLanguage(queryLanguage)
        .inputPath(inputPath)
        .seconds(seconds)
        .secondsPath(secondsPath)
        .timestamp(timestamp)
        .timestampPath(timestampPath)
        .outputPath(outputPath)
        .output(output)
        .putAllAssign(assign)
        .next(end ? Optional.empty() : next)
        .end(ends())
        .build();
  }
}
