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
}
