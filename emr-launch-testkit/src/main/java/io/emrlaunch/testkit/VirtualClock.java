package io.emrlaunch.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that only moves when {@link VirtualTime} moves it. Hand it to code under test
 * wherever it asks for a {@code Clock}; it reads the same instant as the fakes and the {@link
 * VirtualScheduler}.
 *
 * <p>{@link #withZone(ZoneId)} returns a clock sharing the same time source, so zoned copies keep
 * moving too.
 */
public final class VirtualClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  VirtualClock(Instant start) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  private VirtualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new VirtualClock(now, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  /** Moves the time source; virtual time never goes backwards. */
  void set(Instant instant) {
    now.getAndUpdate(current -> instant.isAfter(current) ? instant : current);
  }

  @Override
  public String toString() {
    return "VirtualClock[" + instant() + "," + zone + "]";
  }
}
