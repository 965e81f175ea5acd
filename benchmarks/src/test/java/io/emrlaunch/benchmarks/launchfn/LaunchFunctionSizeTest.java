package io.emrlaunch.benchmarks.launchfn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The size report runs end to end: every variant launches successfully with both inputs (the report
 * throws otherwise) and its figures are printed.
 */
class LaunchFunctionSizeTest {
  @Test
  void everyVariantIsMeasuredOnASuccessfulLaunch() {
    List<LaunchFunctionSize.Row> rows = LaunchFunctionSize.measureAll();
    System.out.print(LaunchFunctionSize.table(rows));
    assertThat(rows).extracting(LaunchFunctionSize.Row::variant).hasSize(8).doesNotHaveDuplicates();
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.states()).isPositive();
              assertThat(r.bytes()).isPositive();
              assertThat(r.transitionsEmpty()).isPositive();
              // the typical input gives overrides and a tag: never fewer states entered
              assertThat(r.transitionsTypical()).isGreaterThanOrEqualTo(r.transitionsEmpty());
            });
  }
}
