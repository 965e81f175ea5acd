package io.emrlaunch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command group in-process on --local (as fast as possible), state across invocations. */
class LocalCommandsTest {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    Cli.copyExamples(dir);
    cli = new Cli(dir, "--local", "--speed", "0");
  }

  @Test
  void runJobCompletesAndTerminatesTheCluster() {
    Cli.Result r = cli.run("run-job", "examples/spark-job.json");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("job daily-report COMPLETED")
        .containsPattern("cluster j-\\w+ TERMINATED");
    assertThat(r.err())
        .contains("SIMULATION")
        .containsPattern("cluster j-\\w+ BOOTSTRAPPING")
        .containsPattern("step s-\\w+ \\(daily-report\\) RUNNING")
        .contains("nothing was sent to AWS");
  }

  @Test
  void runJobJsonIsStableForScripts() {
    Cli.Result r = cli.run("run-job", "examples/spark-job.json", "--output", "json", "--quiet");

    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode j = r.json();
    assertThat(j.path("jobState").asText()).isEqualTo("COMPLETED");
    assertThat(j.path("clusterState").asText()).isEqualTo("TERMINATED");
    assertThat(j.path("simulated").asBoolean()).isTrue();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void stateIsSharedBetweenInvocationsAndResetClearsIt() {
    assertThat(cli.run("profiles", "put", "examples/profile.json").code()).isZero();
    assertThat(cli.run("configurations", "put", "examples/configuration.json").code()).isZero();
    assertThat(cli.run("functions", "put", "examples/launch-function.json").code()).isZero();

    Cli.Result launched =
        cli.run(
            "clusters", "launch", "--function", "default/nightly", "--wait", "--output", "json");
    assertThat(launched.code()).as(launched.toString()).isZero();
    String id = launched.json().path("clusterId").asText();
    assertThat(launched.json().path("state").asText()).isEqualTo("WAITING");

    Cli.Result list = cli.run("clusters", "list", "--output", "json");
    assertThat(list.json().findValuesAsText("clusterId")).containsExactly(id);

    Cli.Result step =
        cli.run(
            "steps",
            "add",
            id,
            "--name",
            "report",
            "--spark",
            "s3://code-bucket/report.py",
            "--arg",
            "2026-11-24",
            "--wait");
    assertThat(step.code()).as(step.toString()).isZero();
    assertThat(step.out()).contains("(report) COMPLETED");

    Cli.Result described = cli.run("clusters", "describe", id, "--output", "json");
    assertThat(described.json().path("name").asText()).isEqualTo("nightly-etl");
    assertThat(described.json().path("steps").get(0).path("state").asText()).isEqualTo("COMPLETED");

    Cli.Result terminated = cli.run("clusters", "terminate", id);
    assertThat(terminated.code()).as(terminated.toString()).isZero();
    assertThat(terminated.out()).contains("TERMINATED");
    assertThat(cli.run("clusters", "list", "--output", "json").json()).isEmpty();
    assertThat(cli.run("clusters", "list", "--all", "--output", "json").json()).hasSize(1);

    assertThat(cli.run("local", "reset").code()).isZero();
    assertThat(cli.run("clusters", "list", "--all", "--output", "json").json()).isEmpty();
    assertThat(cli.run("profiles", "list", "--output", "json").json()).isEmpty();
  }

  @Test
  void stepsCanBeCancelledAndAFailedWaitExitsOne() {
    cli.run("profiles", "put", "examples/profile.json");
    cli.run("configurations", "put", "examples/configuration.json");
    String id =
        cli.run(
                "clusters",
                "launch",
                "--emr-profile",
                "analytics",
                "--configuration",
                "spark-small",
                "--name",
                "adhoc",
                "--wait",
                "--output",
                "json")
            .json()
            .path("clusterId")
            .asText();
    Cli.Result first =
        cli.run(
            "steps",
            "add",
            id,
            "--name",
            "a",
            "--command",
            "sleep",
            "--arg",
            "600",
            "--output",
            "json");
    Cli.Result second =
        cli.run("steps", "add", id, "--name", "b", "--command", "echo", "--output", "json");
    String b = second.json().get(0).path("stepId").asText();
    assertThat(first.code()).isZero();

    Cli.Result cancelled = cli.run("steps", "cancel", id, b);
    assertThat(cancelled.code()).as(cancelled.toString()).isZero();
    Cli.Result waited = cli.run("steps", "wait", id, b);
    assertThat(waited.code()).as(waited.toString()).isEqualTo(1);
    assertThat(waited.out()).contains("CANCELLED");
  }

  @Test
  void recordsRoundTripAPythonFormatRecord() throws Exception {
    for (String[] kind :
        new String[][] {
          {"profiles", "profile.json", "analytics"},
          {"configurations", "configuration.json", "spark-small"},
          {"functions", "launch-function.json", "nightly"}
        }) {
      Cli.Result put = cli.run(kind[0], "put", "examples/" + kind[1]);
      assertThat(put.code()).as(put.toString()).isZero();
      Cli.Result got = cli.run(kind[0], "get", kind[2], "--format", "aws", "--quiet");
      assertThat(got.code()).as(got.toString()).isZero();
      assertThat(Cli.JSON.readTree(got.out()))
          .as(kind[0])
          .isEqualTo(Cli.JSON.readTree(Files.readString(dir.resolve("examples/" + kind[1]))));
      // put back in our format, read as ours: still the same record
      Files.writeString(
          dir.resolve("ours.json"), cli.run(kind[0], "get", kind[2], "--quiet").out());
      assertThat(cli.run(kind[0], "put", "ours.json").code()).isZero();
      Cli.Result history = cli.run(kind[0], "history", kind[2], "--output", "json");
      assertThat(history.json()).hasSize(2);
      assertThat(cli.run(kind[0], "list", "--output", "json").json().findValuesAsText("ref"))
          .containsExactly("default/" + kind[2]);
      assertThat(cli.run(kind[0], "delete", kind[2]).code()).isZero();
      assertThat(cli.run(kind[0], "delete", kind[2]).code()).isEqualTo(1);
    }
  }

  @Test
  void aslCommands() throws Exception {
    Cli.Result broken = cli.run("asl", "validate", "examples/broken.asl.json");
    assertThat(broken.code()).isEqualTo(2);
    assertThat(broken.out())
        .contains("/States/Launch/Next: must name an existing state")
        .contains("/States/Launch/Retry/0/MaxAttempts")
        .contains("/States/Orphan");
    assertThat(broken.err()).contains("4 problem(s)");

    Cli.Result built =
        cli.run(
            "asl",
            "build",
            "spark-job",
            "--profile-file",
            "examples/profile.json",
            "--failure-topic",
            "arn:aws:sns:us-east-1:123456789012:jobs",
            "--out",
            "job.asl.json");
    assertThat(built.code()).as(built.toString()).isZero();
    assertThat(cli.run("asl", "validate", "job.asl.json").out()).contains("job.asl.json: valid");
    Cli.Result diagram = cli.run("asl", "diagram", "job.asl.json");
    assertThat(diagram.out()).startsWith("flowchart TD").contains("Create Cluster");
    Cli.Result policy =
        cli.run("asl", "policy", "job.asl.json", "--profile-file", "examples/profile.json");
    assertThat(policy.code()).as(policy.toString()).isZero();
    assertThat(policy.out())
        .contains("sns:Publish")
        .contains("iam:PassRole")
        .contains("EMR_EC2_DefaultRole");

    Cli.Result pipeline =
        cli.run("asl", "build", "pipeline", "examples/pipeline.json", "-o", "p.asl.json");
    assertThat(pipeline.code()).as(pipeline.toString()).isZero();
    assertThat(cli.run("asl", "validate", "p.asl.json").code()).isZero();
    Cli.Result lf =
        cli.run(
            "asl",
            "build",
            "launch-function",
            "--function-file",
            "examples/launch-function.json",
            "--profile-file",
            "examples/profile.json",
            "--configuration-file",
            "examples/configuration.json",
            "--integration",
            "sdk");
    assertThat(lf.code()).as(lf.toString()).isZero();
    assertThat(lf.out()).contains("aws-sdk:emr:runJobFlow");

    Cli.Result deployed =
        cli.run(
            "asl",
            "deploy",
            "job.asl.json",
            "--name",
            "spark-job",
            "--role-arn",
            "arn:aws:iam::123456789012:role/sfn",
            "--output",
            "json");
    assertThat(deployed.code()).as(deployed.toString()).isZero();
    assertThat(deployed.json().path("stateMachineArn").asText())
        .endsWith(":stateMachine:spark-job");
    assertThat(
            cli.run(
                    "asl",
                    "deploy",
                    "examples/broken.asl.json",
                    "--name",
                    "x",
                    "--role-arn",
                    "arn:aws:iam::123456789012:role/sfn")
                .code())
        .isEqualTo(2);
  }

  @Test
  void helpVersionAndUsageErrors() {
    Cli plain = new Cli(dir);
    Cli.Result help = plain.run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out())
        .contains("Examples:")
        .contains("run-job examples/spark-job.json --local")
        .contains("Exit codes");
    assertThat(plain.run("--version").out()).contains("emr-launch 0.1.0");
    Cli.Result unknown = plain.run("clusters", "explode");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(plain.run("generate-completion").out()).contains("emr-launch");
  }
}
