package io.emrlaunch.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.json.EmrLaunchFormat;
import io.emrlaunch.core.json.EmrLaunchJson;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

/** Each feature renders EMR's JSON (field names from the EMR management guide) and reads back. */
class SecurityConfigurationTest {
  static final String KEY =
      "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  static final String ROLE = "arn:aws:iam::123456789012:role/";

  static JsonNode json(String text) throws Exception {
    return EmrLaunchJson.newMapper().readTree(text);
  }

  static void assertRendersAndRoundTrips(SecurityConfiguration sc, String expectedJson)
      throws Exception {
    sc.validate();
    assertThat(json(sc.toEmrJson())).isEqualTo(json(expectedJson.replace('\'', '"')));
    assertThat(SecurityConfiguration.fromEmrJson(sc.toEmrJson())).isEqualTo(sc);
    EmrLaunchFormat<SecurityConfiguration> own = EmrLaunchFormat.of(SecurityConfiguration.class);
    assertThat(own.read(own.write(sc))).isEqualTo(sc);
  }

  @Test
  void sseS3() throws Exception {
    assertRendersAndRoundTrips(
        SecurityConfiguration.builder().s3Encryption(S3Encryption.sseS3()).build(),
        "{'EncryptionConfiguration':{'EnableInTransitEncryption':false,'EnableAtRestEncryption':true,"
            + "'AtRestEncryptionConfiguration':{'S3EncryptionConfiguration':{'EncryptionMode':'SSE-S3'}}}}");
  }

  @Test
  void sseKmsAndLocalDiskWithEbs() throws Exception {
    assertRendersAndRoundTrips(
        SecurityConfiguration.builder()
            .s3Encryption(S3Encryption.sseKms(KEY))
            .localDiskEncryption(LocalDiskEncryption.awsKms(KEY, true))
            .build(),
        "{'EncryptionConfiguration':{'EnableInTransitEncryption':false,'EnableAtRestEncryption':true,"
            + "'AtRestEncryptionConfiguration':{"
            + "'S3EncryptionConfiguration':{'EncryptionMode':'SSE-KMS','AwsKmsKey':'"
            + KEY
            + "'},"
            + "'LocalDiskEncryptionConfiguration':{'EncryptionKeyProviderType':'AwsKms','AwsKmsKey':'"
            + KEY
            + "','EnableEbsEncryption':true}}}}");
  }

  @Test
  void cseKmsLocalDiskOnlyAndWithoutEbs() throws Exception {
    assertRendersAndRoundTrips(
        SecurityConfiguration.builder()
            .s3Encryption(S3Encryption.cseKms(KEY))
            .localDiskEncryption(LocalDiskEncryption.awsKms(KEY, false))
            .build(),
        "{'EncryptionConfiguration':{'EnableInTransitEncryption':false,'EnableAtRestEncryption':true,"
            + "'AtRestEncryptionConfiguration':{"
            + "'S3EncryptionConfiguration':{'EncryptionMode':'CSE-KMS','AwsKmsKey':'"
            + KEY
            + "'},"
            + "'LocalDiskEncryptionConfiguration':{'EncryptionKeyProviderType':'AwsKms','AwsKmsKey':'"
            + KEY
            + "'}}}}");
  }

  @Test
  void cseCustomCustomDiskAndCustomTls() throws Exception {
    assertRendersAndRoundTrips(
        SecurityConfiguration.builder()
            .s3Encryption(S3Encryption.cseCustom("s3://cfg/keys.jar", "com.example.S3Keys"))
            .localDiskEncryption(
                LocalDiskEncryption.custom("s3://cfg/keys.jar", "com.example.DiskKeys"))
            .tlsCertificates(TlsCertificates.custom("s3://cfg/certs.jar", "com.example.Certs"))
            .build(),
        "{'EncryptionConfiguration':{'EnableInTransitEncryption':true,'EnableAtRestEncryption':true,"
            + "'InTransitEncryptionConfiguration':{'TLSCertificateConfiguration':{"
            + "'CertificateProviderType':'Custom','S3Object':'s3://cfg/certs.jar',"
            + "'CertificateProviderClass':'com.example.Certs'}},"
            + "'AtRestEncryptionConfiguration':{"
            + "'S3EncryptionConfiguration':{'EncryptionMode':'CSE-Custom','S3Object':'s3://cfg/keys.jar',"
            + "'EncryptionKeyProviderClass':'com.example.S3Keys'},"
            + "'LocalDiskEncryptionConfiguration':{'EncryptionKeyProviderType':'Custom',"
            + "'S3Object':'s3://cfg/keys.jar','EncryptionKeyProviderClass':'com.example.DiskKeys'}}}}");
  }

  @Test
  void pemTlsOnly() throws Exception {
    assertRendersAndRoundTrips(
        SecurityConfiguration.builder()
            .tlsCertificates(TlsCertificates.pem("s3://cfg/certs.zip"))
            .build(),
        "{'EncryptionConfiguration':{'EnableInTransitEncryption':true,'EnableAtRestEncryption':false,"
            + "'InTransitEncryptionConfiguration':{'TLSCertificateConfiguration':{"
            + "'CertificateProviderType':'PEM','S3Object':'s3://cfg/certs.zip'}}}}");
  }

  @Test
  void clusterDedicatedKdc() throws Exception {
    assertRendersAndRoundTrips(
        SecurityConfiguration.builder().kerberos(KerberosConfig.clusterDedicatedKdc(24)).build(),
        "{'EncryptionConfiguration':{'EnableInTransitEncryption':false,'EnableAtRestEncryption':false},"
            + "'AuthenticationConfiguration':{'KerberosConfiguration':{'Provider':'ClusterDedicatedKdc',"
            + "'ClusterDedicatedKdcConfiguration':{'TicketLifetimeInHours':24}}}}");
  }

  @Test
  void clusterDedicatedKdcWithCrossRealmTrust() throws Exception {
    assertRendersAndRoundTrips(
        SecurityConfiguration.builder()
            .kerberos(
                KerberosConfig.clusterDedicatedKdcWithCrossRealmTrust(
                    12,
                    "AD.EXAMPLE.COM",
                    "ad.example.com",
                    "ad.example.com:749",
                    "ad.example.com:88"))
            .build(),
        "{'EncryptionConfiguration':{'EnableInTransitEncryption':false,'EnableAtRestEncryption':false},"
            + "'AuthenticationConfiguration':{'KerberosConfiguration':{'Provider':'ClusterDedicatedKdc',"
            + "'ClusterDedicatedKdcConfiguration':{'TicketLifetimeInHours':12,"
            + "'CrossRealmTrustConfiguration':{'Realm':'AD.EXAMPLE.COM','Domain':'ad.example.com',"
            + "'AdminServer':'ad.example.com:749','KdcServer':'ad.example.com:88'}}}}}");
  }

  @Test
  void externalKdcAndWithAdIntegration() throws Exception {
    assertRendersAndRoundTrips(
        SecurityConfiguration.builder()
            .kerberos(KerberosConfig.externalKdc("kdc.example.com:749", "kdc.example.com:88"))
            .build(),
        "{'EncryptionConfiguration':{'EnableInTransitEncryption':false,'EnableAtRestEncryption':false},"
            + "'AuthenticationConfiguration':{'KerberosConfiguration':{'Provider':'ExternalKdc',"
            + "'ExternalKdcConfiguration':{'KdcServerType':'Single','AdminServer':'kdc.example.com:749',"
            + "'KdcServer':'kdc.example.com:88'}}}}");
    assertRendersAndRoundTrips(
        SecurityConfiguration.builder()
            .kerberos(
                KerberosConfig.externalKdcWithAdIntegration(
                    "kdc.example.com", "kdc.example.com", "AD.EXAMPLE.COM", "ad.example.com"))
            .build(),
        "{'EncryptionConfiguration':{'EnableInTransitEncryption':false,'EnableAtRestEncryption':false},"
            + "'AuthenticationConfiguration':{'KerberosConfiguration':{'Provider':'ExternalKdc',"
            + "'ExternalKdcConfiguration':{'KdcServerType':'Single','AdminServer':'kdc.example.com',"
            + "'KdcServer':'kdc.example.com','AdIntegrationConfiguration':{'AdRealm':'AD.EXAMPLE.COM',"
            + "'AdDomain':'ad.example.com'}}}}}");
  }

  @Test
  void emrFsRoleMappings() throws Exception {
    assertRendersAndRoundTrips(
        SecurityConfiguration.builder()
            .addEmrFsRoleMappings(
                EmrFsRoleMapping.of(
                    ROLE + "data", EmrFsRoleMapping.IdentifierType.PREFIX, "s3://a/", "s3://b/"),
                EmrFsRoleMapping.of(ROLE + "alice", EmrFsRoleMapping.IdentifierType.USER, "alice"),
                EmrFsRoleMapping.of(
                    ROLE + "admins", EmrFsRoleMapping.IdentifierType.GROUP, "admins"))
            .build(),
        "{'EncryptionConfiguration':{'EnableInTransitEncryption':false,'EnableAtRestEncryption':false},"
            + "'AuthorizationConfiguration':{'EmrFsConfiguration':{'RoleMappings':["
            + "{'Role':'"
            + ROLE
            + "data','IdentifierType':'Prefix','Identifiers':['s3://a/','s3://b/']},"
            + "{'Role':'"
            + ROLE
            + "alice','IdentifierType':'User','Identifiers':['alice']},"
            + "{'Role':'"
            + ROLE
            + "admins','IdentifierType':'Group','Identifiers':['admins']}]}}}");
  }

  @Test
  void lakeFormationWithDedicatedKdc() throws Exception {
    assertRendersAndRoundTrips(
        SecurityConfiguration.builder()
            .kerberos(KerberosConfig.clusterDedicatedKdc(24))
            .lakeFormation(
                LakeFormationConfig.of("s3://idp/metadata.xml", ROLE + "users", ROLE + "saml"))
            .build(),
        "{'EncryptionConfiguration':{'EnableInTransitEncryption':false,'EnableAtRestEncryption':false},"
            + "'AuthenticationConfiguration':{'KerberosConfiguration':{'Provider':'ClusterDedicatedKdc',"
            + "'ClusterDedicatedKdcConfiguration':{'TicketLifetimeInHours':24}}},"
            + "'LakeFormationConfiguration':{'IdpMetadataS3Path':'s3://idp/metadata.xml',"
            + "'EmrRoleForUsersARN':'"
            + ROLE
            + "users','LakeFormationRoleForSAMLPrincipalARN':'"
            + ROLE
            + "saml'}}");
  }

  @Test
  void instanceMetadataService() throws Exception {
    assertRendersAndRoundTrips(
        SecurityConfiguration.builder()
            .minimumInstanceMetadataServiceVersion(2)
            .instanceMetadataHttpPutResponseHopLimit(1)
            .build(),
        "{'EncryptionConfiguration':{'EnableInTransitEncryption':false,'EnableAtRestEncryption':false},"
            + "'InstanceMetadataServiceConfiguration':{'MinimumInstanceMetadataServiceVersion':2,"
            + "'HttpPutResponseHopLimit':1}}");
  }

  @Test
  void invalidCombinationsAreReported() {
    SecurityConfiguration bad =
        SecurityConfiguration.builder()
            .s3Encryption(S3Encryption.builder().mode(S3Encryption.Mode.SSE_KMS).build())
            .localDiskEncryption(
                LocalDiskEncryption.builder()
                    .providerType(LocalDiskEncryption.ProviderType.CUSTOM)
                    .enableEbsEncryption(true)
                    .build())
            .kerberos(KerberosConfig.externalKdc("a", "b").withCrossRealmTrustRealm("X"))
            .lakeFormation(LakeFormationConfig.of("s3://i/m.xml", ROLE + "u", "nope"))
            .build();
    assertThat(bad.validationProblems())
        .extracting(Problem::toString)
        .containsExactlyInAnyOrder(
            "s3Encryption.awsKmsKey: is required with SSE-KMS",
            "localDiskEncryption.s3Object: is required with a custom key provider",
            "localDiskEncryption.encryptionKeyProviderClass: is required with a custom key provider",
            "localDiskEncryption.enableEbsEncryption: needs the AwsKms key provider",
            "kerberos.provider: is ExternalKdc: cross-realm trust needs a cluster-dedicated KDC",
            "lakeFormation.lakeFormationRoleForSamlPrincipalArn: must be an IAM role ARN (was \"nope\")",
            "lakeFormation: needs Kerberos with a cluster-dedicated KDC");
  }

  @Test
  void malformedEmrJsonNamesTheField() {
    assertThatThrownBy(
            () ->
                SecurityConfiguration.fromEmrJson(
                    "{\"EncryptionConfiguration\":{\"AtRestEncryptionConfiguration\":"
                        + "{\"S3EncryptionConfiguration\":{\"EncryptionMode\":\"ROT13\"}}}}"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "EncryptionConfiguration.AtRestEncryptionConfiguration.S3EncryptionConfiguration.EncryptionMode: must be one of [SSE-S3, SSE-KMS, CSE-KMS, CSE-Custom]");
  }

  @Test
  void profileWithKerberosNeedsTheSecretAndAName() {
    EmrProfile profile =
        EmrProfile.builder()
            .name("kerb")
            .serviceRole("EMR_DefaultRole")
            .instanceRole("EMR_EC2_DefaultRole")
            .securityConfiguration(
                SecurityConfiguration.builder()
                    .kerberos(KerberosConfig.clusterDedicatedKdc(24))
                    .build())
            .build();
    assertThat(profile.validationProblems())
        .extracting(Problem::path)
        .containsExactly("kerberosAttributesSecretArn", "securityConfigurationName");
  }
}
