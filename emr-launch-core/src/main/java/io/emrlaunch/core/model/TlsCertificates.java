package io.emrlaunch.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** The certificates of in-transit (TLS) encryption (part of a {@link SecurityConfiguration}). */
@Value.Immutable
@JsonSerialize(as = ImmutableTlsCertificates.class)
@JsonDeserialize(as = ImmutableTlsCertificates.class)
public interface TlsCertificates extends WithTlsCertificates {

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
   * Builds {@link TlsCertificates} values: obtained from {@link TlsCertificates#builder()} or
   * {@link #toBuilder()}.
   */
  final class Builder extends ImmutableTlsCertificates.Builder {
    Builder() {}
  }

  /** Where the certificates come from. */
  enum ProviderType {
    /** A zip of PEM files in S3. */
    PEM("PEM"),
    /** A custom provider class in a jar in S3. */
    CUSTOM("Custom");

    private final String emrName;

    ProviderType(String emrName) {
      this.emrName = emrName;
    }

    /**
     * The name in EMR's JSON.
     *
     * @return e.g. {@code PEM}
     */
    @JsonValue
    public String emrName() {
      return emrName;
    }
  }

  /**
   * PEM certificates in a zip in S3 ({@code privateKey.pem}, {@code certificateChain.pem}, ...).
   *
   * @param zip the zip's S3 location
   * @return the setting
   */
  static TlsCertificates pem(String zip) {
    return TlsCertificates.builder().providerType(ProviderType.PEM).s3Object(zip).build();
  }

  /**
   * A custom certificate provider.
   *
   * @param providerJar the jar's S3 location
   * @param providerClass the class implementing {@code TLSArtifactsProvider}
   * @return the setting
   */
  static TlsCertificates custom(String providerJar, String providerClass) {
    return TlsCertificates.builder()
        .providerType(ProviderType.CUSTOM)
        .s3Object(providerJar)
        .certificateProviderClass(providerClass)
        .build();
  }

  /** The provider type. */
  ProviderType providerType();

  /** The zip (PEM) or jar (Custom) location. */
  String s3Object();

  /** The provider class (Custom). */
  Optional<String> certificateProviderClass();
}
