package io.emrlaunch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./emr-launch} script in a pseudo-terminal ({@code script -qec}): on a terminal
 * the progress is a live status line redrawn in place (carriage returns, cluster state, steps done
 * of total, simulated and real time), and the job ends COMPLETED with its cluster TERMINATED. The
 * script runs this test's class path (EMR_LAUNCH_CLASSPATH) instead of building its jar.
 */
class LauncherScriptPtyTest {
  @TempDir Path dir;

  @Test
  void showsLiveProgressOnATerminal() throws Exception {
    Cli.copyExamples(dir);
    Path script = Cli.projectRoot().resolve("emr-launch");
    String command =
        "'" + script + "' run-job examples/spark-job.json --local --speed 600; echo \"EXIT=$?\"";
    ProcessBuilder pb =
        new ProcessBuilder("script", "-qec", command, "/dev/null")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.environment().put("EMR_LAUNCH_CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().put("TERM", "xterm");
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] bytes = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = new String(bytes, StandardCharsets.UTF_8);

    assertThat(out).as(out).contains("EXIT=0");
    assertThat(out).contains("SIMULATION").contains("job daily-report COMPLETED");
    assertThat(out).containsPattern("cluster j-\\w+ TERMINATED \\(simulated\\)");
    // the live status line: redrawn with \r and an erase, showing state and steps done/total
    assertThat(out).contains("\r\033[2K");
    assertThat(out)
        .containsPattern(
            "j-\\w+ (STARTING|BOOTSTRAPPING|RUNNING) \\| steps 0/1 done \\| \\d\\d:\\d\\d:\\d\\d simulated");
    assertThat(Files.exists(dir.resolve(".emr-launch/local/journal.jsonl"))).isTrue();
  }

  @Test
  void showsLiveProgressOfTheStateMachinePathOnATerminal() throws Exception {
    Cli.copyExamples(dir);
    Path script = Cli.projectRoot().resolve("emr-launch");
    String command =
        "'"
            + script
            + "' run-job examples/spark-job.json --via-state-machine --local --speed 600;"
            + " echo \"EXIT=$?\"";
    ProcessBuilder pb =
        new ProcessBuilder("script", "-qec", command, "/dev/null")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.environment().put("EMR_LAUNCH_CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().put("TERM", "xterm");
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] bytes = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = new String(bytes, StandardCharsets.UTF_8);

    assertThat(out).as(out).contains("EXIT=0");
    assertThat(out).contains("SIMULATION").contains("job daily-report COMPLETED");
    assertThat(out).containsPattern("cluster j-\\w+ TERMINATED \\(simulated\\)");
    assertThat(out).contains("\r\033[2K");
    // before the cluster exists the status line shows the execution, then the cluster
    assertThat(out)
        .containsPattern("execution run-\\S+ RUNNING \\| \\d\\d:\\d\\d:\\d\\d simulated");
    assertThat(out)
        .containsPattern(
            "j-\\w+ (STARTING|BOOTSTRAPPING|RUNNING) \\| steps 0/1 done \\| \\d\\d:\\d\\d:\\d\\d simulated");
  }

  @Test
  void anAtFileInputIsReadByAslRunNotExpandedIntoArguments() throws Exception {
    Cli.copyExamples(dir);
    Path script = Cli.projectRoot().resolve("emr-launch");
    assertThat(new Cli(dir).run("asl", "build", "spark-job", "-o", "job.asl.json").code()).isZero();
    // The real process runs in dir, so "@examples/spark-job.json" names an existing file there.
    ProcessBuilder pb =
        new ProcessBuilder(
                script.toString(),
                "asl",
                "run",
                "job.asl.json",
                "--input",
                "@examples/spark-job.json",
                "--local",
                "--speed",
                "0",
                "--output",
                "json",
                "--quiet")
            .directory(dir.toFile());
    pb.environment().put("EMR_LAUNCH_CLASSPATH", System.getProperty("java.class.path"));
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out + err).isZero();
    assertThat(Cli.JSON.readTree(out).path("output").path("StepState").asText())
        .isEqualTo("COMPLETED");
  }

  @Test
  void printsPlainLinesWhenNotATerminal() throws Exception {
    Cli.copyExamples(dir);
    Path script = Cli.projectRoot().resolve("emr-launch");
    ProcessBuilder pb =
        new ProcessBuilder(
                script.toString(), "run-job", "examples/spark-job.json", "--local", "--speed", "0")
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().put("EMR_LAUNCH_CLASSPATH", System.getProperty("java.class.path"));
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .doesNotContain("\r")
        .containsPattern("\\[\\d\\d:\\d\\d:\\d\\d\\] cluster j-\\w+ RUNNING");
  }

  @Test
  void ctrlCDuringAWaitTerminatesWhatItLaunched() throws Exception {
    Cli.copyExamples(dir);
    Path script = Cli.projectRoot().resolve("emr-launch");
    Path log = dir.resolve("run.log");
    ProcessBuilder pb =
        // SIGINT may be ignored by inheritance (a build started in the background): reset it to
        // its default before the script runs, as an interactive shell would.
        new ProcessBuilder(
                "python3",
                "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL);"
                    + " os.execvp(sys.argv[1], sys.argv[1:])",
                script.toString(),
                "run-job",
                "examples/spark-job.json",
                "--local",
                "--speed",
                "10")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("EMR_LAUNCH_CLASSPATH", System.getProperty("java.class.path"));
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(log).contains(" created") && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(Files.readString(log)).contains(" created");
    // SIGINT, as Ctrl-C sends it (the script exec'd java: same process)
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(log);

    assertThat(p.exitValue()).as(out).isEqualTo(130);
    assertThat(out).containsPattern("interrupted: terminating j-\\w+");
    Cli.Result list =
        new Cli(dir, "--local", "--speed", "0")
            .run("clusters", "list", "--all", "--output", "json");
    assertThat(list.json().findValuesAsText("state"))
        .hasSize(1)
        .allMatch(st -> st.startsWith("TERMINAT"));
  }
}
