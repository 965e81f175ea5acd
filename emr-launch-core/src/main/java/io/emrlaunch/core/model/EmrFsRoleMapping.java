package io.emrlaunch.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * An EMRFS role mapping: requests matching the identifiers (S3 prefixes, Hadoop users or groups)
 * use {@link #role()} (part of a {@link SecurityConfiguration}; evaluated top-down).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableEmrFsRoleMapping.class)
@JsonDeserialize(as = ImmutableEmrFsRoleMapping.class)
public interface EmrFsRoleMapping extends WithEmrFsRoleMapping {

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
   * Builds {@link EmrFsRoleMapping} values: obtained from {@link EmrFsRoleMapping#builder()} or
   * {@link #toBuilder()}.
   */
  final class Builder extends ImmutableEmrFsRoleMapping.Builder {
    Builder() {}
  }

  /** What the identifiers are. */
  enum IdentifierType {
    /** S3 prefixes ({@code s3://bucket/path/}). */
    PREFIX("Prefix"),
    /** Hadoop users. */
    USER("User"),
    /** Hadoop groups. */
    GROUP("Group");

    private final String emrName;

    IdentifierType(String emrName) {
      this.emrName = emrName;
    }

    /**
     * The name in EMR's JSON.
     *
     * @return e.g. {@code Prefix}
     */
    @JsonValue
    public String emrName() {
      return emrName;
    }
  }

  /**
   * A mapping.
   *
   * @param role the IAM role ARN
   * @param type the identifier type
   * @param identifiers the identifiers
   * @return the mapping
   */
  static EmrFsRoleMapping of(String role, IdentifierType type, String... identifiers) {
    return EmrFsRoleMapping.builder()
        .role(role)
        .identifierType(type)
        .addIdentifiers(identifiers)
        .build();
  }

  /** The IAM role ARN EMRFS assumes. */
  String role();

  /** The identifier type. */
  IdentifierType identifierType();

  /** The identifiers. */
  List<String> identifiers();
}
