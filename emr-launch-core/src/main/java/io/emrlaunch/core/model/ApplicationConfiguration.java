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
public interface ApplicationConfiguration extends WithApplicationConfiguration {

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
   * Builds {@link ApplicationConfiguration} values: obtained from {@link
   * ApplicationConfiguration#builder()} or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableApplicationConfiguration.Builder {
    Builder() {}
  }

  /** Creates a configuration with properties and no nested configurations. */
  static ApplicationConfiguration of(String classification, Map<String, String> properties) {
    return builder().classification(classification).putAllProperties(properties).build();
  }

  String classification();

  Map<String, String> properties();

  List<ApplicationConfiguration> configurations();
}
