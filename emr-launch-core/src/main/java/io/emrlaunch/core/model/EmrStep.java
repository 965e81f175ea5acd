package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.emrlaunch.core.model.internal.EmrStepValidator;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A step EMR runs on a cluster: a jar (often {@code command-runner.jar}) with arguments. Typed
 * factories for Spark, Hive, scripts and commands build the right jar and arguments; change the
 * rest with {@code withX} copies.
 *
 * <pre>{@code
 * EmrStep step = EmrStep.sparkSubmit("daily", "s3://code/daily.py", "--date", "2024-01-01")
 *     .withActionOnFailure(StepFailureAction.TERMINATE_CLUSTER);
 * }</pre>
 */
@Value.Immutable
@JsonSerialize(as = ImmutableEmrStep.class)
@JsonDeserialize(as = ImmutableEmrStep.class)
public interface EmrStep extends WithEmrStep {

  /** The jar EMR uses to run a command on the master node. */
  String COMMAND_RUNNER = "command-runner.jar";

  /** The script runner EMR provides in every region, {@code %s} being the region. */
  String SCRIPT_RUNNER = "s3://%s.elasticmapreduce/libs/script-runner/script-runner.jar";

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
   * Builds {@link EmrStep} values: obtained from {@link EmrStep#builder()} or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableEmrStep.Builder {
    Builder() {}
  }

  /**
   * A command run on the master node through {@code command-runner.jar}.
   *
   * @param name step name
   * @param command the command and its arguments, e.g. {@code "hadoop-mapreduce-examples", "pi"}
   * @return the step
   */
  static EmrStep command(String name, String... command) {
    return builder().name(name).jar(COMMAND_RUNNER).addArgs(command).build();
  }

  /**
   * {@code spark-submit --deploy-mode cluster <entryPoint> <args>} through command-runner.
   *
   * @param name step name
   * @param entryPoint the application: an S3 URI of a {@code .py} file or a jar
   * @param args the application's arguments
   * @return the step
   */
  static EmrStep sparkSubmit(String name, String entryPoint, String... args) {
    return spark(name, List.of("--deploy-mode", "cluster"), entryPoint, List.of(args));
  }

  /**
   * {@code spark-submit <options> <entryPoint> <args>} through command-runner.
   *
   * @param name step name
   * @param options spark-submit options, e.g. {@code --class}, {@code --conf k=v}, {@code
   *     --py-files}
   * @param entryPoint the application: an S3 URI of a {@code .py} file or a jar
   * @param args the application's arguments
   * @return the step
   */
  static EmrStep spark(String name, List<String> options, String entryPoint, List<String> args) {
    List<String> all = new ArrayList<>();
    all.add("spark-submit");
    all.addAll(options);
    all.add(entryPoint);
    all.addAll(args);
    return builder().name(name).jar(COMMAND_RUNNER).args(all).build();
  }

  /**
   * A Hive script: {@code hive-script --run-hive-script --args -f <script> -d K=V ...} through
   * command-runner.
   *
   * @param name step name
   * @param script the script's S3 URI
   * @param variables Hive variables, passed as {@code -d K=V}
   * @return the step
   */
  static EmrStep hiveScript(String name, String script, Map<String, String> variables) {
    List<String> args = new ArrayList<>(List.of("hive-script", "--run-hive-script", "--args"));
    args.add("-f");
    args.add(script);
    variables.forEach(
        (k, v) -> {
          args.add("-d");
          args.add(k + "=" + v);
        });
    return builder().name(name).jar(COMMAND_RUNNER).args(args).build();
  }

  /**
   * A shell script run on the master node by EMR's {@code script-runner.jar} of {@code region}.
   *
   * @param name step name
   * @param region the cluster's region, e.g. {@code eu-west-1}
   * @param script the script's S3 URI
   * @param args the script's arguments
   * @return the step
   */
  static EmrStep shellScript(String name, String region, String script, String... args) {
    return builder()
        .name(name)
        .jar(String.format(SCRIPT_RUNNER, region))
        .addArgs(script)
        .addArgs(args)
        .build();
  }

  /**
   * A custom jar.
   *
   * @param name step name
   * @param jar the jar's S3 URI or path on the cluster
   * @param mainClass the main class, or null to use the jar's manifest
   * @param args the arguments
   * @return the step
   */
  static EmrStep customJar(String name, String jar, String mainClass, String... args) {
    return builder()
        .name(name)
        .jar(jar)
        .mainClass(Optional.ofNullable(mainClass))
        .addArgs(args)
        .build();
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

  /**
   * Every problem with this step, each with its field path.
   *
   * @return the problems; empty when valid
   */
  default List<Problem> validationProblems() {
    Problems problems = Problems.root();
    EmrStepValidator.validate(this, problems);
    return problems.problems();
  }

  /**
   * Checks the step.
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
