package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.model.internal.SecurityConfigurationJson;
import io.emrlaunch.core.model.internal.SecurityConfigurationValidator;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An EMR security configuration: at-rest encryption (S3 and local disks/EBS), in-transit TLS,
 * Kerberos, EMRFS role mappings, Lake Formation and the instance metadata service. {@link
 * #toEmrJson()} renders the JSON document EMR's {@code CreateSecurityConfiguration} takes (field
 * names as in the EMR management guide); {@link #fromEmrJson(String)} reads one.
 *
 * <pre>{@code
 * SecurityConfiguration sc = SecurityConfiguration.builder()
 *     .s3Encryption(S3Encryption.sseKms(keyArn))
 *     .localDiskEncryption(LocalDiskEncryption.awsKms(keyArn, true))
 *     .tlsCertificates(TlsCertificates.pem("s3://certs/emr.zip"))
 *     .build();
 * String json = sc.toEmrJson();
 * }</pre>
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSecurityConfiguration.class)
@JsonDeserialize(as = ImmutableSecurityConfiguration.class)
public interface SecurityConfiguration extends WithSecurityConfiguration {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this value's attributes, to change several of them at once.
   *
   * @return a new builder initialised from this value
   */
  default Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * Builds {@link SecurityConfiguration} values: obtained from {@link
   * SecurityConfiguration#builder()} or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableSecurityConfiguration.Builder {
    Builder() {}
  }

  /**
   * Reads EMR's security configuration JSON.
   *
   * @param json the document
   * @return the value
   * @throws ValidationException when the document is malformed; paths use EMR's field names
   */
  static SecurityConfiguration fromEmrJson(String json) {
    return SecurityConfigurationJson.parse(json);
  }

  /** S3 (EMRFS) encryption. */
  Optional<S3Encryption> s3Encryption();

  /** Local disk (and EBS) encryption. */
  Optional<LocalDiskEncryption> localDiskEncryption();

  /** In-transit encryption certificates; present means in-transit encryption is on. */
  Optional<TlsCertificates> tlsCertificates();

  /** Kerberos authentication. */
  Optional<KerberosConfig> kerberos();

  /** EMRFS role mappings, evaluated in order. */
  List<EmrFsRoleMapping> emrFsRoleMappings();

  /** Lake Formation (SAML) integration. */
  Optional<LakeFormationConfig> lakeFormation();

  /** Minimum instance metadata service version (2 requires IMDSv2). */
  Optional<Integer> minimumInstanceMetadataServiceVersion();

  /** IMDS PUT response hop limit (with {@link #minimumInstanceMetadataServiceVersion()}). */
  Optional<Integer> instanceMetadataHttpPutResponseHopLimit();

  /**
   * EMR's JSON document.
   *
   * @return the JSON text
   */
  default String toEmrJson() {
    return SecurityConfigurationJson.render(this).toString();
  }

  /**
   * EMR's JSON document as a tree.
   *
   * @return a fresh tree
   */
  default ObjectNode toEmrJsonTree() {
    return SecurityConfigurationJson.render(this);
  }

  /**
   * Every problem with this security configuration, each with its field path.
   *
   * @return the problems; empty when valid
   */
  default List<Problem> validationProblems() {
    Problems problems = Problems.root();
    SecurityConfigurationValidator.validate(this, problems);
    return problems.problems();
  }

  /**
   * Checks the security configuration.
   *
   * @throws ValidationException listing every problem when invalid
   */
  default void validate() {
    List<Problem> problems = validationProblems();
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
  }
}
