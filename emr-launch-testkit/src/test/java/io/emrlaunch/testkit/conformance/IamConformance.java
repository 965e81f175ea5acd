package io.emrlaunch.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * IAM scenarios that must give the same observable results on {@code FakeIam} and on moto (started
 * with {@code MOTO_IAM_LOAD_MANAGED_POLICIES=true}): the operations provisioning uses.
 */
abstract class IamConformance {
  static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final String POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/prefix/*\"}]}";
  static final String EMR_V2 = "arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2";
  static final ObjectMapper JSON = new ObjectMapper();

  abstract IamClient iam();

  /** IAM returns documents URL-encoded; some servers don't. Both parse the same after this. */
  static JsonNode document(String raw) throws Exception {
    String text = raw.startsWith("{") ? raw : URLDecoder.decode(raw, StandardCharsets.UTF_8);
    return JSON.readTree(text);
  }

  Role create(String name) {
    return iam()
        .createRole(
            r ->
                r.roleName(name)
                    .path("/emr/")
                    .assumeRolePolicyDocument(TRUST)
                    .tags(Tag.builder().key("owner").value("me").build()))
        .role();
  }

  @Test
  void createThenGetRole() throws Exception {
    Role created = create("conf-role");
    Role read = iam().getRole(r -> r.roleName("conf-role")).role();
    assertThat(created.arn()).isEqualTo("arn:aws:iam::123456789012:role/emr/conf-role");
    assertThat(read.arn()).isEqualTo(created.arn());
    assertThat(read.path()).isEqualTo("/emr/");
    assertThat(read.tags()).containsExactly(Tag.builder().key("owner").value("me").build());
    assertThat(document(read.assumeRolePolicyDocument())).isEqualTo(JSON.readTree(TRUST));
  }

  @Test
  void duplicateAndMissingRoles() {
    create("dup");
    assertThatThrownBy(() -> create("dup")).isInstanceOf(EntityAlreadyExistsException.class);
    assertThatThrownBy(() -> iam().getRole(r -> r.roleName("missing")))
        .isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void inlinePoliciesRoundTrip() throws Exception {
    create("inline");
    iam().putRolePolicy(r -> r.roleName("inline").policyName("p").policyDocument(POLICY));
    assertThat(iam().listRolePolicies(r -> r.roleName("inline")).policyNames())
        .containsExactly("p");
    String doc = iam().getRolePolicy(r -> r.roleName("inline").policyName("p")).policyDocument();
    assertThat(document(doc)).isEqualTo(JSON.readTree(POLICY));
    iam().deleteRolePolicy(r -> r.roleName("inline").policyName("p"));
    assertThat(iam().listRolePolicies(r -> r.roleName("inline")).policyNames()).isEmpty();
    assertThatThrownBy(() -> iam().getRolePolicy(r -> r.roleName("inline").policyName("p")))
        .isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void awsManagedPoliciesAttachAndUnknownOnesDoNot() {
    create("managed");
    iam().attachRolePolicy(r -> r.roleName("managed").policyArn(EMR_V2));
    assertThat(iam().listAttachedRolePolicies(r -> r.roleName("managed")).attachedPolicies())
        .extracting(AttachedPolicy::policyArn, AttachedPolicy::policyName)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(EMR_V2, "AmazonEMRServicePolicy_v2"));
    assertThatThrownBy(
            () ->
                iam()
                    .attachRolePolicy(
                        r ->
                            r.roleName("managed")
                                .policyArn("arn:aws:iam::aws:policy/service-role/NoSuchPolicy")))
        .isInstanceOf(NoSuchEntityException.class);
    iam().detachRolePolicy(r -> r.roleName("managed").policyArn(EMR_V2));
    assertThat(iam().listAttachedRolePolicies(r -> r.roleName("managed")).attachedPolicies())
        .isEmpty();
  }

  @Test
  void instanceProfileHoldsTheRoleAndBlocksDeletes() {
    create("ip-role");
    var created =
        iam()
            .createInstanceProfile(
                r ->
                    r.instanceProfileName("ip-role")
                        .path("/emr/")
                        .tags(Tag.builder().key("owner").value("me").build()))
            .instanceProfile();
    assertThat(created.arn()).isEqualTo("arn:aws:iam::123456789012:instance-profile/emr/ip-role");
    iam().addRoleToInstanceProfile(r -> r.instanceProfileName("ip-role").roleName("ip-role"));
    var read = iam().getInstanceProfile(r -> r.instanceProfileName("ip-role")).instanceProfile();
    assertThat(read.roles()).extracting(Role::roleName).containsExactly("ip-role");
    assertThat(read.tags()).containsExactly(Tag.builder().key("owner").value("me").build());
    assertThatThrownBy(() -> iam().deleteRole(r -> r.roleName("ip-role")))
        .isInstanceOf(DeleteConflictException.class);
    iam().removeRoleFromInstanceProfile(r -> r.instanceProfileName("ip-role").roleName("ip-role"));
    iam().deleteInstanceProfile(r -> r.instanceProfileName("ip-role"));
    iam().deleteRole(r -> r.roleName("ip-role"));
    assertThatThrownBy(() -> iam().getInstanceProfile(r -> r.instanceProfileName("ip-role")))
        .isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void roleWithPoliciesCannotBeDeleted() {
    create("busy");
    iam().putRolePolicy(r -> r.roleName("busy").policyName("p").policyDocument(POLICY));
    assertThatThrownBy(() -> iam().deleteRole(r -> r.roleName("busy")))
        .isInstanceOf(DeleteConflictException.class);
  }

  @Test
  void tagsAndTrustCanChange() throws Exception {
    create("mutable");
    iam().tagRole(r -> r.roleName("mutable").tags(Tag.builder().key("team").value("a").build()));
    iam().untagRole(r -> r.roleName("mutable").tagKeys("owner"));
    String trust = TRUST.replace("ec2.amazonaws.com", "elasticmapreduce.amazonaws.com");
    iam().updateAssumeRolePolicy(r -> r.roleName("mutable").policyDocument(trust));
    Role read = iam().getRole(r -> r.roleName("mutable")).role();
    assertThat(read.tags()).containsExactly(Tag.builder().key("team").value("a").build());
    assertThat(document(read.assumeRolePolicyDocument())).isEqualTo(JSON.readTree(trust));
  }
}
