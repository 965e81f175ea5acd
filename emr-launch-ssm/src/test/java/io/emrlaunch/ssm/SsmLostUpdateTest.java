package io.emrlaunch.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.ssm.support.LostUpdates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, D12: two versioned writers with 3% of SSM calls delayed 31-45 s (past the 30 s lease),
 * 200 seeds in virtual time: no acknowledged update may be lost.
 */
class SsmLostUpdateTest {

  @Test
  void delayedCallsPastTheLeaseLoseNoAcknowledgedUpdate() {
    int acked = 0;
    int lost = 0;
    int buried = 0;
    int untyped = 0;
    List<String> samples = new ArrayList<>();
    for (long seed = 1; seed <= 200; seed++) {
      LostUpdates.Result r =
          LostUpdates.run(seed, 2, 5, 0.03, Duration.ofSeconds(31), Duration.ofSeconds(45));
      acked += r.acknowledged();
      lost += r.lost();
      buried += r.buriedBeforeNextSave();
      untyped += r.untyped();
      if (samples.size() < 10) {
        samples.addAll(r.samples());
      }
    }
    System.out.printf(
        "SsmLostUpdateTest: 200 seeds, %d acknowledged, %d buried until the next save, %d lost,"
            + " %d untyped%n",
        acked, buried, lost, untyped);
    assertThat(acked).isGreaterThan(1000);
    assertThat(untyped).as("untyped failures %s", samples).isZero();
    assertThat(lost).as("lost acknowledged updates %s", samples).isZero();
  }
}
