package io.emrlaunch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asl run} and {@code run-job --via-state-machine} on {@code --local}: the simulation's Step
 * Functions executes definitions in the local ASL engine against the simulated EMR and SNS, in
 * simulated time, and the executions persist across invocations (the journal replays their
 * StartExecution; the engine makes the same calls again).
 */
class AslRunLocalTest {
  static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:emr-jobs";

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    Cli.copyExamples(dir);
    cli = new Cli(dir, "--local", "--speed", "0");
    Cli.Result built =
        cli.run("asl", "build", "spark-job", "--failure-topic", TOPIC, "-o", "job.asl.json");
    assertThat(built.code()).as(built.toString()).isZero();
  }

  @Test
  void runsTheClusterManagerMachineToCompletionAndItsClusterPersists() {
    Cli.Result r =
        cli.run(
            "asl",
            "run",
            "job.asl.json",
            "--input",
            "@examples/spark-job.json",
            "--output",
            "json");

    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode j = r.json();
    assertThat(j.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(j.path("stateMachineArn").asText()).endsWith(":stateMachine:job");
    assertThat(j.path("output").path("StepState").asText()).isEqualTo("COMPLETED");
    assertThat(j.path("output").path("ClusterState").asText()).isEqualTo("TERMINATED");
    assertThat(j.path("simulated").asBoolean()).isTrue();
    String clusterId = j.path("output").path("ClusterId").asText();
    assertThat(r.err())
        .contains("SIMULATION")
        .contains("cluster " + clusterId + " STARTING")
        .containsPattern("step s-\\w+ \\(daily-report\\) RUNNING")
        .contains("SUCCEEDED");

    // Another invocation replays the journal: the execution ran again the same way.
    Cli.Result list = cli.run("clusters", "list", "--all", "--output", "json");
    assertThat(list.json().findValuesAsText("clusterId")).containsExactly(clusterId);
    assertThat(list.json().findValuesAsText("state")).containsExactly("TERMINATED");

    // A second run updates the machine and launches a second cluster.
    Cli.Result again = cli.run("asl", "run", "job.asl.json", "--input", "@examples/spark-job.json");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out()).contains("SUCCEEDED").contains("\"StepState\":\"COMPLETED\"");
    assertThat(cli.run("clusters", "list", "--all", "--output", "json").json()).hasSize(2);
  }

  @Test
  void aFailedExecutionExitsOneAndItsSnsMessageIsRecorded() throws Exception {
    Cli.Result r =
        cli.run(
            "asl",
            "run",
            "job.asl.json",
            "--input",
            "{\"job_name\": \"j\", \"code_entrypoint\": \"main.py\", \"log_bucket\": \"s3://l-1\"}");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .contains(" FAILED")
        .contains("error: EmrLaunch.JobFailed")
        .contains("cause: EmrLaunch.InvalidInput: code_entrypoint");
    List<String> sns = Files.readAllLines(dir.resolve(".emr-launch/local/sns.jsonl"));
    assertThat(sns).hasSize(1);
    JsonNode message = Cli.JSON.readTree(sns.get(0));
    assertThat(message.path("topicArn").asText()).isEqualTo(TOPIC);
    assertThat(
            Cli.JSON
                .readTree(message.path("message").asText())
                .path("payload")
                .path("job_name")
                .asText())
        .isEqualTo("j");

    // Replaying the journal in the next invocation does not record the message twice.
    assertThat(cli.run("clusters", "list", "--all").code()).isZero();
    assertThat(Files.readAllLines(dir.resolve(".emr-launch/local/sns.jsonl"))).hasSize(1);
  }

  @Test
  void runJobViaTheStateMachine() {
    Cli.Result r = cli.run("run-job", "examples/spark-job.json", "--via-state-machine");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("job daily-report COMPLETED")
        .containsPattern("cluster j-\\w+ TERMINATED \\(simulated\\)");
    assertThat(r.err())
        .contains("Cluster Manager state machine")
        .containsPattern("cluster j-\\w+ BOOTSTRAPPING");

    Cli.Result sdk =
        cli.run(
            "run-job",
            "examples/spark-job.json",
            "--via-state-machine",
            "--integration",
            "sdk",
            "--output",
            "json",
            "--quiet");
    assertThat(sdk.code()).as(sdk.toString()).isZero();
    assertThat(sdk.json().path("jobState").asText()).isEqualTo("COMPLETED");
    assertThat(sdk.json().path("clusterState").asText()).isEqualTo("TERMINATED");
    assertThat(sdk.err()).isEmpty();
  }

  @Test
  void aTimeoutStopsTheExecutionAndTerminatesTheJobsCluster() {
    Cli.Result r =
        cli.run("run-job", "examples/spark-job.json", "--via-state-machine", "--timeout", "5m");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .containsPattern("stopping execution run-\\S+")
        .containsPattern("terminating j-\\w+ \\(launched by the execution\\)")
        .contains("emr-launch: failed: execution run-")
        .contains("still RUNNING at the --timeout");
    Cli.Result list = cli.run("clusters", "list", "--all", "--output", "json");
    assertThat(list.json().findValuesAsText("state"))
        .hasSize(1)
        .allMatch(st -> st.startsWith("TERMINAT"));
  }

  @Test
  void twoRunsAtTheSameSimulatedInstantAreTwoExecutions() throws Exception {
    Files.writeString(
        dir.resolve("pass.asl.json"),
        "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");

    Cli.Result first =
        cli.run("asl", "run", "pass.asl.json", "--input", "{\"n\": 1}", "--output", "json");
    Cli.Result second =
        cli.run("asl", "run", "pass.asl.json", "--input", "{\"n\": 2}", "--output", "json");

    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(second.code()).as(second.toString()).isZero();
    assertThat(second.json().path("executionArn").asText())
        .isNotEqualTo(first.json().path("executionArn").asText());
    assertThat(second.json().path("output").path("n").asInt()).isEqualTo(2);
  }

  @Test
  void badInputIsOneLineExitTwoAndNothingIsRecorded() {
    Cli.Result notJson = cli.run("asl", "run", "job.asl.json", "--input", "{nope");
    assertThat(notJson.code()).isEqualTo(2);
    assertThat(notJson.err().strip())
        .startsWith("emr-launch: --input is not JSON")
        .doesNotContain("\n");

    Cli.Result broken = cli.run("asl", "run", "examples/broken.asl.json");
    assertThat(broken.code()).isEqualTo(2);
    assertThat(broken.err()).contains("4 problem(s)");

    Cli.Result both =
        cli.run(
            "asl",
            "run",
            "job.asl.json",
            "--state-machine-arn",
            "arn:aws:states:us-east-1:123456789012:stateMachine:x");
    assertThat(both.code()).isEqualTo(2);

    Cli.Result noRole = new Cli(dir, "--region", "us-east-1").run("asl", "run", "job.asl.json");
    assertThat(noRole.code()).isEqualTo(2);
    assertThat(noRole.err()).contains("needs --role-arn");

    assertThat(dir.resolve(".emr-launch/local/journal.jsonl")).doesNotExist();
  }
}
