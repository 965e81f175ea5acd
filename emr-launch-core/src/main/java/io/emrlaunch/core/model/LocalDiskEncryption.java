package io.emrlaunch.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** Encryption of instance store and EBS volumes (part of a {@link SecurityConfiguration}). */
@Value.Immutable
@JsonSerialize(as = ImmutableLocalDiskEncryption.class)
@JsonDeserialize(as = ImmutableLocalDiskEncryption.class)
public interface LocalDiskEncryption extends WithLocalDiskEncryption {

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
   * Builds {@link LocalDiskEncryption} values: obtained from {@link LocalDiskEncryption#builder()}
   * or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableLocalDiskEncryption.Builder {
    Builder() {}
  }

  /** Where the keys come from. */
  enum ProviderType {
    /** AWS KMS. */
    AWS_KMS("AwsKms"),
    /** A custom key provider class. */
    CUSTOM("Custom");

    private final String emrName;

    ProviderType(String emrName) {
      this.emrName = emrName;
    }

    /**
     * The name in EMR's JSON.
     *
     * @return e.g. {@code AwsKms}
     */
    @JsonValue
    public String emrName() {
      return emrName;
    }
  }

  /**
   * Local disks encrypted with a KMS key, EBS volumes too when {@code ebs}.
   *
   * @param kmsKeyArn the key ARN
   * @param ebs whether EBS volumes (root and attached) are encrypted as well
   * @return the setting
   */
  static LocalDiskEncryption awsKms(String kmsKeyArn, boolean ebs) {
    return LocalDiskEncryption.builder()
        .providerType(ProviderType.AWS_KMS)
        .awsKmsKey(kmsKeyArn)
        .enableEbsEncryption(ebs)
        .build();
  }

  /**
   * Local disks encrypted with keys of a custom provider.
   *
   * @param providerJar S3 location of the provider's jar
   * @param providerClass the provider class
   * @return the setting
   */
  static LocalDiskEncryption custom(String providerJar, String providerClass) {
    return LocalDiskEncryption.builder()
        .providerType(ProviderType.CUSTOM)
        .s3Object(providerJar)
        .encryptionKeyProviderClass(providerClass)
        .build();
  }

  /** The key provider. */
  ProviderType providerType();

  /** KMS key ARN (AwsKms). */
  Optional<String> awsKmsKey();

  /** Provider jar location (Custom). */
  Optional<String> s3Object();

  /** Provider class (Custom). */
  Optional<String> encryptionKeyProviderClass();

  /** Whether EBS volumes are encrypted too (needs AwsKms). */
  @Value.Default
  default boolean enableEbsEncryption() {
    return false;
  }
}
