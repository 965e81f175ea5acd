package io.emrlaunch.testkit.emr;

import java.util.Objects;
import java.util.Optional;

/**
 * What happens to steps of one name: run time and outcome. Unset parts fall back to the {@link
 * EmrBehavior} defaults. Immutable.
 */
public final class StepScript {
  private static final StepScript DEFAULTS = new StepScript(null, null, false);

  private final DurationDistribution runTime;
  private final StepFailure failure;
  private final boolean succeeds;

  private StepScript(DurationDistribution runTime, StepFailure failure, boolean succeeds) {
    this.runTime = runTime;
    this.failure = failure;
    this.succeeds = succeeds;
  }

  /** A script that changes nothing. */
  public static StepScript defaults() {
    return DEFAULTS;
  }

  /** Steps of this name fail with {@code failure}. */
  public static StepScript failing(StepFailure failure) {
    return DEFAULTS.failingWith(failure);
  }

  /** Time spent RUNNING. */
  public StepScript withRunTime(DurationDistribution time) {
    return new StepScript(Objects.requireNonNull(time), failure, succeeds);
  }

  /** Fails with {@code failure} after its run time. */
  public StepScript failingWith(StepFailure failure) {
    return new StepScript(runTime, Objects.requireNonNull(failure), false);
  }

  /** Always completes, whatever the behaviour's random failure rate says. */
  public StepScript succeeding() {
    return new StepScript(runTime, null, true);
  }

  Optional<DurationDistribution> runTime() {
    return Optional.ofNullable(runTime);
  }

  Optional<StepFailure> failure() {
    return Optional.ofNullable(failure);
  }

  boolean forcedSuccess() {
    return succeeds;
  }
}
