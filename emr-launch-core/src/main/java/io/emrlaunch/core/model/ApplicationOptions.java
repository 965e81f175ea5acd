package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The rarely needed parts of a RunJobFlow {@code Applications} entry besides its name: {@code
 * Version}, {@code Args} and {@code AdditionalInfo}. Keyed by application name in {@link
 * ClusterConfiguration#applicationOptions()}; the name itself stays in {@link
 * ClusterConfiguration#applications()}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableApplicationOptions.class)
@JsonDeserialize(as = ImmutableApplicationOptions.class)
public interface ApplicationOptions extends WithApplicationOptions {

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
   * Builds {@link ApplicationOptions} values: obtained from {@link ApplicationOptions#builder()} or
   * {@link #toBuilder()}.
   */
  final class Builder extends ImmutableApplicationOptions.Builder {
    Builder() {}
  }

  /** {@code Version}: the application version (EMR installs the release's version otherwise). */
  Optional<String> version();

  /** {@code Args}: arguments EMR passes to the application. */
  List<String> args();

  /** {@code AdditionalInfo}: advanced, application-specific key/value settings. */
  Map<String, String> additionalInfo();
}
