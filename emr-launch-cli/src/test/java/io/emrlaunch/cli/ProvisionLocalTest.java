package io.emrlaunch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provision plan|apply|destroy} on {@code --local}: the testkit's IAM, EC2, EMR and SSM, the
 * profile saved as a record; each command is its own invocation (state from the journal).
 */
class ProvisionLocalTest {
  static final String SPEC = "examples/provisioning.json";

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    Cli.copyExamples(dir);
    cli = new Cli(dir, "--local", "--speed", "0");
  }

  @Test
  void planApplyPlanDestroy() {
    Cli.Result plan = cli.run("provision", "plan", SPEC);
    assertThat(plan.code()).as(plan.toString()).isZero();
    assertThat(plan.out())
        .contains("CREATE SERVICE_ROLE default_analytics-provisioned-ServiceRole")
        .contains("CREATE MASTER_SECURITY_GROUP")
        .contains("CREATE SECURITY_CONFIGURATION")
        .contains("CREATE PROFILE_RECORD default/analytics-provisioned")
        .contains("9 change(s)");
    assertThat(plan.err()).contains("SIMULATION: vpc-0123456789abcdef0 is not in the simulated");

    Cli.Result apply = cli.run("provision", "apply", SPEC, "--output", "json");
    assertThat(apply.code()).as(apply.toString()).isZero();
    JsonNode saved = apply.json().path("savedProfile");
    assertThat(saved.path("serviceRole").asText())
        .isEqualTo("arn:aws:iam::123456789012:role/default_analytics-provisioned-ServiceRole");
    assertThat(apply.json().path("noOp").asBoolean()).isFalse();

    // A later invocation sees what apply made: nothing left to do, the record is stored.
    Cli.Result again = cli.run("provision", "plan", SPEC, "--output", "json");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.json().path("noOp").asBoolean()).as(again.out()).isTrue();
    Cli.Result record = cli.run("profiles", "get", "analytics-provisioned", "--quiet");
    assertThat(record.code()).as(record.toString()).isZero();
    assertThat(record.out()).contains("default_analytics-provisioned-InstanceRole");

    Cli.Result planDestroy = cli.run("provision", "plan", SPEC, "--destroy");
    assertThat(planDestroy.out()).contains("DELETE SERVICE_ROLE").contains("DELETE PROFILE_RECORD");
    Cli.Result destroy = cli.run("provision", "destroy", SPEC);
    assertThat(destroy.code()).as(destroy.toString()).isZero();
    assertThat(destroy.out()).contains("destroyed default/analytics-provisioned (simulated)");
    assertThat(cli.run("profiles", "get", "analytics-provisioned").code()).isEqualTo(1);
    assertThat(cli.run("provision", "plan", SPEC).out()).contains("9 change(s)");
  }

  @Test
  void aProvisionedProfileLaunchesAJob() {
    assertThat(cli.run("provision", "apply", SPEC).code()).isZero();

    Cli.Result r =
        cli.run("run-job", "examples/spark-job.json", "--emr-profile", "analytics-provisioned");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("job daily-report COMPLETED");
  }

  @Test
  void badSpecsAreOneLineExitTwoBeforeAnyCall() throws Exception {
    ObjectNode spec = (ObjectNode) Cli.JSON.readTree(dir.resolve(SPEC).toFile());
    spec.put("vpcID", "vpc-1");
    Files.writeString(dir.resolve("typo.json"), spec.toString());
    Cli.Result typo = cli.run("provision", "plan", "typo.json");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err().strip())
        .startsWith("emr-launch: typo.json: vpcID: unknown key")
        .doesNotContain("\n");

    spec.remove("vpcID");
    spec.put("vpcId", "not-a-vpc");
    spec.putArray("kmsKeyArns").add("arn:aws:kms:us-east-1:123456789012:key/ok").add("nope");
    Files.writeString(dir.resolve("invalid.json"), spec.toString());
    Cli.Result invalid = cli.run("provision", "apply", "invalid.json");
    assertThat(invalid.code()).isEqualTo(2);
    assertThat(invalid.err()).contains("vpcId").contains("kmsKeyArns[1]");

    assertThat(cli.run("provision", "apply", "missing.json").code()).isEqualTo(2);
    assertThat(dir.resolve(".emr-launch/local/journal.jsonl")).doesNotExist();
  }
}
