package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * An S3 location a configuration's bootstrap actions or jars read from, so that instance roles can
 * be granted read access to it.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableConfigurationArtifact.class)
@JsonDeserialize(as = ImmutableConfigurationArtifact.class)
public interface ConfigurationArtifact extends WithConfigurationArtifact {

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
   * Builds {@link ConfigurationArtifact} values: obtained from {@link
   * ConfigurationArtifact#builder()} or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableConfigurationArtifact.Builder {
    Builder() {}
  }

  static ConfigurationArtifact of(String bucket, String path) {
    return ConfigurationArtifact.builder().bucket(bucket).path(path).build();
  }

  String bucket();

  /** Key pattern inside the bucket, e.g. {@code code/*}. */
  String path();
}
