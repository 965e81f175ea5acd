package io.emrlaunch.stepfunctions.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.OverrideType;
import io.emrlaunch.core.model.PresetOptions;
import io.emrlaunch.stepfunctions.asl.AslValidatorCli;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.iam.DerivedPolicy;
import io.emrlaunch.stepfunctions.iam.ExecutionRolePolicy;
import io.emrlaunch.stepfunctions.iam.PolicyDocument;
import io.emrlaunch.stepfunctions.iam.PolicyStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch function snippet of the README (its section "A launch function in pure ASL"), compiled
 * and run in a temporary folder. The code between the {@code ---- as in the README ----} markers
 * must be the README's Java block there, whitespace aside ({@link
 * #theSnippetIsTheCodeThisTestRuns}).
 */
class ReadmeLaunchFunctionExampleTest {
  static final String README = "README.md";

  static final String HEADING = "### A launch function in pure ASL, with its IAM policy";
  static final String SOURCE =
      "emr-launch-stepfunctions/src/test/java/io/emrlaunch/stepfunctions/emr/"
          + "ReadmeLaunchFunctionExampleTest.java";
  static final String BEGIN = "// ---- as in the README ----";
  static final String END = "// ---- end ----";
  static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void writesTheDefinitionAndItsPolicy(@TempDir Path dir) throws Exception {
    // ---- as in the README ----
    EmrProfile profile =
        EmrProfile.builder()
            .name("analytics")
            .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole_V2")
            .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
            .logsBucket("my-emr-logs")
            .build();

    ClusterConfiguration configuration =
        ClusterPresets.instanceGroups(PresetOptions.of("spark-small", "subnet-0abc"));

    LaunchFunction launchFunction =
        LaunchFunction.builder()
            .name("nightly")
            .profile(profile.ref()) // read from /emr_launch/emr_profiles/default/analytics
            .configuration(
                configuration.ref()) // and /emr_launch/cluster_configurations/default/spark-small
            .clusterName("nightly-etl")
            .putClusterTags("team", "data")
            .addAllowedOverrides(
                AllowedOverride.builder()
                    .name("CoreInstanceCount")
                    .path("instances.coreGroup.instanceCount")
                    .type(OverrideType.INTEGER)
                    .minimum(1.0)
                    .maximum(20.0)
                    .build())
            .build();

    StateMachine machine =
        LaunchFunctionMachine.builder(launchFunction, profile, configuration).build();

    DerivedPolicy derived =
        ExecutionRolePolicy.builder()
            .region("us-east-1")
            .accountId("123456789012")
            .profile(profile) // PassRole only on the profile's roles
            .build()
            .derive(machine);

    Files.writeString(dir.resolve("launch-function.asl.json"), machine.toPrettyJson());
    Files.writeString(dir.resolve("launch-function-role-policy.json"), derived.policy().toJson());
    // ---- end ----

    Path definition = dir.resolve("launch-function.asl.json");
    Path policy = dir.resolve("launch-function-role-policy.json");
    assertThat(definition).isRegularFile();
    assertThat(policy).isRegularFile();

    assertThat(StateMachine.fromJson(Files.readString(definition)).validate()).isEmpty();
    AslValidatorCli.Result checked = AslValidatorCli.require().validateFiles(List.of(definition));
    assertThat(checked.allValid()).as(checked.stdout() + checked.stderr()).isTrue();

    PolicyDocument written = derived.policy();
    assertThat(Files.readString(policy)).isEqualTo(written.toJson());
    // RunJobFlow needs PassRole on both roles, and on nothing else.
    assertThat(
            statementsWith(written, "iam:PassRole").stream().flatMap(s -> s.resources().stream()))
        .containsExactlyInAnyOrder(
            "arn:aws:iam::123456789012:role/EMR_DefaultRole_V2",
            "arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole");
    List<PolicyStatement> ssm = statementsWith(written, "ssm:GetParameter");
    assertThat(ssm).isNotEmpty();
    assertThat(ssm.stream().flatMap(s -> s.resources().stream()))
        .containsExactlyInAnyOrder(
            "arn:aws:ssm:us-east-1:123456789012:parameter/emr_launch/emr_profiles/default/analytics",
            "arn:aws:ssm:us-east-1:123456789012:parameter/emr_launch/cluster_configurations/default/spark-small");
    assertThat(written.statements())
        .filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("ssm:")))
        .isEqualTo(ssm);
  }

  @Test
  void theSnippetIsTheCodeThisTestRuns() throws Exception {
    Path root = projectRoot();
    String readme = Files.readString(root.resolve(README));
    int section = readme.indexOf(HEADING);
    assertThat(section).as(README + " has the section " + HEADING).isPositive();
    Matcher java = JAVA_BLOCK.matcher(readme.substring(section));
    assertThat(java.find()).as("a ```java block under " + HEADING).isTrue();
    String snippet = java.group(1);

    String source = Files.readString(root.resolve(SOURCE));
    // The markers as whole lines (the constants above hold them too, inside quotes).
    Matcher marked =
        Pattern.compile(
                "(?m)^\\s*"
                    + Pattern.quote(BEGIN)
                    + "\\s*$(.*?)^\\s*"
                    + Pattern.quote(END)
                    + "\\s*$",
                Pattern.DOTALL)
            .matcher(source);
    assertThat(marked.find()).as(BEGIN + " ... " + END + " in " + SOURCE).isTrue();
    String tested = marked.group(1);

    // google-java-format rewraps the test's copy; compare the code without any whitespace.
    assertThat(withoutWhitespace(tested)).isEqualTo(withoutWhitespace(snippet));
  }

  private static List<PolicyStatement> statementsWith(PolicyDocument policy, String action) {
    return policy.statements().stream().filter(s -> s.actions().contains(action)).toList();
  }

  private static String withoutWhitespace(String code) {
    return code.replaceAll("\\s+", "");
  }

  private static Path projectRoot() {
    for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        d != null;
        d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(README)) && Files.isDirectory(d.resolve("docs"))) {
        return d;
      }
    }
    throw new IllegalStateException(README + " not found above " + System.getProperty("user.dir"));
  }
}
