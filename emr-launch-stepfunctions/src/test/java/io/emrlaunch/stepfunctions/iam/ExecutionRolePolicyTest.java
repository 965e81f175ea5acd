package io.emrlaunch.stepfunctions.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.Branch;
import io.emrlaunch.stepfunctions.asl.ParallelState;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.TaskState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionRolePolicyTest {
  private static final String ACCOUNT = "123456789012";

  private static final EmrProfile PROFILE =
      EmrProfile.builder()
          .name("secure")
          .serviceRole("arn:aws:iam::123456789012:role/emr/EmrService")
          .instanceRole("arn:aws:iam::123456789012:role/emr/EmrInstance")
          .instanceProfile("EmrInstanceProfile")
          .autoScalingRole("EmrAutoScaling")
          .build();

  private static ExecutionRolePolicy.Builder base() {
    return ExecutionRolePolicy.builder().region("us-east-1").accountId(ACCOUNT);
  }

  /** A one-Task definition (JSONPath). */
  private static String task(String resource, String parameters) {
    return "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\""
        + resource
        + "\",\"Parameters\":"
        + parameters
        + ",\"End\":true}}}";
  }

  private static List<Problem> problems(ExecutionRolePolicy.Builder b, String definition) {
    try {
      b.build().derive(definition);
    } catch (ValidationException e) {
      return e.problems();
    }
    throw new AssertionError("expected a ValidationException");
  }

  @Test
  void ssmReadIsLimitedToTheExactParameter() {
    PolicyDocument p =
        base()
            .build()
            .derive(
                task(
                    "arn:aws:states:::aws-sdk:ssm:getParameter",
                    "{\"Name\":\"/emr-launch/profiles/etl\"}"))
            .policy();
    assertThat(p.statements()).hasSize(1);
    assertThat(p.statements().get(0).actions()).containsExactly("ssm:GetParameter");
    assertThat(p.statements().get(0).resources())
        .containsExactly("arn:aws:ssm:us-east-1:123456789012:parameter/emr-launch/profiles/etl");

    PolicyDocument many =
        base()
            .build()
            .derive(
                task(
                    "arn:aws:states:::aws-sdk:ssm:getParameters",
                    "{\"Names\":[\"plain\",\"/a/b\"]}"))
            .policy();
    assertThat(many.statements().get(0).resources())
        .containsExactly(
            "arn:aws:ssm:us-east-1:123456789012:parameter/a/b",
            "arn:aws:ssm:us-east-1:123456789012:parameter/plain");
  }

  @Test
  void dynamicSsmNameNeedsABindingAndNamesTheFieldPath() {
    String def =
        task(
            "arn:aws:states:::aws-sdk:ssm:getParameter",
            "{\"Name.$\":\"States.Format('/x/{}', $.n)\"}");
    assertThat(problems(base(), def))
        .singleElement()
        .satisfies(
            pr -> {
              assertThat(pr.path()).isEqualTo("States.T.Parameters.Name.$");
              assertThat(pr.message()).contains("bind(\"T\", \"Name\"");
            });
    PolicyDocument p = base().bind("T", "Name", "/x/*").build().derive(def).policy();
    assertThat(p.allows("ssm:GetParameter", "arn:aws:ssm:us-east-1:123456789012:parameter/x/*"))
        .isTrue();
  }

  @Test
  void passRoleOnlyOnTheProfilesRolesEachToItsService() {
    String def =
        task(
            "arn:aws:states:::elasticmapreduce:createCluster",
            "{\"Name\":\"c\",\"ServiceRole\":\"EmrService\",\"JobFlowRole\":\"EmrInstanceProfile\","
                + "\"AutoScalingRole\":\"EmrAutoScaling\",\"Instances\":{}}");
    PolicyDocument p = base().profile(PROFILE).build().derive(def).policy();
    List<PolicyStatement> pass =
        p.statements().stream().filter(s -> s.actions().contains("iam:PassRole")).toList();
    assertThat(pass).hasSize(3);
    assertThat(pass)
        .anySatisfy(
            s -> {
              assertThat(s.resources())
                  .containsExactly("arn:aws:iam::123456789012:role/emr/EmrService");
              assertThat(s.conditions().get("StringLike").get("iam:PassedToService"))
                  .containsExactly("elasticmapreduce.amazonaws.com*");
            })
        .anySatisfy(
            s -> {
              assertThat(s.resources())
                  .containsExactly("arn:aws:iam::123456789012:role/emr/EmrInstance");
              assertThat(s.conditions().get("StringLike").get("iam:PassedToService"))
                  .containsExactly("ec2.amazonaws.com*");
            })
        .anySatisfy(
            s ->
                assertThat(s.resources())
                    .containsExactly("arn:aws:iam::123456789012:role/EmrAutoScaling"));
    assertThat(pass).allSatisfy(s -> assertThat(s.resources()).doesNotContain("*"));
    // No events rule without .sync; no AddTags without Tags.
    assertThat(p.toJson()).doesNotContain("events:").doesNotContain("elasticmapreduce:AddTags");
  }

  @Test
  void aRoleOutsideTheProfileIsRejected() {
    String def =
        task(
            "arn:aws:states:::elasticmapreduce:createCluster.sync",
            "{\"ServiceRole\":\"AdminRole\",\"JobFlowRole\":\"EmrInstanceProfile\"}");
    assertThat(problems(base().profile(PROFILE), def))
        .singleElement()
        .satisfies(
            pr -> {
              assertThat(pr.path()).isEqualTo("States.T.Parameters.ServiceRole");
              assertThat(pr.message()).contains("\"AdminRole\"").contains("\"EmrService\"");
            });
  }

  @Test
  void dynamicRolesUseTheProfileOrFail() {
    String def =
        task(
            "arn:aws:states:::elasticmapreduce:createCluster.sync",
            "{\"ServiceRole.$\":\"$.svc\",\"JobFlowRole.$\":\"$.ip\",\"Tags.$\":\"$.tags\"}");
    assertThat(problems(base(), def))
        .extracting(Problem::path)
        .containsExactly("States.T.Parameters.JobFlowRole.$", "States.T.Parameters.ServiceRole.$");
    PolicyDocument p = base().profile(PROFILE).build().derive(def).policy();
    assertThat(p.allows("iam:PassRole", "arn:aws:iam::123456789012:role/emr/EmrService")).isTrue();
    assertThat(p.allows("iam:PassRole", "arn:aws:iam::123456789012:role/emr/EmrInstance")).isTrue();
    assertThat(p.allows("iam:PassRole", "arn:aws:iam::123456789012:role/EmrAutoScaling"))
        .as("the definition never passes an autoscaling role")
        .isFalse();
    assertThat(
            p.allows(
                "elasticmapreduce:AddTags",
                "arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*"))
        .isTrue();
    assertThat(
            p.allows(
                "events:PutRule",
                "arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventForEMRRunJobFlowRule"))
        .isTrue();
    assertThat(
            p.allows(
                "iam:CreateServiceLinkedRole",
                "arn:aws:iam::123456789012:role/aws-service-role/elasticmapreduce.amazonaws.com*/AWSServiceRoleForEMRCleanup*"))
        .isTrue();
  }

  @Test
  void literalClusterIdNarrowsToThatCluster() {
    PolicyDocument p =
        base()
            .build()
            .derive(
                task(
                    "arn:aws:states:::elasticmapreduce:addStep",
                    "{\"ClusterId\":\"j-ABC\",\"Step\":{}}"))
            .policy();
    assertThat(p.statements())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.resources())
                  .containsExactly("arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/j-ABC");
              assertThat(s.actions())
                  .containsExactly(
                      "elasticmapreduce:AddJobFlowSteps",
                      "elasticmapreduce:CancelSteps",
                      "elasticmapreduce:DescribeStep");
            });
  }

  @Test
  void jsonataArgumentsAreDynamicUnlessLiteral() {
    String def =
        "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Task\","
            + "\"Resource\":\"arn:aws:states:::sns:publish\",\"Arguments\":{\"TopicArn\":"
            + "\"{% $states.input.topic %}\",\"Message\":\"hi\"},\"End\":true}}}";
    assertThat(problems(base(), def))
        .extracting(Problem::path)
        .containsExactly("States.P.Arguments.TopicArn");
    String literal = def.replace("{% $states.input.topic %}", "arn:aws:sns:us-east-1:1:t");
    assertThat(
            base()
                .build()
                .derive(literal)
                .policy()
                .allows("sns:Publish", "arn:aws:sns:us-east-1:1:t"))
        .isTrue();
  }

  @Test
  void governmentAndChinaRegionsGetTheirPartition() {
    String def =
        task(
            "arn:aws-us-gov:states:::elasticmapreduce:terminateCluster.sync",
            "{\"ClusterId.$\":\"$.id\"}");
    PolicyDocument gov =
        ExecutionRolePolicy.builder()
            .region("us-gov-west-1")
            .accountId(ACCOUNT)
            .build()
            .derive(def)
            .policy();
    assertThat(
            gov.allows(
                "events:PutTargets",
                "arn:aws-us-gov:events:us-gov-west-1:123456789012:rule/StepFunctionsGetEventForEMRTerminateJobFlowsRule"))
        .isTrue();
    assertThat(
            gov.allows(
                "elasticmapreduce:TerminateJobFlows",
                "arn:aws-us-gov:elasticmapreduce:us-gov-west-1:123456789012:cluster/*"))
        .isTrue();
    // The same definition in a China region: wrong partition, named at its path.
    assertThat(problems(ExecutionRolePolicy.builder().region("cn-north-1").accountId(ACCOUNT), def))
        .singleElement()
        .satisfies(
            pr -> {
              assertThat(pr.path()).isEqualTo("States.T.Resource");
              assertThat(pr.message()).contains("'aws-us-gov'").contains("'aws-cn'");
            });
  }

  @Test
  void nestedExecutionsSyncNeedDescribeStopAndTheRule() {
    PolicyDocument p =
        base()
            .build()
            .derive(
                task(
                    "arn:aws:states:::states:startExecution.sync:2",
                    "{\"StateMachineArn\":\"arn:aws:states:us-east-1:123456789012:stateMachine:child:prod\"}"))
            .policy();
    assertThat(
            p.allows(
                "states:StartExecution",
                "arn:aws:states:us-east-1:123456789012:stateMachine:child:prod"))
        .isTrue();
    assertThat(
            p.allows(
                "states:StopExecution", "arn:aws:states:us-east-1:123456789012:execution:child:*"))
        .isTrue();
    assertThat(
            p.allows(
                "events:DescribeRule",
                "arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"))
        .isTrue();
  }

  @Test
  void serverlessAndEksScopeToTheApplicationAndRole() {
    PolicyDocument p =
        base()
            .build()
            .derive(
                task(
                    "arn:aws:states:::emr-serverless:startJobRun",
                    "{\"ApplicationId\":\"00abc\",\"ExecutionRoleArn\":\"arn:aws:iam::123456789012:role/job\"}"))
            .policy();
    assertThat(
            p.allows(
                "emr-serverless:StartJobRun",
                "arn:aws:emr-serverless:us-east-1:123456789012:/applications/00abc"))
        .isTrue();
    assertThat(p.allows("iam:PassRole", "arn:aws:iam::123456789012:role/job")).isTrue();
    assertThat(p.toJson()).doesNotContain("GetJobRun").doesNotContain("events:");

    String eks =
        task(
            "arn:aws:states:::emr-containers:startJobRun",
            "{\"VirtualClusterId\":\"vc1\",\"ExecutionRoleArn.$\":\"$.role\"}");
    assertThat(problems(base(), eks))
        .extracting(Problem::path)
        .containsExactly("States.T.Parameters.ExecutionRoleArn.$");
    PolicyStatement s =
        base()
            .bind("T", "ExecutionRoleArn", "arn:aws:iam::123456789012:role/eks-job")
            .build()
            .derive(eks)
            .policy()
            .statements()
            .get(0);
    assertThat(s.conditions().get("StringEquals").get("emr-containers:ExecutionRoleArn"))
        .containsExactly("arn:aws:iam::123456789012:role/eks-job");
  }

  @Test
  void credentialsMoveTheCallToTheAssumedRole() {
    String def =
        "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":"
            + "\"arn:aws:states:::aws-sdk:emr:describeCluster\",\"Credentials\":{\"RoleArn\":"
            + "\"arn:aws:iam::210987654321:role/remote\"},\"Parameters\":{\"ClusterId\":\"j-1\"},"
            + "\"End\":true}}}";
    DerivedPolicy d = base().build().derive(def);
    assertThat(d.policy().statements())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.actions()).containsExactly("sts:AssumeRole");
              assertThat(s.resources()).containsExactly("arn:aws:iam::210987654321:role/remote");
            });
    assertThat(
            d.assumedRolePolicies()
                .get("arn:aws:iam::210987654321:role/remote")
                .allows(
                    "elasticmapreduce:DescribeCluster",
                    "arn:aws:elasticmapreduce:us-east-1:210987654321:cluster/j-1"))
        .isTrue();
  }

  @Test
  void distributedMapNeedsTheStateMachineName() {
    String def =
        "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"ItemProcessor\":{"
            + "\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"STANDARD\"},"
            + "\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}},"
            + "\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:listObjectsV2\","
            + "\"Parameters\":{\"Bucket\":\"logs\"}},\"End\":true}}}";
    assertThat(problems(base(), def)).extracting(Problem::path).containsExactly("States.M");
    PolicyDocument p = base().stateMachineName("fan").build().derive(def).policy();
    assertThat(
            p.allows(
                "states:StartExecution", "arn:aws:states:us-east-1:123456789012:stateMachine:fan"))
        .isTrue();
    assertThat(
            p.allows(
                "states:StopExecution", "arn:aws:states:us-east-1:123456789012:execution:fan/*"))
        .isTrue();
    assertThat(p.allows("s3:ListBucket", "arn:aws:s3:::logs")).isTrue();
  }

  @Test
  void unknownIntegrationsTyposAndStaleBindingsAreProblems() {
    String def = task("arn:aws:states:::glue:startJobRun.sync", "{\"JobName\":\"j\"}");
    assertThat(problems(base(), def))
        .singleElement()
        .satisfies(pr -> assertThat(pr.message()).contains("glue:startJobRun.sync"));
    PolicyStatement glue =
        PolicyStatement.allow()
            .actions("glue:StartJobRun")
            .resources("arn:aws:glue:us-east-1:123456789012:job/j")
            .build();
    assertThat(base().custom("T", glue).build().derive(def).policy().statements())
        .containsExactly(glue);

    String sns =
        task("arn:aws:states:::sns:publish", "{\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\"}");
    assertThat(problems(base().bind("Nope", "TopicArn", "x"), sns))
        .extracting(Problem::path)
        .containsExactly("bindings.Nope");
    assertThat(problems(base().bind("T", "TopicArn", "x"), sns))
        .extracting(Problem::path)
        .containsExactly("bindings.T.TopicArn");
    assertThat(problems(base(), "{not json"))
        .singleElement()
        .satisfies(pr -> assertThat(pr.message()).startsWith("is not valid JSON"));
  }

  @Test
  void builderValidatesRegionAndAccount() {
    assertThatThrownBy(() -> ExecutionRolePolicy.builder().region("mars").accountId("12").build())
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).problems())
                    .extracting(Problem::path)
                    .containsExactly("accountId", "region"));
  }

  @Test
  void loggingAndTracingAddTheirActions() {
    String sns =
        task("arn:aws:states:::sns:publish", "{\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\"}");
    String json = base().logging(true).tracing(true).build().derive(sns).policy().toJson();
    assertThat(json).contains("logs:CreateLogDelivery").contains("xray:PutTraceSegments");
    assertThat(base().build().derive(sns).policy().toJson())
        .doesNotContain("logs:")
        .doesNotContain("xray:");
  }

  @Test
  void typedMachinesBuiltInCodeAreWalkedWithTheirPaths() {
    ObjectNode publish = JsonNodeFactory.instance.objectNode();
    publish.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:done");
    ObjectNode read = JsonNodeFactory.instance.objectNode();
    read.put("Name.$", "$.param");
    StateMachine machine =
        StateMachine.builder()
            .startAt("Fan")
            .putStates(
                "Fan",
                ParallelState.builder()
                    .addBranches(
                        Branch.builder()
                            .startAt("Notify")
                            .putStates(
                                "Notify",
                                TaskState.builder()
                                    .resource("arn:aws:states:::sns:publish")
                                    .parameters(publish)
                                    .end(true)
                                    .build())
                            .build(),
                        Branch.builder()
                            .startAt("Read")
                            .putStates(
                                "Read",
                                TaskState.builder()
                                    .resource("arn:aws:states:::aws-sdk:ssm:getParameter")
                                    .parameters(read)
                                    .end(true)
                                    .build())
                            .build())
                    .end(true)
                    .build())
            .build();
    assertThat(problems(base(), machine.toJson()))
        .extracting(Problem::path)
        .containsExactly("States.Fan.Branches[1].States.Read.Parameters.Name.$");
    ValidationException typed =
        org.junit.jupiter.api.Assertions.assertThrows(
            ValidationException.class, () -> base().build().derive(machine));
    assertThat(typed.problems())
        .extracting(Problem::path)
        .containsExactly("States.Fan.Branches[1].States.Read.Parameters.Name.$");
    PolicyDocument p = base().bind("Read", "Name", "/app/*").build().derive(machine).policy();
    assertThat(p.allows("sns:Publish", "arn:aws:sns:us-east-1:123456789012:done")).isTrue();
    assertThat(p.allows("ssm:GetParameter", "arn:aws:ssm:us-east-1:123456789012:parameter/app/*"))
        .isTrue();
    assertThat(p)
        .isEqualTo(base().bind("Read", "Name", "/app/*").build().derive(machine.toJson()).policy());
  }
}
