package io.emrlaunch.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * One fault rule registered in a {@link FaultPlan}: what goes wrong, on which operation, how often.
 * Keep the handle to see how often it fired or to {@link #remove()} it.
 */
public final class Fault {
  /** What an injected fault does to a call. */
  public enum Kind {
    /**
     * The service refuses the call with its throttling error (HTTP 400, {@code ThrottlingException}
     * or the service's own code); the backend is not touched. {@code isThrottlingException()} is
     * true.
     */
    THROTTLING,
    /**
     * The service fails with its HTTP 500 error ({@code InternalServerError}/{@code
     * InternalFailure}).
     */
    SERVER_ERROR,
    /**
     * The call takes longer: virtual time passes before the backend runs and the response arrives.
     * A request with a shorter {@code apiCallTimeout} fails with {@code ApiCallTimeoutException}
     * when that timeout has passed, and the backend still runs when the latency has passed.
     */
    LATENCY,
    /**
     * The call takes effect in the backend but its response is lost: the caller gets an {@link
     * software.amazon.awssdk.core.exception.SdkClientException} as after a read timeout.
     */
    RESPONSE_LOST
  }

  private final FaultPlan plan;
  private final Kind kind;
  private final String service;
  private final String operation;
  private final double probability;
  private final Duration minLatency;
  private final Duration maxLatency;
  private int remaining;
  private int fired;

  Fault(
      FaultPlan plan,
      Kind kind,
      String service,
      String operation,
      int count,
      double probability,
      Duration minLatency,
      Duration maxLatency) {
    this.plan = plan;
    this.kind = Objects.requireNonNull(kind, "kind");
    this.service = service;
    this.operation = operation;
    this.remaining = count;
    this.probability = probability;
    this.minLatency = minLatency;
    this.maxLatency = maxLatency;
  }

  /** What this fault does. */
  public Kind kind() {
    return kind;
  }

  /** The service it applies to. */
  public String service() {
    return service;
  }

  /** The operation it applies to, or {@code *} for all operations of the service. */
  public String operation() {
    return operation;
  }

  /** How many times it has fired. */
  public synchronized int fired() {
    return fired;
  }

  /** How many more times it fires ({@link Integer#MAX_VALUE} for unlimited rules). */
  public synchronized int remaining() {
    return remaining;
  }

  /** Removes this rule from its plan. */
  public void remove() {
    plan.remove(this);
  }

  boolean matches(String service, String operation) {
    return this.service.equals(service)
        && (this.operation.equals("*") || this.operation.equals(operation));
  }

  /**
   * Whether the rule fires for this call; draws from the plan's seeded random when probabilistic.
   */
  synchronized boolean shouldFire(java.util.Random random) {
    if (remaining <= 0) {
      return false;
    }
    return probability >= 1.0 || random.nextDouble() < probability;
  }

  synchronized void consume() {
    fired++;
    if (remaining != Integer.MAX_VALUE) {
      remaining--;
    }
  }

  Duration latency(java.util.Random random) {
    if (minLatency.equals(maxLatency)) {
      return minLatency;
    }
    long span = maxLatency.toNanos() - minLatency.toNanos();
    return minLatency.plusNanos((long) (random.nextDouble() * span));
  }

  @Override
  public String toString() {
    return "Fault[" + kind + " " + service + ":" + operation + ", fired=" + fired + "]";
  }
}
