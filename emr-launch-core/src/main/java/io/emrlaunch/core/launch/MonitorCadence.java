package io.emrlaunch.core.launch;

import java.time.Duration;
import java.util.Objects;

/**
 * How often the {@link ClusterMonitor} polls. The cadence adapts to what is happening:
 *
 * <ul>
 *   <li><b>startup</b>: quick polls right after a cluster is registered, because validation
 *       failures (bad roles, bad subnets) end a cluster within seconds;
 *   <li><b>active</b>: quick polls while clusters are changing state, because more changes tend to
 *       follow (clusters launched together finish booting together);
 *   <li><b>idle</b>: otherwise the period grows by {@link #idleGrowth()} from {@link
 *       #activePeriod()} (from {@link #startupPeriod()} after the startup window) up to {@link
 *       #maxIdlePeriod()}, so a long boot costs few calls;
 *   <li><b>throttled</b>: a throttled {@code ListClusters} page is retried on its own within the
 *       poll (after 0.25–0.5 s, doubling, four times; the pages already read count) and does not
 *       change the cadence; only a poll that still fails doubles the period, up to {@link
 *       #maxThrottledPeriod()}. Throttling slows the monitor down and never fails a wait.
 * </ul>
 */
public final class MonitorCadence {
  private static final MonitorCadence DEFAULTS = builder().build();

  private final Duration startupPeriod;
  private final Duration startupWindow;
  private final Duration activePeriod;
  private final Duration activeWindow;
  private final double idleGrowth;
  private final Duration maxIdlePeriod;
  private final Duration maxThrottledPeriod;
  private final int describeAfterMisses;

  private MonitorCadence(Builder b) {
    this.startupPeriod = positive(b.startupPeriod, "startupPeriod");
    this.startupWindow = Objects.requireNonNull(b.startupWindow, "startupWindow");
    this.activePeriod = positive(b.activePeriod, "activePeriod");
    this.activeWindow = Objects.requireNonNull(b.activeWindow, "activeWindow");
    if (!(b.idleGrowth >= 1.0)) {
      throw new IllegalArgumentException("idleGrowth must be >= 1: " + b.idleGrowth);
    }
    this.idleGrowth = b.idleGrowth;
    this.maxIdlePeriod = positive(b.maxIdlePeriod, "maxIdlePeriod");
    this.maxThrottledPeriod = positive(b.maxThrottledPeriod, "maxThrottledPeriod");
    if (b.describeAfterMisses < 1) {
      throw new IllegalArgumentException("describeAfterMisses must be >= 1");
    }
    this.describeAfterMisses = b.describeAfterMisses;
  }

  /**
   * The defaults: every 10 s for the first 60 s of a cluster (quick validation failures); every 5 s
   * while clusters arrive (come up or end; for 2 min after the last arrival); otherwise growing
   * ×1.5 up to 60 s (sooner for polls cheaper than a full listing, see {@link #maxIdlePeriod()});
   * up to 5 min while throttled. Chosen with the monitor benchmark: against the SDK waiter's 30 s
   * polls, at 200 and 1,000 clusters with and without 20% throttling, they give at most a fifth of
   * its median and a quarter of its p95 detection lag for a twentieth of its calls.
   *
   * @return the default cadence
   */
  public static MonitorCadence defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Poll period during a cluster's first {@link #startupWindow()}.
   *
   * @return the period
   */
  public Duration startupPeriod() {
    return startupPeriod;
  }

  /**
   * How long after registration a cluster counts as starting up.
   *
   * @return the window
   */
  public Duration startupWindow() {
    return startupWindow;
  }

  /**
   * Poll period while clusters are changing state.
   *
   * @return the period
   */
  public Duration activePeriod() {
    return activePeriod;
  }

  /**
   * How long after the last observed change the monitor stays active.
   *
   * @return the window
   */
  public Duration activeWindow() {
    return activeWindow;
  }

  /**
   * Factor by which the idle period grows after each quiet poll.
   *
   * @return the factor, at least 1
   */
  public double idleGrowth() {
    return idleGrowth;
  }

  /**
   * Longest idle period, for a poll that reads one {@code ListClusters} page per 50 watched
   * clusters. A poll that reads fewer pages (the monitor lists only the clusters that left the
   * pending states while most are still booting: one page for a whole booting fleet) may idle at a
   * proportionally shorter period, down to {@link #activePeriod()}: idle polling spends at most a
   * full listing's calls per {@code maxIdlePeriod}, and a big fleet's first arrivals are not found
   * a whole idle period late.
   *
   * @return the cap
   */
  public Duration maxIdlePeriod() {
    return maxIdlePeriod;
  }

  /**
   * Longest period while EMR throttles the monitor.
   *
   * @return the cap
   */
  public Duration maxThrottledPeriod() {
    return maxThrottledPeriod;
  }

  /**
   * After how many polls without seeing a cluster in a listing it is described individually (a
   * cluster may take a moment to appear in {@code ListClusters}).
   *
   * @return the number of polls
   */
  public int describeAfterMisses() {
    return describeAfterMisses;
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }

  /** Builds a {@link MonitorCadence}. */
  public static final class Builder {
    private Duration startupPeriod = Duration.ofSeconds(10);
    private Duration startupWindow = Duration.ofSeconds(60);
    private Duration activePeriod = Duration.ofSeconds(5);
    private Duration activeWindow = Duration.ofMinutes(2);
    private double idleGrowth = 1.5;
    private Duration maxIdlePeriod = Duration.ofSeconds(60);
    private Duration maxThrottledPeriod = Duration.ofMinutes(5);
    private int describeAfterMisses = 3;

    private Builder() {}

    /**
     * See {@link MonitorCadence#startupPeriod()}.
     *
     * @param v the period
     * @return this
     */
    public Builder startupPeriod(Duration v) {
      this.startupPeriod = v;
      return this;
    }

    /**
     * See {@link MonitorCadence#startupWindow()}.
     *
     * @param v the window
     * @return this
     */
    public Builder startupWindow(Duration v) {
      this.startupWindow = v;
      return this;
    }

    /**
     * See {@link MonitorCadence#activePeriod()}.
     *
     * @param v the period
     * @return this
     */
    public Builder activePeriod(Duration v) {
      this.activePeriod = v;
      return this;
    }

    /**
     * See {@link MonitorCadence#activeWindow()}.
     *
     * @param v the window
     * @return this
     */
    public Builder activeWindow(Duration v) {
      this.activeWindow = v;
      return this;
    }

    /**
     * See {@link MonitorCadence#idleGrowth()}.
     *
     * @param v the factor
     * @return this
     */
    public Builder idleGrowth(double v) {
      this.idleGrowth = v;
      return this;
    }

    /**
     * See {@link MonitorCadence#maxIdlePeriod()}.
     *
     * @param v the cap
     * @return this
     */
    public Builder maxIdlePeriod(Duration v) {
      this.maxIdlePeriod = v;
      return this;
    }

    /**
     * See {@link MonitorCadence#maxThrottledPeriod()}.
     *
     * @param v the cap
     * @return this
     */
    public Builder maxThrottledPeriod(Duration v) {
      this.maxThrottledPeriod = v;
      return this;
    }

    /**
     * See {@link MonitorCadence#describeAfterMisses()}.
     *
     * @param v the number of polls
     * @return this
     */
    public Builder describeAfterMisses(int v) {
      this.describeAfterMisses = v;
      return this;
    }

    /**
     * Builds the cadence.
     *
     * @return the cadence
     */
    public MonitorCadence build() {
      return new MonitorCadence(this);
    }
  }
}
