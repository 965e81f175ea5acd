package io.emrlaunch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.emr.model.ClusterState;

/**
 * The same commands against moto over HTTP with {@code --endpoint-url} (the real backend: SDK
 * default chains, the CRT HTTP client). moto's clusters are WAITING at once and its steps never
 * finish, so run-job is shown ending by its timeout, terminating the cluster it launched.
 */
@MotoTest
class CliMotoTest {
  @TempDir Path dir;
  Cli cli;
  MotoServer moto;

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    this.moto = moto;
    moto.reset();
    Cli.copyExamples(dir);
    cli =
        new Cli(dir, "--endpoint-url", moto.endpoint().toString(), "--region", moto.region().id());
  }

  @Test
  void recordsRoundTripInMotosSsm() throws Exception {
    assertThat(cli.run("profiles", "put", "examples/profile.json").code()).isZero();
    Cli.Result got = cli.run("profiles", "get", "analytics", "--format", "aws");
    assertThat(got.code()).as(got.toString()).isZero();
    assertThat(Cli.JSON.readTree(got.out()))
        .isEqualTo(Cli.JSON.readTree(dir.resolve("examples/profile.json").toFile()));
    assertThat(
            moto.ssm()
                .getParameter(r -> r.name("/emr_launch/emr_profiles/default/analytics"))
                .parameter()
                .value())
        .contains("\"ProfileName\"");
    assertThat(cli.run("profiles", "list", "--output", "json").json().findValuesAsText("ref"))
        .containsExactly("default/analytics");
  }

  @Test
  void launchDescribeAddStepTerminate() {
    Cli.Result launched =
        cli.run(
            "clusters",
            "launch",
            "--profile-file",
            "examples/profile.json",
            "--configuration-file",
            "examples/configuration.json",
            "--name",
            "moto-cli",
            "--wait",
            "--output",
            "json");
    assertThat(launched.code()).as(launched.toString()).isZero();
    String id = launched.json().path("clusterId").asText();
    assertThat(launched.json().path("state").asText()).isEqualTo("WAITING");

    assertThat(cli.run("clusters", "list", "--output", "json").json().findValuesAsText("clusterId"))
        .containsExactly(id);
    Cli.Result step =
        cli.run(
            "steps",
            "add",
            id,
            "--name",
            "report",
            "--spark",
            "s3://code-bucket/report.py",
            "--output",
            "json");
    assertThat(step.code()).as(step.toString()).isZero();
    Cli.Result described = cli.run("clusters", "describe", id, "--output", "json");
    assertThat(described.json().path("name").asText()).isEqualTo("moto-cli");
    assertThat(described.json().path("steps").findValuesAsText("name")).containsExactly("report");

    Cli.Result terminated = cli.run("clusters", "terminate", id);
    assertThat(terminated.code()).as(terminated.toString()).isZero();
    assertThat(moto.emr().describeCluster(r -> r.clusterId(id)).cluster().status().state())
        .isEqualTo(ClusterState.TERMINATED);
  }

  @Test
  void runJobThatTimesOutTerminatesItsCluster() {
    Cli.Result r = cli.run("run-job", "examples/spark-job.json", "--timeout", "4s");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("emr-launch: failed:");
    var clusters = moto.emr().listClusters().clusters();
    assertThat(clusters).hasSize(1);
    assertThat(clusters.get(0).name()).isEqualTo("daily-report");
    assertThat(clusters.get(0).status().state())
        .as(r.toString())
        .isEqualTo(ClusterState.TERMINATED);
  }

  @Test
  void deploysAGeneratedMachine() {
    cli.run("asl", "build", "spark-job", "--integration", "sdk", "-o", "job.asl.json");
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
    String arn = deployed.json().path("stateMachineArn").asText();
    assertThat(moto.sfn().describeStateMachine(r -> r.stateMachineArn(arn)).definition())
        .contains("aws-sdk:emr:runJobFlow");
  }

  @Test
  void provisionPlanApplyDestroyAgainstMoto() throws Exception {
    String vpc = moto.ec2().createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
    ObjectNode spec =
        (ObjectNode) Cli.JSON.readTree(dir.resolve("examples/provisioning.json").toFile());
    spec.put("vpcId", vpc);
    Files.writeString(dir.resolve("spec.json"), spec.toString());

    // The account comes from STS GetCallerIdentity (moto's 123456789012).
    Cli.Result apply = cli.run("provision", "apply", "spec.json", "--output", "json");
    assertThat(apply.code()).as(apply.toString()).isZero();
    assertThat(apply.json().path("savedProfile").path("serviceRole").asText())
        .isEqualTo("arn:aws:iam::123456789012:role/default_analytics-provisioned-ServiceRole");
    assertThat(moto.iam().getRole(r -> r.roleName("default_analytics-provisioned-InstanceRole")))
        .isNotNull();
    assertThat(
            moto.ec2()
                .describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(vpc)))
                .securityGroups())
        .extracting(g -> g.groupName())
        .contains(
            "default_analytics-provisioned-Master",
            "default_analytics-provisioned-Workers",
            "default_analytics-provisioned-ServiceAccess");

    Cli.Result plan = cli.run("provision", "plan", "spec.json", "--output", "json");
    assertThat(plan.code()).as(plan.toString()).isZero();
    assertThat(plan.json().path("noOp").asBoolean()).as(plan.out()).isTrue();

    Cli.Result destroy = cli.run("provision", "destroy", "spec.json");
    assertThat(destroy.code()).as(destroy.toString()).isZero();
    assertThat(moto.iam().listRoles().roles())
        .extracting(r -> r.roleName())
        .noneMatch(n -> n.startsWith("default_analytics-provisioned"));
  }

  static final String SSM_MACHINE =
      """
      {"StartAt": "Put", "States": {
        "Put": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ssm:putParameter",
                "Parameters": {"Name.$": "$.name", "Value.$": "$.value", "Type": "String"},
                "ResultPath": "$.put", "Next": "Done"},
        "Done": {"Type": "Succeed"}}}
      """;

  @Test
  void aslRunExecutesInMotosStepFunctions() throws Exception {
    moto.enableStepFunctionsExecution();
    Files.writeString(dir.resolve("put.asl.json"), SSM_MACHINE);

    Cli.Result r =
        cli.run(
            "asl",
            "run",
            "put.asl.json",
            "--role-arn",
            "arn:aws:iam::123456789012:role/sfn",
            "--input",
            "{\"name\": \"/jobs/last\", \"value\": \"2026-11-24\"}",
            "--output",
            "json");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.json().path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(r.json().path("stateMachineArn").asText()).endsWith(":stateMachine:put");
    assertThat(r.json().path("simulated").asBoolean()).isFalse();
    assertThat(moto.ssm().getParameter(g -> g.name("/jobs/last")).parameter().value())
        .isEqualTo("2026-11-24");
  }

  @Test
  void aslRunOfAFailingExecutionExitsOneWithItsErrorAndCause() throws Exception {
    moto.enableStepFunctionsExecution();
    Files.writeString(
        dir.resolve("fail.asl.json"),
        "{\"StartAt\": \"No\", \"States\": {\"No\": {\"Type\": \"Fail\","
            + " \"Error\": \"Report.Missing\", \"Cause\": \"no input for the day\"}}}");

    Cli.Result r =
        cli.run("asl", "run", "fail.asl.json", "--role-arn", "arn:aws:iam::123456789012:role/sfn");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .contains(" FAILED")
        .contains("error: Report.Missing")
        .contains("cause: no input for the day");
  }

  @Test
  void runJobViaTheStateMachineInMotoStopsAndTerminatesAtItsTimeout() {
    // moto runs the aws-sdk variant for real but its steps never finish: the run ends by its
    // timeout, which stops the execution and terminates the job's cluster.
    moto.enableStepFunctionsExecution();

    Cli.Result r =
        cli.run(
            "run-job",
            "examples/spark-job.json",
            "--via-state-machine",
            "--integration",
            "sdk",
            "--role-arn",
            "arn:aws:iam::123456789012:role/sfn",
            "--timeout",
            "15s");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .contains("still RUNNING at the --timeout")
        .containsPattern("cluster j-\\w+ (STARTING|WAITING|RUNNING)")
        .containsPattern("terminating j-\\w+ \\(launched by the execution\\)");
    var clusters = moto.emr().listClusters().clusters();
    assertThat(clusters).hasSize(1);
    assertThat(clusters.get(0).name()).isEqualTo("daily-report");
    assertThat(clusters.get(0).status().state()).isEqualTo(ClusterState.TERMINATED);
    String machine = moto.sfn().listStateMachines().stateMachines().get(0).stateMachineArn();
    assertThat(moto.sfn().listExecutions(e -> e.stateMachineArn(machine)).executions())
        .singleElement()
        .satisfies(e -> assertThat(e.statusAsString()).isEqualTo("ABORTED"));
  }
}
