package io.emrlaunch.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.provisioning.internal.Policies;
import io.emrlaunch.testkit.FakeAws;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;

/**
 * ARNs follow the region's partition. The fake IAM only attaches AWS-managed policies of its own
 * partition, so a wrong partition in a managed policy ARN fails the apply.
 */
class PartitionTest {

  @ParameterizedTest
  @CsvSource({"us-east-1, aws", "cn-north-1, aws-cn", "us-gov-west-1, aws-us-gov"})
  void everyArnUsesTheRegionsPartition(String regionId, String partition) {
    Fixture f = new Fixture(FakeAws.builder().region(Region.of(regionId)).build());
    String key = "arn:" + partition + ":kms:" + regionId + ":123456789012:key/k-1";
    ProvisioningSpec spec =
        f.spec()
            .kmsKeyArns(java.util.List.of(key))
            .securityConfiguration(Fixture.securityConfiguration(key))
            .glueCatalog(true)
            .build();

    EmrProfile profile = f.run(f.provisioner.apply(spec)).profile().orElseThrow();

    String iamPrefix = "arn:" + partition + ":iam::123456789012:role/";
    assertThat(profile.serviceRole()).isEqualTo(iamPrefix + "team-a_analytics-ServiceRole");
    assertThat(profile.instanceRole()).isEqualTo(iamPrefix + "team-a_analytics-InstanceRole");
    assertThat(profile.autoScalingRole()).contains(iamPrefix + "team-a_analytics-AutoScalingRole");
    assertThat(
            f.aws
                .iam()
                .listAttachedRolePolicies(r -> r.roleName("team-a_analytics-ServiceRole"))
                .attachedPolicies())
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(
            "arn:" + partition + ":iam::aws:policy/service-role/AmazonEMRServicePolicy_v2");
    String instance =
        Policies.parse(
                f.aws
                    .iam()
                    .getRolePolicy(
                        r ->
                            r.roleName("team-a_analytics-InstanceRole")
                                .policyName("emr-launch-instance"))
                    .policyDocument())
            .toString();
    assertThat(instance)
        .contains(
            "arn:" + partition + ":s3:::" + regionId + ".elasticmapreduce/*",
            "arn:" + partition + ":s3:::team-a-logs/emr/*",
            "arn:" + partition + ":glue:" + regionId + ":123456789012:catalog")
        .doesNotContain(
            java.util.stream.Stream.of("arn:aws:", "arn:aws-cn:", "arn:aws-us-gov:")
                .filter(other -> !other.equals("arn:" + partition + ":"))
                .toArray(String[]::new));
    String service =
        Policies.parse(
                f.aws
                    .iam()
                    .getRolePolicy(
                        r ->
                            r.roleName("team-a_analytics-ServiceRole")
                                .policyName("emr-launch-service"))
                    .policyDocument())
            .toString();
    assertThat(service).contains(iamPrefix + "team-a_analytics-InstanceRole");
  }
}
