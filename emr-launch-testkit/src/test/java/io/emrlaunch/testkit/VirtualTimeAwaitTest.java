package io.emrlaunch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualTimeAwaitTest {

  @Test
  void returnsTheValueOnceVirtualTimeCompletesTheFuture() {
    VirtualTime time = VirtualTime.create();
    CompletableFuture<String> done = new CompletableFuture<>();
    time.scheduler().schedule(() -> done.complete("up"), 20, TimeUnit.MINUTES);

    assertThat(time.await(done, Duration.ofHours(1))).isEqualTo("up");
    assertThat(time.now()).isEqualTo(VirtualTime.DEFAULT_START.plus(Duration.ofMinutes(20)));
  }

  @Test
  void failsLoudlyWhenNothingOnTheVirtualSchedulerCanCompleteTheFuture() {
    VirtualTime time = VirtualTime.create();
    CompletableFuture<String> waitingOnARealScheduler = new CompletableFuture<>();

    assertThatThrownBy(() -> time.await(waitingOnARealScheduler, Duration.ofHours(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not done after PT1H of virtual time")
        .hasMessageContaining("0 tasks queued")
        .hasMessageContaining("aws.scheduler() and aws.clock()");
    assertThat(time.now()).isEqualTo(VirtualTime.DEFAULT_START.plus(Duration.ofHours(1)));
  }

  @Test
  void aFailedFutureThrowsLikeJoin() {
    VirtualTime time = VirtualTime.create();
    CompletableFuture<String> failed = new CompletableFuture<>();
    time.scheduler()
        .schedule(
            () -> failed.completeExceptionally(new IllegalArgumentException("bad")),
            1,
            TimeUnit.SECONDS);

    assertThatThrownBy(() -> time.await(failed, Duration.ofMinutes(1)))
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }
}
