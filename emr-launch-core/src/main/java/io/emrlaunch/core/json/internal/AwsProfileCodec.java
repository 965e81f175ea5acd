package io.emrlaunch.core.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.RecordCodec;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.model.SecurityConfiguration;
import io.emrlaunch.core.model.internal.SecurityConfigurationJson;
import io.emrlaunch.core.validation.Problems;
import java.util.Optional;

/**
 * aws-emr-launch's profile record (inventory §1.7): field names and order as its {@code to_json()}.
 */
public final class AwsProfileCodec implements RecordCodec<EmrProfile> {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String DEFAULT_LOGS_PATH = "elasticmapreduce/";

  @Override
  public String write(EmrProfile profile) {
    ObjectNode n = F.objectNode();
    n.put("ProfileName", profile.name());
    n.put("Namespace", profile.namespace());
    put(n, "Vpc", profile.vpcId());
    n.put("MutableInstanceRole", profile.mutableInstanceRole());
    n.put("MutableSecurityGroups", profile.mutableSecurityGroups());
    ObjectNode groups = n.putObject("SecurityGroups");
    put(groups, "MasterGroup", profile.masterSecurityGroup());
    put(groups, "WorkersGroup", profile.workersSecurityGroup());
    put(groups, "ServiceGroup", profile.serviceAccessSecurityGroup());
    ObjectNode roles = n.putObject("Roles");
    roles.put("ServiceRole", profile.serviceRole());
    roles.put("InstanceRole", profile.instanceRole());
    put(
        roles,
        "InstanceProfile",
        profile.instanceProfile().or(() -> derivedProfile(profile.instanceRole())));
    put(roles, "AutoScalingRole", profile.autoScalingRole());
    put(n, "ArtifactsBucket", profile.artifactsBucket());
    put(n, "ArtifactsPath", profile.artifactsPrefix());
    put(n, "LogsBucket", profile.logsBucket());
    n.put("LogsPath", profile.logsPrefix());
    Optional<SecurityConfiguration> sc = profile.securityConfiguration();
    n.set(
        "S3EncryptionConfiguration",
        sc.flatMap(SecurityConfiguration::s3Encryption)
            .<JsonNode>map(SecurityConfigurationJson::s3)
            .orElse(F.nullNode()));
    n.set(
        "LocalDiskEncryptionConfiguration",
        sc.flatMap(SecurityConfiguration::localDiskEncryption)
            .<JsonNode>map(SecurityConfigurationJson::localDisk)
            .orElse(F.nullNode()));
    // aws-emr-launch keeps the in-transit wrapper object here
    n.set(
        "TLSCertificateConfiguration",
        sc.flatMap(SecurityConfiguration::tlsCertificates)
            .<JsonNode>map(
                t ->
                    F.objectNode()
                        .set("TLSCertificateConfiguration", SecurityConfigurationJson.tls(t)))
            .orElse(F.nullNode()));
    n.set(
        "KerberosConfiguration",
        sc.flatMap(SecurityConfiguration::kerberos)
            .<JsonNode>map(SecurityConfigurationJson::kerberos)
            .orElse(F.nullNode()));
    put(n, "KerberosAttributesSecret", profile.kerberosAttributesSecretArn());
    n.set(
        "EmrFsConfiguration",
        sc.filter(s -> !s.emrFsRoleMappings().isEmpty())
            .<JsonNode>map(s -> SecurityConfigurationJson.emrFs(s.emrFsRoleMappings()))
            .orElse(F.nullNode()));
    n.set(
        "LakeFormationConfiguration",
        sc.flatMap(SecurityConfiguration::lakeFormation)
            .<JsonNode>map(SecurityConfigurationJson::lakeFormation)
            .orElse(F.nullNode()));
    put(n, "SecurityConfiguration", profile.securityConfigurationName());
    put(n, "Description", profile.description());
    return n.toString();
  }

  @Override
  public EmrProfile read(String json) {
    JsonNode root = AwsRecords.parse(json);
    Problems p = Problems.root();
    EmrProfile.Builder b = EmrProfile.builder();
    String name = AwsRecords.requiredText(root, "ProfileName", p);
    b.name(name == null ? "" : name);
    b.namespace(AwsRecords.text(root, "Namespace").orElse(RecordRef.DEFAULT_NAMESPACE));
    b.description(AwsRecords.text(root, "Description"));
    b.vpcId(AwsRecords.text(root, "Vpc"));
    b.mutableInstanceRole(AwsRecords.bool(root, "MutableInstanceRole", true, p));
    b.mutableSecurityGroups(AwsRecords.bool(root, "MutableSecurityGroups", true, p));
    JsonNode groups = root.path("SecurityGroups");
    b.masterSecurityGroup(AwsRecords.text(groups, "MasterGroup"));
    b.workersSecurityGroup(AwsRecords.text(groups, "WorkersGroup"));
    b.serviceAccessSecurityGroup(AwsRecords.text(groups, "ServiceGroup"));
    JsonNode roles = root.path("Roles");
    Problems rp = p.at("Roles");
    String service = AwsRecords.requiredText(roles, "ServiceRole", rp);
    String instance = AwsRecords.requiredText(roles, "InstanceRole", rp);
    b.serviceRole(service == null ? "" : service);
    b.instanceRole(instance == null ? "" : instance);
    Optional<String> instanceProfile = AwsRecords.text(roles, "InstanceProfile");
    // the derived instance profile is implied; keep only one that differs
    b.instanceProfile(
        instanceProfile.filter(
            ip -> instance == null || !derivedProfile(instance).equals(Optional.of(ip))));
    b.autoScalingRole(AwsRecords.text(roles, "AutoScalingRole"));
    b.artifactsBucket(AwsRecords.text(root, "ArtifactsBucket"));
    b.artifactsPrefix(AwsRecords.text(root, "ArtifactsPath"));
    b.logsBucket(AwsRecords.text(root, "LogsBucket"));
    b.logsPrefix(AwsRecords.text(root, "LogsPath").orElse(DEFAULT_LOGS_PATH));
    b.kerberosAttributesSecretArn(AwsRecords.text(root, "KerberosAttributesSecret"));
    b.securityConfigurationName(AwsRecords.text(root, "SecurityConfiguration"));
    SecurityConfiguration.Builder sc = SecurityConfiguration.builder();
    boolean any = false;
    var s3 =
        SecurityConfigurationJson.part(
            root, "S3EncryptionConfiguration", p, SecurityConfigurationJson::parseS3);
    var disk =
        SecurityConfigurationJson.part(
            root, "LocalDiskEncryptionConfiguration", p, SecurityConfigurationJson::parseLocalDisk);
    JsonNode tlsNode = root.path("TLSCertificateConfiguration");
    var tls =
        tlsNode.has("TLSCertificateConfiguration")
            ? SecurityConfigurationJson.part(
                tlsNode,
                "TLSCertificateConfiguration",
                p.at("TLSCertificateConfiguration"),
                SecurityConfigurationJson::parseTls)
            : SecurityConfigurationJson.part(
                root, "TLSCertificateConfiguration", p, SecurityConfigurationJson::parseTls);
    var kerberos =
        SecurityConfigurationJson.part(
            root, "KerberosConfiguration", p, SecurityConfigurationJson::parseKerberos);
    var emrFs =
        SecurityConfigurationJson.part(
            root, "EmrFsConfiguration", p, SecurityConfigurationJson::parseEmrFs);
    var lake =
        SecurityConfigurationJson.part(
            root, "LakeFormationConfiguration", p, SecurityConfigurationJson::parseLakeFormation);
    any =
        s3.isPresent()
            || disk.isPresent()
            || tls.isPresent()
            || kerberos.isPresent()
            || emrFs.map(l -> !l.isEmpty()).orElse(false)
            || lake.isPresent();
    if (any) {
      sc.s3Encryption(s3)
          .localDiskEncryption(disk)
          .tlsCertificates(tls)
          .kerberos(kerberos)
          .lakeFormation(lake);
      emrFs.ifPresent(sc::emrFsRoleMappings);
      b.securityConfiguration(sc.build());
    }
    p.throwIfAny();
    return b.build();
  }

  /**
   * aws-emr-launch's rule: the instance profile ARN is the role ARN with {@code
   * :instance-profile/}.
   */
  static Optional<String> derivedProfile(String instanceRole) {
    if (instanceRole == null || !instanceRole.contains(":role/")) {
      return Optional.empty();
    }
    return Optional.of(instanceRole.replace(":role/", ":instance-profile/"));
  }

  private static void put(ObjectNode n, String field, Optional<String> value) {
    if (value.isPresent()) {
      n.put(field, value.get());
    } else {
      n.putNull(field);
    }
  }
}
