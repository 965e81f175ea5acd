package io.emrlaunch.benchmarks.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The simulated pool benchmark runs end to end; its figures are printed, compared only roughly. */
class PoolBenchmarkTest {
  @Test
  void twoHundredJobsPoolVersusTransient() {
    PoolBenchmark.Result pool = PoolBenchmark.pool(200, 19);
    PoolBenchmark.Result transientRuns = PoolBenchmark.transientPerJob(200, 19);
    System.out.println(pool);
    System.out.println(transientRuns);
    assertThat(transientRuns.clusters()).isEqualTo(200);
    assertThat(pool.clusters()).isLessThan(transientRuns.clusters());
    assertThat(pool.clusterHours()).isLessThan(transientRuns.clusterHours());
    assertThat(pool.bootMinutes()).isLessThan(transientRuns.bootMinutes());
  }
}
