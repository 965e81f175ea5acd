package io.emrlaunch.benchmarks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launch campaign at CI scale: 1,000 launches per seed under 20% throttling, 5% 500s and 2%
 * lost responses on every EMR operation, 100 of them cancelled at random moments.
 */
class LaunchCampaignTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void noDuplicateNoOrphanEveryFailureTyped(long seed) {
    LaunchCampaign.Result r = LaunchCampaign.run(seed, 1000, 100);
    System.out.println(r);
    assertThat(r.duplicates()).as("%s", r).isZero();
    assertThat(r.orphans()).as("%s", r).isZero();
    assertThat(r.untyped()).as("%s", r).isZero();
    assertThat(r.succeeded() + r.failed()).isEqualTo(1000);
  }
}
