package io.emrlaunch.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.emrlaunch.core.model.internal.LaunchFunctionValidator;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A named way to launch a cluster: a profile and a configuration (by reference), the cluster name
 * and tags, the overrides a caller may apply and what to do on success or failure. The Step
 * Functions launch function and {@code ClusterLauncher} both start from it.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableLaunchFunction.class)
@JsonDeserialize(as = ImmutableLaunchFunction.class)
public interface LaunchFunction extends WithLaunchFunction {

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
   * Builds {@link LaunchFunction} values: obtained from {@link LaunchFunction#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableLaunchFunction.Builder {
    Builder() {}
  }

  @Value.Default
  default String namespace() {
    return RecordRef.DEFAULT_NAMESPACE;
  }

  String name();

  Optional<String> description();

  RecordRef profile();

  RecordRef configuration();

  /**
   * Name of the clusters launched; empty (the default) means the configuration's name.
   *
   * @return the name, or an empty string
   */
  @Value.Default
  default String clusterName() {
    return "";
  }

  Map<String, String> clusterTags();

  /**
   * The overrides callers may apply; when empty, the configuration's {@link
   * ClusterConfiguration#allowedOverrides()} apply.
   */
  List<AllowedOverride> allowedOverrides();

  @Value.Default
  default boolean defaultFailIfClusterRunning() {
    return false;
  }

  @Value.Default
  default boolean waitForClusterStart() {
    return true;
  }

  Optional<String> successTopicArn();

  Optional<String> failureTopicArn();

  /** ARN of the deployed state machine, once deployed. */
  Optional<String> stateMachineArn();

  /** A custom override Lambda of an aws-emr-launch record, kept so the record round-trips. */
  Optional<String> overrideClusterConfigsLambdaArn();

  /** The {@code (namespace, name)} this launch function is stored under. */
  @JsonIgnore
  default RecordRef ref() {
    return RecordRef.of(namespace(), name());
  }

  /**
   * Every problem with this launch function, each with its field path.
   *
   * @return the problems; empty when valid
   */
  default List<Problem> validationProblems() {
    Problems problems = Problems.root();
    LaunchFunctionValidator.validate(this, problems);
    return problems.problems();
  }

  /**
   * Checks the whole launch function.
   *
   * @throws ValidationException listing every problem when invalid
   */
  default void validate() {
    List<Problem> problems = validationProblems();
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
  }
}
