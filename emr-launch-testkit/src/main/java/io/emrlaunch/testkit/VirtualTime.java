package io.emrlaunch.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Virtual time for tests: one {@link VirtualClock} and one {@link VirtualScheduler} that only move
 * when the test says so. The fakes schedule their lifecycles (cluster boot, step runs) on the
 * scheduler; code under test and the AWS SDK's own async waiters can use the same scheduler, so an
 * hour of EMR passes in milliseconds.
 *
 * <pre>{@code
 * VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
 * CompletableFuture<?> done = codeUnderTest(time.clock(), time.scheduler());
 * time.runUntil(done, Duration.ofHours(2)).join();
 * }</pre>
 */
public final class VirtualTime {
  /** The instant virtual time starts at unless told otherwise. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final VirtualClock clock;
  private final VirtualScheduler scheduler;

  private VirtualTime(Instant start) {
    this.clock = new VirtualClock(start);
    this.scheduler = new VirtualScheduler(clock);
  }

  /** Virtual time starting at {@code start}. */
  public static VirtualTime startingAt(Instant start) {
    return new VirtualTime(Objects.requireNonNull(start, "start"));
  }

  /** Virtual time starting at {@link #DEFAULT_START}. */
  public static VirtualTime create() {
    return new VirtualTime(DEFAULT_START);
  }

  /** The virtual clock (UTC). */
  public VirtualClock clock() {
    return clock;
  }

  /** The virtual scheduler; its tasks run only while time is driven. */
  public VirtualScheduler scheduler() {
    return scheduler;
  }

  /** The current virtual instant. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Moves time forward by {@code duration}, running every task that falls due on the way (in due
   * order, with the clock at each task's due time), and leaves the clock at exactly {@code now +
   * duration}.
   */
  public VirtualTime advance(Duration duration) {
    scheduler.advance(duration);
    return this;
  }

  /** Runs the tasks due now (including ones they queue for now) without moving the clock. */
  public int runDue() {
    return scheduler.runDue();
  }

  /**
   * Runs queued work, jumping the clock to each next due task, until no one-shot task is left.
   * Periodic tasks run as time passes but do not keep the scheduler busy; with only periodic tasks
   * left, this returns.
   */
  public VirtualTime runUntilIdle() {
    scheduler.runUntilIdle();
    return this;
  }

  /**
   * Jumps from due task to due task until {@code future} completes, for at most {@code max} of
   * virtual time. If the future is still not done, the clock is left at {@code now + max}.
   *
   * @throws IllegalStateException when the future is not done and nothing is left to run in virtual
   *     time: nothing could ever complete it (typically a component built with the real clock and
   *     scheduler instead of this one's)
   * @return {@code future} itself, so a test can write {@code time.runUntil(f, max).join()}
   */
  public <T> CompletableFuture<T> runUntil(CompletableFuture<T> future, Duration max) {
    Objects.requireNonNull(future, "future");
    return scheduler.runUntil(future, max);
  }

  @Override
  public String toString() {
    return "VirtualTime[" + now() + "]";
  }
}
