package io.emrlaunch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FakeAwsExtensionMethodLevelTest {
  @Test
  @EmrLaunchTest(seed = 7, start = "2030-05-01T12:00:00Z")
  void aMethodLevelAnnotationSetsSeedAndStart(FakeAws aws, VirtualClock clock) {
    assertThat(aws.seed()).isEqualTo(7);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2030-05-01T12:00:00Z"));
    assertThat(aws.clock()).isSameAs(clock);
  }
}
