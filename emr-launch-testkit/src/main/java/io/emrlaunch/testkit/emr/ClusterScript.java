package io.emrlaunch.testkit.emr;

import java.util.Objects;
import java.util.Optional;

/**
 * What happens to clusters of one name: boot durations and outcome. Unset parts fall back to the
 * {@link EmrBehavior} defaults. Immutable; each {@code with...} returns a copy.
 */
public final class ClusterScript {
  private static final ClusterScript DEFAULTS = new ClusterScript(null, null, null, false);

  private final DurationDistribution startingTime;
  private final DurationDistribution bootstrappingTime;
  private final ClusterFailure failure;
  private final boolean succeeds;

  private ClusterScript(
      DurationDistribution startingTime,
      DurationDistribution bootstrappingTime,
      ClusterFailure failure,
      boolean succeeds) {
    this.startingTime = startingTime;
    this.bootstrappingTime = bootstrappingTime;
    this.failure = failure;
    this.succeeds = succeeds;
  }

  /** A script that changes nothing. */
  public static ClusterScript defaults() {
    return DEFAULTS;
  }

  /** Clusters of this name fail with {@code failure}. */
  public static ClusterScript failing(ClusterFailure failure) {
    return DEFAULTS.failingWith(failure);
  }

  /** Time spent in STARTING. */
  public ClusterScript withStartingTime(DurationDistribution time) {
    return new ClusterScript(Objects.requireNonNull(time), bootstrappingTime, failure, succeeds);
  }

  /** Time spent in BOOTSTRAPPING. */
  public ClusterScript withBootstrappingTime(DurationDistribution time) {
    return new ClusterScript(startingTime, Objects.requireNonNull(time), failure, succeeds);
  }

  /** Fails with {@code failure}. */
  public ClusterScript failingWith(ClusterFailure failure) {
    return new ClusterScript(
        startingTime, bootstrappingTime, Objects.requireNonNull(failure), false);
  }

  /** Always boots, whatever the behaviour's random failure rate says. */
  public ClusterScript succeeding() {
    return new ClusterScript(startingTime, bootstrappingTime, null, true);
  }

  Optional<DurationDistribution> startingTime() {
    return Optional.ofNullable(startingTime);
  }

  Optional<DurationDistribution> bootstrappingTime() {
    return Optional.ofNullable(bootstrappingTime);
  }

  Optional<ClusterFailure> failure() {
    return Optional.ofNullable(failure);
  }

  boolean forcedSuccess() {
    return succeeds;
  }
}
