package io.emrlaunch.benchmarks.broken;

/**
 * The full-scale broken-input campaign of issue 14 (R2): {@code seeds × perSeed} generated inputs
 * against codecs, builders, overrides, ASL parsing, the SSM store and the launcher on the testkit.
 * Exits with status 1 when any input ended in an exception outside the documented types or made an
 * EMR call or an SSM write.
 *
 * <pre>
 * mvn -B -o package -pl benchmarks -am -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.emrlaunch.benchmarks.broken.BrokenInputCampaign 20 5000
 * </pre>
 */
public final class BrokenInputCampaign {
  private BrokenInputCampaign() {}

  /**
   * Runs the campaign.
   *
   * @param args {@code [seeds [inputsPerSeed [firstSeed]]]}; defaults 20, 5000, 1
   */
  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int perSeed = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    long first = args.length > 2 ? Long.parseLong(args[2]) : 1;
    long start = System.nanoTime();
    BrokenInputs.Report r = BrokenInputs.run(first, seeds, perSeed);
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println(
        "broken-input campaign: seeds "
            + first
            + ".."
            + (first + seeds - 1)
            + " x "
            + perSeed
            + " in "
            + ms
            + " ms");
    System.out.println(r);
    if (r.untypedTotal() > 0 || r.awsCalls > 0) {
      System.exit(1);
    }
  }
}
