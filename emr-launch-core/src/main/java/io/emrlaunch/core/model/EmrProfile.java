package io.emrlaunch.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.emrlaunch.core.model.internal.EmrProfileValidator;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The security half of a cluster: IAM roles, security groups, security configuration, log and
 * artifact locations and Kerberos. Reviewed once, stored under {@code (namespace, name)}, reused by
 * every launch.
 *
 * <pre>{@code
 * EmrProfile profile = EmrProfile.builder()
 *     .name("analytics")
 *     .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
 *     .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
 *     .masterSecurityGroup("sg-0123456789abcdef0")
 *     .workersSecurityGroup("sg-0123456789abcdef1")
 *     .logsBucket("my-emr-logs")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@JsonSerialize(as = ImmutableEmrProfile.class)
@JsonDeserialize(as = ImmutableEmrProfile.class)
public interface EmrProfile extends WithEmrProfile {

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
   * Builds {@link EmrProfile} values: obtained from {@link EmrProfile#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableEmrProfile.Builder {
    Builder() {}
  }

  @Value.Default
  default String namespace() {
    return RecordRef.DEFAULT_NAMESPACE;
  }

  String name();

  Optional<String> description();

  /** The EMR service role: an ARN or a role name. */
  String serviceRole();

  /** The role of the cluster's EC2 instances: an ARN or a role name. */
  String instanceRole();

  /**
   * The instance profile EMR gives the instances: an ARN or a name. When absent it is derived from
   * {@link #instanceRole()} (same name), as aws-emr-launch did.
   */
  Optional<String> instanceProfile();

  /** The role EMR uses for custom automatic scaling of instance groups. */
  Optional<String> autoScalingRole();

  Optional<String> vpcId();

  /** EMR-managed security group of the master node. */
  Optional<String> masterSecurityGroup();

  /** EMR-managed security group of core and task nodes. */
  Optional<String> workersSecurityGroup();

  /** Service-access security group (needed in private subnets). */
  Optional<String> serviceAccessSecurityGroup();

  /** Name of the EMR security configuration clusters use. */
  Optional<String> securityConfigurationName();

  /**
   * The content of that security configuration, when this profile defines it (aws-emr-launch
   * profiles always did); whoever provisions the profile creates it in EMR under {@link
   * #securityConfigurationName()}.
   */
  Optional<SecurityConfiguration> securityConfiguration();

  Optional<String> logsBucket();

  /** Key prefix of cluster logs; the log URI is {@code s3://<bucket>/<prefix><clusterName>}. */
  @Value.Default
  default String logsPrefix() {
    return "elasticmapreduce/";
  }

  Optional<String> artifactsBucket();

  Optional<String> artifactsPrefix();

  /** Secrets Manager ARN holding the Kerberos attributes (realm, KDC admin password, ...). */
  Optional<String> kerberosAttributesSecretArn();

  @Value.Default
  default boolean mutableInstanceRole() {
    return true;
  }

  @Value.Default
  default boolean mutableSecurityGroups() {
    return true;
  }

  /** The {@code (namespace, name)} this profile is stored under. */
  @JsonIgnore
  default RecordRef ref() {
    return RecordRef.of(namespace(), name());
  }

  /**
   * Every problem with this profile, each with its field path.
   *
   * @return the problems; empty when valid
   */
  default List<Problem> validationProblems() {
    Problems problems = Problems.root();
    EmrProfileValidator.validate(this, problems);
    return problems.problems();
  }

  /**
   * Checks the whole profile.
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
