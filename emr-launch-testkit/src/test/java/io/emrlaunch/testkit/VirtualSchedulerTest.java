package io.emrlaunch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
  private final VirtualTime time = VirtualTime.create();
  private final VirtualScheduler scheduler = time.scheduler();
  private final Instant t0 = time.now();
  private final List<String> log = new ArrayList<>();

  private Runnable note(String what) {
    return () -> log.add(what + "@" + Duration.between(t0, time.now()).toSeconds());
  }

  @Test
  void runsTasksInDueOrderThenSubmissionOrderWithTheClockAtEachDueTime() {
    scheduler.schedule(note("c"), 30, TimeUnit.SECONDS);
    scheduler.schedule(note("a"), 10, TimeUnit.SECONDS);
    scheduler.schedule(note("b"), 10, TimeUnit.SECONDS);
    scheduler.execute(note("now"));

    assertThat(log).isEmpty(); // nothing runs until time is driven
    time.advance(Duration.ofSeconds(20));

    assertThat(log).containsExactly("now@0", "a@10", "b@10");
    assertThat(time.now()).isEqualTo(t0.plusSeconds(20));
    time.runUntilIdle();
    assertThat(log).containsExactly("now@0", "a@10", "b@10", "c@30");
    assertThat(time.now()).isEqualTo(t0.plusSeconds(30));
  }

  @Test
  void tasksScheduledByTasksRunInTheSameDrive() {
    scheduler.schedule(
        () -> {
          log.add("outer@" + Duration.between(t0, time.now()).toSeconds());
          scheduler.schedule(note("inner"), 5, TimeUnit.SECONDS);
        },
        10,
        TimeUnit.SECONDS);
    time.advance(Duration.ofSeconds(15));
    assertThat(log).containsExactly("outer@10", "inner@15");
  }

  @Test
  void fixedRateKeepsItsCadenceAndFixedDelayCountsFromTheEndOfARun() {
    ScheduledFuture<?> rate = scheduler.scheduleAtFixedRate(note("rate"), 10, 60, TimeUnit.SECONDS);
    ScheduledFuture<?> delay =
        scheduler.scheduleWithFixedDelay(
            () -> {
              note("delay").run();
              time.advance(Duration.ofSeconds(5)); // a run that "takes" 5 s of virtual time
            },
            0,
            60,
            TimeUnit.SECONDS);

    time.advance(Duration.ofSeconds(140));

    assertThat(log)
        .containsExactly("delay@0", "rate@10", "delay@65", "rate@70", "rate@130", "delay@130");
    assertThat(rate.isDone()).isFalse();
    assertThat(rate.cancel(false)).isTrue();
    assertThat(delay.cancel(false)).isTrue();
    assertThat(scheduler.queuedTasks()).isZero();
    time.advance(Duration.ofHours(1));
    assertThat(log).hasSize(6);
  }

  @Test
  void runUntilIdleIgnoresPeriodicTasksButRunsThemOnTheWay() {
    scheduler.scheduleAtFixedRate(note("tick"), 0, 1, TimeUnit.MINUTES);
    scheduler.schedule(note("done"), 150, TimeUnit.SECONDS);

    time.runUntilIdle();

    assertThat(log).containsExactly("tick@0", "tick@60", "tick@120", "done@150");
    assertThat(scheduler.queuedTasks()).isEqualTo(1);
  }

  @Test
  void aPeriodicTaskThatThrowsStopsAndItsFutureCarriesTheError() {
    int[] runs = {0};
    ScheduledFuture<?> future =
        scheduler.scheduleAtFixedRate(
            () -> {
              if (++runs[0] == 3) {
                throw new IllegalStateException("boom");
              }
            },
            1,
            1,
            TimeUnit.SECONDS);
    time.advance(Duration.ofSeconds(10));
    assertThat(runs[0]).isEqualTo(3);
    assertThat(future.isDone()).isTrue();
    assertThatThrownBy(future::get)
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("boom");
  }

  @Test
  void cancelledTasksNeverRunAndDoNotKeepTheSchedulerBusy() {
    ScheduledFuture<?> cancelled = scheduler.schedule(note("never"), 1, TimeUnit.HOURS);
    assertThat(cancelled.getDelay(TimeUnit.MINUTES)).isEqualTo(60);
    assertThat(cancelled.cancel(false)).isTrue();
    time.runUntilIdle();
    assertThat(log).isEmpty();
    assertThat(time.now()).isEqualTo(t0);
    assertThat(cancelled.isCancelled()).isTrue();
  }

  @Test
  void runUntilStopsWhenTheFutureCompletesOrAtTheLimit() {
    CompletableFuture<String> future = new CompletableFuture<>();
    scheduler.schedule(() -> future.complete("yes"), 20, TimeUnit.MINUTES);
    scheduler.schedule(note("later"), 2, TimeUnit.HOURS);

    assertThat(time.runUntil(future, Duration.ofHours(1)).join()).isEqualTo("yes");
    assertThat(time.now()).isEqualTo(t0.plus(Duration.ofMinutes(20)));
    assertThat(log).isEmpty();

    CompletableFuture<String> never = new CompletableFuture<>();
    assertThat(time.runUntil(never, Duration.ofMinutes(30)).isDone()).isFalse();
    assertThat(time.now()).isEqualTo(t0.plus(Duration.ofMinutes(50)));
  }

  @Test
  void submitAndInvokeAllRunInVirtualTime() throws Exception {
    Future<Integer> submitted = scheduler.submit(() -> 42);
    assertThat(submitted.isDone()).isFalse();
    time.runDue();
    assertThat(submitted.get()).isEqualTo(42);

    List<Callable<Integer>> tasks = List.of(() -> 1, () -> 2);
    List<Future<Integer>> all = scheduler.invokeAll(tasks);
    assertThat(all).allMatch(Future::isDone);
    assertThat(all.get(1).get()).isEqualTo(2);
    assertThat(scheduler.invokeAny(tasks)).isIn(1, 2);
  }

  @Test
  void shutdownRejectsNewWorkCancelsPeriodicAndStillRunsDelayedOneShots() throws Exception {
    ScheduledFuture<?> periodic =
        scheduler.scheduleAtFixedRate(note("tick"), 0, 1, TimeUnit.MINUTES);
    scheduler.schedule(note("oneShot"), 5, TimeUnit.MINUTES);
    scheduler.shutdown();

    assertThat(periodic.isCancelled()).isTrue();
    assertThatThrownBy(() -> scheduler.execute(note("x")))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(scheduler.isTerminated()).isFalse();
    assertThat(scheduler.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
    assertThat(log).containsExactly("oneShot@300");
  }

  @Test
  void negativeDurationsAreRejected() {
    assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
