package io.emrlaunch.benchmarks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The SSM lost-update campaign at CI scale (the full scale runs from {@link Campaigns}). */
class SsmLostUpdateCampaignTest {

  @Test
  void noAcknowledgedUpdateIsLostAndEveryFailureIsTyped() {
    SsmLostUpdateCampaign.Totals t =
        SsmLostUpdateCampaign.campaign(40, 0.03, Duration.ofSeconds(31), Duration.ofSeconds(45));
    System.out.println(t);
    assertThat(t.acknowledged()).isGreaterThan(380);
    assertThat(t.lost()).as("%s", t).isZero();
    assertThat(t.untyped()).as("%s", t).isZero();
    assertThat(t.ssmCalls()).isPositive();
  }
}
