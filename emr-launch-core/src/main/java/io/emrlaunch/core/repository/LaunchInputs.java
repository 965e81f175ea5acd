package io.emrlaunch.core.repository;

import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import org.immutables.value.Value;

/** A profile and a configuration loaded together for one launch. */
@Value.Immutable
public interface LaunchInputs {

  /**
   * A builder.
   *
   * @return a new builder
   */
  static ImmutableLaunchInputs.Builder builder() {
    return ImmutableLaunchInputs.builder();
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
