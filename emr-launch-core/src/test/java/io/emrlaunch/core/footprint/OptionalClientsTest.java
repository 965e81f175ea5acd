package io.emrlaunch.core.footprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 and Secrets Manager SDK modules are optional dependencies of emr-launch-core: a process
 * that reads no secret and wants no failure diagnosis can leave them out. This runs {@link
 * WithoutOptionalClients} in a fresh JVM whose class path is this test's minus those two jars, so a
 * stray reference that would fail with {@code NoClassDefFoundError} fails here.
 */
class OptionalClientsTest {

  @Test
  void launchesAndTerminatesWithoutS3AndSecretsManagerOnTheClassPath(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("child.log");
    String full =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = Arrays.asList(full.split(File.pathSeparator));
    String reduced =
        entries.stream()
            .filter(e -> !isOptional(e))
            .collect(Collectors.joining(File.pathSeparator));
    assertThat(entries.stream().filter(OptionalClientsTest::isOptional)).hasSize(2);

    Process child =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                reduced,
                WithoutOptionalClients.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean ended = child.waitFor(180, TimeUnit.SECONDS);
    if (!ended) {
      child.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended).as("the child ended in time; its output:%n%s", output).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains("OK RunJobFlow,TerminateJobFlows");
  }

  private static boolean isOptional(String entry) {
    String name = new File(entry).getName();
    return name.startsWith("s3-2.") || name.startsWith("secretsmanager-2.");
  }
}
