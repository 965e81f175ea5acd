package io.emrlaunch.testkit.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Where the IAM and EC2 fakes follow AWS beyond what moto checks: IAM's propagation delay, the
 * partition of AWS-managed policies, EC2's dependency check on delete and its missing-rule error.
 */
class FakeIamEc2Test {
  static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  static String code(Throwable e) {
    return ((AwsServiceException) e).awsErrorDetails().errorCode();
  }

  @Test
  void aNewRoleIsInvisibleToDependentCallsUntilTheDelayPasses() {
    FakeAws aws = FakeAws.create();
    aws.iamBackend().newRolesVisibleAfter(Duration.ofSeconds(5));
    aws.iam().createRole(r -> r.roleName("r").assumeRolePolicyDocument(TRUST));
    aws.iam().createInstanceProfile(r -> r.instanceProfileName("r"));

    assertThat(aws.iam().getRole(r -> r.roleName("r")).role().roleName()).isEqualTo("r");
    assertThatThrownBy(
            () -> aws.iam().addRoleToInstanceProfile(r -> r.instanceProfileName("r").roleName("r")))
        .isInstanceOf(NoSuchEntityException.class);
    aws.time().advance(Duration.ofSeconds(5));
    aws.iam().addRoleToInstanceProfile(r -> r.instanceProfileName("r").roleName("r"));
    assertThat(aws.calls().count(FakeAws.IAM, "AddRoleToInstanceProfile")).isEqualTo(2);
  }

  @Test
  void managedPoliciesExistOnlyInTheRegionsPartition() {
    FakeAws cn = FakeAws.builder().region(Region.CN_NORTH_1).build();
    cn.iam().createRole(r -> r.roleName("r").assumeRolePolicyDocument(TRUST));
    assertThat(cn.iam().getRole(r -> r.roleName("r")).role().arn())
        .isEqualTo("arn:aws-cn:iam::123456789012:role/r");
    assertThatThrownBy(
            () ->
                cn.iam()
                    .attachRolePolicy(
                        r ->
                            r.roleName("r")
                                .policyArn(
                                    "arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2")))
        .isInstanceOf(NoSuchEntityException.class);
    cn.iam()
        .attachRolePolicy(
            r ->
                r.roleName("r")
                    .policyArn(
                        "arn:aws-cn:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2"));
  }

  @Test
  void malformedPolicyDocumentsAreRefused() {
    FakeAws aws = FakeAws.create();
    assertThatThrownBy(
            () -> aws.iam().createRole(r -> r.roleName("r").assumeRolePolicyDocument("not json")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("MalformedPolicyDocument"));
  }

  @Test
  void aReferencedGroupCannotBeDeletedAndMissingRulesCannotBeRevoked() {
    FakeAws aws = FakeAws.create();
    String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String a =
        aws.ec2().createSecurityGroup(r -> r.vpcId(vpc).groupName("a").description("a")).groupId();
    String b =
        aws.ec2().createSecurityGroup(r -> r.vpcId(vpc).groupName("b").description("b")).groupId();
    IpPermission fromA =
        IpPermission.builder()
            .ipProtocol("tcp")
            .fromPort(9443)
            .toPort(9443)
            .userIdGroupPairs(UserIdGroupPair.builder().groupId(a).build())
            .build();
    aws.ec2().authorizeSecurityGroupIngress(r -> r.groupId(b).ipPermissions(fromA));

    assertThatThrownBy(() -> aws.ec2().deleteSecurityGroup(r -> r.groupId(a)))
        .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
    aws.ec2().revokeSecurityGroupIngress(r -> r.groupId(b).ipPermissions(fromA));
    assertThatThrownBy(
            () -> aws.ec2().revokeSecurityGroupIngress(r -> r.groupId(b).ipPermissions(fromA)))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidPermission.NotFound"));
    aws.ec2().deleteSecurityGroup(r -> r.groupId(a));
    assertThat(aws.ec2Backend().securityGroupIds()).containsExactly(b);
  }
}
