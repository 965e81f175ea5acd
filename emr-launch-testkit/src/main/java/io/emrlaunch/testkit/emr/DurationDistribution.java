package io.emrlaunch.testkit.emr;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How long something takes in the fake: a fixed duration or one drawn from the fake's seeded
 * random.
 */
@FunctionalInterface
public interface DurationDistribution {
  /** Draws one duration. */
  Duration sample(Random random);

  /** Always {@code duration}. */
  static DurationDistribution fixed(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + duration);
    }
    return random -> duration;
  }

  /** Uniformly between {@code min} and {@code max} (inclusive of min). */
  static DurationDistribution uniform(Duration min, Duration max) {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("need 0 <= min <= max, got " + min + ", " + max);
    }
    long span = max.toMillis() - min.toMillis();
    return random -> span == 0 ? min : min.plusMillis((long) (random.nextDouble() * span));
  }
}
