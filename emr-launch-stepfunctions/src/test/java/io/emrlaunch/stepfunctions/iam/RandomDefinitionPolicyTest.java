package io.emrlaunch.stepfunctions.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.model.EmrProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random definitions (Tasks from a table, nested in Parallel branches and Map processors, in
 * three partitions): every expected action and exact resource is granted, PassRole never on {@code
 * *}, every ARN in the region's partition.
 */
class RandomDefinitionPolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCOUNT = "123456789012";
  private static final String[][] REGIONS = {
    {"us-east-1", "aws"}, {"cn-northwest-1", "aws-cn"}, {"us-gov-east-1", "aws-us-gov"}
  };

  /** A Task template: resource suffix, parameters, and (action, exact resource) it must get. */
  private record Template(String api, String params, String action, String resource) {}

  private static List<Template> templates(String p, String region) {
    String r = region + ":" + ACCOUNT;
    return List.of(
        new Template(
            "sns:publish",
            "{\"TopicArn\":\"arn:" + p + ":sns:" + r + ":t%d\",\"Message\":\"m\"}",
            "sns:Publish",
            "arn:" + p + ":sns:" + r + ":t%d"),
        new Template(
            "aws-sdk:ssm:getParameter",
            "{\"Name\":\"/app/p%d\"}",
            "ssm:GetParameter",
            "arn:" + p + ":ssm:" + r + ":parameter/app/p%d"),
        new Template(
            "elasticmapreduce:addStep.sync",
            "{\"ClusterId\":\"j-%d\",\"Step\":{}}",
            "elasticmapreduce:AddJobFlowSteps",
            "arn:" + p + ":elasticmapreduce:" + r + ":cluster/j-%d"),
        new Template(
            "elasticmapreduce:terminateCluster",
            "{\"ClusterId.$\":\"$.c%d\"}",
            "elasticmapreduce:TerminateJobFlows",
            "arn:" + p + ":elasticmapreduce:" + r + ":cluster/*"),
        new Template(
            "elasticmapreduce:createCluster.sync",
            "{\"Name\":\"c%d\",\"ServiceRole\":\"EMR_DefaultRole_V2\","
                + "\"JobFlowRole\":\"EMR_EC2_DefaultRole\",\"Instances\":{}}",
            "iam:PassRole",
            "arn:" + p + ":iam::" + ACCOUNT + ":role/EMR_EC2_DefaultRole"),
        new Template(
            "states:startExecution.sync:2",
            "{\"StateMachineArn\":\"arn:" + p + ":states:" + r + ":stateMachine:child%d\"}",
            "states:StopExecution",
            "arn:" + p + ":states:" + r + ":execution:child%d:*"),
        new Template(
            "emr-serverless:startJobRun.sync",
            "{\"ApplicationId\":\"app%d\",\"ExecutionRoleArn\":\"arn:"
                + p
                + ":iam::"
                + ACCOUNT
                + ":role/job%d\"}",
            "emr-serverless:GetJobRun",
            "arn:" + p + ":emr-serverless:" + r + ":/applications/app%d/jobruns/*"),
        new Template(
            "dynamodb:putItem",
            "{\"TableName\":\"locks%d\",\"Item\":{}}",
            "dynamodb:PutItem",
            "arn:" + p + ":dynamodb:" + r + ":table/locks%d"));
  }

  @Test
  void randomNestedDefinitionsGetExactlyWhatTheyNeed() throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    EmrProfile profile =
        EmrProfile.builder()
            .name("p")
            .serviceRole("EMR_DefaultRole_V2")
            .instanceRole("EMR_EC2_DefaultRole")
            .build();
    for (int round = 0; round < 40; round++) {
      String[] region = REGIONS[random.nextInt(REGIONS.length)];
      List<Template> table = templates(region[1], region[0]);
      List<String[]> expected = new ArrayList<>();
      int[] counter = {0};
      ObjectNode def = JSON.createObjectNode();
      def.set("States", graph(random, table, expected, counter, region[1], 0, def));
      PolicyDocument policy =
          ExecutionRolePolicy.builder()
              .region(region[0])
              .accountId(ACCOUNT)
              .profile(profile)
              .build()
              .derive(def.toString())
              .policy();
      String context = "seed " + seed + " round " + round + " " + def;
      for (String[] e : expected) {
        assertThat(policy.allows(e[0], e[1]))
            .as(context + " needs " + e[0] + " on " + e[1])
            .isTrue();
      }
      for (PolicyStatement s : policy.statements()) {
        if (s.actions().contains("iam:PassRole")) {
          assertThat(s.resources()).as(context).doesNotContain("*");
        }
        for (String r : s.resources()) {
          assertThat(r.equals("*") || r.startsWith("arn:" + region[1] + ":"))
              .as(context + " " + r)
              .isTrue();
        }
      }
    }
  }

  /** A state graph of 1-4 states chained by Next; some are Parallel or Map with nested graphs. */
  private static ObjectNode graph(
      Random random,
      List<Template> table,
      List<String[]> expected,
      int[] counter,
      String partition,
      int depth,
      ObjectNode holder) {
    ObjectNode states = JSON.createObjectNode();
    int n = 1 + random.nextInt(4);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("S" + counter[0]++);
    }
    holder.put("StartAt", names.get(0));
    for (int i = 0; i < n; i++) {
      ObjectNode s = states.putObject(names.get(i));
      int kind = depth < 2 ? random.nextInt(5) : 0;
      if (kind == 3) {
        s.put("Type", "Parallel");
        ArrayNode branches = s.putArray("Branches");
        for (int b = 0; b < 1 + random.nextInt(2); b++) {
          ObjectNode branch = branches.addObject();
          branch.set(
              "States", graph(random, table, expected, counter, partition, depth + 1, branch));
        }
      } else if (kind == 4) {
        s.put("Type", "Map");
        ObjectNode proc = s.putObject("ItemProcessor");
        proc.putObject("ProcessorConfig").put("Mode", "INLINE");
        proc.set("States", graph(random, table, expected, counter, partition, depth + 1, proc));
      } else {
        Template t = table.get(random.nextInt(table.size()));
        int id = counter[0]++;
        s.put("Type", "Task");
        s.put("Resource", "arn:" + partition + ":states:::" + t.api());
        s.set("Parameters", readTree(t.params().replace("%d", Integer.toString(id))));
        expected.add(new String[] {t.action(), t.resource().replace("%d", Integer.toString(id))});
      }
      if (i + 1 < n) {
        s.put("Next", names.get(i + 1));
      } else {
        s.put("End", true);
      }
    }
    return states;
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(json, e);
    }
  }
}
