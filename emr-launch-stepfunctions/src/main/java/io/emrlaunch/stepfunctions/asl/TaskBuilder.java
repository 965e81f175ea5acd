package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Optional;

/** Builds a {@link TaskState}; created by {@link Flow#task(String, String)}. */
public final class TaskBuilder extends GuardedBuilder<TaskBuilder> {
  private final String resource;
  private Optional<JsonNode> parameters = Optional.empty();
  private Optional<JsonNode> arguments = Optional.empty();
  private Optional<JsonNode> credentials = Optional.empty();
  private Optional<NumberOrJsonata> timeoutSeconds = Optional.empty();
  private Optional<JsonPath> timeoutSecondsPath = Optional.empty();
  private Optional<NumberOrJsonata> heartbeatSeconds = Optional.empty();
  private Optional<JsonPath> heartbeatSecondsPath = Optional.empty();

  TaskBuilder(String name, String resource) {
    super(name);
    this.resource = resource;
  }

  /**
   * The request (JSONPath payload template).
   *
   * @param parameters a {@link Payload}, JSON node or value
   * @return this builder
   */
  public TaskBuilder parameters(Object parameters) {
    this.parameters = Optional.of(json(parameters));
    return this;
  }

  /**
   * The request (JSONata).
   *
   * @param arguments a JSON value or JSONata expression string
   * @return this builder
   */
  public TaskBuilder arguments(Object arguments) {
    this.arguments = Optional.of(json(arguments));
    return this;
  }

  /**
   * Calls the resource as another role ({@code Credentials.RoleArn}).
   *
   * @param roleArn the role ARN
   * @return this builder
   */
  public TaskBuilder credentialsRoleArn(String roleArn) {
    this.credentials = Optional.of(JsonNodeFactory.instance.objectNode().put("RoleArn", roleArn));
    return this;
  }

  /**
   * Fails with {@code States.Timeout} after this many seconds.
   *
   * @param seconds a positive number
   * @return this builder
   */
  public TaskBuilder timeoutSeconds(long seconds) {
    this.timeoutSeconds = Optional.of(NumberOrJsonata.of(seconds));
    return this;
  }

  /**
   * Reads the timeout from the input (JSONPath).
   *
   * @param path a reference path
   * @return this builder
   */
  public TaskBuilder timeoutSecondsPath(String path) {
    this.timeoutSecondsPath = Optional.of(JsonPath.of(path));
    return this;
  }

  /**
   * Fails with {@code States.HeartbeatTimeout} when no heartbeat arrives in time.
   *
   * @param seconds a positive number below the timeout
   * @return this builder
   */
  public TaskBuilder heartbeatSeconds(long seconds) {
    this.heartbeatSeconds = Optional.of(NumberOrJsonata.of(seconds));
    return this;
  }

  /**
   * Reads the heartbeat interval from the input (JSONPath).
   *
   * @param path a reference path
   * @return this builder
   */
  public TaskBuilder heartbeatSecondsPath(String path) {
    this.heartbeatSecondsPath = Optional.of(JsonPath.of(path));
    return this;
  }

  /**
   * The timeout as a JSONata expression (JSONata states).
   *
   * @param expression e.g. <code>{% $states.input.timeout %}</code>
   * @return this builder
   */
  public TaskBuilder timeoutSeconds(String expression) {
    this.timeoutSeconds = Optional.of(NumberOrJsonata.jsonata(expression));
    return this;
  }

  /**
   * The heartbeat interval as a JSONata expression (JSONata states).
   *
   * @param expression a JSONata expression
   * @return this builder
   */
  public TaskBuilder heartbeatSeconds(String expression) {
    this.heartbeatSeconds = Optional.of(NumberOrJsonata.jsonata(expression));
    return this;
  }

  @Override
  StateType type() {
    return StateType.TASK;
  }

  @Override
  State build() {
    return TaskState.builder()
        .resource(resource)
        .comment(comment)
        .queryLanguage(queryLanguage)
        .parameters(parameters)
        .arguments(arguments)
        .credentials(credentials)
        .timeoutSeconds(timeoutSeconds)
        .timeoutSecondsPath(timeoutSecondsPath)
        .heartbeatSeconds(heartbeatSeconds)
        .heartbeatSecondsPath(heartbeatSecondsPath)
        .inputPath(inputPath)
        .resultSelector(resultSelector)
        .resultPath(resultPath)
        .outputPath(outputPath)
        .output(output)
        .putAllAssign(assign)
        .addAllRetry(retry)
        .addAllCatchers(builtCatchers())
        .next(end ? Optional.empty() : next)
        .end(ends())
        .build();
  }
}
