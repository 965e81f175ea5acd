package io.emrlaunch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
  @Test
  void zonedCopiesShareTheTimeSourceAndTimeOnlyMovesWhenDriven() {
    VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
    Clock paris = time.clock().withZone(ZoneId.of("Europe/Paris"));

    assertThat(ZonedDateTime.now(paris).getHour()).isEqualTo(11);
    assertThat(time.clock().instant()).isEqualTo(time.clock().instant()); // frozen between drives
    time.advance(Duration.ofHours(2));
    assertThat(paris.instant()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
    assertThat(time.clock().millis()).isEqualTo(paris.millis());
    assertThat(time.clock().getZone()).isEqualTo(ZoneId.of("Z"));
  }
}
