package io.emrlaunch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input: one line on stderr, exit 2, nothing sent. The real-AWS runs point at a closed port of
 * 127.0.0.1: a call that got out would end in a connection error (exit 1), not exit 2; the --local
 * runs leave no journal entry.
 */
class BadInputTest {
  @TempDir Path dir;
  Cli real;
  Cli local;

  @BeforeEach
  void setUp() throws Exception {
    Cli.copyExamples(dir);
    real = new Cli(dir, "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1");
    local = new Cli(dir, "--local", "--speed", "0");
    Files.writeString(
        dir.resolve("malformed.json"), "{\"job_name\": \"x\",\n  \"code_entrypoint\": }");
    Files.writeString(
        dir.resolve("eu.json"),
        "{\"job_name\": \"x\", \"code_entrypoint\": \"s3://code-bucket/m.py\", \"region\": \"eu-west-1\"}");
    Files.writeString(
        dir.resolve("invalid.json"),
        "{\"job_name\": \"x\", \"code_entrypoint\": \"main.py\", \"mem_executor\": \"lots\", \"mem_executer\": \"1G\"}");
  }

  static void oneLineExit2(Cli.Result r, String expected) {
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
    assertThat(r.err()).contains(expected);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void missingFile() {
    oneLineExit2(real.run("run-job", "nope.json"), "nope.json: no such file");
  }

  @Test
  void malformedJson() {
    oneLineExit2(real.run("run-job", "malformed.json"), "malformed.json: not valid JSON at line 2");
  }

  @Test
  void invalidPayloadNamesItsKeys() {
    Cli.Result r = real.run("run-job", "invalid.json");
    oneLineExit2(r, "mem_executer: unknown key");
    assertThat(r.err()).contains("mem_executor:");
  }

  @Test
  void wrongRegion() {
    oneLineExit2(
        new Cli(dir, "--endpoint-url", "http://127.0.0.1:9", "--region", "moon-1")
            .run("run-job", "examples/spark-job.json"),
        "--region moon-1 is not an AWS region");
    oneLineExit2(
        real.run("run-job", "eu.json"), "asks for region eu-west-1 but --region is us-east-1");
  }

  @Test
  void unknownOverride() {
    oneLineExit2(
        real.run(
            "clusters",
            "launch",
            "--profile-file",
            "examples/profile.json",
            "--configuration-file",
            "examples/configuration.json",
            "--override",
            "Bogus=1"),
        "overrides.Bogus");
  }

  @Test
  void badInputUnderLocalLeavesNoTrace() throws Exception {
    oneLineExit2(
        local.run(
            "clusters",
            "launch",
            "--profile-file",
            "examples/profile.json",
            "--configuration-file",
            "examples/configuration.json",
            "--override",
            "Bogus=1",
            "--quiet"),
        "overrides.Bogus");
    Path journal = dir.resolve(".emr-launch/local/journal.jsonl");
    assertThat(!Files.exists(journal) || Files.readString(journal).isBlank()).isTrue();
  }
}
