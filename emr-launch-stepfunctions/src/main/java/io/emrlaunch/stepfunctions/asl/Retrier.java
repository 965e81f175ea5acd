package io.emrlaunch.stepfunctions.asl;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One entry of a state's {@code Retry}: which errors it retries and how often. Unset numbers take
 * the service defaults (IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0).
 */
@Value.Immutable
public interface Retrier extends WithRetrier {

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
   * Builds {@link Retrier} values: obtained from {@link Retrier#builder()} or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableRetrier.Builder {
    Builder() {}
  }

  /**
   * A retrier of the given errors with the service defaults.
   *
   * @param errors error names, e.g. {@code States.TaskFailed}
   * @return the retrier
   */
  static Retrier of(String... errors) {
    return builder().addErrorEquals(errors).build();
  }

  /** The errors retried ({@code States.ALL} for any). */
  List<String> errorEquals();

  /** Seconds before the first retry. */
  Optional<Integer> intervalSeconds();

  /** Retries at most this many times (0 means never). */
  Optional<Integer> maxAttempts();

  /** Multiplier of the interval for each further attempt (at least 1.0). */
  Optional<BigDecimal> backoffRate();

  /** Upper bound of any retry interval. */
  Optional<Integer> maxDelaySeconds();

  /** Whether delays are randomised. */
  Optional<JitterStrategy> jitterStrategy();

  /** A human-readable note. */
  Optional<String> comment();
}
