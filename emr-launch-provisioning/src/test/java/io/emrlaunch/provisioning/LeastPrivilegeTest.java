package io.emrlaunch.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.provisioning.internal.Policies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;

/**
 * The roles' policies as IAM holds them after apply pass the least-privilege rules of
 * docs/provisioning.md: no {@code "*"} resource and no service-wide action in any inline policy;
 * wildcards only at the end of S3 object keys and in KMS data-key action families; {@code
 * iam:PassRole} only in the service role, only on the profile's instance and auto-scaling roles,
 * only to the service that needs each; the AWS-managed policies are exactly the two documented.
 */
class LeastPrivilegeTest {
  static final String ACCOUNT = "123456789012";

  /** role name -> its inline statements. */
  static Map<String, List<JsonNode>> statements(Fixture f) {
    Map<String, List<JsonNode>> result = new TreeMap<>();
    for (String role : f.aws.iamBackend().roleNames()) {
      List<JsonNode> all = new ArrayList<>();
      for (String policy : f.aws.iam().listRolePolicies(r -> r.roleName(role)).policyNames()) {
        JsonNode doc =
            Policies.parse(
                f.aws
                    .iam()
                    .getRolePolicy(r -> r.roleName(role).policyName(policy))
                    .policyDocument());
        doc.get("Statement").forEach(all::add);
      }
      result.put(role, all);
    }
    return result;
  }

  static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else {
      out.add(node.asText());
    }
    return out;
  }

  @Test
  void everyGeneratedStatementIsScopedToTheProfilesResources() {
    Fixture f = new Fixture();
    f.run(f.provisioner.apply(f.spec().glueCatalog(true).build()));
    Map<String, List<JsonNode>> byRole = statements(f);

    assertThat(byRole)
        .containsOnlyKeys(
            "team-a_analytics-AutoScalingRole",
            "team-a_analytics-InstanceRole",
            "team-a_analytics-ServiceRole");
    for (Map.Entry<String, List<JsonNode>> e : byRole.entrySet()) {
      for (JsonNode s : e.getValue()) {
        String where = e.getKey() + " " + s;
        assertThat(s.get("Effect").asText()).as(where).isEqualTo("Allow");
        assertThat(s.has("NotAction") || s.has("NotResource")).as(where).isFalse();
        for (String action : strings(s.get("Action"))) {
          assertThat(action).as(where).isNotEqualTo("*").doesNotEndWith(":*");
          if (action.contains("*")) {
            assertThat(action).as(where).isIn("kms:ReEncrypt*", "kms:GenerateDataKey*");
          }
        }
        for (String resource : strings(s.get("Resource"))) {
          assertThat(resource).as(where).isNotEqualTo("*").startsWith("arn:aws:");
          if (resource.contains("*")) {
            assertThat(resource)
                .as(where)
                .matches("arn:aws:s3:::[a-z0-9.-]+/[^*]*\\*")
                .endsWith("*");
          }
          if (!resource.startsWith("arn:aws:s3:::")) {
            assertThat(resource).as(where).contains(":" + ACCOUNT + ":");
          }
        }
      }
    }

    // PassRole: the service role passes exactly the instance role to EC2 and the auto-scaling
    // role to Application Auto Scaling; no other role may pass anything.
    List<String> passRole = new ArrayList<>();
    byRole.forEach(
        (role, stmts) ->
            stmts.stream()
                .filter(s -> strings(s.get("Action")).stream().anyMatch(a -> a.startsWith("iam:")))
                .forEach(
                    s -> {
                      assertThat(strings(s.get("Action"))).containsExactly("iam:PassRole");
                      passRole.add(
                          role
                              + " -> "
                              + strings(s.get("Resource"))
                              + " to "
                              + s.at("/Condition/StringLike/iam:PassedToService").asText());
                    }));
    assertThat(passRole)
        .containsExactlyInAnyOrder(
            "team-a_analytics-ServiceRole -> [arn:aws:iam::123456789012:role/team-a_analytics-InstanceRole] to ec2.amazonaws.com*",
            "team-a_analytics-ServiceRole -> [arn:aws:iam::123456789012:role/team-a_analytics-AutoScalingRole] to application-autoscaling.amazonaws.com*");

    // The AWS-managed policies (whose "*" resources AWS requires) are exactly the documented two.
    Map<String, List<String>> managed = new TreeMap<>();
    for (String role : byRole.keySet()) {
      managed.put(
          role,
          f.aws.iam().listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies().stream()
              .map(AttachedPolicy::policyArn)
              .toList());
    }
    assertThat(managed)
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "team-a_analytics-AutoScalingRole",
                    List.of(
                        "arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceforAutoScalingRole"),
                    "team-a_analytics-InstanceRole",
                    List.of(),
                    "team-a_analytics-ServiceRole",
                    List.of("arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2"))));
  }

  @Test
  void optionalGrantsAppearOnlyWhenAskedFor() {
    Fixture f = new Fixture();
    f.run(
        f.provisioner.apply(
            f.spec()
                .kmsKeyArns(List.of())
                .securityConfiguration(null)
                .artifactsBucket(null)
                .glueCatalog(false)
                .build()));
    String all = statements(f).toString();
    assertThat(all).doesNotContain("kms:", "glue:", "team-a-code");
    assertThat(all).contains("team-a-logs");
  }

  @Test
  void theServiceRoleGetsKeyGrantsOnlyForEbsEncryption() {
    Fixture f = new Fixture();
    f.run(f.provisioner.apply(f.spec().build()));
    assertThat(statements(f).get("team-a_analytics-ServiceRole").toString())
        .contains("kms:CreateGrant", Fixture.KEY);

    Fixture g = new Fixture();
    g.run(
        g.provisioner.apply(
            g.spec()
                .securityConfiguration(
                    io.emrlaunch.core.model.SecurityConfiguration.builder()
                        .s3Encryption(io.emrlaunch.core.model.S3Encryption.sseKms(Fixture.KEY))
                        .build())
                .build()));
    assertThat(statements(g).get("team-a_analytics-ServiceRole").toString()).doesNotContain("kms:");
  }
}
