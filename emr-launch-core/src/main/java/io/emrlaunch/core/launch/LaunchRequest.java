package io.emrlaunch.core.launch;

import io.emrlaunch.core.internal.ValueStyle;
import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link ClusterLauncher#launch(LaunchRequest)} launches: the security half (profile), the
 * resource half (configuration), the cluster's name and tags, optional steps, and how to wait.
 *
 * <pre>{@code
 * LaunchRequest request = LaunchRequest.builder()
 *     .profile(profile)
 *     .configuration(configuration)
 *     .clusterName("nightly-etl")
 *     .putTags("team", "data")
 *     .waitFor(LaunchWait.WAITING)
 *     .timeout(Duration.ofMinutes(30))
 *     .failIfClusterRunning(true)
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ValueStyle
public interface LaunchRequest extends WithLaunchRequest {

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
   * Builds {@link LaunchRequest} values: obtained from {@link LaunchRequest#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableLaunchRequest.Builder {
    Builder() {}
  }

  /** The security half: roles, security groups, logs. */
  EmrProfile profile();

  /** The resource half: release, applications, instances, scaling. */
  ClusterConfiguration configuration();

  /** The cluster's name; the configuration's name when absent. */
  Optional<String> clusterName();

  /** Tags added to the configuration's tags (these win). */
  Map<String, String> tags();

  /** Steps the cluster runs once it is up. */
  List<EmrStep> steps();

  /**
   * Named runtime overrides of the configuration (override name → String, Number or Boolean),
   * checked against {@link #allowedOverrides()} — or the configuration's own allow-list when that
   * is empty — before anything is sent.
   */
  Map<String, Object> overrides();

  /** The overrides this launch may use (a launch function's list); see {@link #overrides()}. */
  List<AllowedOverride> allowedOverrides();

  /** How long the launch waits before completing; {@link LaunchWait#STARTED} by default. */
  @Value.Default
  default LaunchWait waitFor() {
    return LaunchWait.STARTED;
  }

  /** The longest wait; no limit when absent. On timeout the cluster is terminated. */
  Optional<Duration> timeout();

  /**
   * Refuse to launch when an active cluster (STARTING, BOOTSTRAPPING, RUNNING or WAITING) has the
   * same name; false by default.
   */
  @Value.Default
  default boolean failIfClusterRunning() {
    return false;
  }

  /**
   * A key naming this launch across calls and processes. While a cluster launched with the same key
   * is active (starting, bootstrapping, running or waiting), a launch with that key attaches to it
   * instead of creating another, so a caller that retries after a crash or a lost answer never gets
   * a second cluster. Without a key each launch gets a fresh random token, which protects only the
   * retries the launcher makes itself. 1 to 128 characters of letters, digits and {@code -_.:/=+@};
   * it is stored in the cluster's {@value ClusterLauncher#LAUNCH_TOKEN_TAG} tag.
   */
  Optional<String> idempotencyKey();

  /**
   * Listeners for this launch only: they see its milestones and its cluster's state changes (and
   * step changes), beside the launcher-wide listeners. Not part of the request's value (ignored by
   * {@code equals}).
   */
  @Value.Auxiliary
  List<LaunchListener> listeners();

  /**
   * Terminate the cluster when the launch fails or is cancelled after the cluster was created
   * (timeout, caller cancellation, lost track of it); true by default. Set false to keep it for
   * debugging.
   */
  @Value.Default
  default boolean terminateOnFailure() {
    return true;
  }
}
