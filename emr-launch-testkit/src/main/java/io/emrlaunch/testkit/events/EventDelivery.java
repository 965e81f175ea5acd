package io.emrlaunch.testkit.events;

import java.time.Duration;
import java.util.Objects;

/**
 * How the in-memory EventBridge delivers matched events to its targets. EventBridge delivers at
 * least once and in no particular order; this makes both visible, from a seeded random: each
 * delivery takes a latency drawn uniformly from {@link #minLatency()}..{@link #maxLatency()}; with
 * {@link #dropRate()} it is lost; with {@link #duplicateRate()} it is delivered a second time
 * (after another latency); with {@link #reorderRate()} it is held back by up to {@link
 * #reorderDelay()} more, so later events overtake it.
 *
 * <pre>{@code
 * aws.eventBridgeBackend().setDelivery(
 *     EventDelivery.builder().dropRate(0.05).duplicateRate(0.1).reorderRate(0.2).build());
 * }</pre>
 */
public final class EventDelivery {
  private static final EventDelivery RELIABLE = builder().build();

  private final Duration minLatency;
  private final Duration maxLatency;
  private final double dropRate;
  private final double duplicateRate;
  private final double reorderRate;
  private final Duration reorderDelay;

  private EventDelivery(Builder b) {
    this.minLatency = nonNegative(b.minLatency, "minLatency");
    this.maxLatency = nonNegative(b.maxLatency, "maxLatency");
    if (maxLatency.compareTo(minLatency) < 0) {
      throw new IllegalArgumentException("EventDelivery.maxLatency must be >= minLatency");
    }
    this.dropRate = rate(b.dropRate, "dropRate");
    this.duplicateRate = rate(b.duplicateRate, "duplicateRate");
    this.reorderRate = rate(b.reorderRate, "reorderRate");
    this.reorderDelay = nonNegative(b.reorderDelay, "reorderDelay");
  }

  /**
   * In order, exactly once, after 0.5–1 s.
   *
   * @return the reliable delivery
   */
  public static EventDelivery reliable() {
    return RELIABLE;
  }

  /**
   * A builder starting from {@link #reliable()}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Shortest delivery latency.
   *
   * @return the latency
   */
  public Duration minLatency() {
    return minLatency;
  }

  /**
   * Longest delivery latency (before any reordering delay).
   *
   * @return the latency
   */
  public Duration maxLatency() {
    return maxLatency;
  }

  /**
   * Probability that a delivery is lost.
   *
   * @return 0..1
   */
  public double dropRate() {
    return dropRate;
  }

  /**
   * Probability that a delivery is made twice.
   *
   * @return 0..1
   */
  public double duplicateRate() {
    return duplicateRate;
  }

  /**
   * Probability that a delivery is held back by up to {@link #reorderDelay()}.
   *
   * @return 0..1
   */
  public double reorderRate() {
    return reorderRate;
  }

  /**
   * Longest extra delay of a held-back delivery.
   *
   * @return the delay
   */
  public Duration reorderDelay() {
    return reorderDelay;
  }

  private static Duration nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, "EventDelivery." + name);
    if (d.isNegative()) {
      throw new IllegalArgumentException("EventDelivery." + name + " must not be negative: " + d);
    }
    return d;
  }

  private static double rate(double p, String name) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("EventDelivery." + name + " must be in 0..1: " + p);
    }
    return p;
  }

  @Override
  public String toString() {
    return "EventDelivery[latency "
        + minLatency
        + ".."
        + maxLatency
        + ", drop "
        + dropRate
        + ", duplicate "
        + duplicateRate
        + ", reorder "
        + reorderRate
        + " by up to "
        + reorderDelay
        + "]";
  }

  /** Builds an {@link EventDelivery}. */
  public static final class Builder {
    private Duration minLatency = Duration.ofMillis(500);
    private Duration maxLatency = Duration.ofSeconds(1);
    private double dropRate;
    private double duplicateRate;
    private double reorderRate;
    private Duration reorderDelay = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * Delivery latency, drawn uniformly between the two.
     *
     * @param min shortest
     * @param max longest
     * @return this
     */
    public Builder latency(Duration min, Duration max) {
      this.minLatency = min;
      this.maxLatency = max;
      return this;
    }

    /**
     * See {@link EventDelivery#dropRate()}.
     *
     * @param p probability
     * @return this
     */
    public Builder dropRate(double p) {
      this.dropRate = p;
      return this;
    }

    /**
     * See {@link EventDelivery#duplicateRate()}.
     *
     * @param p probability
     * @return this
     */
    public Builder duplicateRate(double p) {
      this.duplicateRate = p;
      return this;
    }

    /**
     * See {@link EventDelivery#reorderRate()}.
     *
     * @param p probability
     * @return this
     */
    public Builder reorderRate(double p) {
      this.reorderRate = p;
      return this;
    }

    /**
     * See {@link EventDelivery#reorderDelay()}.
     *
     * @param d the longest extra delay
     * @return this
     */
    public Builder reorderDelay(Duration d) {
      this.reorderDelay = d;
      return this;
    }

    /**
     * Builds it.
     *
     * @return the delivery
     */
    public EventDelivery build() {
      return new EventDelivery(this);
    }
  }
}
