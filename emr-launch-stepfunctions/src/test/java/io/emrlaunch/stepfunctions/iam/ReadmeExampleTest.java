package io.emrlaunch.stepfunctions.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.stepfunctions.asl.AslCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/stepfunctions-iam-deploy.md, run in a temporary folder with assertions on the
 * files it writes ({@code DocsTest} in emr-launch-api-checks compiles the block itself).
 */
class ReadmeExampleTest {

  @Test
  void writesTheDerivedPolicyToAFile(@TempDir Path dir) throws Exception {
    Path definition = dir.resolve("state-machine.json");
    Files.copy(
        AslCorpus.directory().resolve("02-emr-persistent-cluster-steps-from-ssm.json"), definition);

    // ---- as in the README ----
    EmrProfile profile =
        EmrProfile.builder()
            .name("etl")
            .serviceRole("EMR_DefaultRole_V2")
            .instanceRole("EMR_EC2_DefaultRole")
            .build();

    DerivedPolicy derived =
        ExecutionRolePolicy.builder()
            .region("us-east-1")
            .accountId("123456789012")
            .profile(profile)
            .bind("Get Cluster Id", "Name", "/emr-launch/clusters/*/id")
            .build()
            .derive(Files.readString(definition));

    Files.writeString(dir.resolve("execution-role-policy.json"), derived.policy().toJson());
    Files.writeString(
        dir.resolve("trust-policy.json"),
        TrustPolicy.forStepFunctions("us-east-1", "123456789012", "nightly-etl").toJson());
    // ---- end ----

    JsonNode written =
        new ObjectMapper().readTree(dir.resolve("execution-role-policy.json").toFile());
    assertThat(written.get("Version").asText()).isEqualTo("2012-10-17");
    assertThat(written.toString())
        .contains("arn:aws:ssm:us-east-1:123456789012:parameter/emr-launch/clusters/*/id")
        .contains("rule/StepFunctionsGetEventForEMRAddJobFlowStepsRule")
        .contains("arn:aws:sns:us-east-1:123456789012:emr-steps");
    assertThat(Files.readString(dir.resolve("trust-policy.json"))).contains("states.amazonaws.com");
  }
}
