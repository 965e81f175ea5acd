package io.emrlaunch.testkit.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.EmrLaunchTest;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.ec2.FakeEc2;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.iam.IamClient;

/** {@code @EmrLaunchTest} injects the IAM and EC2 fakes and views of one bundle. */
@EmrLaunchTest
class IamEc2InjectionTest {
  static final String TRUST = FakeIamEc2Test.TRUST;

  @Test
  void viewsAndBackendsComeFromTheSameBundle(
      FakeAws aws, FakeIam iamBackend, IamClient iam, FakeEc2 ec2Backend, Ec2AsyncClient ec2) {
    iam.createRole(r -> r.roleName("injected").assumeRolePolicyDocument(TRUST));
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).join().vpc().vpcId();
    ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("g").description("g")).join();

    assertThat(iamBackend).isSameAs(aws.iamBackend());
    assertThat(iamBackend.roleNames()).containsExactly("injected");
    assertThat(ec2Backend.securityGroupIds()).hasSize(1);
    assertThat(aws.calls().count(FakeAws.IAM)).isEqualTo(1);
    assertThat(aws.calls().count(FakeAws.EC2)).isEqualTo(2);
  }
}
