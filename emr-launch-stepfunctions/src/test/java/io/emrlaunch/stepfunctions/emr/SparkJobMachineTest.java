package io.emrlaunch.stepfunctions.emr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.stepfunctions.asl.AslValidatorCli;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateMachineBuilder;
import io.emrlaunch.stepfunctions.iam.DerivedPolicy;
import io.emrlaunch.stepfunctions.iam.ExecutionRolePolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkJobMachineTest {
  static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:emr-jobs";

  static EmrProfile profile() {
    return EmrProfile.builder()
        .name("analytics")
        .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
        .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
        .masterSecurityGroup("sg-0123456789abcdef0")
        .workersSecurityGroup("sg-0123456789abcdef1")
        .logsBucket("my-emr-logs")
        .build();
  }

  static StateMachine machine(ServiceIntegration integration) {
    return SparkJobMachine.builder(profile())
        .integration(integration)
        .pollInterval(Duration.ofSeconds(1))
        .failureTopicArn(TOPIC)
        .build();
  }

  @Test
  void bothIntegrationsPassBothValidators() throws Exception {
    Map<String, String> emitted = new LinkedHashMap<>();
    for (ServiceIntegration i : ServiceIntegration.values()) {
      StateMachine m = machine(i);
      assertThat(m.validate()).isEmpty();
      emitted.put("spark-job-" + i, m.toPrettyJson());
      StateMachine noTopic = SparkJobMachine.builder(profile()).integration(i).build();
      emitted.put("spark-job-no-topic-" + i, noTopic.toPrettyJson());
    }
    AslValidatorCli.Result r = AslValidatorCli.require().validateDefinitions(emitted);
    assertThat(r.invalid()).isEmpty();
    assertThat(r.files()).hasSize(4);
  }

  @Test
  void usesTheProfilesSecurityHalfAndThePayloadsFields() throws Exception {
    JsonNode def = new ObjectMapper().readTree(machine(ServiceIntegration.OPTIMIZED).toJson());
    JsonNode create = def.at("/States/Create Cluster");
    assertThat(create.path("Resource").asText())
        .isEqualTo("arn:aws:states:::elasticmapreduce:createCluster.sync");
    JsonNode p = create.path("Parameters");
    assertThat(p.path("ServiceRole").asText()).isEqualTo("EMR_DefaultRole");
    assertThat(p.path("JobFlowRole").asText()).isEqualTo("EMR_EC2_DefaultRole");
    assertThat(p.path("Name.$").asText()).isEqualTo("$.payload.job_name");
    assertThat(p.path("Instances.$").asText()).isEqualTo("$.instances.v");
    JsonNode instances = def.at("/States/Build Instances/Parameters/v");
    assertThat(instances.path("EmrManagedMasterSecurityGroup").asText())
        .isEqualTo("sg-0123456789abcdef0");
    assertThat(instances.at("/InstanceGroups/1/InstanceType.$").asText())
        .isEqualTo("$.payload.slave_type");
    assertThat(def.at("/States/Read Payload/Parameters/defaults/mem_executor").asText())
        .isEqualTo("16G");
    assertThat(def.at("/States/Read Payload/Parameters/defaults/log_bucket").asText())
        .isEqualTo("s3://my-emr-logs");
    assertThat(def.at("/States/Render Argument/Parameters/s.$").asText())
        .isEqualTo(
            "States.Format('{}.{}={}', $.payload.namespace, $.arg.a.argument, $.arg.a.value)");
    assertThat(def.at("/States/Notify Failure/Resource").asText())
        .isEqualTo("arn:aws:states:::sns:publish");
  }

  @Test
  void everyPathAfterTheClusterExistsTerminatesIt() throws Exception {
    for (ServiceIntegration i : ServiceIntegration.values()) {
      JsonNode states = new ObjectMapper().readTree(machine(i).toJson()).path("States");
      // every Task after Create Cluster catches into a terminate (or is a terminate itself)
      states
          .fields()
          .forEachRemaining(
              e -> {
                JsonNode s = e.getValue();
                if (!s.path("Type").asText().equals("Task")
                    || e.getKey().equals("Create Cluster")
                    || e.getKey().startsWith("Terminate")
                    || e.getKey().equals("Describe Terminating Cluster")
                    || e.getKey().equals("Notify Failure")) {
                  return;
                }
                assertThat(s.at("/Catch/0/Next").asText())
                    .as(i + " " + e.getKey())
                    .isEqualTo("Terminate After Failure");
              });
    }
  }

  @Test
  void derivesALeastPrivilegePolicy() {
    for (ServiceIntegration i : ServiceIntegration.values()) {
      DerivedPolicy derived =
          ExecutionRolePolicy.builder()
              .region("us-east-1")
              .accountId("123456789012")
              .profile(profile())
              .build()
              .derive(machine(i));
      var policy = derived.policy();
      assertThat(policy.allows("sns:Publish", TOPIC)).as(i.name()).isTrue();
      assertThat(policy.allows("iam:PassRole", "arn:aws:iam::123456789012:role/EMR_DefaultRole"))
          .isTrue();
      assertThat(policy.allows("iam:PassRole", "arn:aws:iam::123456789012:role/Admin")).isFalse();
      assertThat(policy.allows("elasticmapreduce:RunJobFlow", "*")).isTrue();
      assertThat(
              policy.allows(
                  i == ServiceIntegration.OPTIMIZED
                      ? "elasticmapreduce:TerminateJobFlows"
                      : "elasticmapreduce:DescribeStep",
                  "arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*"))
          .isTrue();
    }
  }

  @Test
  void runsNestedFromAnotherMachine() {
    StateMachine parent =
        StateMachineBuilder.startWith(
                NestedStateMachine.run(
                        "Run Spark Job",
                        "arn:aws:states:us-east-1:123456789012:stateMachine:spark-job",
                        Map.of(
                            "job_name.$", "$.job", "code_entrypoint", "s3://code-bucket/main.py"))
                    .resultPath("$.job"))
            .then(Flow.succeed("Done"))
            .build();
    assertThat(parent.validate()).isEmpty();
    assertThat(parent.toJson()).contains("arn:aws:states:::states:startExecution.sync:2");
  }
}
