package io.emrlaunch.testkit.emr;

import static io.emrlaunch.testkit.emr.DurationDistribution.fixed;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the in-memory EMR behaves over virtual time: how long each phase takes and what fails.
 * Durations come from {@link DurationDistribution}s drawn from the {@link FakeEmr}'s seeded random;
 * per-name scripts fix the fate of particular clusters and steps.
 *
 * <pre>{@code
 * EmrBehavior behavior = EmrBehavior.builder()
 *     .bootstrappingTime(DurationDistribution.uniform(Duration.ofMinutes(6), Duration.ofMinutes(12)))
 *     .clusterFailureRate(0.05, ClusterFailure.bootstrapFailure())        // 5% fail at bootstrap
 *     .cluster("nightly-etl", ClusterScript.failing(ClusterFailure.instanceFailure()))
 *     .step("load-orders", StepScript.failing(StepFailure.of("Table not found", "orders_v2")))
 *     .build();
 * }</pre>
 *
 * <p>Defaults: STARTING 3 min, BOOTSTRAPPING 5 min, steps run 5 min, cancelling a step 10 s, a step
 * added to a ready cluster starts after 5 s, resizes take 4 min, terminating takes 1 min; nothing
 * fails.
 */
public final class EmrBehavior {
  private final DurationDistribution startingTime;
  private final DurationDistribution bootstrappingTime;
  private final DurationDistribution terminatingTime;
  private final DurationDistribution stepRunTime;
  private final DurationDistribution stepStartDelay;
  private final DurationDistribution stepCancelTime;
  private final DurationDistribution resizeTime;
  private final double clusterFailureRate;
  private final ClusterFailure randomClusterFailure;
  private final double stepFailureRate;
  private final StepFailure randomStepFailure;
  private final Map<String, ClusterScript> clusters;
  private final Map<String, StepScript> steps;

  private EmrBehavior(Builder b) {
    this.startingTime = b.startingTime;
    this.bootstrappingTime = b.bootstrappingTime;
    this.terminatingTime = b.terminatingTime;
    this.stepRunTime = b.stepRunTime;
    this.stepStartDelay = b.stepStartDelay;
    this.stepCancelTime = b.stepCancelTime;
    this.resizeTime = b.resizeTime;
    this.clusterFailureRate = b.clusterFailureRate;
    this.randomClusterFailure = b.randomClusterFailure;
    this.stepFailureRate = b.stepFailureRate;
    this.randomStepFailure = b.randomStepFailure;
    this.clusters = Map.copyOf(b.clusters);
    this.steps = Map.copyOf(b.steps);
  }

  /** The default behaviour: fixed durations, no failures. */
  public static EmrBehavior defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  DurationDistribution startingTime(String clusterName) {
    return clusterScript(clusterName).startingTime().orElse(startingTime);
  }

  DurationDistribution bootstrappingTime(String clusterName) {
    return clusterScript(clusterName).bootstrappingTime().orElse(bootstrappingTime);
  }

  DurationDistribution terminatingTime() {
    return terminatingTime;
  }

  DurationDistribution stepStartDelay() {
    return stepStartDelay;
  }

  DurationDistribution stepCancelTime() {
    return stepCancelTime;
  }

  DurationDistribution resizeTime() {
    return resizeTime;
  }

  DurationDistribution stepRunTime(String stepName) {
    return stepScript(stepName).runTime().orElse(stepRunTime);
  }

  /**
   * The failure for a new cluster, or null; draws from {@code random} only for unscripted names.
   */
  ClusterFailure clusterFailure(String clusterName, java.util.Random random) {
    ClusterScript script = clusterScript(clusterName);
    if (script.failure().isPresent()) {
      return script.failure().get();
    }
    if (script.forcedSuccess() || clusterFailureRate <= 0) {
      return null;
    }
    return random.nextDouble() < clusterFailureRate ? randomClusterFailure : null;
  }

  StepFailure stepFailure(String stepName, java.util.Random random) {
    StepScript script = stepScript(stepName);
    if (script.failure().isPresent()) {
      return script.failure().get();
    }
    if (script.forcedSuccess() || stepFailureRate <= 0) {
      return null;
    }
    return random.nextDouble() < stepFailureRate ? randomStepFailure : null;
  }

  private ClusterScript clusterScript(String name) {
    return clusters.getOrDefault(name, ClusterScript.defaults());
  }

  private StepScript stepScript(String name) {
    return steps.getOrDefault(name, StepScript.defaults());
  }

  /** Builds an {@link EmrBehavior}. */
  public static final class Builder {
    private DurationDistribution startingTime = fixed(Duration.ofMinutes(3));
    private DurationDistribution bootstrappingTime = fixed(Duration.ofMinutes(5));
    private DurationDistribution terminatingTime = fixed(Duration.ofMinutes(1));
    private DurationDistribution stepRunTime = fixed(Duration.ofMinutes(5));
    private DurationDistribution stepStartDelay = fixed(Duration.ofSeconds(5));
    private DurationDistribution stepCancelTime = fixed(Duration.ofSeconds(10));
    private DurationDistribution resizeTime = fixed(Duration.ofMinutes(4));
    private double clusterFailureRate;
    private ClusterFailure randomClusterFailure = ClusterFailure.bootstrapFailure();
    private double stepFailureRate;
    private StepFailure randomStepFailure = StepFailure.nonZeroExit();
    private final Map<String, ClusterScript> clusters = new HashMap<>();
    private final Map<String, StepScript> steps = new HashMap<>();

    private Builder() {}

    /** Time in STARTING (provisioning EC2). */
    public Builder startingTime(DurationDistribution time) {
      this.startingTime = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Time in BOOTSTRAPPING (bootstrap actions, applications). */
    public Builder bootstrappingTime(DurationDistribution time) {
      this.bootstrappingTime = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Time in TERMINATING. */
    public Builder terminatingTime(DurationDistribution time) {
      this.terminatingTime = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Time a step spends RUNNING. */
    public Builder stepRunTime(DurationDistribution time) {
      this.stepRunTime = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Delay before a step added to a ready cluster starts. */
    public Builder stepStartDelay(DurationDistribution time) {
      this.stepStartDelay = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Time a cancelled step spends in CANCEL_PENDING. */
    public Builder stepCancelTime(DurationDistribution time) {
      this.stepCancelTime = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Time an instance group or fleet spends RESIZING. */
    public Builder resizeTime(DurationDistribution time) {
      this.resizeTime = Objects.requireNonNull(time, "time");
      return this;
    }

    /** A fraction {@code rate} (0..1) of unscripted clusters fail with {@code failure}. */
    public Builder clusterFailureRate(double rate, ClusterFailure failure) {
      this.clusterFailureRate = checkRate(rate);
      this.randomClusterFailure = Objects.requireNonNull(failure, "failure");
      return this;
    }

    /** A fraction {@code rate} (0..1) of unscripted steps fail with {@code failure}. */
    public Builder stepFailureRate(double rate, StepFailure failure) {
      this.stepFailureRate = checkRate(rate);
      this.randomStepFailure = Objects.requireNonNull(failure, "failure");
      return this;
    }

    /** Scripts every cluster named {@code name}. */
    public Builder cluster(String name, ClusterScript script) {
      clusters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(script, "script"));
      return this;
    }

    /** Scripts every step named {@code name}. */
    public Builder step(String name, StepScript script) {
      steps.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(script, "script"));
      return this;
    }

    /** The behaviour. */
    public EmrBehavior build() {
      return new EmrBehavior(this);
    }

    private static double checkRate(double rate) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("rate must be in [0, 1]: " + rate);
      }
      return rate;
    }
  }
}
