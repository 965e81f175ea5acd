package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A step EMR runs on a cluster: a jar (often {@code command-runner.jar}) with arguments. Typed
 * factories for Spark, Hive, scripts and commands build the right jar and arguments.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableEmrStep.class)
@JsonDeserialize(as = ImmutableEmrStep.class)
public interface EmrStep {

  /** The jar EMR uses to run a command on the master node. */
  String COMMAND_RUNNER = "command-runner.jar";

  static ImmutableEmrStep.Builder builder() {
    return ImmutableEmrStep.builder();
  }

  String name();

  /** The jar EMR runs: a path on the cluster, an S3 URI or {@link #COMMAND_RUNNER}. */
  String jar();

  Optional<String> mainClass();

  List<String> args();

  /** Java system properties of the step's JVM. */
  Map<String, String> properties();

  @Value.Default
  default StepFailureAction actionOnFailure() {
    return StepFailureAction.CONTINUE;
  }

  /** IAM role the step runs as (runtime roles; needs a security configuration allowing them). */
  Optional<String> executionRoleArn();
}
