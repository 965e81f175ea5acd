package io.emrlaunch.provisioning.internal;

import io.emrlaunch.provisioning.ProvisioningSpec;
import io.emrlaunch.provisioning.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Resource names and ARNs derived from a spec (aws-emr-launch's naming: {@code ns_name-Suffix}).
 */
public final class Names {
  private final ProvisioningSpec spec;
  private final String partition;
  private final String region;
  private final String accountId;

  public Names(ProvisioningSpec spec, String partition, String region, String accountId) {
    this.spec = spec;
    this.partition = partition;
    this.region = region;
    this.accountId = accountId;
  }

  public String prefix() {
    return spec.namespace() + "_" + spec.name();
  }

  public String owner() {
    return spec.namespace() + "/" + spec.name();
  }

  public String partition() {
    return partition;
  }

  public String region() {
    return region;
  }

  public String accountId() {
    return accountId;
  }

  public String name(ResourceKind kind) {
    switch (kind) {
      case SERVICE_ROLE:
        return prefix() + "-ServiceRole";
      case INSTANCE_ROLE:
      case INSTANCE_PROFILE:
        return prefix() + "-InstanceRole";
      case AUTO_SCALING_ROLE:
        return prefix() + "-AutoScalingRole";
      case MASTER_SECURITY_GROUP:
        return prefix() + "-Master";
      case WORKERS_SECURITY_GROUP:
        return prefix() + "-Workers";
      case SERVICE_ACCESS_SECURITY_GROUP:
        return prefix() + "-ServiceAccess";
      case PROFILE_RECORD:
        return owner();
      default:
        throw new IllegalArgumentException(kind.toString());
    }
  }

  public String roleArn(ResourceKind kind) {
    return "arn:" + partition + ":iam::" + accountId + ":role" + spec.iamPath() + name(kind);
  }

  public String instanceProfileArn() {
    return "arn:"
        + partition
        + ":iam::"
        + accountId
        + ":instance-profile"
        + spec.iamPath()
        + name(ResourceKind.INSTANCE_PROFILE);
  }

  public String managedPolicyArn(String pathAndName) {
    return "arn:" + partition + ":iam::aws:policy/" + pathAndName;
  }

  /** The security configuration's name: the prefix and 12 hex digits of the JSON's SHA-256. */
  public String securityConfigurationName(String json) {
    return prefix() + "-" + sha256(json).substring(0, 12);
  }

  /** Whether a security configuration name is one this profile derives. */
  public boolean isOwnSecurityConfiguration(String name) {
    return name != null && name.matches(java.util.regex.Pattern.quote(prefix()) + "-[0-9a-f]{12}");
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String shortKind(ResourceKind kind) {
    switch (kind) {
      case MASTER_SECURITY_GROUP:
        return "Master";
      case WORKERS_SECURITY_GROUP:
        return "Workers";
      case SERVICE_ACCESS_SECURITY_GROUP:
        return "ServiceAccess";
      default:
        return kind.toString();
    }
  }
}
