package io.emrlaunch.stepfunctions.asl;

import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic;
import java.util.Optional;

/** Builds a {@link FailState}; created by {@link Flow#fail(String)}. */
public final class FailBuilder extends StateBuilder<FailBuilder> {
  private Optional<String> error = Optional.empty();
  private Optional<String> errorPath = Optional.empty();
  private Optional<String> cause = Optional.empty();
  private Optional<String> causePath = Optional.empty();

  FailBuilder(String name) {
    super(name);
  }

  /**
   * The error name.
   *
   * @param error e.g. {@code ClusterFailed}
   * @return this builder
   */
  public FailBuilder error(String error) {
    this.error = Optional.of(error);
    return this;
  }

  /**
   * The error name read from a path (JSONPath).
   *
   * @param path a reference path, e.g. {@code $.error.Error}
   * @return this builder
   */
  public FailBuilder errorPath(String path) {
    this.errorPath = Optional.of(JsonPath.of(path).value());
    return this;
  }

  /**
   * The error name computed by an intrinsic function (JSONPath).
   *
   * @param call the call
   * @return this builder
   */
  public FailBuilder errorPath(Intrinsic call) {
    this.errorPath = Optional.of(call.render());
    return this;
  }

  /**
   * The cause.
   *
   * @param cause a human-readable explanation
   * @return this builder
   */
  public FailBuilder cause(String cause) {
    this.cause = Optional.of(cause);
    return this;
  }

  /**
   * The cause read from a path (JSONPath).
   *
   * @param path a reference path, e.g. {@code $.error.Cause}
   * @return this builder
   */
  public FailBuilder causePath(String path) {
    this.causePath = Optional.of(JsonPath.of(path).value());
    return this;
  }

  /**
   * The cause computed by an intrinsic function (JSONPath).
   *
   * @param call the call, e.g. {@code States.Format('cluster {} failed', $.id)}
   * @return this builder
   */
  public FailBuilder causePath(Intrinsic call) {
    this.causePath = Optional.of(call.render());
    return this;
  }

  @Override
  StateType type() {
    return StateType.FAIL;
  }

  @Override
  State build() {
    return FailState.builder()
        .comment(comment)
        .queryLanguage(queryLanguage)
        .error(error)
        .errorPath(errorPath)
        .cause(cause)
        .causePath(causePath)
        .build();
  }
}
