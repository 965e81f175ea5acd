package io.emrlaunch.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.emrlaunch.core.model.internal.ClusterConfigurationValidator;
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
public interface ClusterConfiguration {

  static ImmutableClusterConfiguration.Builder builder() {
    return ImmutableClusterConfiguration.builder();
  }

  @Value.Default
  default String namespace() {
    return RecordRef.DEFAULT_NAMESPACE;
  }

  String name();

  Optional<String> description();

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
