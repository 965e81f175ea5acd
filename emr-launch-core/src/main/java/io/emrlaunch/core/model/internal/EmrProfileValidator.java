package io.emrlaunch.core.model.internal;

import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.validation.Problems;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validation rules of {@link EmrProfile}. */
public final class EmrProfileValidator {
  /** An IAM role (or instance profile) name or ARN. */
  private static final Pattern ROLE =
      Pattern.compile(
          "(arn:aws[a-z-]*:iam::\\d{12}:(role|instance-profile)/([\\w+=,.@-]+/)*)?[\\w+=,.@-]{1,128}");

  private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{1,17}");
  private static final Pattern VPC = Pattern.compile("vpc-[0-9a-f]{1,17}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern SECRET_ARN =
      Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+");

  private EmrProfileValidator() {}

  /** Reports every problem of {@code profile} into {@code p}. */
  public static void validate(EmrProfile profile, Problems p) {
    p.ssmSafeName("namespace", profile.namespace(), RecordRef.MAX_SEGMENT_LENGTH);
    p.ssmSafeName("name", profile.name(), RecordRef.MAX_SEGMENT_LENGTH);
    role(p, "serviceRole", Optional.ofNullable(profile.serviceRole()), true);
    role(p, "instanceRole", Optional.ofNullable(profile.instanceRole()), true);
    role(p, "instanceProfile", profile.instanceProfile(), false);
    role(p, "autoScalingRole", profile.autoScalingRole(), false);
    profile.vpcId().ifPresent(v -> p.matches("vpcId", v, VPC, "a VPC id like vpc-0abc"));
    group(p, "masterSecurityGroup", profile.masterSecurityGroup());
    group(p, "workersSecurityGroup", profile.workersSecurityGroup());
    group(p, "serviceAccessSecurityGroup", profile.serviceAccessSecurityGroup());
    profile
        .securityConfigurationName()
        .ifPresent(
            n ->
                p.matches(
                    "securityConfigurationName",
                    n,
                    Pattern.compile("[^\\p{Cntrl}]{1,10280}"),
                    "a non-empty name"));
    profile.logsBucket().ifPresent(b -> p.matches("logsBucket", b, BUCKET, "an S3 bucket name"));
    if (profile.logsPrefix() != null) {
      Locations.keyPrefix(profile.logsPrefix(), "logsPrefix", p);
    }
    profile.artifactsPrefix().ifPresent(a -> Locations.keyPrefix(a, "artifactsPrefix", p));
    profile
        .artifactsBucket()
        .ifPresent(b -> p.matches("artifactsBucket", b, BUCKET, "an S3 bucket name"));
    profile
        .kerberosAttributesSecretArn()
        .ifPresent(
            a ->
                p.matches(
                    "kerberosAttributesSecretArn", a, SECRET_ARN, "a Secrets Manager secret ARN"));
    profile
        .securityConfiguration()
        .ifPresent(
            sc -> {
              SecurityConfigurationValidator.validate(sc, p.at("securityConfiguration"));
              if (sc.kerberos().isPresent() && profile.kerberosAttributesSecretArn().isEmpty()) {
                p.add(
                    "kerberosAttributesSecretArn",
                    "is required with Kerberos (the secret holds Realm and KdcAdminPassword)");
              }
              if (profile.securityConfigurationName().isEmpty()) {
                p.add(
                    "securityConfigurationName",
                    "is required when the profile defines a security configuration");
              }
            });
  }

  private static void role(Problems p, String field, Optional<String> value, boolean required) {
    if (value.isEmpty()) {
      if (required) {
        p.add(field, "is required");
      }
      return;
    }
    if (p.required(field, value.get())) {
      p.matches(field, value.get(), ROLE, "an IAM role name or ARN");
    }
  }

  private static void group(Problems p, String field, Optional<String> value) {
    value.ifPresent(v -> p.matches(field, v, SECURITY_GROUP, "a security group id like sg-0abc"));
  }
}
