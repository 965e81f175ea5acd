package io.emrlaunch.stepfunctions.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.asl.TaskBuilder;
import io.emrlaunch.stepfunctions.emr.internal.Integrations;
import io.emrlaunch.stepfunctions.emr.internal.Requests;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A checked request to one EMR, EMR Serverless or EMR on EKS integration, made by {@link EmrTasks},
 * {@link EmrServerlessTasks} or {@link EmrOnEksTasks}. Choose how the state waits with {@link
 * #sync()} or {@link #requestResponse()}: each returns the asl {@link TaskBuilder}, so retries,
 * catches, result paths and timeouts are added the usual way and the state goes straight into a
 * {@link io.emrlaunch.stepfunctions.asl.StateMachineBuilder}.
 *
 * <pre>{@code
 * TaskBuilder launch = EmrTasks.createCluster("Launch", request).sync().resultPath("$.cluster");
 * }</pre>
 *
 * <p>Instances are immutable; {@link #inPartition(String)} returns a copy.
 */
public final class EmrTask {
  private static final Pattern PARTITION = Pattern.compile("aws(-[a-z]+)*");

  private final String name;
  private final String integration;
  private final Set<IntegrationPattern> supported;
  private final ObjectNode request;
  private final QueryLanguage language;
  private final String partition;
  private final BiConsumer<ObjectNode, Problems> extraRules;
  // True when every string came from a typed value or a non-JSONata Arg: a string that looks like
  // <code>{% ... %}</code> is then data, not an expression, and the state stays JSONPath.
  private final boolean literalValues;

  EmrTask(
      String name,
      String integration,
      Set<IntegrationPattern> supported,
      ObjectNode request,
      QueryLanguage language,
      String partition,
      BiConsumer<ObjectNode, Problems> extraRules,
      boolean literalValues) {
    this.name = Objects.requireNonNull(name, "name");
    this.integration = integration;
    this.supported = Set.copyOf(EnumSet.copyOf(supported));
    this.request = request.deepCopy();
    this.language = language;
    this.partition = partition;
    this.extraRules = extraRules;
    this.literalValues = literalValues;
  }

  /**
   * The state name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The integration, e.g. {@code elasticmapreduce:createCluster} or {@code aws-sdk:emr:runJobFlow}.
   *
   * @return service and API
   */
  public String integration() {
    return integration;
  }

  /**
   * The patterns this integration supports.
   *
   * @return request-response and, where Step Functions offers it, {@code .sync}
   */
  public Set<IntegrationPattern> supportedPatterns() {
    return supported;
  }

  /**
   * The request: {@code Parameters} of a JSONPath state or {@code Arguments} of a JSONata state.
   *
   * @return a copy
   */
  public ObjectNode request() {
    return request.deepCopy();
  }

  /**
   * The query language of the state: JSONata when a request field is a JSONata expression.
   *
   * @return the language
   */
  public QueryLanguage queryLanguage() {
    return language;
  }

  /**
   * The partition of the resource ARN.
   *
   * @return {@code aws} unless changed with {@link #inPartition(String)}
   */
  public String partition() {
    return partition;
  }

  /**
   * The same task in another AWS partition ({@code aws-cn}, {@code aws-us-gov}).
   *
   * @param partition the partition
   * @return a copy
   * @throws ValidationException when the partition is not a partition name
   */
  public EmrTask inPartition(String partition) {
    if (partition == null || !PARTITION.matcher(partition).matches()) {
      throw new ValidationException(
          List.of(
              Problem.of(
                  "partition",
                  "must be a partition name like aws, aws-cn or aws-us-gov (was "
                      + partition
                      + ")")));
    }
    return new EmrTask(
        name, integration, supported, request, language, partition, extraRules, literalValues);
  }

  /**
   * The same task with one request field set to a literal, path or JSONata value, replacing what
   * was there (both {@code Field} and {@code Field.$}); the request is checked again. Use it to
   * read run-time values into a request built from values, e.g. a createCluster request made from a
   * profile whose {@code Name} comes from the execution input.
   *
   * <pre>{@code
   * EmrTasks.createCluster("Launch", profile, configuration, "nightly", Map.of())
   *     .with("Name", Arg.path("$.clusterName"))
   *     .with("Instances.Ec2SubnetId", Arg.path("$.subnet"));
   * }</pre>
   *
   * @param field a top-level field or a dotted path through nested objects
   * @param value the new value
   * @return a copy
   * @throws ValidationException when the result breaks a rule or mixes query languages
   * @throws IllegalArgumentException when a parent on the dotted path is not an object
   */
  public EmrTask with(String field, Arg value) {
    Objects.requireNonNull(value, "value");
    ObjectNode copy = request.deepCopy();
    String[] parts = Objects.requireNonNull(field, "field").split("\\.", -1);
    ObjectNode parent = copy;
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].isEmpty()) {
        throw new IllegalArgumentException("empty segment in field path " + field);
      }
      JsonNode child = parent.get(parts[i]);
      if (child == null && !parent.has(parts[i] + ".$")) {
        child = parent.putObject(parts[i]);
      }
      if (!(child instanceof ObjectNode o)) {
        throw new IllegalArgumentException(
            String.join(".", java.util.Arrays.copyOf(parts, i + 1))
                + " is not an object in the request of "
                + name);
      }
      parent = o;
    }
    String last = parts[parts.length - 1];
    if (last.isEmpty() || last.endsWith(".$")) {
      throw new IllegalArgumentException("invalid field " + field);
    }
    parent.remove(last);
    parent.remove(last + ".$");
    Requests.put(parent, last, value);
    EmrTask checked =
        checked(
            name, integration, copy, extraRules, literalValues && value.kind() != Arg.Kind.JSONATA);
    return partition.equals("aws") ? checked : checked.inPartition(partition);
  }

  /**
   * The resource ARN for a pattern.
   *
   * @param pattern how the state waits
   * @return e.g. {@code arn:aws:states:::elasticmapreduce:addStep.sync}
   * @throws ValidationException naming {@code Resource} when the integration does not support it
   */
  public String resource(IntegrationPattern pattern) {
    if (!supported.contains(pattern)) {
      throw new ValidationException(
          List.of(
              Problem.of(
                  "Resource",
                  integration
                      + " does not support "
                      + pattern.label()
                      + " (supported: "
                      + supported.stream()
                          .sorted()
                          .map(IntegrationPattern::label)
                          .collect(Collectors.joining(", "))
                      + ")")));
    }
    return "arn:" + partition + ":states:::" + integration + pattern.suffix();
  }

  /**
   * A Task state that waits for the cluster, step, application or job run ({@code .sync}).
   *
   * @return the asl builder of the state
   * @throws ValidationException when the integration has no {@code .sync}
   */
  public TaskBuilder sync() {
    return pattern(IntegrationPattern.RUN_JOB);
  }

  /**
   * A Task state that continues as soon as the API answers.
   *
   * @return the asl builder of the state
   */
  public TaskBuilder requestResponse() {
    return pattern(IntegrationPattern.REQUEST_RESPONSE);
  }

  /**
   * A Task state with the given pattern.
   *
   * @param pattern how the state waits
   * @return the asl builder of the state
   * @throws ValidationException when the integration does not support the pattern
   */
  public TaskBuilder pattern(IntegrationPattern pattern) {
    TaskBuilder t = Flow.task(name, resource(pattern));
    if (language == QueryLanguage.JSONATA) {
      return t.jsonata().arguments(request.deepCopy());
    }
    return t.parameters(request.deepCopy());
  }

  /**
   * Checks a request and makes the task: the query language is read from the request, then the
   * integration's rules run with problem paths under {@code Parameters} or {@code Arguments}.
   */
  static EmrTask checked(
      String name,
      String integration,
      ObjectNode request,
      BiConsumer<ObjectNode, Problems> rules,
      boolean literalValues) {
    Objects.requireNonNull(name, "name");
    Integrations.Spec spec = Integrations.of(integration);
    Problems root = Problems.root();
    QueryLanguage language =
        literalValues ? QueryLanguage.JSONPATH : Requests.language(request, root.at("Parameters"));
    Problems at = root.at(language == QueryLanguage.JSONATA ? "Arguments" : "Parameters");
    spec.rules().accept(request, at);
    rules.accept(request, at);
    root.throwIfAny();
    Set<IntegrationPattern> patterns =
        spec.sync()
            ? EnumSet.allOf(IntegrationPattern.class)
            : EnumSet.of(IntegrationPattern.REQUEST_RESPONSE);
    return new EmrTask(name, integration, patterns, request, language, "aws", rules, literalValues);
  }

  /** Checks a request against the integration's own rules only. */
  static EmrTask checked(
      String name, String integration, ObjectNode request, BiConsumer<ObjectNode, Problems> rules) {
    return checked(name, integration, request, rules, false);
  }

  /** Checks a request against the integration's own rules only. */
  static EmrTask checked(String name, String integration, ObjectNode request) {
    return checked(name, integration, request, (r, p) -> {}, false);
  }

  @Override
  public String toString() {
    return name + " (" + integration + ") " + request;
  }
}
