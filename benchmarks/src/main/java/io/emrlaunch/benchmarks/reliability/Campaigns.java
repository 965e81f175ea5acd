package io.emrlaunch.benchmarks.reliability;

import io.emrlaunch.benchmarks.broken.BrokenInputs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every reliability campaign of issue 14 in one run, with one table at the end: the launch campaign
 * (R1: duplicates, orphans, untyped failures under EMR faults), the broken-input campaign (R2) and
 * the SSM lost-update campaign (R5), the last at the delays (3% of calls 31-45 s), a
 * control below the lease (1-29 s) and a harsher mix (15%, 31-90 s). Exits 1 when any campaign
 * found a duplicate, an orphan, an untyped failure, an AWS call for a broken input or a lost
 * acknowledged update.
 *
 * <pre>
 * mvn -B package -pl benchmarks -am -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.emrlaunch.benchmarks.reliability.Campaigns [quick]
 * </pre>
 *
 * <p>{@code quick} runs every campaign at a small scale (a smoke test of the command).
 */
public final class Campaigns {
  private static final List<String> NOTES = new ArrayList<>();

  private Campaigns() {}

  /** One row of the table. */
  record Row(
      String campaign,
      String scale,
      String outcome,
      long duplicates,
      long orphans,
      long untyped,
      long lost,
      String awsCalls,
      long wallMillis) {
    boolean clean() {
      return duplicates == 0 && orphans == 0 && untyped == 0 && lost == 0;
    }
  }

  /**
   * Runs every campaign.
   *
   * @param args {@code quick} for a small-scale run; nothing for the full scale
   */
  public static void main(String[] args) {
    boolean quick = args.length > 0 && args[0].equals("quick");
    int launchSeeds = quick ? 1 : 20;
    int launches = quick ? 100 : 1000;
    int cancels = quick ? 10 : 100;
    int brokenSeeds = quick ? 1 : 20;
    int brokenPerSeed = quick ? 500 : 5000;
    int ssmSeeds = quick ? 20 : 2000;
    int harshSeeds = quick ? 10 : 500;
    long t0 = System.nanoTime();
    List<Row> rows = new ArrayList<>();

    rows.add(launch(launchSeeds, launches, cancels));
    System.out.println(rows.get(rows.size() - 1));
    rows.add(broken(brokenSeeds, brokenPerSeed));
    System.out.println(rows.get(rows.size() - 1));
    rows.add(ssm(ssmSeeds, 0.03, 31, 45));
    System.out.println(rows.get(rows.size() - 1));
    rows.add(ssm(ssmSeeds, 0.03, 1, 29));
    System.out.println(rows.get(rows.size() - 1));
    rows.add(ssm(harshSeeds, 0.15, 31, 90));
    System.out.println(rows.get(rows.size() - 1));

    System.out.println();
    String format = "| %-34s | %-30s | %-66s | %4s | %7s | %7s | %4s | %-22s | %8s |%n";
    System.out.printf(
        format,
        "campaign",
        "scale",
        "outcome",
        "dup",
        "orphans",
        "untyped",
        "lost",
        "AWS calls",
        "wall s");
    System.out.printf(
        format,
        "-".repeat(34),
        "-".repeat(30),
        "-".repeat(66),
        "----",
        "-------",
        "-------",
        "----",
        "-".repeat(22),
        "--------");
    boolean clean = true;
    for (Row r : rows) {
      System.out.printf(
          format,
          r.campaign(),
          r.scale(),
          r.outcome(),
          r.duplicates(),
          r.orphans(),
          r.untyped(),
          r.lost(),
          r.awsCalls(),
          String.format("%.1f", r.wallMillis() / 1000.0));
      clean &= r.clean();
    }
    System.out.printf("total wall time %.1f s%n", (System.nanoTime() - t0) / 1e9);
    NOTES.forEach(System.out::println);
    if (!clean) {
      System.exit(1);
    }
  }

  private static Row launch(int seeds, int launches, int cancels) {
    long t0 = System.nanoTime();
    long succeeded = 0;
    long failed = 0;
    long cancelled = 0;
    long dup = 0;
    long orphans = 0;
    long untyped = 0;
    long calls = 0;
    for (long seed = 1; seed <= seeds; seed++) {
      LaunchCampaign.Result r = LaunchCampaign.run(seed, launches, cancels);
      succeeded += r.succeeded();
      failed += r.failed();
      cancelled += r.cancelled();
      dup += r.duplicates();
      orphans += r.orphans();
      untyped += r.untyped();
      calls += r.emrCalls();
    }
    return new Row(
        "launch (R1: 20/5/2% EMR faults)",
        seeds + " seeds x " + launches + " (+" + cancels + " cancels)",
        succeeded + " launched, " + failed + " failed typed (" + cancelled + " cancelled)",
        dup,
        orphans,
        untyped,
        0,
        calls + " EMR",
        (System.nanoTime() - t0) / 1_000_000);
  }

  private static Row broken(int seeds, int perSeed) {
    long t0 = System.nanoTime();
    BrokenInputs.Report r = BrokenInputs.run(1, seeds, perSeed);
    long refused = r.refused.values().stream().mapToLong(Long::longValue).sum();
    if (r.untypedTotal() > 0) {
      NOTES.add("broken inputs, untyped by class: " + r.untyped);
      r.examples.stream().limit(10).forEach(e -> NOTES.add("  " + e));
    }
    return new Row(
        "broken inputs (R2)",
        seeds + " seeds x " + perSeed,
        r.total() + " inputs: " + refused + " refused typed, " + r.accepted + " accepted",
        0,
        0,
        r.untypedTotal(),
        0,
        r.awsCalls + " EMR/SSM writes",
        (System.nanoTime() - t0) / 1_000_000);
  }

  private static Row ssm(int seeds, double p, int minSeconds, int maxSeconds) {
    SsmLostUpdateCampaign.Totals t =
        SsmLostUpdateCampaign.campaign(
            seeds, p, Duration.ofSeconds(minSeconds), Duration.ofSeconds(maxSeconds));
    t.samples().stream().limit(5).forEach(e -> NOTES.add("SSM: " + e));
    return new Row(
        String.format("SSM lost update (R5: %.0f%% %d-%d s)", p * 100, minSeconds, maxSeconds),
        seeds + " seeds x 2 writers x 5",
        t.acknowledged()
            + " acked, "
            + t.typedFailures()
            + " typed failures, "
            + t.buried()
            + " buried by a late write, restored",
        0,
        0,
        t.untyped(),
        t.lost(),
        t.ssmCalls() + " SSM",
        t.wallMillis());
  }
}
