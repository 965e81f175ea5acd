package io.emrlaunch.provisioning.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.provisioning.ProvisioningSpec;
import io.emrlaunch.provisioning.ResourceKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IAM documents of a profile's roles: trust policies, inline policies and the AWS-managed
 * policies attached. Every inline statement names its resources exactly (bucket prefixes, key ARNs,
 * role ARNs); see docs/provisioning.md for the least-privilege rules.
 */
public final class Policies {
  static final ObjectMapper JSON = new ObjectMapper();

  /** AmazonEMRServicePolicy_v2, for the service role. */
  public static final String EMR_SERVICE_POLICY_V2 = "service-role/AmazonEMRServicePolicy_v2";

  /** The auto-scaling role's managed policy. */
  public static final String EMR_AUTO_SCALING_POLICY =
      "service-role/AmazonElasticMapReduceforAutoScalingRole";

  /** Name of the service role's inline policy. */
  public static final String SERVICE_INLINE = "emr-launch-service";

  /** Name of the instance role's inline policy. */
  public static final String INSTANCE_INLINE = "emr-launch-instance";

  private final ProvisioningSpec spec;
  private final Names names;

  public Policies(ProvisioningSpec spec, Names names) {
    this.spec = spec;
    this.names = names;
  }

  /** The trust policy of a role. */
  public String trust(ResourceKind role) {
    ObjectNode stmt = statement(null, "sts:AssumeRole");
    ObjectNode principal = stmt.putObject("Principal");
    switch (role) {
      case SERVICE_ROLE:
        principal.put("Service", "elasticmapreduce.amazonaws.com");
        sourceAccount(stmt);
        break;
      case INSTANCE_ROLE:
        principal.put("Service", "ec2.amazonaws.com");
        break;
      case AUTO_SCALING_ROLE:
        principal
            .putArray("Service")
            .add("elasticmapreduce.amazonaws.com")
            .add("application-autoscaling.amazonaws.com");
        sourceAccount(stmt);
        break;
      default:
        throw new IllegalArgumentException(role.toString());
    }
    return document(List.of(stmt));
  }

  private void sourceAccount(ObjectNode stmt) {
    stmt.putObject("Condition")
        .putObject("StringEquals")
        .put("aws:SourceAccount", names.accountId());
  }

  /** The AWS-managed policies attached to a role (full ARNs). */
  public Set<String> managed(ResourceKind role) {
    switch (role) {
      case SERVICE_ROLE:
        return Set.of(names.managedPolicyArn(EMR_SERVICE_POLICY_V2));
      case AUTO_SCALING_ROLE:
        return Set.of(names.managedPolicyArn(EMR_AUTO_SCALING_POLICY));
      default:
        return Set.of();
    }
  }

  /** The inline policies of a role, by name. */
  public Map<String, String> inline(ResourceKind role) {
    Map<String, String> result = new LinkedHashMap<>();
    if (role == ResourceKind.SERVICE_ROLE) {
      result.put(SERVICE_INLINE, serviceInline());
    } else if (role == ResourceKind.INSTANCE_ROLE) {
      result.put(INSTANCE_INLINE, instanceInline());
    }
    return result;
  }

  private String serviceInline() {
    ObjectNode passInstance = statement("PassInstanceRoleToEc2", "iam:PassRole");
    passInstance.put("Resource", names.roleArn(ResourceKind.INSTANCE_ROLE));
    passInstance
        .putObject("Condition")
        .putObject("StringLike")
        .put("iam:PassedToService", "ec2.amazonaws.com*");
    ObjectNode passScaling = statement("PassAutoScalingRole", "iam:PassRole");
    passScaling.put("Resource", names.roleArn(ResourceKind.AUTO_SCALING_ROLE));
    passScaling
        .putObject("Condition")
        .putObject("StringLike")
        .put("iam:PassedToService", "application-autoscaling.amazonaws.com*");
    List<ObjectNode> statements = new java.util.ArrayList<>(List.of(passInstance, passScaling));
    if (ebsEncryption() && !spec.kmsKeyArns().isEmpty()) {
      ObjectNode kms =
          statement(
              "EbsEncryptionKeys",
              "kms:CreateGrant",
              "kms:ListGrants",
              "kms:RevokeGrant",
              "kms:Encrypt",
              "kms:Decrypt",
              "kms:ReEncrypt*",
              "kms:GenerateDataKey*",
              "kms:DescribeKey");
      resources(kms, spec.kmsKeyArns());
      statements.add(kms);
    }
    return document(statements);
  }

  private boolean ebsEncryption() {
    return spec.securityConfiguration()
        .map(sc -> sc.toEmrJsonTree().findValue("EnableEbsEncryption"))
        .map(JsonNode::asBoolean)
        .orElse(false);
  }

  private String instanceInline() {
    String p = names.partition();
    List<ObjectNode> statements = new java.util.ArrayList<>();
    String emrBucket = names.region() + ".elasticmapreduce";
    ObjectNode emrRead = statement("ReadEmrRegionalArtifacts", "s3:GetObject");
    resources(emrRead, List.of("arn:" + p + ":s3:::" + emrBucket + "/*"));
    statements.add(emrRead);
    String logs = "arn:" + p + ":s3:::" + spec.logsBucket();
    ObjectNode logsRw = statement("ReadWriteLogs", "s3:GetObject", "s3:PutObject");
    resources(logsRw, List.of(logs + "/" + spec.logsPrefix() + "*"));
    statements.add(logsRw);
    statements.add(listBucket("ListLogs", logs, spec.logsPrefix()));
    spec.artifactsBucket()
        .ifPresent(
            bucket -> {
              String arn = "arn:" + p + ":s3:::" + bucket;
              ObjectNode read = statement("ReadArtifacts", "s3:GetObject");
              resources(read, List.of(arn + "/" + spec.artifactsPrefix() + "*"));
              statements.add(read);
              statements.add(listBucket("ListArtifacts", arn, spec.artifactsPrefix()));
            });
    if (!spec.kmsKeyArns().isEmpty()) {
      ObjectNode kms =
          statement(
              "UseProfileKeys",
              "kms:Encrypt",
              "kms:Decrypt",
              "kms:ReEncrypt*",
              "kms:GenerateDataKey*",
              "kms:DescribeKey");
      resources(kms, spec.kmsKeyArns());
      statements.add(kms);
    }
    if (spec.glueCatalog()) {
      String glue = "arn:" + p + ":glue:" + names.region() + ":" + names.accountId() + ":";
      ObjectNode g =
          statement(
              "ReadGlueCatalog",
              "glue:GetDatabase",
              "glue:GetDatabases",
              "glue:GetUserDefinedFunctions");
      resources(g, List.of(glue + "catalog", glue + "database/default"));
      statements.add(g);
    }
    return document(statements);
  }

  private static ObjectNode listBucket(String sid, String bucketArn, String prefix) {
    ObjectNode list = statement(sid, "s3:ListBucket");
    list.put("Resource", bucketArn);
    if (!prefix.isEmpty()) {
      list.putObject("Condition").putObject("StringLike").put("s3:prefix", prefix + "*");
    }
    return list;
  }

  private static ObjectNode statement(String sid, String... actions) {
    ObjectNode s = JSON.createObjectNode();
    if (sid != null) {
      s.put("Sid", sid);
    }
    s.put("Effect", "Allow");
    if (actions.length == 1) {
      s.put("Action", actions[0]);
    } else {
      ArrayNode a = s.putArray("Action");
      for (String action : actions) {
        a.add(action);
      }
    }
    return s;
  }

  private static void resources(ObjectNode stmt, List<String> arns) {
    if (arns.size() == 1) {
      stmt.put("Resource", arns.get(0));
    } else {
      ArrayNode a = stmt.putArray("Resource");
      arns.forEach(a::add);
    }
  }

  private static String document(List<ObjectNode> statements) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("Version", "2012-10-17");
    ArrayNode s = doc.putArray("Statement");
    statements.forEach(s::add);
    return doc.toString();
  }

  /** Parses a policy document as IAM returns it (URL-encoded) or as given. */
  public static JsonNode parse(String raw) {
    if (raw == null) {
      return null;
    }
    String text =
        raw.startsWith("{")
            ? raw
            : java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      return JSON.getNodeFactory().textNode(text);
    }
  }
}
