package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An application without any SLF4J backend still sees the launch progress: the library falls back
 * to {@code System.Logger}, whose default prints INFO to stderr. Runs a launch in a fresh JVM whose
 * class path has no SLF4J provider.
 */
class LogFallbackTest {

  /** The program the fresh JVM runs: one launch to WAITING and a termination, on the testkit. */
  public static final class Program {
    public static void main(String[] args) {
      FakeAws aws = ClusterLauncherFakeAwsTest.prepared(FakeAws.builder().seed(51).build());
      ClusterLauncher launcher = ClusterLauncherFakeAwsTest.launcher(aws);
      var f =
          launcher.launch(
              ClusterLauncherFakeAwsTest.request("no-backend").waitFor(LaunchWait.WAITING).build());
      String id = aws.time().runUntil(f, Duration.ofHours(1)).join().clusterId();
      aws.time().runUntil(launcher.terminate(id), Duration.ofHours(1)).join();
    }
  }

  @Test
  void withoutAnSlf4jProviderInfoLinesReachStderr() throws Exception {
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !e.contains("slf4j-nop") && !e.contains("slf4j-simple"))
            .collect(Collectors.joining(File.pathSeparator));
    Process p =
        new ProcessBuilder(
                List.of(
                    System.getProperty("java.home") + "/bin/java",
                    "-cp",
                    classPath,
                    Program.class.getName()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    assertThat(err)
        .contains("INFO: launching cluster no-backend")
        .contains("(no-backend) STARTING -> BOOTSTRAPPING")
        .contains("(no-backend) launched: WAITING")
        .contains("(no-backend) TERMINATING -> TERMINATED");
  }
}
