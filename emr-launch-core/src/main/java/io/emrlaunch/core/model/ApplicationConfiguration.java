package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * An EMR application configuration: a classification (e.g. {@code spark-defaults}) with properties
 * and nested configurations.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableApplicationConfiguration.class)
@JsonDeserialize(as = ImmutableApplicationConfiguration.class)
public interface ApplicationConfiguration {

  static ImmutableApplicationConfiguration.Builder builder() {
    return ImmutableApplicationConfiguration.builder();
  }

  /** Creates a configuration with properties and no nested configurations. */
  static ApplicationConfiguration of(String classification, Map<String, String> properties) {
    return builder().classification(classification).putAllProperties(properties).build();
  }

  String classification();

  /**
   * The properties. Left out of {@code toString()}: they may hold passwords (a metastore's {@code
   * javax.jdo.option.ConnectionPassword}); the JSON record and the RunJobFlow request carry them.
   */
  @Value.Redacted
  Map<String, String> properties();

  List<ApplicationConfiguration> configurations();
}
