package io.emrlaunch.stepfunctions.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.EmrLaunchJson;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.core.model.StepFailureAction;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateMachineBuilder;
import io.emrlaunch.stepfunctions.asl.TaskState;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsics;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.Configuration;
import software.amazon.awssdk.services.emr.model.InstanceFleetConfig;
import software.amazon.awssdk.services.emr.model.InstanceFleetType;
import software.amazon.awssdk.services.emr.model.InstanceTypeConfig;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.Tag;

/** Resource ARNs, request rendering and service rules of every EMR factory. */
class EmrTasksTest {
  static final Arg CLUSTER = Arg.path("$.cluster.ClusterId");

  static JsonNode json(String text) {
    try {
      return EmrLaunchJson.newMapper().readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static ObjectNode obj(String text) {
    return (ObjectNode) json(text);
  }

  /** The built state of a single-task machine. */
  static TaskState state(io.emrlaunch.stepfunctions.asl.TaskBuilder task) {
    StateMachine m = StateMachineBuilder.startWith(task).build();
    return (TaskState) m.states().values().iterator().next();
  }

  static List<Problem> problems(Supplier<?> call) {
    try {
      call.get();
    } catch (ValidationException e) {
      return e.problems();
    }
    throw new AssertionError("expected a ValidationException");
  }

  static ObjectNode minimalCluster() {
    return obj(
        "{'Name':'c','ReleaseLabel':'emr-7.2.0','ServiceRole':'s','JobFlowRole':'j',"
            + "'Instances':{'KeepJobFlowAliveWhenNoSteps':true,'InstanceCount':1,"
            + "'MasterInstanceType':'m5.xlarge'}}");
  }

  @Test
  void resourceArnsAndPatternsOfEveryIntegration() {
    ObjectNode driver = obj("{'SparkSubmit':{'EntryPoint':'s3://b/x.py'}}");
    Object[][] table = {
      {EmrTasks.createCluster("a", minimalCluster()), "elasticmapreduce:createCluster", true},
      {EmrTasks.addStep("a", CLUSTER, step()), "elasticmapreduce:addStep", true},
      {EmrTasks.cancelStep("a", CLUSTER, Arg.of("s-1")), "elasticmapreduce:cancelStep", false},
      {EmrTasks.terminateCluster("a", CLUSTER), "elasticmapreduce:terminateCluster", true},
      {
        EmrTasks.setClusterTerminationProtection("a", CLUSTER, true),
        "elasticmapreduce:setClusterTerminationProtection",
        false
      },
      {
        EmrTasks.modifyInstanceFleetByName("a", CLUSTER, "Core", 2, 4),
        "elasticmapreduce:modifyInstanceFleetByName",
        false
      },
      {
        EmrTasks.modifyInstanceGroupByName("a", CLUSTER, "Task", 3),
        "elasticmapreduce:modifyInstanceGroupByName",
        false
      },
      {EmrSdkTasks.runJobFlow("a", minimalCluster()), "aws-sdk:emr:runJobFlow", false},
      {EmrSdkTasks.describeCluster("a", CLUSTER), "aws-sdk:emr:describeCluster", false},
      {
        EmrSdkTasks.addJobFlowSteps("a", CLUSTER, List.of(step())),
        "aws-sdk:emr:addJobFlowSteps",
        false
      },
      {
        EmrSdkTasks.describeStep("a", CLUSTER, Arg.path("$.step.StepId")),
        "aws-sdk:emr:describeStep",
        false
      },
      {EmrSdkTasks.cancelSteps("a", CLUSTER, Arg.of("s-1")), "aws-sdk:emr:cancelSteps", false},
      {EmrSdkTasks.terminateJobFlows("a", CLUSTER), "aws-sdk:emr:terminateJobFlows", false},
      {
        EmrSdkTasks.setTerminationProtection("a", CLUSTER, false),
        "aws-sdk:emr:setTerminationProtection",
        false
      },
      {
        EmrServerlessTasks.createApplication(
            "a", obj("{'ReleaseLabel':'emr-7.2.0','Type':'SPARK'}")),
        "emr-serverless:createApplication",
        true
      },
      {
        EmrServerlessTasks.startApplication("a", Arg.path("$.app.ApplicationId")),
        "emr-serverless:startApplication",
        true
      },
      {
        EmrServerlessTasks.stopApplication("a", Arg.of("00f1")),
        "emr-serverless:stopApplication",
        true
      },
      {
        EmrServerlessTasks.deleteApplication("a", Arg.of("00f1")),
        "emr-serverless:deleteApplication",
        true
      },
      {
        EmrServerlessTasks.startJobRun("a", Arg.of("00f1"), Arg.of("arn:r"), driver),
        "emr-serverless:startJobRun",
        true
      },
      {
        EmrServerlessTasks.cancelJobRun("a", Arg.of("00f1"), Arg.path("$.run.JobRunId")),
        "emr-serverless:cancelJobRun",
        true
      },
      {
        EmrOnEksTasks.createVirtualCluster("a", Arg.of("vc"), "eks-prod", "spark"),
        "emr-containers:createVirtualCluster",
        false
      },
      {
        EmrOnEksTasks.deleteVirtualCluster("a", Arg.path("$.vc.Id")),
        "emr-containers:deleteVirtualCluster",
        true
      },
      {
        EmrOnEksTasks.startJobRun(
            "a",
            obj(
                "{'VirtualClusterId':'vc1','ExecutionRoleArn':'arn:r','ReleaseLabel':'emr-7.2.0-latest',"
                    + "'JobDriver':{'SparkSubmitJobDriver':{'EntryPoint':'s3://b/x.py'}}}")),
        "emr-containers:startJobRun",
        true
      },
    };
    for (Object[] row : table) {
      EmrTask task = (EmrTask) row[0];
      String integration = (String) row[1];
      boolean sync = (Boolean) row[2];
      assertThat(task.integration()).isEqualTo(integration);
      assertThat(state(task.requestResponse()).resource())
          .isEqualTo("arn:aws:states:::" + integration);
      if (sync) {
        assertThat(state(task.sync()).resource())
            .as(integration)
            .isEqualTo("arn:aws:states:::" + integration + ".sync");
        assertThat(task.supportedPatterns())
            .containsExactlyInAnyOrder(
                IntegrationPattern.REQUEST_RESPONSE, IntegrationPattern.RUN_JOB);
      } else {
        assertThat(problems(task::sync))
            .as(integration)
            .containsExactly(
                Problem.of(
                    "Resource",
                    integration + " does not support .sync (supported: request-response)"));
        assertThat(task.supportedPatterns()).containsExactly(IntegrationPattern.REQUEST_RESPONSE);
      }
      assertThat(task.inPartition("aws-cn").resource(IntegrationPattern.REQUEST_RESPONSE))
          .isEqualTo("arn:aws-cn:states:::" + integration);
    }
    assertThat(table.length).isEqualTo(23);
  }

  @Test
  void partitionIsChecked() {
    EmrTask t = EmrTasks.terminateCluster("T", CLUSTER);
    assertThat(t.inPartition("aws-us-gov").sync().name()).isEqualTo("T");
    assertThat(state(t.inPartition("aws-us-gov").sync()).resource())
        .isEqualTo("arn:aws-us-gov:states:::elasticmapreduce:terminateCluster.sync");
    assertThat(problems(() -> t.inPartition("arn:aws")))
        .extracting(Problem::path)
        .containsExactly("partition");
    assertThat(t.partition()).isEqualTo("aws");
  }

  static EmrStep step() {
    return EmrStep.builder()
        .name("ingest")
        .jar(EmrStep.COMMAND_RUNNER)
        .addArgs("spark-submit", "--deploy-mode", "cluster", "s3://acme-jobs/ingest.py")
        .build();
  }

  @Test
  void addStepFromCoreStepRendersHadoopJarStep() {
    EmrStep s =
        EmrStep.builder()
            .name("jar")
            .jar("s3://acme/app.jar")
            .mainClass("com.acme.Main")
            .addArgs("--date", "2026-11-24")
            .putProperties("a", "1")
            .putProperties("b", "2")
            .actionOnFailure(StepFailureAction.CANCEL_AND_WAIT)
            .executionRoleArn("arn:aws:iam::123456789012:role/step")
            .build();
    TaskState t = state(EmrTasks.addStep("Run", CLUSTER, s).sync());
    assertThat(t.parameters())
        .contains(
            json(
                "{'ClusterId.$':'$.cluster.ClusterId','Step':{'Name':'jar','ActionOnFailure':'CANCEL_AND_WAIT',"
                    + "'HadoopJarStep':{'Jar':'s3://acme/app.jar','MainClass':'com.acme.Main',"
                    + "'Args':['--date','2026-11-24'],'Properties':[{'Key':'a','Value':'1'},{'Key':'b','Value':'2'}]}},"
                    + "'ExecutionRoleArn':'arn:aws:iam::123456789012:role/step'}"));
    assertThat(t.arguments()).isEmpty();
    // Defaults: CONTINUE, no MainClass, Args or Properties when absent.
    TaskState plain =
        state(
            EmrTasks.addStep(
                    "Plain", Arg.of("j-1"), EmrStep.builder().name("n").jar("x.jar").build())
                .requestResponse());
    assertThat(plain.parameters())
        .contains(
            json(
                "{'ClusterId':'j-1','Step':{'Name':'n','ActionOnFailure':'CONTINUE','HadoopJarStep':{'Jar':'x.jar'}}}"));
  }

  @Test
  void addStepRejectsABlankStepAndAcceptsARawStepConfig() {
    assertThat(
            problems(
                () -> EmrTasks.addStep("a", CLUSTER, EmrStep.builder().name(" ").jar("").build())))
        .extracting(Problem::path)
        .containsExactly("Parameters.Step.HadoopJarStep.Jar", "Parameters.Step.Name");
    assertThat(problems(() -> EmrTasks.addStep("a", CLUSTER, obj("{'Name':'x'}"))))
        .containsExactly(Problem.of("Parameters.Step.HadoopJarStep", "is required"));
    ObjectNode raw =
        obj(
            "{'Name':'agg','ActionOnFailure':'CONTINUE','HadoopJarStep':{'Jar':'command-runner.jar'}}");
    ((ObjectNode) raw.get("HadoopJarStep")).put("Args.$", "States.Array('spark-submit', $.script)");
    TaskState t = state(EmrTasks.addStep("Agg", CLUSTER, raw).sync());
    assertThat(t.parameters().orElseThrow().get("Step")).isEqualTo(raw);
  }

  @Test
  void createClusterRequiresKeepAliveTrueAndNoSteps() {
    ObjectNode keepFalse = minimalCluster();
    ((ObjectNode) keepFalse.get("Instances")).put("KeepJobFlowAliveWhenNoSteps", false);
    assertThat(problems(() -> EmrTasks.createCluster("L", keepFalse)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("Parameters.Instances.KeepJobFlowAliveWhenNoSteps");
              assertThat(p.message())
                  .startsWith("must be true for createCluster")
                  .endsWith("(was false)");
            });

    ObjectNode missing = minimalCluster();
    ((ObjectNode) missing.get("Instances")).remove("KeepJobFlowAliveWhenNoSteps");
    missing.putArray("Steps").addObject().put("Name", "x");
    missing.remove("Name");
    assertThat(problems(() -> EmrTasks.createCluster("L", missing)))
        .extracting(Problem::path)
        .containsExactly(
            "Parameters.Instances.KeepJobFlowAliveWhenNoSteps",
            "Parameters.Name",
            "Parameters.Steps");

    ObjectNode stepsPath = minimalCluster();
    stepsPath.put("Steps.$", "$.steps");
    assertThat(problems(() -> EmrTasks.createCluster("L", stepsPath)))
        .extracting(Problem::path)
        .containsExactly("Parameters.Steps");

    assertThat(problems(() -> EmrTasks.createCluster("L", obj("{}"))))
        .containsExactly(
            Problem.of("Parameters.Instances", "is required"),
            Problem.of("Parameters.Name", "is required"));

    // A string "true" is not a boolean.
    ObjectNode text = minimalCluster();
    ((ObjectNode) text.get("Instances")).put("KeepJobFlowAliveWhenNoSteps", "true");
    assertThat(problems(() -> EmrTasks.createCluster("L", text))).hasSize(1);
  }

  @Test
  void createClusterAcceptsValuesKnownOnlyAtRunTime() {
    ObjectNode dynamic =
        obj(
            "{'Name.$':'$.name','ReleaseLabel':'emr-7.2.0','Instances':{'KeepJobFlowAliveWhenNoSteps.$':'$.keep'}}");
    assertThat(state(EmrTasks.createCluster("L", dynamic).sync()).parameters()).contains(dynamic);
    ObjectNode instancesPath = obj("{'Name':'n','Instances.$':'$.instances'}");
    assertThat(EmrTasks.createCluster("L", instancesPath).request()).isEqualTo(instancesPath);
  }

  @Test
  void createClusterRejectsDuplicateFleetOrGroupNames() {
    ObjectNode c =
        obj(
            "{'Name':'n','Instances':{'KeepJobFlowAliveWhenNoSteps':true,'InstanceFleets':["
                + "{'Name':'Core','InstanceFleetType':'MASTER'},{'Name':'Task'},{'Name':'Core'}]}}");
    assertThat(problems(() -> EmrTasks.createCluster("L", c)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("Parameters.Instances.InstanceFleets[2].Name");
              assertThat(p.message()).contains("InstanceFleets[0].Name \"Core\"");
            });
  }

  @Test
  void createClusterFromSdkRequestUsesWireNames() {
    RunJobFlowRequest r =
        RunJobFlowRequest.builder()
            .name("nightly")
            .releaseLabel("emr-7.2.0")
            .applications(Application.builder().name("Spark").build())
            .serviceRole("EMR_DefaultRole_V2")
            .jobFlowRole("EMR_EC2_DefaultRole")
            .visibleToAllUsers(true)
            .stepConcurrencyLevel(2)
            .ebsRootVolumeSize(32)
            .instances(
                JobFlowInstancesConfig.builder()
                    .ec2SubnetIds("subnet-1")
                    .instanceFleets(
                        InstanceFleetConfig.builder()
                            .name("Primary")
                            .instanceFleetType(InstanceFleetType.MASTER)
                            .targetOnDemandCapacity(1)
                            .instanceTypeConfigs(
                                InstanceTypeConfig.builder()
                                    .instanceType("m6g.xlarge")
                                    .weightedCapacity(1)
                                    .bidPriceAsPercentageOfOnDemandPrice(50.5)
                                    .build())
                            .build())
                    .build())
            .configurations(
                Configuration.builder()
                    .classification("spark-defaults")
                    .properties(Map.of("spark.dynamicAllocation.enabled", "true"))
                    .build())
            .tags(Tag.builder().key("team").value("data").build())
            .build();
    TaskState t = state(EmrTasks.createCluster("Launch", r).sync());
    assertThat(t.parameters())
        .contains(
            json(
                "{'Name':'nightly','LogUri':null,'ReleaseLabel':'emr-7.2.0',"
                        .replace("'LogUri':null,", "")
                    + "'Instances':{'Ec2SubnetIds':['subnet-1'],'InstanceFleets':[{'Name':'Primary',"
                    + "'InstanceFleetType':'MASTER','TargetOnDemandCapacity':1,'InstanceTypeConfigs':"
                    + "[{'InstanceType':'m6g.xlarge','WeightedCapacity':1,'BidPriceAsPercentageOfOnDemandPrice':50.5}]}],"
                    + "'KeepJobFlowAliveWhenNoSteps':true},"
                    + "'Applications':[{'Name':'Spark'}],"
                    + "'Configurations':[{'Classification':'spark-defaults','Properties':{'spark.dynamicAllocation.enabled':'true'}}],"
                    + "'VisibleToAllUsers':true,'JobFlowRole':'EMR_EC2_DefaultRole','ServiceRole':'EMR_DefaultRole_V2',"
                    + "'Tags':[{'Key':'team','Value':'data'}],'StepConcurrencyLevel':2,'EbsRootVolumeSize':32}"));

    RunJobFlowRequest withSteps =
        r.toBuilder()
            .steps(StepConfig.builder().name("s").build())
            .instances(r.instances().toBuilder().keepJobFlowAliveWhenNoSteps(false).build())
            .build();
    assertThat(problems(() -> EmrTasks.createCluster("Launch", withSteps)))
        .extracting(Problem::path)
        .containsExactly("Parameters.Instances.KeepJobFlowAliveWhenNoSteps", "Parameters.Steps");
    // The SDK integration runs the same request with its steps.
    assertThat(
            EmrSdkTasks.runJobFlow("Run", withSteps)
                .request()
                .get("Steps")
                .get(0)
                .get("Name")
                .asText())
        .isEqualTo("s");
  }

  static EmrProfile profile() {
    return EmrProfile.builder()
        .namespace("analytics")
        .name("secure")
        .serviceRole("arn:aws:iam::123456789012:role/analytics-ServiceRole")
        .instanceRole("arn:aws:iam::123456789012:role/analytics-InstanceRole")
        .masterSecurityGroup("sg-0123456789abcdef0")
        .workersSecurityGroup("sg-0123456789abcdef1")
        .serviceAccessSecurityGroup("sg-0123456789abcdef2")
        .logsBucket("acme-logs")
        .build();
  }

  static ClusterConfiguration configuration(boolean keepAlive) {
    return ClusterConfiguration.builder()
        .name("spark")
        .releaseLabel("emr-7.5.0")
        .addApplications("Hadoop", "Spark")
        .instances(
            ClusterInstances.builder()
                .masterGroup(InstanceGroupConfig.of("Master", "m5.xlarge", 1))
                .coreGroup(InstanceGroupConfig.of("Core", "m5.2xlarge", 2))
                .ec2SubnetId("subnet-0abc")
                .keepJobFlowAliveWhenNoSteps(keepAlive)
                .build())
        .build();
  }

  @Test
  void createClusterFromProfileAndConfigurationMapsLikeTheLauncher() {
    ObjectNode p =
        EmrTasks.createCluster(
                "Launch", profile(), configuration(true), "nightly", Map.of("run", "1"))
            .request();
    assertThat(p.get("Name").asText()).isEqualTo("nightly");
    assertThat(p.get("ServiceRole").asText()).isEqualTo("analytics-ServiceRole");
    assertThat(p.get("JobFlowRole").asText()).isEqualTo("analytics-InstanceRole");
    assertThat(p.get("LogUri").asText()).isEqualTo("s3://acme-logs/elasticmapreduce/nightly/");
    assertThat(p.at("/Instances/KeepJobFlowAliveWhenNoSteps").asBoolean()).isTrue();
    assertThat(p.at("/Instances/InstanceGroups/1/Name").asText()).isEqualTo("Core");
    assertThat(p.at("/Instances/InstanceGroups/1/InstanceCount").asInt()).isEqualTo(2);
    assertThat(p.get("Tags")).isEqualTo(json("[{'Key':'run','Value':'1'}]"));
    assertThat(p.has("Steps")).isFalse();

    assertThat(
            problems(
                () ->
                    EmrTasks.createCluster(
                        "Launch", profile(), configuration(false), "nightly", Map.of())))
        .extracting(Problem::path)
        .containsExactly("Parameters.Instances.KeepJobFlowAliveWhenNoSteps");
  }

  @Test
  void idArgumentsRenderAsLiteralsPathsIntrinsicsOrJsonata() {
    assertThat(EmrTasks.terminateCluster("t", Arg.of("j-1")).request())
        .isEqualTo(json("{'ClusterId':'j-1'}"));
    assertThat(EmrTasks.terminateCluster("t", Arg.path("$$.Execution.Input.cluster")).request())
        .isEqualTo(json("{'ClusterId.$':'$$.Execution.Input.cluster'}"));
    EmrTask jsonata =
        EmrTasks.terminateCluster("t", Arg.jsonata("{% $states.input.cluster.ClusterId %}"));
    assertThat(jsonata.queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
    TaskState js = state(jsonata.sync());
    assertThat(js.queryLanguage()).contains(QueryLanguage.JSONATA);
    assertThat(js.parameters()).isEmpty();
    assertThat(js.arguments())
        .contains(json("{'ClusterId':'{% $states.input.cluster.ClusterId %}'}"));
    assertThat(Arg.jsonata("$x")).isEqualTo(Arg.jsonata("{%$x%}"));
    assertThatThrownBy(() -> Arg.jsonata("{% %}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Arg.path("cluster.id")).isInstanceOf(ValidationException.class);
    assertThat(
            EmrTasks.cancelStep(
                    "c",
                    CLUSTER,
                    Arg.intrinsic(
                        Intrinsics.arrayGetItem(Intrinsics.path("$.steps"), Intrinsics.number(0))))
                .request())
        .isEqualTo(
            json(
                "{'ClusterId.$':'$.cluster.ClusterId','StepId.$':'States.ArrayGetItem($.steps, 0)'}"));
  }

  @Test
  void oneTaskCannotMixQueryLanguages() {
    assertThat(problems(() -> EmrTasks.cancelStep("c", CLUSTER, Arg.jsonata("$states.input.step"))))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("Parameters.StepId");
              assertThat(p.message()).contains("ClusterId.$");
            });
    ObjectNode mixed = minimalCluster();
    mixed.put("LogUri", "{% $states.input.logs %}");
    mixed.put("ReleaseLabel.$", "$.release");
    assertThat(problems(() -> EmrTasks.createCluster("L", mixed)))
        .extracting(Problem::path)
        .containsExactly("Parameters.LogUri");
  }

  @Test
  void jsonataCreateClusterReportsUnderArguments() {
    ObjectNode c = minimalCluster();
    c.put("Name", "{% $states.input.name %}");
    ((ObjectNode) c.get("Instances")).put("KeepJobFlowAliveWhenNoSteps", false);
    assertThat(problems(() -> EmrTasks.createCluster("L", c)))
        .extracting(Problem::path)
        .containsExactly("Arguments.Instances.KeepJobFlowAliveWhenNoSteps");
  }

  @Test
  void terminationProtectionAndResizes() {
    assertThat(EmrTasks.setClusterTerminationProtection("p", CLUSTER, false).request())
        .isEqualTo(json("{'ClusterId.$':'$.cluster.ClusterId','TerminationProtected':false}"));
    assertThat(
            EmrTasks.setClusterTerminationProtection("p", CLUSTER, Arg.path("$.protect")).request())
        .isEqualTo(
            json("{'ClusterId.$':'$.cluster.ClusterId','TerminationProtected.$':'$.protect'}"));
    assertThat(
            problems(() -> EmrTasks.setClusterTerminationProtection("p", CLUSTER, Arg.of("yes"))))
        .extracting(Problem::path)
        .containsExactly("Parameters.TerminationProtected");
    assertThat(EmrTasks.modifyInstanceFleetByName("f", CLUSTER, "Core", 2, 8).request())
        .isEqualTo(
            json(
                "{'ClusterId.$':'$.cluster.ClusterId','InstanceFleetName':'Core',"
                    + "'InstanceFleet':{'TargetOnDemandCapacity':2,'TargetSpotCapacity':8}}"));
    assertThat(EmrTasks.modifyInstanceGroupByName("g", CLUSTER, "Task", 0).request())
        .isEqualTo(
            json(
                "{'ClusterId.$':'$.cluster.ClusterId','InstanceGroupName':'Task','InstanceGroup':{'InstanceCount':0}}"));
    assertThat(problems(() -> EmrTasks.modifyInstanceFleetByName("f", CLUSTER, "Core", -1, -2)))
        .extracting(Problem::path)
        .containsExactly(
            "Parameters.InstanceFleet.TargetOnDemandCapacity",
            "Parameters.InstanceFleet.TargetSpotCapacity");
    assertThat(problems(() -> EmrTasks.modifyInstanceGroupByName("g", CLUSTER, "Task", -1)))
        .extracting(Problem::path)
        .containsExactly("Parameters.InstanceGroup.InstanceCount");
    assertThat(
            problems(
                () -> EmrTasks.modifyInstanceGroupByName("g", CLUSTER, Arg.of("Task"), obj("{}"))))
        .containsExactly(Problem.of("Parameters.InstanceGroup", "must change at least one field"));
    ObjectNode shrink = obj("{'InstanceCount':1,'ShrinkPolicy':{'DecommissionTimeout':60}}");
    assertThat(
            EmrTasks.modifyInstanceGroupByName("g", CLUSTER, Arg.path("$.group"), shrink)
                .request()
                .get("InstanceGroupName.$")
                .asText())
        .isEqualTo("$.group");
  }

  @Test
  void sdkTasksUseThePlainApiShapes() {
    assertThat(EmrSdkTasks.terminateJobFlows("t", CLUSTER).request())
        .isEqualTo(json("{'JobFlowIds.$':'States.Array($.cluster.ClusterId)'}"));
    assertThat(EmrSdkTasks.terminateJobFlows("t", Arg.value(List.of("j-1", "j-2"))).request())
        .isEqualTo(json("{'JobFlowIds':['j-1','j-2']}"));
    assertThat(EmrSdkTasks.terminateJobFlows("t", Arg.of("j-1")).request())
        .isEqualTo(json("{'JobFlowIds':['j-1']}"));
    assertThat(EmrSdkTasks.terminateJobFlows("t", Arg.jsonata("$states.input.ids")).request())
        .isEqualTo(json("{'JobFlowIds':'{% $append([], $states.input.ids) %}'}"));
    assertThat(EmrSdkTasks.setTerminationProtection("p", Arg.of("j-1"), true).request())
        .isEqualTo(json("{'JobFlowIds':['j-1'],'TerminationProtected':true}"));
    assertThat(EmrSdkTasks.cancelSteps("c", CLUSTER, Arg.path("$.step.StepId")).request())
        .isEqualTo(
            json(
                "{'ClusterId.$':'$.cluster.ClusterId','StepIds.$':'States.Array($.step.StepId)'}"));
    assertThat(EmrSdkTasks.describeStep("d", CLUSTER, Arg.of("s-1")).request())
        .isEqualTo(json("{'ClusterId.$':'$.cluster.ClusterId','StepId':'s-1'}"));
    assertThat(EmrSdkTasks.describeCluster("d", Arg.of("j-1")).request())
        .isEqualTo(json("{'ClusterId':'j-1'}"));
    EmrStep roled = step().withExecutionRoleArn("arn:aws:iam::1:role/a");
    ObjectNode add =
        EmrSdkTasks.addJobFlowSteps("a", CLUSTER, List.of(roled, roled.withName("second")))
            .request();
    assertThat(add.get("JobFlowId.$").asText()).isEqualTo("$.cluster.ClusterId");
    assertThat(add.get("Steps")).hasSize(2);
    assertThat(add.get("Steps").get(1).get("Name").asText()).isEqualTo("second");
    assertThat(add.get("ExecutionRoleArn").asText()).isEqualTo("arn:aws:iam::1:role/a");
    assertThat(problems(() -> EmrSdkTasks.addJobFlowSteps("a", CLUSTER, List.of(roled, step()))))
        .extracting(Problem::path)
        .containsExactly("Parameters.Steps[1].ExecutionRoleArn");
    assertThat(problems(() -> EmrSdkTasks.addJobFlowSteps("a", CLUSTER, List.of())))
        .containsExactly(Problem.of("Parameters.Steps", "must contain at least one step"));
    assertThat(problems(() -> EmrSdkTasks.runJobFlow("r", obj("{'Name':'x'}"))))
        .containsExactly(Problem.of("Parameters.Instances", "is required"));
  }

  @Test
  void serverlessAndEksRequireTheirFields() {
    assertThat(problems(() -> EmrServerlessTasks.createApplication("c", obj("{'Name':'x'}"))))
        .extracting(Problem::path)
        .containsExactly("Parameters.ReleaseLabel", "Parameters.Type");
    assertThat(
            problems(() -> EmrServerlessTasks.startJobRun("s", obj("{'ApplicationId.$':'$.app'}"))))
        .extracting(Problem::path)
        .containsExactly("Parameters.ExecutionRoleArn", "Parameters.JobDriver");
    assertThat(
            EmrServerlessTasks.startJobRun(
                    "s",
                    Arg.path("$.app.ApplicationId"),
                    Arg.of("arn:aws:iam::1:role/job"),
                    obj("{'SparkSubmit':{'EntryPoint':'s3://b/x.py'}}"))
                .request())
        .isEqualTo(
            json(
                "{'ApplicationId.$':'$.app.ApplicationId','ExecutionRoleArn':'arn:aws:iam::1:role/job',"
                    + "'JobDriver':{'SparkSubmit':{'EntryPoint':'s3://b/x.py'}}}"));
    assertThat(EmrServerlessTasks.cancelJobRun("c", Arg.of("a"), Arg.of("r")).request())
        .isEqualTo(json("{'ApplicationId':'a','JobRunId':'r'}"));
    assertThat(problems(() -> EmrOnEksTasks.createVirtualCluster("v", obj("{}"))))
        .extracting(Problem::path)
        .containsExactly("Parameters.ContainerProvider", "Parameters.Name");
    assertThat(EmrOnEksTasks.createVirtualCluster("v", Arg.of("vc"), "eks-prod", "spark").request())
        .isEqualTo(
            json(
                "{'Name':'vc','ContainerProvider':{'Id':'eks-prod','Type':'EKS','Info':{'EksInfo':{'Namespace':'spark'}}}}"));
    assertThat(EmrOnEksTasks.deleteVirtualCluster("d", Arg.of("vc1")).request())
        .isEqualTo(json("{'Id':'vc1'}"));
    assertThat(problems(() -> EmrOnEksTasks.startJobRun("s", obj("{'VirtualClusterId':'v'}"))))
        .extracting(Problem::path)
        .containsExactly(
            "Parameters.ExecutionRoleArn", "Parameters.JobDriver", "Parameters.ReleaseLabel");
  }

  @Test
  void tasksAreImmutableValues() {
    ObjectNode c = minimalCluster();
    EmrTask t = EmrTasks.createCluster("L", c);
    c.put("Name", "changed");
    t.request().put("Name", "changed too");
    assertThat(t.request().get("Name").asText()).isEqualTo("c");
    assertThat(t.name()).isEqualTo("L");
    assertThat(t.toString()).contains("elasticmapreduce:createCluster");
  }

  @Test
  void withSetsRunTimeValuesInABuiltRequestAndChecksAgain() {
    EmrTask launch =
        EmrTasks.createCluster("Launch", profile(), configuration(true), "nightly", Map.of())
            .inPartition("aws-cn")
            .with("Name", Arg.path("$.clusterName"))
            .with("Instances.Ec2SubnetId", Arg.path("$.subnet"))
            .with("AutoTerminationPolicy.IdleTimeout", Arg.value(3600));
    ObjectNode r = launch.request();
    assertThat(r.has("Name")).isFalse();
    assertThat(r.get("Name.$").asText()).isEqualTo("$.clusterName");
    assertThat(r.at("/Instances/Ec2SubnetId.$").asText()).isEqualTo("$.subnet");
    assertThat(r.at("/Instances/Ec2SubnetId").isMissingNode()).isTrue();
    assertThat(r.at("/AutoTerminationPolicy/IdleTimeout").asInt()).isEqualTo(3600);
    assertThat(launch.partition()).isEqualTo("aws-cn");
    assertThat(r.at("/Instances/KeepJobFlowAliveWhenNoSteps").asBoolean()).isTrue();

    assertThat(
            problems(() -> launch.with("Instances.KeepJobFlowAliveWhenNoSteps", Arg.value(false))))
        .extracting(Problem::path)
        .containsExactly("Parameters.Instances.KeepJobFlowAliveWhenNoSteps");
    assertThat(problems(() -> launch.with("LogUri", Arg.jsonata("$states.input.logs"))))
        .extracting(Problem::path)
        .containsExactly("Parameters.LogUri");
    assertThat(problems(() -> launch.with("Steps", Arg.path("$.steps"))))
        .extracting(Problem::path)
        .containsExactly("Parameters.Steps");
    assertThatThrownBy(() -> launch.with("Name.First", Arg.of("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Name is not an object");
    // Extra rules of a factory still apply after with(...).
    EmrTask grow = EmrTasks.modifyInstanceGroupByName("g", CLUSTER, "Task", 3);
    assertThat(
            grow.with("InstanceGroupName", Arg.path("$.group"))
                .request()
                .has("InstanceGroupName.$"))
        .isTrue();
    assertThat(
            problems(
                () ->
                    EmrTasks.modifyInstanceGroupByName(
                            "g", CLUSTER, Arg.of("Task"), obj("{'InstanceCount':1}"))
                        .with("InstanceGroup", Arg.value(obj("{}")))))
        .containsExactly(Problem.of("Parameters.InstanceGroup", "must change at least one field"));
  }

  @Test
  void stringsFromTypedValuesStayDataInJsonPathStates() {
    RunJobFlowRequest r =
        RunJobFlowRequest.builder()
            .name("{% not an expression %}")
            .instances(JobFlowInstancesConfig.builder().instanceCount(1).build())
            .build();
    EmrTask t = EmrTasks.createCluster("L", r);
    assertThat(t.queryLanguage()).isEqualTo(QueryLanguage.JSONPATH);
    assertThat(state(t.sync()).parameters().orElseThrow().get("Name").asText())
        .isEqualTo("{% not an expression %}");
    assertThat(EmrSdkTasks.runJobFlow("R", r).queryLanguage()).isEqualTo(QueryLanguage.JSONPATH);
    // Turning the task into JSONata would evaluate it, so the raw ObjectNode form is read as
    // JSONata.
    assertThat(EmrTasks.createCluster("L", t.request()).queryLanguage())
        .isEqualTo(QueryLanguage.JSONATA);
    EmrStep lookalike = EmrStep.builder().name("n").jar("x.jar").addArgs("{% $x %}").build();
    assertThat(EmrTasks.addStep("A", CLUSTER, lookalike).queryLanguage())
        .isEqualTo(QueryLanguage.JSONPATH);
    assertThat(problems(() -> EmrTasks.addStep("A", Arg.jsonata("$c"), lookalike)))
        .extracting(Problem::path)
        .containsExactly("Arguments.Step.HadoopJarStep.Args[0]");
    assertThat(
            problems(
                () ->
                    EmrSdkTasks.addJobFlowSteps(
                        "A", Arg.jsonata("$c"), List.of(step(), lookalike))))
        .extracting(Problem::path)
        .containsExactly("Arguments.Steps[1].HadoopJarStep.Args[0]");
  }
}
