package io.emrlaunch.stepfunctions.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.AslCorpus;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus definition: the derived policy grants every action its integrations need (checked
 * against this test's own table, walking the definition independently), never {@code iam:PassRole}
 * on {@code *}, {@code *} only where IAM accepts nothing narrower, and ARNs in the region's
 * partition (aws, aws-cn, aws-us-gov).
 */
class CorpusPolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Actions each integration needs, written down from the Step Functions IAM pages. */
  private static final Map<String, List<String>> NEEDS = new HashMap<>();

  /** Events rule each .sync integration needs. */
  private static final Map<String, String> RULES = new HashMap<>();

  /** The only actions that may be granted on "*": they support no resource type. */
  private static final Set<String> STAR_OK =
      Set.of(
          "elasticmapreduce:RunJobFlow",
          "elasticmapreduce:ListClusters",
          "emr-containers:CreateVirtualCluster");

  static {
    List<String> createCluster =
        List.of(
            "elasticmapreduce:RunJobFlow",
            "elasticmapreduce:DescribeCluster",
            "elasticmapreduce:TerminateJobFlows",
            "iam:PassRole",
            "iam:CreateServiceLinkedRole");
    NEEDS.put("elasticmapreduce:createCluster", createCluster);
    NEEDS.put(
        "elasticmapreduce:addStep",
        List.of(
            "elasticmapreduce:AddJobFlowSteps",
            "elasticmapreduce:DescribeStep",
            "elasticmapreduce:CancelSteps"));
    NEEDS.put(
        "elasticmapreduce:terminateCluster",
        List.of("elasticmapreduce:TerminateJobFlows", "elasticmapreduce:DescribeCluster"));
    NEEDS.put(
        "elasticmapreduce:setClusterTerminationProtection",
        List.of("elasticmapreduce:SetTerminationProtection"));
    NEEDS.put(
        "elasticmapreduce:modifyInstanceFleetByName",
        List.of("elasticmapreduce:ModifyInstanceFleet", "elasticmapreduce:ListInstanceFleets"));
    NEEDS.put(
        "elasticmapreduce:modifyInstanceGroupByName",
        List.of("elasticmapreduce:ModifyInstanceGroups", "elasticmapreduce:ListInstanceGroups"));
    NEEDS.put(
        "emr-containers:startJobRun.sync",
        List.of(
            "emr-containers:StartJobRun",
            "emr-containers:DescribeJobRun",
            "emr-containers:CancelJobRun"));
    NEEDS.put(
        "emr-serverless:startJobRun.sync",
        List.of(
            "emr-serverless:StartJobRun",
            "emr-serverless:GetJobRun",
            "emr-serverless:CancelJobRun",
            "iam:PassRole"));
    NEEDS.put("states:startExecution", List.of("states:StartExecution"));
    NEEDS.put(
        "states:startExecution.sync:2",
        List.of("states:StartExecution", "states:DescribeExecution", "states:StopExecution"));
    NEEDS.put("sns:publish", List.of("sns:Publish"));
    NEEDS.put("lambda:invoke", List.of("lambda:InvokeFunction"));
    NEEDS.put("sqs:sendMessage", List.of("sqs:SendMessage"));
    NEEDS.put("dynamodb:putItem", List.of("dynamodb:PutItem"));
    NEEDS.put("dynamodb:deleteItem", List.of("dynamodb:DeleteItem"));
    NEEDS.put("athena:startQueryExecution", List.of("athena:StartQueryExecution"));
    NEEDS.put("athena:getQueryResults", List.of("athena:GetQueryResults"));
    NEEDS.put("reader:s3:getObject", List.of("s3:GetObject"));
    NEEDS.put("reader:s3:listObjectsV2", List.of("s3:ListBucket"));
    NEEDS.put("writer:s3:putObject", List.of("s3:PutObject", "s3:AbortMultipartUpload"));
    NEEDS.put("distributed", List.of("states:StartExecution", "states:StopExecution"));
    RULES.put("elasticmapreduce:createCluster.sync", "StepFunctionsGetEventForEMRRunJobFlowRule");
    RULES.put("elasticmapreduce:addStep.sync", "StepFunctionsGetEventForEMRAddJobFlowStepsRule");
    RULES.put(
        "elasticmapreduce:terminateCluster.sync",
        "StepFunctionsGetEventForEMRTerminateJobFlowsRule");
    RULES.put("emr-serverless:startJobRun.sync", "StepFunctionsGetEventsForEMRServerlessJobRule");
    RULES.put(
        "states:startExecution.sync:2", "StepFunctionsGetEventsForStepFunctionsExecutionRule");
  }

  static Stream<Path> corpus() {
    return AslCorpus.files().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void policyCoversEveryIntegration(Path file) throws Exception {
    String name = file.getFileName().toString();
    String text = AslCorpus.read(file);
    DerivedPolicy derived = CorpusPolicies.builderFor(name, "us-east-1").build().derive(text);
    PolicyDocument policy = derived.policy();

    List<Site> sites = new ArrayList<>();
    collect(JSON.readTree(text).get("States"), sites);
    for (Site s : sites) {
      if (s.credentials) {
        // The service call is made as the assumed role: only sts:AssumeRole on the execution role.
        assertThat(actions(policy)).as(name + " " + s.key).contains("sts:AssumeRole");
        continue;
      }
      String key = s.key;
      List<String> needed = NEEDS.get(key);
      if (needed == null) {
        needed = NEEDS.get(key.replaceAll("\\.(sync(:2)?|waitForTaskToken)$", ""));
      }
      if (needed == null && key.startsWith("aws-sdk:")) {
        needed = List.of(sdkAction(key));
      }
      if (key.equals("activity")) {
        continue;
      }
      assertThat(needed).as(name + ": the test table lacks " + key).isNotNull();
      assertThat(actions(policy)).as(name + " " + key).containsAll(needed);
      String rule = RULES.get(key);
      if (rule != null) {
        assertThat(
                policy.allows(
                    "events:PutRule", "arn:aws:events:us-east-1:123456789012:rule/" + rule))
            .as(name + " " + key + " needs its events rule")
            .isTrue();
      }
    }
    assertLeastPrivilege(name, policy, "aws");
    // Stable: a second derivation renders the same bytes.
    assertThat(CorpusPolicies.builderFor(name, "us-east-1").build().derive(text).policy().toJson())
        .isEqualTo(policy.toJson());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void typedModelWalkDerivesTheSamePolicyAsTheJsonWalk(Path file) {
    String name = file.getFileName().toString();
    String text = AslCorpus.read(file);
    ExecutionRolePolicy policy = CorpusPolicies.builderFor(name, "us-east-1").build();
    DerivedPolicy fromJson = policy.derive(text);
    DerivedPolicy fromModel = policy.derive(StateMachine.fromJson(text));
    assertThat(fromModel.policy().toJson()).isEqualTo(fromJson.policy().toJson());
    assertThat(fromModel.integrations()).isEqualTo(fromJson.integrations());
    assertThat(fromModel.assumedRolePolicies()).isEqualTo(fromJson.assumedRolePolicies());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void chinaAndGovCloudPartitions(Path file) {
    String name = file.getFileName().toString();
    String text = AslCorpus.read(file);
    for (String[] target :
        List.of(
            new String[] {"cn-north-1", "aws-cn"}, new String[] {"us-gov-west-1", "aws-us-gov"})) {
      String moved =
          text.replace("arn:aws:", "arn:" + target[1] + ":").replace("us-east-1", target[0]);
      ExecutionRolePolicy.Builder b = CorpusPolicies.builderFor(name, target[0]);
      if (name.startsWith("27-") || name.startsWith("33-")) {
        // Their bindings / custom statements are written with commercial ARNs.
        continue;
      }
      PolicyDocument policy = b.build().derive(moved).policy();
      assertLeastPrivilege(name, policy, target[1]);
      assertThat(policy.toJson()).doesNotContain("arn:aws:");
      if (!policy.statements().isEmpty() && moved.contains(":states:::")) {
        // The commercial definition itself is rejected there: its ARNs are in the wrong partition.
        assertThatThrownBy(() -> CorpusPolicies.builderFor(name, target[0]).build().derive(text))
            .isInstanceOf(ValidationException.class)
            .hasMessageContaining("uses partition 'aws' but region " + target[0]);
      }
    }
  }

  private static void assertLeastPrivilege(String name, PolicyDocument policy, String partition) {
    for (PolicyStatement s : policy.statements()) {
      assertThat(s.effect()).isEqualTo(PolicyStatement.Effect.ALLOW);
      if (s.actions().contains("iam:PassRole")) {
        assertThat(s.resources()).as(name + ": PassRole resources").doesNotContain("*");
        assertThat(s.resources()).allMatch(r -> r.startsWith("arn:" + partition + ":iam::"));
        assertThat(s.conditions()).as(name + ": PassRole is limited to a service").isNotEmpty();
      }
      if (s.resources().contains("*")) {
        assertThat(STAR_OK).as(name + ": '*' granted for " + s.actions()).containsAll(s.actions());
      }
      for (String r : s.resources()) {
        assertThat(r.equals("*") || r.startsWith("arn:" + partition + ":"))
            .as(name + ": " + r + " in partition " + partition)
            .isTrue();
        assertThat(r).as(name + ": no region or account wildcard").doesNotContain(":*:*:");
      }
      if (s.actions().stream().anyMatch(a -> a.startsWith("ssm:"))) {
        assertThat(s.resources()).allMatch(r -> r.contains(":parameter/"));
      }
    }
  }

  private static Set<String> actions(PolicyDocument policy) {
    Set<String> out = new java.util.TreeSet<>();
    policy.statements().forEach(s -> out.addAll(s.actions()));
    return out;
  }

  private static String sdkAction(String key) {
    String[] p = key.split(":");
    String prefix = p[1].equals("emr") ? "elasticmapreduce" : p[1];
    String api = p[2];
    if (p[1].equals("s3") && api.equals("headObject")) {
      return "s3:GetObject";
    }
    return prefix + ":" + Character.toUpperCase(api.charAt(0)) + api.substring(1);
  }

  private record Site(String key, boolean credentials) {}

  /** An independent walk: Task resources, Map readers/writers, Distributed Maps. */
  private static void collect(JsonNode states, List<Site> out) {
    Iterator<JsonNode> it = states.elements();
    while (it.hasNext()) {
      JsonNode s = it.next();
      switch (s.path("Type").asText()) {
        case "Task" -> {
          String r = s.get("Resource").asText();
          String key;
          if (r.contains(":activity:")) {
            key = "activity";
          } else {
            key = r.substring(r.indexOf(":states:::") + ":states:::".length());
          }
          out.add(new Site(key, s.has("Credentials")));
        }
        case "Parallel" -> s.get("Branches").forEach(b -> collect(b.get("States"), out));
        case "Map" -> {
          JsonNode p = s.has("ItemProcessor") ? s.get("ItemProcessor") : s.get("Iterator");
          if ("DISTRIBUTED".equals(p.path("ProcessorConfig").path("Mode").asText())) {
            out.add(new Site("distributed", false));
          }
          if (s.has("ItemReader")) {
            out.add(new Site("reader:" + tail(s.get("ItemReader")), false));
          }
          if (s.has("ResultWriter") && s.get("ResultWriter").has("Resource")) {
            out.add(new Site("writer:" + tail(s.get("ResultWriter")), false));
          }
          collect(p.get("States"), out);
        }
        default -> {}
      }
    }
  }

  private static String tail(JsonNode n) {
    String r = n.get("Resource").asText();
    return r.substring(r.indexOf(":states:::") + ":states:::".length());
  }
}
