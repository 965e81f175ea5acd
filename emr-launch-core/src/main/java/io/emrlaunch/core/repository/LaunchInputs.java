package io.emrlaunch.core.repository;

import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import org.immutables.value.Value;

/** A profile and a configuration loaded together for one launch. */
@Value.Immutable
public interface LaunchInputs extends WithLaunchInputs {

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
   * Builds {@link LaunchInputs} values: obtained from {@link LaunchInputs#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableLaunchInputs.Builder {
    Builder() {}
  }

  /**
   * The security half.
   *
   * @return the stored profile
   */
  StoredRecord<EmrProfile> profile();

  /**
   * The resource half.
   *
   * @return the stored configuration
   */
  StoredRecord<ClusterConfiguration> configuration();
}
