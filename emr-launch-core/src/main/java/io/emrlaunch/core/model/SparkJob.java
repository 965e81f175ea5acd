package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.emrlaunch.core.model.internal.SparkJobValidator;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * "Run this Spark job on a transient cluster" in one value: the job (entry point, code, arguments,
 * memory) and a small cluster (one master, core instances) that terminates once the job is done.
 * {@link #toClusterConfiguration()} and {@link #steps()} give what {@code RunJobFlowRequests} and
 * the launcher take.
 *
 * <pre>{@code
 * SparkJob job = SparkJob.builder()
 *     .jobName("daily-report")
 *     .entryPoint("s3://code/report/main.py")
 *     .codeFiles("s3://code/report/deps.zip")
 *     .addArguments("--input", "s3://data/in")
 *     .putNamedArguments("report.date", "2024-01-01")
 *     .subnetId("subnet-0abc")
 *     .build();
 * RunJobFlowRequest request = RunJobFlowRequests.from(profile, job);
 * }</pre>
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSparkJob.class)
@JsonDeserialize(as = ImmutableSparkJob.class)
public interface SparkJob extends WithSparkJob {

  /** The release a Spark job uses unless told otherwise: {@link ClusterPresets#DEFAULT_RELEASE}. */
  String DEFAULT_RELEASE = ClusterPresets.DEFAULT_RELEASE;

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
   * Builds {@link SparkJob} values: obtained from {@link SparkJob#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableSparkJob.Builder {
    Builder() {}
  }

  /** The job's name: the cluster's and the step's name. */
  String jobName();

  /** The application: an S3 URI of a {@code .py} file or a jar. */
  String entryPoint();

  /** Main class, for a jar entry point. */
  Optional<String> mainClass();

  /** An S3 zip (or .py/.egg) with the job's code, given to Spark as {@code --py-files}. */
  Optional<String> codeFiles();

  /** Positional arguments of the application, in order. */
  List<String> arguments();

  /**
   * Named arguments, passed after the positional ones as {@code name=value} (for example {@code
   * report.date=2024-01-01}: the {@code namespace.argname=value} style).
   */
  Map<String, String> namedArguments();

  /** {@code --executor-memory}, default {@code 16G}. */
  @Value.Default
  default String executorMemory() {
    return "16G";
  }

  /** {@code --driver-memory}, default {@code 8G}. */
  @Value.Default
  default String driverMemory() {
    return "8G";
  }

  /** Further {@code --conf} settings of spark-submit. */
  Map<String, String> sparkConf();

  /** Maven coordinates added to {@code spark.jars.packages}. */
  List<String> sparkPackages();

  /** Master instance type, default {@code m5.xlarge}. */
  @Value.Default
  default String masterInstanceType() {
    return "m5.xlarge";
  }

  /** Core instance type, default {@code m5.2xlarge}. */
  @Value.Default
  default String coreInstanceType() {
    return "m5.2xlarge";
  }

  /** Core instances, default 2. */
  @Value.Default
  default int coreInstanceCount() {
    return 2;
  }

  /** EMR release, default {@value #DEFAULT_RELEASE}. */
  @Value.Default
  default String releaseLabel() {
    return DEFAULT_RELEASE;
  }

  /**
   * The region the job must run in. Not part of the request: {@code ClusterLauncher.runJob} checks
   * it against its EMR client's region and refuses a mismatch instead of launching elsewhere.
   */
  Optional<String> region();

  /** A logs bucket that replaces the profile's for this job. */
  Optional<String> logBucket();

  /** The subnet of the cluster. */
  Optional<String> subnetId();

  /** Tags of the cluster. */
  Map<String, String> tags();

  /**
   * What a failing job does to the cluster, default {@link StepFailureAction#TERMINATE_CLUSTER}.
   */
  @Value.Default
  default StepFailureAction actionOnFailure() {
    return StepFailureAction.TERMINATE_CLUSTER;
  }

  /**
   * The transient cluster: Hadoop and Spark, one master, {@link #coreInstanceCount()} core
   * instances, the Spark packages in {@code spark-defaults}, terminated when its steps are done.
   *
   * @return the configuration
   */
  default ClusterConfiguration toClusterConfiguration() {
    ClusterInstances.Builder instances =
        ClusterInstances.builder()
            .masterGroup(InstanceGroupConfig.of("Master", masterInstanceType(), 1))
            .coreGroup(InstanceGroupConfig.of("Core", coreInstanceType(), coreInstanceCount()))
            .keepJobFlowAliveWhenNoSteps(false);
    subnetId().ifPresent(instances::ec2SubnetId);
    ClusterConfiguration config =
        ClusterConfiguration.builder()
            .name(SparkJobValidator.recordName(jobName()))
            .clusterName(jobName())
            .releaseLabel(releaseLabel())
            .addApplications("Hadoop", "Spark")
            .instances(instances.build())
            .tags(tags())
            .build();
    return sparkPackages().isEmpty()
        ? config
        : config.addSparkPackages(sparkPackages().toArray(String[]::new));
  }

  /**
   * The job's one step: {@code spark-submit --deploy-mode cluster --executor-memory ...
   * --driver-memory ... [--class] [--py-files] [--conf k=v ...] <entryPoint> <arguments>
   * <name=value ...>}.
   *
   * @return the steps
   */
  default List<EmrStep> steps() {
    List<String> options = new ArrayList<>();
    options.add("--deploy-mode");
    options.add("cluster");
    options.add("--executor-memory");
    options.add(executorMemory());
    options.add("--driver-memory");
    options.add(driverMemory());
    mainClass()
        .ifPresent(
            c -> {
              options.add("--class");
              options.add(c);
            });
    codeFiles()
        .ifPresent(
            c -> {
              options.add("--py-files");
              options.add(c);
            });
    sparkConf()
        .forEach(
            (k, v) -> {
              options.add("--conf");
              options.add(k + "=" + v);
            });
    List<String> args = new ArrayList<>(arguments());
    namedArguments().forEach((k, v) -> args.add(k + "=" + v));
    return List.of(
        EmrStep.spark(jobName(), options, entryPoint(), args)
            .withActionOnFailure(actionOnFailure()));
  }

  /**
   * Every problem with this job, each with its field path.
   *
   * @return the problems; empty when valid
   */
  default List<Problem> validationProblems() {
    Problems problems = Problems.root();
    SparkJobValidator.validate(this, problems);
    return problems.problems();
  }

  /**
   * Checks the job.
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
