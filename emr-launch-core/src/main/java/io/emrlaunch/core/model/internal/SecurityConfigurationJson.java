package io.emrlaunch.core.model.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.internal.Json;
import io.emrlaunch.core.json.internal.JsonErrors;
import io.emrlaunch.core.model.EmrFsRoleMapping;
import io.emrlaunch.core.model.KerberosConfig;
import io.emrlaunch.core.model.LakeFormationConfig;
import io.emrlaunch.core.model.LocalDiskEncryption;
import io.emrlaunch.core.model.S3Encryption;
import io.emrlaunch.core.model.SecurityConfiguration;
import io.emrlaunch.core.model.TlsCertificates;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * EMR's security configuration JSON, written and read by hand so the field names are exactly EMR's.
 * The part renderers/parsers are shared with the aws-emr-launch profile record, which stores the
 * same fragments.
 */
public final class SecurityConfigurationJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SecurityConfigurationJson() {}

  /** Renders the whole document. */
  public static ObjectNode render(SecurityConfiguration sc) {
    ObjectNode root = F.objectNode();
    ObjectNode enc = root.putObject("EncryptionConfiguration");
    enc.put("EnableInTransitEncryption", sc.tlsCertificates().isPresent());
    enc.put(
        "EnableAtRestEncryption",
        sc.s3Encryption().isPresent() || sc.localDiskEncryption().isPresent());
    sc.tlsCertificates()
        .ifPresent(
            t ->
                enc.putObject("InTransitEncryptionConfiguration")
                    .set("TLSCertificateConfiguration", tls(t)));
    if (sc.s3Encryption().isPresent() || sc.localDiskEncryption().isPresent()) {
      ObjectNode atRest = enc.putObject("AtRestEncryptionConfiguration");
      sc.s3Encryption().ifPresent(s -> atRest.set("S3EncryptionConfiguration", s3(s)));
      sc.localDiskEncryption()
          .ifPresent(l -> atRest.set("LocalDiskEncryptionConfiguration", localDisk(l)));
    }
    sc.kerberos()
        .ifPresent(
            k ->
                root.putObject("AuthenticationConfiguration")
                    .set("KerberosConfiguration", kerberos(k)));
    if (!sc.emrFsRoleMappings().isEmpty()) {
      root.putObject("AuthorizationConfiguration")
          .set("EmrFsConfiguration", emrFs(sc.emrFsRoleMappings()));
    }
    sc.lakeFormation().ifPresent(l -> root.set("LakeFormationConfiguration", lakeFormation(l)));
    if (sc.minimumInstanceMetadataServiceVersion().isPresent()
        || sc.instanceMetadataHttpPutResponseHopLimit().isPresent()) {
      ObjectNode imds = root.putObject("InstanceMetadataServiceConfiguration");
      sc.minimumInstanceMetadataServiceVersion()
          .ifPresent(v -> imds.put("MinimumInstanceMetadataServiceVersion", v));
      sc.instanceMetadataHttpPutResponseHopLimit()
          .ifPresent(v -> imds.put("HttpPutResponseHopLimit", v));
    }
    return root;
  }

  /** {@code S3EncryptionConfiguration}. */
  public static ObjectNode s3(S3Encryption s) {
    ObjectNode n = F.objectNode();
    n.put("EncryptionMode", s.mode().emrName());
    s.awsKmsKey().ifPresent(v -> n.put("AwsKmsKey", v));
    s.s3Object().ifPresent(v -> n.put("S3Object", v));
    s.encryptionKeyProviderClass().ifPresent(v -> n.put("EncryptionKeyProviderClass", v));
    return n;
  }

  /** {@code LocalDiskEncryptionConfiguration}. */
  public static ObjectNode localDisk(LocalDiskEncryption l) {
    ObjectNode n = F.objectNode();
    n.put("EncryptionKeyProviderType", l.providerType().emrName());
    l.awsKmsKey().ifPresent(v -> n.put("AwsKmsKey", v));
    l.s3Object().ifPresent(v -> n.put("S3Object", v));
    l.encryptionKeyProviderClass().ifPresent(v -> n.put("EncryptionKeyProviderClass", v));
    if (l.enableEbsEncryption()) {
      n.put("EnableEbsEncryption", true);
    }
    return n;
  }

  /** {@code TLSCertificateConfiguration}. */
  public static ObjectNode tls(TlsCertificates t) {
    ObjectNode n = F.objectNode();
    n.put("CertificateProviderType", t.providerType().emrName());
    n.put("S3Object", t.s3Object());
    t.certificateProviderClass().ifPresent(v -> n.put("CertificateProviderClass", v));
    return n;
  }

  /** {@code KerberosConfiguration}. */
  public static ObjectNode kerberos(KerberosConfig k) {
    ObjectNode n = F.objectNode();
    n.put("Provider", k.provider().emrName());
    if (k.provider() == KerberosConfig.Provider.CLUSTER_DEDICATED_KDC) {
      ObjectNode d = n.putObject("ClusterDedicatedKdcConfiguration");
      k.ticketLifetimeInHours().ifPresent(h -> d.put("TicketLifetimeInHours", h));
      if (k.hasCrossRealmTrust()) {
        ObjectNode t = d.putObject("CrossRealmTrustConfiguration");
        k.crossRealmTrustRealm().ifPresent(v -> t.put("Realm", v));
        k.crossRealmTrustDomain().ifPresent(v -> t.put("Domain", v));
        k.crossRealmTrustAdminServer().ifPresent(v -> t.put("AdminServer", v));
        k.crossRealmTrustKdcServer().ifPresent(v -> t.put("KdcServer", v));
      }
    } else {
      ObjectNode e = n.putObject("ExternalKdcConfiguration");
      k.ticketLifetimeInHours().ifPresent(h -> e.put("TicketLifetimeInHours", h));
      e.put("KdcServerType", "Single");
      k.adminServer().ifPresent(v -> e.put("AdminServer", v));
      k.kdcServer().ifPresent(v -> e.put("KdcServer", v));
      if (k.adRealm().isPresent() || k.adDomain().isPresent() || k.adServer().isPresent()) {
        ObjectNode ad = e.putObject("AdIntegrationConfiguration");
        k.adRealm().ifPresent(v -> ad.put("AdRealm", v));
        k.adDomain().ifPresent(v -> ad.put("AdDomain", v));
        k.adServer().ifPresent(v -> ad.put("AdServer", v));
      }
    }
    return n;
  }

  /** {@code EmrFsConfiguration}. */
  public static ObjectNode emrFs(List<EmrFsRoleMapping> mappings) {
    ObjectNode n = F.objectNode();
    ArrayNode list = n.putArray("RoleMappings");
    for (EmrFsRoleMapping m : mappings) {
      ObjectNode e = list.addObject();
      e.put("Role", m.role());
      e.put("IdentifierType", m.identifierType().emrName());
      ArrayNode ids = e.putArray("Identifiers");
      m.identifiers().forEach(ids::add);
    }
    return n;
  }

  /** {@code LakeFormationConfiguration}. */
  public static ObjectNode lakeFormation(LakeFormationConfig l) {
    ObjectNode n = F.objectNode();
    n.put("IdpMetadataS3Path", l.idpMetadataS3Path());
    n.put("EmrRoleForUsersARN", l.emrRoleForUsersArn());
    n.put("LakeFormationRoleForSAMLPrincipalARN", l.lakeFormationRoleForSamlPrincipalArn());
    return n;
  }

  /** Parses the whole document. */
  public static SecurityConfiguration parse(String json) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw JsonErrors.toValidationException(e);
    }
    if (root == null || !root.isObject()) {
      throw new ValidationException(List.of(Problem.of("", "must be a JSON object")));
    }
    Problems p = Problems.root();
    SecurityConfiguration.Builder b = SecurityConfiguration.builder();
    JsonNode enc = root.path("EncryptionConfiguration");
    JsonNode atRest = enc.path("AtRestEncryptionConfiguration");
    Problems encP = p.at("EncryptionConfiguration");
    b.s3Encryption(
        part(
            atRest,
            "S3EncryptionConfiguration",
            encP.at("AtRestEncryptionConfiguration"),
            SecurityConfigurationJson::parseS3));
    b.localDiskEncryption(
        part(
            atRest,
            "LocalDiskEncryptionConfiguration",
            encP.at("AtRestEncryptionConfiguration"),
            SecurityConfigurationJson::parseLocalDisk));
    b.tlsCertificates(
        part(
            enc.path("InTransitEncryptionConfiguration"),
            "TLSCertificateConfiguration",
            encP.at("InTransitEncryptionConfiguration"),
            SecurityConfigurationJson::parseTls));
    b.kerberos(
        part(
            root.path("AuthenticationConfiguration"),
            "KerberosConfiguration",
            p.at("AuthenticationConfiguration"),
            SecurityConfigurationJson::parseKerberos));
    part(
            root.path("AuthorizationConfiguration"),
            "EmrFsConfiguration",
            p.at("AuthorizationConfiguration"),
            SecurityConfigurationJson::parseEmrFs)
        .ifPresent(b::emrFsRoleMappings);
    b.lakeFormation(
        part(root, "LakeFormationConfiguration", p, SecurityConfigurationJson::parseLakeFormation));
    JsonNode imds = root.path("InstanceMetadataServiceConfiguration");
    if (imds.has("MinimumInstanceMetadataServiceVersion")) {
      b.minimumInstanceMetadataServiceVersion(
          imds.get("MinimumInstanceMetadataServiceVersion").asInt());
    }
    if (imds.has("HttpPutResponseHopLimit")) {
      b.instanceMetadataHttpPutResponseHopLimit(imds.get("HttpPutResponseHopLimit").asInt());
    }
    p.throwIfAny();
    return b.build();
  }

  /** Parses an optional fragment; null or absent gives empty. */
  public static <T> Optional<T> part(
      JsonNode parent,
      String field,
      Problems p,
      java.util.function.BiFunction<JsonNode, Problems, T> parser) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull() || (n.isObject() && n.isEmpty())) {
      return Optional.empty();
    }
    if (!n.isObject()) {
      p.add(field, "must be an object");
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(parser.apply(n, p.at(field)));
    } catch (ValidationException e) {
      p.at(field).addAll(e.problems());
      return Optional.empty();
    }
  }

  /** Parses {@code S3EncryptionConfiguration}. */
  public static S3Encryption parseS3(JsonNode n, Problems p) {
    Optional<S3Encryption.Mode> mode =
        enumOf(n, "EncryptionMode", S3Encryption.Mode.values(), S3Encryption.Mode::emrName, p);
    if (mode.isEmpty()) {
      return null;
    }
    return S3Encryption.builder()
        .mode(mode.get())
        .awsKmsKey(text(n, "AwsKmsKey"))
        .s3Object(text(n, "S3Object"))
        .encryptionKeyProviderClass(text(n, "EncryptionKeyProviderClass"))
        .build();
  }

  /** Parses {@code LocalDiskEncryptionConfiguration}. */
  public static LocalDiskEncryption parseLocalDisk(JsonNode n, Problems p) {
    Optional<LocalDiskEncryption.ProviderType> type =
        enumOf(
            n,
            "EncryptionKeyProviderType",
            LocalDiskEncryption.ProviderType.values(),
            LocalDiskEncryption.ProviderType::emrName,
            p);
    if (type.isEmpty()) {
      return null;
    }
    return LocalDiskEncryption.builder()
        .providerType(type.get())
        .awsKmsKey(text(n, "AwsKmsKey"))
        .s3Object(text(n, "S3Object"))
        .encryptionKeyProviderClass(text(n, "EncryptionKeyProviderClass"))
        .enableEbsEncryption(bool(n, "EnableEbsEncryption"))
        .build();
  }

  /** Parses {@code TLSCertificateConfiguration}. */
  public static TlsCertificates parseTls(JsonNode n, Problems p) {
    Optional<TlsCertificates.ProviderType> type =
        enumOf(
            n,
            "CertificateProviderType",
            TlsCertificates.ProviderType.values(),
            TlsCertificates.ProviderType::emrName,
            p);
    Optional<String> s3 = text(n, "S3Object");
    if (s3.isEmpty()) {
      p.add("S3Object", "is required");
    }
    if (type.isEmpty() || s3.isEmpty()) {
      return null;
    }
    return TlsCertificates.builder()
        .providerType(type.get())
        .s3Object(s3.get())
        .certificateProviderClass(text(n, "CertificateProviderClass"))
        .build();
  }

  /** Parses {@code KerberosConfiguration}. */
  public static KerberosConfig parseKerberos(JsonNode n, Problems p) {
    Optional<KerberosConfig.Provider> provider =
        enumOf(
            n, "Provider", KerberosConfig.Provider.values(), KerberosConfig.Provider::emrName, p);
    if (provider.isEmpty()) {
      return null;
    }
    KerberosConfig.Builder b = KerberosConfig.builder().provider(provider.get());
    if (provider.get() == KerberosConfig.Provider.CLUSTER_DEDICATED_KDC) {
      JsonNode d = n.path("ClusterDedicatedKdcConfiguration");
      if (d.has("TicketLifetimeInHours")) {
        b.ticketLifetimeInHours(d.get("TicketLifetimeInHours").asInt());
      }
      // EMR nests the trust in the dedicated KDC block; tolerate it one level up as well
      JsonNode t =
          d.has("CrossRealmTrustConfiguration")
              ? d.path("CrossRealmTrustConfiguration")
              : n.path("CrossRealmTrustConfiguration");
      b.crossRealmTrustRealm(text(t, "Realm"))
          .crossRealmTrustDomain(text(t, "Domain"))
          .crossRealmTrustAdminServer(text(t, "AdminServer"))
          .crossRealmTrustKdcServer(text(t, "KdcServer"));
    } else {
      JsonNode e = n.path("ExternalKdcConfiguration");
      if (e.has("TicketLifetimeInHours")) {
        b.ticketLifetimeInHours(e.get("TicketLifetimeInHours").asInt());
      }
      JsonNode ad = e.path("AdIntegrationConfiguration");
      b.adminServer(text(e, "AdminServer"))
          .kdcServer(text(e, "KdcServer"))
          .adRealm(text(ad, "AdRealm"))
          .adDomain(text(ad, "AdDomain"))
          .adServer(text(ad, "AdServer"));
    }
    return b.build();
  }

  /** Parses {@code EmrFsConfiguration}. */
  public static List<EmrFsRoleMapping> parseEmrFs(JsonNode n, Problems p) {
    JsonNode list = n.path("RoleMappings");
    List<EmrFsRoleMapping> out = new java.util.ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode m = list.get(i);
      Problems at = p.at("RoleMappings", i);
      Optional<String> role = text(m, "Role");
      Optional<EmrFsRoleMapping.IdentifierType> type =
          enumOf(
              m,
              "IdentifierType",
              EmrFsRoleMapping.IdentifierType.values(),
              EmrFsRoleMapping.IdentifierType::emrName,
              at);
      if (role.isEmpty()) {
        at.add("Role", "is required");
      }
      if (role.isPresent() && type.isPresent()) {
        EmrFsRoleMapping.Builder b =
            EmrFsRoleMapping.builder().role(role.get()).identifierType(type.get());
        m.path("Identifiers").forEach(id -> b.addIdentifiers(id.asText()));
        out.add(b.build());
      }
    }
    return out;
  }

  /** Parses {@code LakeFormationConfiguration}. */
  public static LakeFormationConfig parseLakeFormation(JsonNode n, Problems p) {
    Optional<String> idp = text(n, "IdpMetadataS3Path");
    Optional<String> users = text(n, "EmrRoleForUsersARN");
    Optional<String> saml = text(n, "LakeFormationRoleForSAMLPrincipalARN");
    idp.ifPresentOrElse(v -> {}, () -> p.add("IdpMetadataS3Path", "is required"));
    users.ifPresentOrElse(v -> {}, () -> p.add("EmrRoleForUsersARN", "is required"));
    saml.ifPresentOrElse(
        v -> {}, () -> p.add("LakeFormationRoleForSAMLPrincipalARN", "is required"));
    if (idp.isEmpty() || users.isEmpty() || saml.isEmpty()) {
      return null;
    }
    return LakeFormationConfig.builder()
        .idpMetadataS3Path(idp.get())
        .emrRoleForUsersArn(users.get())
        .lakeFormationRoleForSamlPrincipalArn(saml.get())
        .build();
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  private static boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && (v.isBoolean() ? v.asBoolean() : "true".equalsIgnoreCase(v.asText()));
  }

  private static <E> Optional<E> enumOf(
      JsonNode n, String field, E[] values, Function<E, String> name, Problems p) {
    Optional<String> t = text(n, field);
    if (t.isEmpty()) {
      p.add(field, "is required");
      return Optional.empty();
    }
    for (E e : values) {
      if (name.apply(e).equalsIgnoreCase(t.get())) {
        return Optional.of(e);
      }
    }
    p.add(
        field,
        "must be one of "
            + Arrays.stream(values).map(name).toList()
            + " (was \""
            + t.get()
            + "\")");
    return Optional.empty();
  }
}
