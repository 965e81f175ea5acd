package io.emrlaunch.cli;

import io.emrlaunch.cli.internal.Interrupts;
import io.emrlaunch.cli.internal.Root;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The {@code emr-launch} command line. {@link #main} runs it; {@link #execute} runs it in-process
 * with given streams and working directory (what the tests use).
 *
 * <p>Exit codes: 0 ok; 1 a job, step or cluster failed, or AWS refused a call; 2 bad usage or
 * invalid input (nothing was sent to AWS); 130 interrupted by Ctrl-C.
 */
public final class EmrLaunchCli {
  private EmrLaunchCli() {}

  /**
   * Runs the command and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    Interrupts.install();
    int code =
        execute(
            Path.of(""),
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            args);
    Interrupts.done();
    System.exit(code);
  }

  /**
   * Runs the command in-process.
   *
   * @param workDir where relative files are read and {@code .emr-launch/local} lives
   * @param out standard output
   * @param err standard error
   * @param args the arguments
   * @return the exit code
   */
  public static int execute(Path workDir, PrintWriter out, PrintWriter err, String... args) {
    Root root = new Root().workDir(workDir);
    CommandLine cl = new CommandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // "--input @file" is ours (an execution input file), not picocli's argument file.
    cl.setExpandAtFiles(false);
    cl.setExecutionExceptionHandler((ex, line, parse) -> Root.handleException(ex, line));
    try {
      return cl.execute(args);
    } finally {
      try {
        root.closeQuietly();
      } catch (RuntimeException e) {
        err.println("emr-launch: " + e.getMessage());
        err.flush();
      }
    }
  }
}
