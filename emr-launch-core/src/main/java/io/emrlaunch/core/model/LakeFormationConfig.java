package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * AWS Lake Formation integration through SAML federation, as aws-emr-launch's {@code
 * enable_lake_formation} (part of a {@link SecurityConfiguration}; needs a cluster-dedicated KDC
 * without cross-realm trust).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableLakeFormationConfig.class)
@JsonDeserialize(as = ImmutableLakeFormationConfig.class)
public interface LakeFormationConfig extends WithLakeFormationConfig {

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
   * Builds {@link LakeFormationConfig} values: obtained from {@link LakeFormationConfig#builder()}
   * or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableLakeFormationConfig.Builder {
    Builder() {}
  }

  /**
   * The configuration.
   *
   * @param idpMetadataS3Path S3 path of the identity provider's SAML metadata
   * @param emrRoleForUsersArn the role EMR assumes for users (aws-emr-launch's services role)
   * @param lakeFormationRoleForSamlPrincipalArn the role of SAML principals
   * @return the configuration
   */
  static LakeFormationConfig of(
      String idpMetadataS3Path,
      String emrRoleForUsersArn,
      String lakeFormationRoleForSamlPrincipalArn) {
    return LakeFormationConfig.builder()
        .idpMetadataS3Path(idpMetadataS3Path)
        .emrRoleForUsersArn(emrRoleForUsersArn)
        .lakeFormationRoleForSamlPrincipalArn(lakeFormationRoleForSamlPrincipalArn)
        .build();
  }

  /** S3 path of the identity provider's SAML metadata. */
  String idpMetadataS3Path();

  /** The role EMR assumes for users. */
  String emrRoleForUsersArn();

  /** The role of SAML principals. */
  String lakeFormationRoleForSamlPrincipalArn();
}
