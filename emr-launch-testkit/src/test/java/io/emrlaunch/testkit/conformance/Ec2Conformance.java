package io.emrlaunch.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * EC2 security-group scenarios that must give the same observable results on {@code FakeEc2} and on
 * moto: the operations provisioning uses.
 */
abstract class Ec2Conformance {

  abstract Ec2Client ec2();

  String vpc() {
    return ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
  }

  String group(String vpc, String name) {
    return ec2()
        .createSecurityGroup(
            r ->
                r.vpcId(vpc)
                    .groupName(name)
                    .description("conformance " + name)
                    .tagSpecifications(
                        TagSpecification.builder()
                            .resourceType(ResourceType.SECURITY_GROUP)
                            .tags(Tag.builder().key("owner").value("me").build())
                            .build()))
        .groupId();
  }

  SecurityGroup describe(String id) {
    return ec2().describeSecurityGroups(r -> r.groupIds(id)).securityGroups().get(0);
  }

  static IpPermission tcpFrom(int port, String groupId) {
    return IpPermission.builder()
        .ipProtocol("tcp")
        .fromPort(port)
        .toPort(port)
        .userIdGroupPairs(UserIdGroupPair.builder().groupId(groupId).build())
        .build();
  }

  static String code(Throwable e) {
    return ((AwsServiceException) e).awsErrorDetails().errorCode();
  }

  @Test
  void createDescribeWithTagsAndDefaultEgress() {
    String vpc = vpc();
    String id = group(vpc, "conf-master");
    SecurityGroup g = describe(id);
    assertThat(id).startsWith("sg-");
    assertThat(g.groupName()).isEqualTo("conf-master");
    assertThat(g.vpcId()).isEqualTo(vpc);
    assertThat(g.tags()).contains(Tag.builder().key("owner").value("me").build());
    assertThat(g.ipPermissions()).isEmpty();
    assertThat(g.ipPermissionsEgress())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.ipProtocol()).isEqualTo("-1");
              assertThat(p.ipRanges()).extracting(IpRange::cidrIp).containsExactly("0.0.0.0/0");
            });
  }

  @Test
  void filtersByVpcNameAndTag() {
    String vpc = vpc();
    String a = group(vpc, "conf-a");
    group(vpc, "conf-b");
    List<SecurityGroup> byName =
        ec2()
            .describeSecurityGroups(
                r ->
                    r.filters(
                        Filter.builder().name("vpc-id").values(vpc).build(),
                        Filter.builder().name("group-name").values("conf-a").build()))
            .securityGroups();
    assertThat(byName).extracting(SecurityGroup::groupId).containsExactly(a);
    List<SecurityGroup> byTag =
        ec2()
            .describeSecurityGroups(
                r -> r.filters(Filter.builder().name("tag:owner").values("me").build()))
            .securityGroups();
    assertThat(byTag).hasSize(2);
  }

  @Test
  void groupToGroupRulesAuthorizeAndRevoke() {
    String vpc = vpc();
    String master = group(vpc, "conf-m");
    String service = group(vpc, "conf-s");
    ec2()
        .authorizeSecurityGroupIngress(
            r -> r.groupId(service).ipPermissions(tcpFrom(9443, master)));
    ec2()
        .authorizeSecurityGroupEgress(r -> r.groupId(service).ipPermissions(tcpFrom(8443, master)));
    SecurityGroup g = describe(service);
    assertThat(g.ipPermissions())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.ipProtocol()).isEqualTo("tcp");
              assertThat(p.fromPort()).isEqualTo(9443);
              assertThat(p.userIdGroupPairs())
                  .extracting(UserIdGroupPair::groupId)
                  .containsExactly(master);
            });
    assertThat(g.ipPermissionsEgress()).hasSize(2);
    assertThatThrownBy(
            () ->
                ec2()
                    .authorizeSecurityGroupIngress(
                        r -> r.groupId(service).ipPermissions(tcpFrom(9443, master))))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidPermission.Duplicate"));
    ec2().revokeSecurityGroupIngress(r -> r.groupId(service).ipPermissions(tcpFrom(9443, master)));
    ec2()
        .revokeSecurityGroupEgress(
            r ->
                r.groupId(service)
                    .ipPermissions(
                        IpPermission.builder()
                            .ipProtocol("-1")
                            .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build())
                            .build()));
    SecurityGroup after = describe(service);
    assertThat(after.ipPermissions()).isEmpty();
    assertThat(after.ipPermissionsEgress())
        .singleElement()
        .satisfies(p -> assertThat(p.fromPort()).isEqualTo(8443));
  }

  @Test
  void duplicateNameAndMissingGroup() {
    String vpc = vpc();
    group(vpc, "conf-dup");
    assertThatThrownBy(() -> group(vpc, "conf-dup"))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidGroup.Duplicate"));
    assertThatThrownBy(() -> describe("sg-0000000000000000f"))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidGroup.NotFound"));
  }

  @Test
  void deleteRemovesTheGroup() {
    String vpc = vpc();
    String id = group(vpc, "conf-del");
    ec2().deleteSecurityGroup(r -> r.groupId(id));
    assertThatThrownBy(() -> describe(id))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidGroup.NotFound"));
  }

  @Test
  void tagsCanBeAddedAndRemoved() {
    String vpc = vpc();
    String id = group(vpc, "conf-tags");
    ec2().createTags(r -> r.resources(id).tags(Tag.builder().key("team").value("a").build()));
    ec2().deleteTags(r -> r.resources(id).tags(Tag.builder().key("owner").build()));
    assertThat(describe(id).tags()).containsExactly(Tag.builder().key("team").value("a").build());
  }
}
