package io.emrlaunch.stepfunctions.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.immutables.value.Value;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * What a state machine should look like: name, definition, execution role, type, logging, tracing
 * and tags. {@link StateMachineDeployer#deploy} makes the deployed state machine match it.
 *
 * <pre>{@code
 * StateMachineSpec spec = StateMachineSpec.builder()
 *     .name("nightly-etl")
 *     .definition(definitionJson)
 *     .roleArn("arn:aws:iam::123456789012:role/nightly-etl-sfn")
 *     .putTags("team", "data-platform")
 *     .build();
 * }</pre>
 */
@Value.Immutable
public interface StateMachineSpec extends WithStateMachineSpec {
  /** State machine names: 1-80 characters of letters, digits, '-' and '_'. */
  Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  /** IAM role ARNs in any partition. */
  Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");

  /** CloudWatch Logs log group ARNs as Step Functions wants them (ending in {@code :*}). */
  Pattern LOG_GROUP_ARN =
      Pattern.compile("arn:aws[a-z-]*:logs:[a-z0-9-]+:\\d{12}:log-group:.+:\\*");

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
   * Builds {@link StateMachineSpec} values: obtained from {@link StateMachineSpec#builder()} or
   * {@link #toBuilder()}.
   */
  final class Builder extends ImmutableStateMachineSpec.Builder {
    Builder() {}
  }

  /** The state machine name, unique per account and region. */
  String name();

  /** The Amazon States Language definition (JSON). */
  String definition();

  /** The execution role ARN. */
  String roleArn();

  /** Standard (default) or Express; cannot change after creation. */
  @Value.Default
  default StateMachineType type() {
    return StateMachineType.STANDARD;
  }

  /** The log group ({@code arn:...:log-group:<name>:*}) to log to; logging is off without it. */
  Optional<String> logGroupArn();

  /** What to log when {@link #logGroupArn()} is set. */
  @Value.Default
  default LogLevel logLevel() {
    return LogLevel.ERROR;
  }

  /** Whether logs include execution input and output. */
  @Value.Default
  default boolean includeExecutionData() {
    return false;
  }

  /** Whether X-Ray tracing is on. */
  @Value.Default
  default boolean tracing() {
    return false;
  }

  /** Tags applied to the state machine (added or overwritten; other tags are left alone). */
  Map<String, String> tags();

  /**
   * Every problem with this spec, each with its field path.
   *
   * @return the problems; empty when valid
   */
  default List<Problem> validationProblems() {
    Problems p = Problems.root();
    p.matches("name", name(), NAME, "1-80 letters, digits, '-' or '_'");
    p.matches("roleArn", roleArn(), ROLE_ARN, "an IAM role ARN");
    try {
      if (!new ObjectMapper().readTree(definition()).isObject()) {
        p.add("definition", "must be a JSON object");
      }
    } catch (JsonProcessingException e) {
      p.add("definition", "is not valid JSON: " + e.getOriginalMessage());
    }
    logGroupArn()
        .ifPresent(
            a -> p.matches("logGroupArn", a, LOG_GROUP_ARN, "a log group ARN ending in ':*'"));
    if (logLevel() == LogLevel.UNKNOWN_TO_SDK_VERSION
        || type() == StateMachineType.UNKNOWN_TO_SDK_VERSION) {
      p.add("", "logLevel and type must be known values");
    }
    tags()
        .forEach(
            (k, v) -> {
              if (k.isEmpty() || k.length() > 128) {
                p.add("tags." + k, "key must be 1-128 characters");
              }
              if (v.length() > 256) {
                p.add("tags." + k, "value must be at most 256 characters");
              }
            });
    return p.problems();
  }

  /**
   * Checks the whole spec.
   *
   * @throws ValidationException listing every problem
   */
  default void validate() {
    List<Problem> problems = validationProblems();
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
  }
}
