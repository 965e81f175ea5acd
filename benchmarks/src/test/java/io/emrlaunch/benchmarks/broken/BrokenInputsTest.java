package io.emrlaunch.benchmarks.broken;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 14, R2 at CI scale: 2 seeds × 5,000 generated broken inputs across codecs (ours and
 * aws-emr-launch's), builders, overrides, ASL and intrinsics, the SSM store and the launcher on the
 * testkit: no exception outside the documented types, no EMR call, no SSM write. The full campaign
 * is {@link BrokenInputCampaign}.
 */
class BrokenInputsTest {

  @Test
  void tenThousandBrokenInputsGiveOnlyDocumentedErrorsAndNoAwsCall() {
    BrokenInputs.Report r = BrokenInputs.run(1, 2, 5_000);
    assertThat(r.total()).isEqualTo(10_000);
    assertThat(r.examples).as(r.toString()).isEmpty();
    assertThat(r.untypedTotal()).as(r.toString()).isZero();
    assertThat(r.awsCalls).as(r.toString()).isZero();
    // the generator really breaks things: most inputs are refused, every category is exercised
    assertThat(r.refused.values().stream().mapToLong(Long::longValue).sum())
        .isGreaterThan(r.total() / 2);
    assertThat(r.inputs.keySet())
        .contains(
            "asl",
            "builder",
            "codec-aws",
            "codec-own",
            "intrinsic",
            "launch",
            "overrides",
            "store");
  }

  @Test
  void theSameSeedGivesTheSameCampaign() {
    assertThat(BrokenInputs.run(7, 300).toString()).isEqualTo(BrokenInputs.run(7, 300).toString());
  }
}
