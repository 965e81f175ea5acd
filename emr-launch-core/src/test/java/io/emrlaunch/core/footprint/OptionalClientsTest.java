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
 * The S3, Secrets Manager, SQS and EventBridge SDK modules are optional dependencies of
 * emr-launch-core: a process that reads no secret, wants no failure diagnosis and no event-driven
 * monitoring can leave them out. This runs {@link WithoutOptionalClients} in a fresh JVM whose
 * class path is this test's minus those jars, so a stray reference that would fail with {@code
 * NoClassDefFoundError} fails here.
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
    assertThat(entries.stream().filter(OptionalClientsTest::isOptional)).hasSize(OPTIONAL.size());

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
    assertThat(output).contains("OK RunJobFlow,TerminateJobFlows").contains(",RunJobFlow,");
  }

  /**
   * The optional SDK modules and the jars only they bring (a consumer of emr-launch-core alone gets
   * none of them: compare {@code mvn dependency:list} of emr-launch-ssm).
   */
  private static final java.util.Set<String> OPTIONAL =
      java.util.Set.of(
          "s3",
          "secretsmanager",
          "sqs",
          "eventbridge",
          "arns",
          "aws-query-protocol",
          "aws-xml-protocol",
          "crt-core");

  private static boolean isOptional(String entry) {
    String name = new File(entry).getName();
    int version = name.lastIndexOf("-2.");
    return version > 0 && name.endsWith(".jar") && OPTIONAL.contains(name.substring(0, version));
  }
}
