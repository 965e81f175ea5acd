package io.emrlaunch.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The four {@link AslBuilderBenchmark} operations timed in thread CPU time rather than wall time,
 * interleaved round by round: on a shared machine whose load average exceeds its core count, the
 * JMH wall-clock figures mostly measure waiting for a core, while CPU time per operation (and the
 * ratio ours / SDK v1 within one round) stays comparable. A companion to the JMH run, not a
 * replacement: JIT, GC and cache effects still vary with the load.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.emrlaunch.benchmarks.AslCpuTime 12 40}
 * (rounds, operations per round and benchmark).
 */
public final class AslCpuTime {
  private static volatile Object sink;

  private AslCpuTime() {}

  /**
   * Runs the comparison.
   *
   * @param args rounds (default 12) and operations per round (default 40)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    AslBuilderBenchmark b = new AslBuilderBenchmark();
    b.states = 1000;
    b.setUp();
    String[] names = {
      "emrLaunchBuildValidateEmit", "sdkV1BuildValidateEmit",
      "emrLaunchParseValidate", "sdkV1ParseValidate"
    };
    Runnable[] run = {
      () -> sink = b.emrLaunchBuildValidateEmit(),
      () -> sink = b.sdkV1BuildValidateEmit(),
      () -> sink = b.emrLaunchParseValidate(),
      () -> sink = b.sdkV1ParseValidate()
    };
    for (int warm = 0; warm < 3; warm++) {
      for (Runnable r : run) {
        for (int i = 0; i < ops * 3; i++) {
          r.run();
        }
      }
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[][] msPerOp = new double[run.length][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < run.length; k++) {
        long start = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
          run[k].run();
        }
        msPerOp[k][round] = (cpu.getCurrentThreadCpuTime() - start) / 1e6 / ops;
      }
    }
    for (int k = 0; k < run.length; k++) {
      double[] v = msPerOp[k].clone();
      Arrays.sort(v);
      System.out.printf("%-28s CPU ms/op: min %.3f median %.3f%n", names[k], v[0], v[rounds / 2]);
    }
    System.out.printf(
        "build + validate + emit: SDK v1 / ours = %.2f (medians), %.2f (minimums)%n",
        median(msPerOp[1]) / median(msPerOp[0]), min(msPerOp[1]) / min(msPerOp[0]));
    System.out.printf(
        "parse + validate:        SDK v1 / ours = %.2f (medians), %.2f (minimums)%n",
        median(msPerOp[3]) / median(msPerOp[2]), min(msPerOp[3]) / min(msPerOp[2]));
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }
}
