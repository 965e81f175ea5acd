package io.emrlaunch.core.model.internal;

import io.emrlaunch.core.model.KerberosConfig;
import io.emrlaunch.core.model.LocalDiskEncryption;
import io.emrlaunch.core.model.SecurityConfiguration;
import io.emrlaunch.core.validation.Problems;
import java.util.regex.Pattern;

/** Validation rules of {@link SecurityConfiguration}, from EMR's JSON reference. */
public final class SecurityConfigurationValidator {
  private static final Pattern KMS_KEY =
      Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key|alias)/.+");
  private static final Pattern S3_OBJECT = Pattern.compile("(s3://|arn:aws[a-z-]*:s3:::).+");

  private SecurityConfigurationValidator() {}

  /** Reports every problem of {@code sc} into {@code p}. */
  public static void validate(SecurityConfiguration sc, Problems p) {
    sc.s3Encryption()
        .ifPresent(
            s -> {
              Problems at = p.at("s3Encryption");
              switch (s.mode()) {
                case SSE_KMS, CSE_KMS -> kmsKey(at, s.awsKmsKey().orElse(null), s.mode().emrName());
                case CSE_CUSTOM ->
                    custom(
                        at, s.s3Object().orElse(null), s.encryptionKeyProviderClass().orElse(null));
                case SSE_S3 -> {
                  if (s.awsKmsKey().isPresent()) {
                    at.add("awsKmsKey", "is not used with SSE-S3");
                  }
                }
              }
            });
    sc.localDiskEncryption()
        .ifPresent(
            l -> {
              Problems at = p.at("localDiskEncryption");
              if (l.providerType() == LocalDiskEncryption.ProviderType.AWS_KMS) {
                kmsKey(at, l.awsKmsKey().orElse(null), "AwsKms");
              } else {
                custom(at, l.s3Object().orElse(null), l.encryptionKeyProviderClass().orElse(null));
                if (l.enableEbsEncryption()) {
                  at.add("enableEbsEncryption", "needs the AwsKms key provider");
                }
              }
            });
    sc.tlsCertificates()
        .ifPresent(
            t -> {
              Problems at = p.at("tlsCertificates");
              at.matches(
                  "s3Object", t.s3Object(), S3_OBJECT, "an S3 location (s3://... or an S3 ARN)");
              if (t.providerType() == io.emrlaunch.core.model.TlsCertificates.ProviderType.CUSTOM) {
                at.required("certificateProviderClass", t.certificateProviderClass());
              }
            });
    sc.kerberos().ifPresent(k -> kerberos(k, p.at("kerberos")));
    for (int i = 0; i < sc.emrFsRoleMappings().size(); i++) {
      var m = sc.emrFsRoleMappings().get(i);
      Problems at = p.at("emrFsRoleMappings", i);
      at.matches("role", m.role(), EmrStepValidator.ROLE_ARN, "an IAM role ARN");
      if (m.identifiers().isEmpty()) {
        at.add("identifiers", "needs at least one identifier");
      }
    }
    sc.lakeFormation()
        .ifPresent(
            l -> {
              Problems at = p.at("lakeFormation");
              at.matches("idpMetadataS3Path", l.idpMetadataS3Path(), S3_OBJECT, "an S3 location");
              at.matches(
                  "emrRoleForUsersArn",
                  l.emrRoleForUsersArn(),
                  EmrStepValidator.ROLE_ARN,
                  "an IAM role ARN");
              at.matches(
                  "lakeFormationRoleForSamlPrincipalArn",
                  l.lakeFormationRoleForSamlPrincipalArn(),
                  EmrStepValidator.ROLE_ARN,
                  "an IAM role ARN");
              // aws-emr-launch: Lake Formation runs on a cluster-dedicated KDC, never with a trust
              boolean dedicated =
                  sc.kerberos()
                      .map(k -> k.provider() == KerberosConfig.Provider.CLUSTER_DEDICATED_KDC)
                      .orElse(false);
              if (!dedicated) {
                at.add("", "needs Kerberos with a cluster-dedicated KDC");
              } else if (sc.kerberos().get().hasCrossRealmTrust()) {
                at.add("", "cannot be combined with a Kerberos cross-realm trust");
              }
            });
    sc.minimumInstanceMetadataServiceVersion()
        .ifPresent(v -> p.range("minimumInstanceMetadataServiceVersion", v, 1, 2));
    sc.instanceMetadataHttpPutResponseHopLimit()
        .ifPresent(v -> p.range("instanceMetadataHttpPutResponseHopLimit", v, 1, 64));
  }

  private static void kerberos(KerberosConfig k, Problems p) {
    k.ticketLifetimeInHours().ifPresent(h -> p.range("ticketLifetimeInHours", h, 1, 8760));
    if (k.provider() == KerberosConfig.Provider.CLUSTER_DEDICATED_KDC) {
      if (k.hasCrossRealmTrust()) {
        p.required("crossRealmTrustRealm", k.crossRealmTrustRealm());
        p.required("crossRealmTrustDomain", k.crossRealmTrustDomain());
        p.required("crossRealmTrustAdminServer", k.crossRealmTrustAdminServer());
        p.required("crossRealmTrustKdcServer", k.crossRealmTrustKdcServer());
      }
      if (k.adminServer().isPresent()
          || k.kdcServer().isPresent()
          || k.adRealm().isPresent()
          || k.adDomain().isPresent()
          || k.adServer().isPresent()) {
        p.add("provider", "is ClusterDedicatedKdc: external KDC and AD fields are not used");
      }
    } else {
      p.required("adminServer", k.adminServer());
      p.required("kdcServer", k.kdcServer());
      if (k.adRealm().isPresent() || k.adDomain().isPresent() || k.adServer().isPresent()) {
        p.required("adRealm", k.adRealm());
        p.required("adDomain", k.adDomain());
      }
      if (k.hasCrossRealmTrust()) {
        p.add("provider", "is ExternalKdc: cross-realm trust needs a cluster-dedicated KDC");
      }
    }
  }

  private static void kmsKey(Problems p, String key, String mode) {
    if (key == null) {
      p.add("awsKmsKey", "is required with " + mode);
    } else {
      p.matches("awsKmsKey", key, KMS_KEY, "a KMS key or alias ARN");
    }
  }

  private static void custom(Problems p, String s3Object, String providerClass) {
    if (s3Object == null) {
      p.add("s3Object", "is required with a custom key provider");
    } else {
      p.matches("s3Object", s3Object, S3_OBJECT, "an S3 location (s3://... or an S3 ARN)");
    }
    if (providerClass == null || providerClass.isBlank()) {
      p.add("encryptionKeyProviderClass", "is required with a custom key provider");
    }
  }
}
