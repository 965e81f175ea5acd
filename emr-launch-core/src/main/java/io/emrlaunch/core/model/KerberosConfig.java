package io.emrlaunch.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Kerberos authentication (part of a {@link SecurityConfiguration}): a KDC dedicated to the cluster
 * (optionally trusting another realm) or an external KDC (optionally integrated with Active
 * Directory). The realm and passwords live in the profile's Kerberos attributes secret.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableKerberosConfig.class)
@JsonDeserialize(as = ImmutableKerberosConfig.class)
public interface KerberosConfig extends WithKerberosConfig {

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
   * Builds {@link KerberosConfig} values: obtained from {@link KerberosConfig#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableKerberosConfig.Builder {
    Builder() {}
  }

  /** The KDC provider. */
  enum Provider {
    /** EMR runs a KDC on the master node. */
    CLUSTER_DEDICATED_KDC("ClusterDedicatedKdc"),
    /** An external KDC. */
    EXTERNAL_KDC("ExternalKdc");

    private final String emrName;

    Provider(String emrName) {
      this.emrName = emrName;
    }

    /**
     * The name in EMR's JSON.
     *
     * @return e.g. {@code ClusterDedicatedKdc}
     */
    @JsonValue
    public String emrName() {
      return emrName;
    }
  }

  /**
   * A cluster-dedicated KDC.
   *
   * @param ticketLifetimeInHours ticket lifetime (aws-emr-launch used 24)
   * @return the setting
   */
  static KerberosConfig clusterDedicatedKdc(int ticketLifetimeInHours) {
    return KerberosConfig.builder()
        .provider(Provider.CLUSTER_DEDICATED_KDC)
        .ticketLifetimeInHours(ticketLifetimeInHours)
        .build();
  }

  /**
   * A cluster-dedicated KDC trusting another realm (usually Active Directory).
   *
   * @param ticketLifetimeInHours ticket lifetime
   * @param realm the other realm, e.g. {@code AD.EXAMPLE.COM}
   * @param domain its domain, e.g. {@code ad.example.com}
   * @param adminServer its admin server ({@code host[:749]})
   * @param kdcServer its KDC ({@code host[:88]})
   * @return the setting
   */
  static KerberosConfig clusterDedicatedKdcWithCrossRealmTrust(
      int ticketLifetimeInHours,
      String realm,
      String domain,
      String adminServer,
      String kdcServer) {
    return clusterDedicatedKdc(ticketLifetimeInHours)
        .withCrossRealmTrustRealm(realm)
        .withCrossRealmTrustDomain(domain)
        .withCrossRealmTrustAdminServer(adminServer)
        .withCrossRealmTrustKdcServer(kdcServer);
  }

  /**
   * An external KDC.
   *
   * @param adminServer admin server ({@code host[:749]})
   * @param kdcServer KDC server ({@code host[:88]})
   * @return the setting
   */
  static KerberosConfig externalKdc(String adminServer, String kdcServer) {
    return KerberosConfig.builder()
        .provider(Provider.EXTERNAL_KDC)
        .adminServer(adminServer)
        .kdcServer(kdcServer)
        .build();
  }

  /**
   * An external KDC integrated with Active Directory.
   *
   * @param adminServer admin server
   * @param kdcServer KDC server
   * @param adRealm the AD realm, e.g. {@code AD.EXAMPLE.COM}
   * @param adDomain the AD domain, e.g. {@code ad.example.com}
   * @return the setting
   */
  static KerberosConfig externalKdcWithAdIntegration(
      String adminServer, String kdcServer, String adRealm, String adDomain) {
    return externalKdc(adminServer, kdcServer).withAdRealm(adRealm).withAdDomain(adDomain);
  }

  /** The KDC provider. */
  Provider provider();

  /** Ticket lifetime in hours. */
  Optional<Integer> ticketLifetimeInHours();

  /** Cross-realm trust: the other realm (cluster-dedicated KDC). */
  Optional<String> crossRealmTrustRealm();

  /** Cross-realm trust: the other realm's domain. */
  Optional<String> crossRealmTrustDomain();

  /** Cross-realm trust: the other realm's admin server. */
  Optional<String> crossRealmTrustAdminServer();

  /** Cross-realm trust: the other realm's KDC. */
  Optional<String> crossRealmTrustKdcServer();

  /** External KDC: admin server. */
  Optional<String> adminServer();

  /** External KDC: KDC server. */
  Optional<String> kdcServer();

  /** External KDC with AD: the AD realm. */
  Optional<String> adRealm();

  /** External KDC with AD: the AD domain. */
  Optional<String> adDomain();

  /** External KDC with AD: the domain controller. */
  Optional<String> adServer();

  /**
   * Whether a cross-realm trust is configured.
   *
   * @return true when any cross-realm field is set
   */
  @Value.Derived
  @com.fasterxml.jackson.annotation.JsonIgnore
  default boolean hasCrossRealmTrust() {
    return crossRealmTrustRealm().isPresent()
        || crossRealmTrustDomain().isPresent()
        || crossRealmTrustAdminServer().isPresent()
        || crossRealmTrustKdcServer().isPresent();
  }
}
