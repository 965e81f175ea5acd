package io.emrlaunch.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Faults to inject into calls made through the fakes' client views, per service and operation. Off
 * by default; seeded, so a probabilistic plan misbehaves the same way on every run; one plan per
 * {@link FakeAws} (and so per test when the JUnit extension is used).
 *
 * <pre>{@code
 * faults.on(FakeAws.EMR, "RunJobFlow").next(2).throttle();          // fail the next 2 RunJobFlow calls
 * faults.on(FakeAws.EMR, "DescribeCluster").withProbability(0.2).serverError();
 * faults.on(FakeAws.EMR, "*").always().latency(Duration.ofMillis(300));
 * faults.on(FakeAws.EMR, "RunJobFlow").next(1).loseResponse();      // cluster is created, caller sees an error
 * }</pre>
 *
 * <p>Rules are consulted in the order they were added. Every firing latency rule adds its latency;
 * the first firing error rule (throttling, server error, response lost) decides the call's error,
 * and only that rule uses up one of its counted firings. The views behave like an SDK client with
 * retries off: each injected error reaches the caller. They honour a request's {@code
 * overrideConfiguration(o -> o.apiCallTimeout(d))} in virtual time: a call whose latency exceeds
 * {@code d} fails with the SDK's {@code ApiCallTimeoutException} after {@code d}, and still takes
 * effect in the backend when its latency has passed (a request that was sent can land late).
 */
public final class FaultPlan {
  private final List<Fault> rules = new ArrayList<>();
  private final Random random;
  private final long seed;

  /**
   * Creates an empty plan whose probabilistic rules draw from a {@link Random} seeded with {@code
   * seed}.
   */
  public FaultPlan(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** The seed of this plan's random draws. */
  public long seed() {
    return seed;
  }

  /**
   * Starts a rule for one operation (API name, e.g. {@code RunJobFlow}) or {@code "*"} for every
   * operation of the service.
   */
  public Selector on(String service, String operation) {
    return new Selector(
        Objects.requireNonNull(service, "service"), Objects.requireNonNull(operation, "operation"));
  }

  /** The rules currently registered, in consultation order. */
  public synchronized List<Fault> rules() {
    return List.copyOf(rules);
  }

  /** Removes every rule. */
  public synchronized void clear() {
    rules.clear();
  }

  synchronized void remove(Fault fault) {
    rules.remove(fault);
  }

  private synchronized Fault add(Fault fault) {
    rules.add(fault);
    return fault;
  }

  /**
   * Decides what happens to one call; used by the client views. Consumes counted firings of the
   * rules that fire.
   */
  public synchronized Decision decide(String service, String operation) {
    Duration latency = Duration.ZERO;
    Fault.Kind error = null;
    for (Fault rule : rules) {
      if (!rule.matches(service, operation)) {
        continue;
      }
      if (rule.kind() == Fault.Kind.LATENCY) {
        if (rule.shouldFire(random)) {
          rule.consume();
          latency = latency.plus(rule.latency(random));
        }
      } else if (error == null && rule.shouldFire(random)) {
        rule.consume();
        error = rule.kind();
      }
    }
    return latency.isZero() && error == null ? Decision.NONE : new Decision(latency, error);
  }

  /** What the plan decided for one call. */
  public static final class Decision {
    private static final Decision NONE = new Decision(Duration.ZERO, null);
    private final Duration latency;
    private final Fault.Kind error;

    Decision(Duration latency, Fault.Kind error) {
      this.latency = latency;
      this.error = error;
    }

    /** A decision with no fault. */
    public static Decision none() {
      return NONE;
    }

    /** Added latency (zero when none). */
    public Duration latency() {
      return latency;
    }

    /** The error fault, or {@code null} when the call proceeds normally. */
    public Fault.Kind error() {
      return error;
    }
  }

  /** Chooses how often a rule fires. */
  public final class Selector {
    private final String service;
    private final String operation;

    private Selector(String service, String operation) {
      this.service = service;
      this.operation = operation;
    }

    /** Fires on the next {@code count} matching calls, then never again. */
    public Trigger next(int count) {
      if (count <= 0) {
        throw new IllegalArgumentException("count must be positive: " + count);
      }
      return new Trigger(service, operation, count, 1.0);
    }

    /**
     * Fires on each matching call with probability {@code p} (0 &lt; p &lt;= 1), drawn from the
     * seed.
     */
    public Trigger withProbability(double p) {
      if (!(p > 0 && p <= 1)) {
        throw new IllegalArgumentException("probability must be in (0, 1]: " + p);
      }
      return new Trigger(service, operation, Integer.MAX_VALUE, p);
    }

    /** Fires on every matching call until removed. */
    public Trigger always() {
      return new Trigger(service, operation, Integer.MAX_VALUE, 1.0);
    }
  }

  /** Chooses what a rule does; each method registers the rule and returns its handle. */
  public final class Trigger {
    private final String service;
    private final String operation;
    private final int count;
    private final double probability;

    private Trigger(String service, String operation, int count, double probability) {
      this.service = service;
      this.operation = operation;
      this.count = count;
      this.probability = probability;
    }

    /** The service's throttling error (HTTP 400). */
    public Fault throttle() {
      return register(Fault.Kind.THROTTLING, Duration.ZERO, Duration.ZERO);
    }

    /** The service's internal error (HTTP 500). */
    public Fault serverError() {
      return register(Fault.Kind.SERVER_ERROR, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The call takes effect, but the caller gets a client-side error as if the response timed out.
     */
    public Fault loseResponse() {
      return register(Fault.Kind.RESPONSE_LOST, Duration.ZERO, Duration.ZERO);
    }

    /** Adds {@code latency} of virtual time to the call. */
    public Fault latency(Duration latency) {
      return latency(latency, latency);
    }

    /** Adds a latency drawn uniformly between {@code min} and {@code max} (virtual time). */
    public Fault latency(Duration min, Duration max) {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(max, "max");
      if (min.isNegative() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException("need 0 <= min <= max, got " + min + ", " + max);
      }
      return register(Fault.Kind.LATENCY, min, max);
    }

    private Fault register(Fault.Kind kind, Duration min, Duration max) {
      return add(new Fault(FaultPlan.this, kind, service, operation, count, probability, min, max));
    }
  }
}
