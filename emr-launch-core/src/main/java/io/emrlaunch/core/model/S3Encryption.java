package io.emrlaunch.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** How EMRFS encrypts data in Amazon S3 (part of a {@link SecurityConfiguration}). */
@Value.Immutable
@JsonSerialize(as = ImmutableS3Encryption.class)
@JsonDeserialize(as = ImmutableS3Encryption.class)
public interface S3Encryption extends WithS3Encryption {

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
   * Builds {@link S3Encryption} values: obtained from {@link S3Encryption#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableS3Encryption.Builder {
    Builder() {}
  }

  /** EMR's S3 encryption modes, rendered with EMR's names. */
  enum Mode {
    /** Server-side, S3-managed keys. */
    SSE_S3("SSE-S3"),
    /** Server-side, KMS keys. */
    SSE_KMS("SSE-KMS"),
    /** Client-side, KMS keys. */
    CSE_KMS("CSE-KMS"),
    /** Client-side, a custom key provider. */
    CSE_CUSTOM("CSE-Custom");

    private final String emrName;

    Mode(String emrName) {
      this.emrName = emrName;
    }

    /**
     * The name in EMR's JSON.
     *
     * @return e.g. {@code SSE-KMS}
     */
    @JsonValue
    public String emrName() {
      return emrName;
    }
  }

  /**
   * Server-side encryption with S3-managed keys.
   *
   * @return the setting
   */
  static S3Encryption sseS3() {
    return S3Encryption.builder().mode(Mode.SSE_S3).build();
  }

  /**
   * Server-side encryption with a KMS key.
   *
   * @param kmsKeyArn the key ARN
   * @return the setting
   */
  static S3Encryption sseKms(String kmsKeyArn) {
    return S3Encryption.builder().mode(Mode.SSE_KMS).awsKmsKey(kmsKeyArn).build();
  }

  /**
   * Client-side encryption with a KMS key.
   *
   * @param kmsKeyArn the key ARN
   * @return the setting
   */
  static S3Encryption cseKms(String kmsKeyArn) {
    return S3Encryption.builder().mode(Mode.CSE_KMS).awsKmsKey(kmsKeyArn).build();
  }

  /**
   * Client-side encryption with a custom key provider (aws-emr-launch could not express this).
   *
   * @param providerJar S3 location of the provider's jar
   * @param providerClass the class implementing {@code EncryptionMaterialsProvider}
   * @return the setting
   */
  static S3Encryption cseCustom(String providerJar, String providerClass) {
    return S3Encryption.builder()
        .mode(Mode.CSE_CUSTOM)
        .s3Object(providerJar)
        .encryptionKeyProviderClass(providerClass)
        .build();
  }

  /** The encryption mode. */
  Mode mode();

  /** KMS key ARN (SSE-KMS and CSE-KMS). */
  Optional<String> awsKmsKey();

  /** Provider jar location (CSE-Custom). */
  Optional<String> s3Object();

  /** Provider class (CSE-Custom). */
  Optional<String> encryptionKeyProviderClass();
}
