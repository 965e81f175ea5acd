package io.emrlaunch.stepfunctions.e2e;

import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.repository.ParameterLayout;
import io.emrlaunch.ssm.SsmRecordStore;
import io.emrlaunch.stepfunctions.iam.PolicyDocument;
import io.emrlaunch.stepfunctions.iam.PolicyStatement;
import io.emrlaunch.testkit.moto.MotoServer;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Puts a launch function's world into a freshly reset moto: the profile's IAM roles (and an
 * instance profile named like the instance role, as the console makes them), its EMR security
 * configuration, and the profile and configuration records saved through {@link SsmRecordStore}
 * (aws-emr-launch format, the store's default).
 *
 * <p>moto's EMR accepts any security group and subnet id, so no VPC is made: the profile's ids are
 * echoed back by {@code DescribeCluster} as they are.
 */
public final class LaunchFixtures implements MotoStepFunctions.Fixture {
  private static final String EC2_TRUST =
      PolicyDocument.of(
              PolicyStatement.allow()
                  .principal("Service", "ec2.amazonaws.com")
                  .actions("sts:AssumeRole")
                  .build())
          .toJson();
  private static final String EMR_TRUST =
      PolicyDocument.of(
              PolicyStatement.allow()
                  .principal("Service", "elasticmapreduce.amazonaws.com")
                  .actions("sts:AssumeRole")
                  .build())
          .toJson();
  private static final String SECURITY_CONFIGURATION =
      "{\"EncryptionConfiguration\":{\"EnableInTransitEncryption\":false,"
          + "\"EnableAtRestEncryption\":false}}";

  private final EmrProfile profile;
  private final Optional<ClusterConfiguration> configuration;
  private final ParameterLayout layout;

  private LaunchFixtures(
      EmrProfile profile, Optional<ClusterConfiguration> configuration, ParameterLayout layout) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.configuration = configuration;
    this.layout = layout;
  }

  /**
   * Fixtures for both records in the default layout.
   *
   * @param profile the profile
   * @param configuration the configuration
   * @return the fixtures
   */
  public static LaunchFixtures of(EmrProfile profile, ClusterConfiguration configuration) {
    return new LaunchFixtures(profile, Optional.of(configuration), ParameterLayout.defaultLayout());
  }

  /**
   * The same fixtures without the configuration record (its parameter does not exist).
   *
   * @return new fixtures
   */
  public LaunchFixtures withoutConfiguration() {
    return new LaunchFixtures(profile, Optional.empty(), layout);
  }

  /**
   * The same fixtures with the records under another SSM root.
   *
   * @param root e.g. {@code /platform/emr}
   * @return new fixtures
   */
  public LaunchFixtures underRoot(String root) {
    return new LaunchFixtures(profile, configuration, ParameterLayout.withRoot(root));
  }

  /**
   * The store these fixtures write with, on the server's shared async SSM client.
   *
   * @param moto the server
   * @return the store
   */
  public SsmRecordStore store(MotoServer moto) {
    return SsmRecordStore.builder().client(moto.ssmAsync()).layout(layout).build();
  }

  @Override
  public void create(MotoServer moto, IamClient iam) {
    createRoles(iam);
    profile
        .securityConfigurationName()
        .ifPresent(
            name ->
                moto.emr()
                    .createSecurityConfiguration(
                        r -> r.name(name).securityConfiguration(SECURITY_CONFIGURATION)));
    SsmRecordStore store = store(moto);
    store.profiles().save(profile).join();
    configuration.ifPresent(c -> store.configurations().save(c).join());
  }

  private void createRoles(IamClient iam) {
    Set<String> emrRoles = new LinkedHashSet<>();
    emrRoles.add(name(profile.serviceRole()));
    profile.autoScalingRole().map(LaunchFixtures::name).ifPresent(emrRoles::add);
    for (String role : emrRoles) {
      iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(EMR_TRUST));
    }
    String instanceRole = name(profile.instanceRole());
    iam.createRole(r -> r.roleName(instanceRole).assumeRolePolicyDocument(EC2_TRUST));
    String instanceProfile = name(profile.instanceProfile().orElse(profile.instanceRole()));
    iam.createInstanceProfile(r -> r.instanceProfileName(instanceProfile));
    iam.addRoleToInstanceProfile(
        r -> r.instanceProfileName(instanceProfile).roleName(instanceRole));
  }

  /** {@code arn:aws:iam::1:role/path/Name} → {@code Name}. */
  private static String name(String roleOrArn) {
    return roleOrArn.substring(roleOrArn.lastIndexOf('/') + 1);
  }
}
