package io.emrlaunch.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.emrlaunch.core.model.internal.ClusterConfigurationValidator;
import io.emrlaunch.core.model.internal.ConfigurationEdits;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The resource half of a cluster: release, applications, bootstrap actions, application
 * configurations, instances and scaling — everything {@code RunJobFlow} needs except the security
 * half ({@link EmrProfile}), the cluster name and the steps. Stored under {@code (namespace, name)}
 * and shared between teams; {@link #allowedOverrides()} names the fields a launch may change.
 *
 * <pre>{@code
 * ClusterConfiguration config = ClusterConfiguration.builder()
 *     .name("spark-small")
 *     .releaseLabel("emr-7.5.0")
 *     .addApplications("Hadoop", "Spark")
 *     .instances(ClusterInstances.builder()
 *         .masterGroup(InstanceGroupConfig.of("Master", "m5.xlarge", 1))
 *         .coreGroup(InstanceGroupConfig.of("Core", "m5.2xlarge", 2))
 *         .ec2SubnetId("subnet-0abc")
 *         .build())
 *     .build();
 * config.validate();
 * }</pre>
 */
@Value.Immutable
@JsonSerialize(as = ImmutableClusterConfiguration.class)
@JsonDeserialize(as = ImmutableClusterConfiguration.class)
public interface ClusterConfiguration extends WithClusterConfiguration {

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
   * Builds {@link ClusterConfiguration} values: obtained from {@link
   * ClusterConfiguration#builder()} or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableClusterConfiguration.Builder {
    Builder() {}
  }

  @Value.Default
  default String namespace() {
    return RecordRef.DEFAULT_NAMESPACE;
  }

  String name();

  Optional<String> description();

  /**
   * The name clusters of this configuration get when the launch gives none (then the
   * configuration's {@link #name()} is used). The {@code ClusterName} override sets it.
   */
  Optional<String> clusterName();

  /** EMR release, e.g. {@code emr-7.5.0}. */
  String releaseLabel();

  /** Application names, e.g. {@code Spark}, {@code Hive}. */
  List<String> applications();

  List<BootstrapAction> bootstrapActions();

  List<ApplicationConfiguration> configurations();

  /** Steps EMR may run at once (1 to 256; needs emr-5.28.0 or later). */
  Optional<Integer> stepConcurrencyLevel();

  @Value.Default
  default ClusterInstances instances() {
    return ClusterInstances.builder().build();
  }

  Optional<ManagedScalingPolicy> managedScaling();

  /** Idle seconds after which EMR terminates the cluster (60 to 604800). */
  Optional<Long> autoTerminationIdleTimeoutSeconds();

  Optional<String> customAmiId();

  /** Root volume size in GiB (15 to 100). */
  Optional<Integer> ebsRootVolumeSize();

  Optional<Integer> ebsRootVolumeIops();

  Optional<Integer> ebsRootVolumeThroughput();

  Optional<String> osReleaseLabel();

  /** KMS key that encrypts the cluster's log files in S3. */
  Optional<String> logEncryptionKmsKeyId();

  Optional<ScaleDownBehavior> scaleDownBehavior();

  @Value.Default
  default boolean visibleToAllUsers() {
    return true;
  }

  /** Tags every cluster of this configuration carries; launch tags win on conflicts. */
  Map<String, String> tags();

  /** The overrides a launch may apply, by name. */
  List<AllowedOverride> allowedOverrides();

  /**
   * Application configurations kept in Secrets Manager: classification → secret ARN. The values are
   * merged into {@link #configurations()} at launch and never stored here.
   */
  Map<String, String> secretConfigurations();

  List<ConfigurationArtifact> configurationArtifacts();

  /**
   * Adds Maven coordinates to {@code spark.jars.packages} of {@code spark-defaults} (comma-joined,
   * existing entries kept, duplicates skipped), as aws-emr-launch's {@code add_spark_package}.
   *
   * @param packages coordinates like {@code com.amazon.deequ:deequ:1.0.2}
   * @return the new configuration
   */
  default ClusterConfiguration addSparkPackages(String... packages) {
    return this.withConfigurations(
        ConfigurationEdits.appendToList(
            configurations(), "spark-defaults", "spark.jars.packages", List.of(packages)));
  }

  /**
   * Adds jars to {@code spark.jars} of {@code spark-defaults}, as aws-emr-launch's {@code
   * add_spark_jars}; when the jars are in S3 their prefix is recorded as a configuration artifact
   * (so launch tooling can grant the instance role read access).
   *
   * @param jars jar locations, usually {@code s3://bucket/prefix/x.jar}
   * @return the new configuration
   */
  default ClusterConfiguration addSparkJars(String... jars) {
    List<ConfigurationArtifact> artifacts = new java.util.ArrayList<>(configurationArtifacts());
    for (String jar : jars) {
      ConfigurationEdits.artifactOf(jar)
          .filter(a -> !artifacts.contains(a))
          .ifPresent(artifacts::add);
    }
    return this.withConfigurations(
            ConfigurationEdits.appendToList(
                configurations(), "spark-defaults", "spark.jars", List.of(jars)))
        .withConfigurationArtifacts(artifacts);
  }

  /**
   * Turns the AWS Glue Data Catalog on or off as the Hive metastore of Hive and Spark: sets or
   * removes {@code hive.metastore.client.factory.class} in {@code hive-site} and {@code
   * spark-hive-site} (aws-emr-launch's {@code use_glue_catalog}).
   *
   * @param enabled whether Hive and Spark use the Glue Data Catalog
   * @return the new configuration
   */
  default ClusterConfiguration withGlueCatalog(boolean enabled) {
    return this.withConfigurations(ConfigurationEdits.glueCatalog(configurations(), enabled));
  }

  /**
   * Whether Hive and Spark use the AWS Glue Data Catalog as their metastore.
   *
   * @return true when both classifications name the Glue client factory
   */
  @JsonIgnore
  default boolean usesGlueCatalog() {
    return ConfigurationEdits.usesGlueCatalog(configurations());
  }

  /**
   * Merges properties into a classification (created when missing), as aws-emr-launch's {@code
   * update_configurations}.
   *
   * @param classification e.g. {@code spark-defaults}
   * @param properties properties to set (they replace existing values)
   * @return the new configuration
   */
  default ClusterConfiguration withProperties(
      String classification, Map<String, String> properties) {
    return this.withConfigurations(
        ConfigurationEdits.merge(configurations(), classification, properties));
  }

  /** The {@code (namespace, name)} this configuration is stored under. */
  @JsonIgnore
  default RecordRef ref() {
    return RecordRef.of(namespace(), name());
  }

  /**
   * Every problem with this configuration, each with its field path.
   *
   * @return the problems; empty when valid
   */
  default List<Problem> validationProblems() {
    Problems problems = Problems.root();
    ClusterConfigurationValidator.validate(this, problems);
    return problems.problems();
  }

  /**
   * Checks the whole configuration.
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
