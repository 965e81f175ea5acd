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
public interface ConfigurationArtifact {

  static ConfigurationArtifact of(String bucket, String path) {
    return ImmutableConfigurationArtifact.builder().bucket(bucket).path(path).build();
  }

  String bucket();

  /** Key pattern inside the bucket, e.g. {@code code/*}. */
  String path();
}
