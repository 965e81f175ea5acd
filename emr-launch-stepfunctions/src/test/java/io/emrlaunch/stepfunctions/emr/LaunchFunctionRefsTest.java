package io.emrlaunch.stepfunctions.emr;

import static io.emrlaunch.stepfunctions.emr.LaunchFunctionFixtures.configuration;
import static io.emrlaunch.stepfunctions.emr.LaunchFunctionFixtures.function;
import static io.emrlaunch.stepfunctions.emr.LaunchFunctionFixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.iam.ExecutionRolePolicy;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a launch function machine and its policy are about the function's own records — a
 * profile or configuration with another reference is refused, and so is a parameter root with a
 * {@code ..} segment.
 */
class LaunchFunctionRefsTest {

  static EmrProfile otherProfile() {
    return EmrProfile.builder().from(profile()).name("someone-elses").build();
  }

  @Test
  void aProfileOrConfigurationOtherThanTheFunctionsIsRefused() {
    ValidationException e =
        catchThrowableOfType(
            () ->
                LaunchFunctionMachine.builder(function(), otherProfile(), configuration()).build(),
            ValidationException.class);
    assertThat(e.problems()).extracting(Problem::path).containsExactly("profile");
    ClusterConfiguration other =
        ClusterConfiguration.builder().from(configuration()).name("not-the-functions").build();
    ValidationException e2 =
        catchThrowableOfType(
            () -> LaunchFunctionMachine.builder(function(), profile(), other).build(),
            ValidationException.class);
    assertThat(e2.problems()).extracting(Problem::path).containsExactly("configuration");
  }

  @Test
  void parameterRootWithDotDotIsRefused() {
    for (String root : new String[] {"/..", "/emr_launch/../x", "/emr_launch/./x"}) {
      ValidationException e =
          catchThrowableOfType(
              () ->
                  LaunchFunctionMachine.builder(function(), profile(), configuration())
                      .parameterRoot(root)
                      .build(),
              ValidationException.class);
      assertThat(e).as(root).isNotNull();
      assertThat(e.problems()).extracting(Problem::path).containsExactly("parameterRoot");
    }
  }

  @Test
  void passRoleIsGrantedOnlyOnTheProfileTheDefinitionReads() {
    StateMachine m = LaunchFunctionMachine.builder(function(), profile(), configuration()).build();
    ExecutionRolePolicy.Builder base =
        ExecutionRolePolicy.builder().region("us-east-1").accountId("123456789012");
    assertThat(base.profile(profile()).build().derive(m).policy().statements()).isNotEmpty();
    ValidationException e =
        catchThrowableOfType(
            () -> base.profile(otherProfile()).build().derive(m), ValidationException.class);
    assertThat(e).isNotNull();
    assertThat(e.problems()).extracting(Problem::path).contains("profile");
    assertThat(e.getMessage()).contains("the definition reads the profile");
  }

  @Test
  void secureStringRecordsAreReadWithDecryptionAndTheKeyIsGrantedThroughSsmOnly() {
    StateMachine m = LaunchFunctionMachine.builder(function(), profile(), configuration()).build();
    com.fasterxml.jackson.databind.JsonNode def;
    try {
      def = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.toJson());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    java.util.List<com.fasterxml.jackson.databind.JsonNode> loads = new java.util.ArrayList<>();
    def.findParents("Resource")
        .forEach(
            n -> {
              if (n.path("Resource").asText().endsWith("aws-sdk:ssm:getParameter")) {
                loads.add(n);
              }
            });
    assertThat(loads).hasSizeGreaterThanOrEqualTo(2);
    assertThat(loads)
        .allSatisfy(
            n -> assertThat(n.path("Parameters").path("WithDecryption").asBoolean()).isTrue());
    String key = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
    var statements =
        ExecutionRolePolicy.builder()
            .region("us-east-1")
            .accountId("123456789012")
            .profile(profile())
            .parameterKey(key)
            .build()
            .derive(m)
            .policy()
            .statements();
    assertThat(statements)
        .filteredOn(s -> s.actions().contains("kms:Decrypt"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.resources()).containsExactly(key);
              assertThat(s.conditions().get("StringEquals").get("kms:ViaService"))
                  .containsExactly("ssm.us-east-1.amazonaws.com");
            });
    assertThat(
            ExecutionRolePolicy.builder()
                .region("us-east-1")
                .accountId("123456789012")
                .profile(profile())
                .build()
                .derive(m)
                .policy()
                .statements())
        .noneMatch(s -> s.actions().contains("kms:Decrypt"));
  }
}
