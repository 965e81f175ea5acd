package io.emrlaunch.stepfunctions.emr;

import static io.emrlaunch.stepfunctions.emr.EmrTasksTest.configuration;
import static io.emrlaunch.stepfunctions.emr.EmrTasksTest.obj;
import static io.emrlaunch.stepfunctions.emr.EmrTasksTest.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.AslValidatorCli;
import io.emrlaunch.stepfunctions.asl.Catcher;
import io.emrlaunch.stepfunctions.asl.Condition;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.asl.State;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateMachineBuilder;
import io.emrlaunch.stepfunctions.asl.TaskState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Small complete machines built only from EMR task factories: each passes our validator,
 * round-trips through JSON and is accepted by asl-validator (checked once for the class).
 */
class EmrMachinesTest {
  private static final Map<String, String> EMITTED = new LinkedHashMap<>();

  private static StateMachine emit(String name, StateMachine m) {
    String json = m.toPrettyJson();
    assertThat(StateMachine.fromJson(json)).as(name).isEqualTo(m);
    assertThat(m.validate()).as(name).isEmpty();
    assertThat(EmrDefinitionRules.check(m)).as(name).isEmpty();
    EMITTED.put("emr-" + name, json);
    return m;
  }

  @AfterAll
  static void everyMachineIsAcceptedByAslValidator() throws Exception {
    assertThat(EMITTED).hasSize(6);
    AslValidatorCli.Result r = AslValidatorCli.require().validateDefinitions(EMITTED);
    assertThat(r.invalid()).as(r.stdout() + r.stderr()).isEmpty();
    assertThat(r.files()).hasSize(EMITTED.size());
  }

  static EmrStep spark(String name, String script) {
    return EmrStep.builder()
        .name(name)
        .jar(EmrStep.COMMAND_RUNNER)
        .addArgs("spark-submit", "--deploy-mode", "cluster", script)
        .build();
  }

  /**
   * Every Catch of a state that runs while the cluster exists leads to a terminateCluster state, so
   * no failure path leaves the cluster running.
   */
  private static void assertNoOrphanClusters(StateMachine m, String launch) {
    Map<String, State> states = m.states();
    for (Map.Entry<String, State> e : states.entrySet()) {
      if (e.getKey().equals(launch) || !(e.getValue() instanceof TaskState t)) {
        continue;
      }
      if (t.resource().contains("terminateCluster")) {
        continue;
      }
      assertThat(t.catchers()).as(e.getKey() + " must catch errors").isNotEmpty();
      for (Catcher c : t.catchers()) {
        assertThat(((TaskState) states.get(c.next())).resource())
            .as(e.getKey() + " catch target")
            .contains("elasticmapreduce:terminateCluster");
      }
    }
  }

  @Test
  void transientClusterLaunchStepsTerminateWithCompensation() {
    Arg cluster = Arg.path("$.cluster.ClusterId");
    var terminateThenFail =
        EmrTasks.terminateCluster("Terminate After Failure", cluster)
            .sync()
            .discardResult()
            .retry(r -> r.addErrorEquals("EMR.AmazonElasticMapReduceException").maxAttempts(6));
    StateMachine m =
        emit(
            "transient",
            StateMachineBuilder.startWith(
                    EmrTasks.createCluster(
                            "Launch", profile(), configuration(true), "nightly", Map.of())
                        .sync()
                        .resultSelector(
                            io.emrlaunch.stepfunctions.asl.Payload.object()
                                .path("ClusterId", "$.ClusterId"))
                        .resultPath("$.cluster")
                        .timeoutSeconds(3600)
                        .catchErrors(
                            Flow.fail("Launch Failed").errorPath("$.error.Error"),
                            "$.error",
                            "States.ALL"))
                .then(
                    EmrTasks.addStep("Ingest", cluster, spark("ingest", "s3://acme/ingest.py"))
                        .sync()
                        .resultPath("$.ingest")
                        .catchErrors(
                            io.emrlaunch.stepfunctions.asl.Chain.of(terminateThenFail)
                                .then(
                                    Flow.fail("Failed")
                                        .errorPath("$.error.Error")
                                        .causePath("$.error.Cause")),
                            "$.error",
                            "States.ALL"))
                .then(
                    EmrTasks.addStep("Aggregate", cluster, spark("agg", "s3://acme/agg.py"))
                        .sync()
                        .resultPath("$.aggregate")
                        .catchErrors(Flow.goTo("Terminate After Failure"), "$.error", "States.ALL"))
                .then(EmrTasks.terminateCluster("Terminate", cluster).sync().discardResult())
                .then(Flow.succeed("Done"))
                .timeoutSeconds(6 * 3600)
                .build());
    assertThat(m.startAt()).isEqualTo("Launch");
    assertThat(((TaskState) m.states().get("Launch")).resource())
        .isEqualTo("arn:aws:states:::elasticmapreduce:createCluster.sync");
    assertThat(
            ((TaskState) m.states().get("Ingest"))
                .parameters()
                .orElseThrow()
                .get("ClusterId.$")
                .asText())
        .isEqualTo("$.cluster.ClusterId");
    assertNoOrphanClusters(m, "Launch");
  }

  @Test
  void jsonataClusterMachine() {
    Arg cluster = Arg.jsonata("$clusterId");
    StateMachine m =
        emit(
            "jsonata",
            StateMachineBuilder.startWith(
                    EmrTasks.createCluster(
                            "Launch",
                            obj(
                                "{'Name':'{% $states.input.name %}','ReleaseLabel':'emr-7.2.0',"
                                    + "'ServiceRole':'EMR_DefaultRole_V2','JobFlowRole':'EMR_EC2_DefaultRole',"
                                    + "'Instances':{'KeepJobFlowAliveWhenNoSteps':true,'InstanceCount':3,"
                                    + "'MasterInstanceType':'m5.xlarge','SlaveInstanceType':'m5.xlarge'}}"))
                        .sync()
                        .assign("clusterId", "{% $states.result.ClusterId %}")
                        .catchAll(Flow.fail("Launch Failed").error("LaunchFailed")))
                .then(
                    EmrTasks.addStep("Run", cluster, spark("run", "s3://acme/run.py"))
                        .sync()
                        .catchAll(
                            io.emrlaunch.stepfunctions.asl.Chain.of(
                                    EmrTasks.terminateCluster("Clean Up", cluster).sync())
                                .then(Flow.fail("Step Failed").error("StepFailed"))))
                .then(EmrTasks.terminateCluster("Terminate", cluster).sync())
                .queryLanguage(QueryLanguage.JSONATA)
                .build());
    TaskState run = (TaskState) m.states().get("Run");
    assertThat(run.arguments().orElseThrow().get("ClusterId").asText())
        .isEqualTo("{% $clusterId %}");
    assertThat(run.parameters()).isEmpty();
    assertNoOrphanClusters(m, "Launch");
  }

  @Test
  void pathTasksInAJsonataMachineAreRejectedByTheValidator() {
    var b =
        StateMachineBuilder.startWith(
                EmrTasks.terminateCluster("T", Arg.path("$.cluster.ClusterId")).sync())
            .queryLanguage(QueryLanguage.JSONATA);
    assertThatThrownBy(b::build).isInstanceOf(ValidationException.class).hasMessageContaining("T");
  }

  @Test
  void clusterMaintenance() {
    Arg cluster = Arg.path("$.clusterId");
    emit(
        "maintenance",
        StateMachineBuilder.startWith(
                EmrTasks.setClusterTerminationProtection("Unprotect", cluster, false)
                    .requestResponse()
                    .discardResult())
            .then(
                EmrTasks.modifyInstanceFleetByName("Scale Core", cluster, "Core", 2, 10)
                    .requestResponse()
                    .discardResult())
            .then(
                EmrTasks.modifyInstanceGroupByName("Scale Task", cluster, "Task", 4)
                    .requestResponse()
                    .discardResult())
            .then(
                EmrTasks.cancelStep("Cancel Stuck Step", cluster, Arg.path("$.stuckStepId"))
                    .requestResponse()
                    .resultPath("$.cancel"))
            .then(
                EmrTasks.setClusterTerminationProtection("Protect", cluster, true)
                    .requestResponse()
                    .discardResult())
            .build());
  }

  @Test
  void sdkPollingMachine() {
    Arg cluster = Arg.path("$.cluster.JobFlowId");
    var describe =
        EmrSdkTasks.describeCluster("Describe", cluster)
            .requestResponse()
            .resultSelector(
                io.emrlaunch.stepfunctions.asl.Payload.object()
                    .path("State", "$.Cluster.Status.State"))
            .resultPath("$.status");
    emit(
        "sdk-polling",
        StateMachineBuilder.startWith(
                EmrSdkTasks.runJobFlow(
                        "Run Job Flow",
                        EmrTasks.createCluster(
                                "x", profile(), configuration(true), "polled", Map.of())
                            .request())
                    .requestResponse()
                    .resultPath("$.cluster"))
            .then(Flow.waitSeconds("Wait", 60))
            .then(describe)
            .then(
                Flow.choice("Ready?")
                    .when(
                        Condition.stringEquals("$.status.State", "WAITING"),
                        io.emrlaunch.stepfunctions.asl.Chain.of(
                                EmrSdkTasks.addJobFlowSteps(
                                        "Add Steps",
                                        cluster,
                                        List.of(spark("a", "s3://a.py"), spark("b", "s3://b.py")))
                                    .requestResponse()
                                    .resultPath("$.steps"))
                            .then(
                                EmrSdkTasks.describeStep(
                                        "Describe Step", cluster, Arg.path("$.steps.StepIds[0]"))
                                    .requestResponse()
                                    .resultPath("$.step"))
                            .then(
                                EmrSdkTasks.terminateJobFlows("Terminate", cluster)
                                    .requestResponse()
                                    .discardResult()))
                    .when(
                        Condition.stringEquals("$.status.State", "TERMINATED_WITH_ERRORS"),
                        Flow.fail("Cluster Failed"))
                    .otherwise(Flow.goTo("Wait")))
            .build());
  }

  @Test
  void serverlessApplicationLifecycle() {
    Arg app = Arg.path("$.app.ApplicationId");
    var cleanUp =
        io.emrlaunch.stepfunctions.asl.Chain.of(
                EmrServerlessTasks.stopApplication("Stop After Failure", app)
                    .sync()
                    .discardResult())
            .then(
                EmrServerlessTasks.deleteApplication("Delete After Failure", app)
                    .sync()
                    .discardResult())
            .then(Flow.fail("Job Failed").errorPath("$.error.Error"));
    emit(
        "serverless",
        StateMachineBuilder.startWith(
                EmrServerlessTasks.createApplication(
                        "Create App",
                        obj("{'Name':'nightly','ReleaseLabel':'emr-7.2.0','Type':'SPARK'}"))
                    .sync()
                    .resultPath("$.app"))
            .then(
                EmrServerlessTasks.startApplication("Start App", app)
                    .sync()
                    .discardResult()
                    .catchErrors(cleanUp, "$.error", "States.ALL"))
            .then(
                EmrServerlessTasks.startJobRun(
                        "Run Job",
                        app,
                        Arg.of("arn:aws:iam::123456789012:role/emr-serverless-job"),
                        obj("{'SparkSubmit':{'EntryPoint':'s3://acme/job.py'}}"))
                    .sync()
                    .resultPath("$.run")
                    .catchErrors(Flow.goTo("Stop After Failure"), "$.error", "States.ALL"))
            .then(EmrServerlessTasks.stopApplication("Stop App", app).sync().discardResult())
            .then(EmrServerlessTasks.deleteApplication("Delete App", app).sync().discardResult())
            .build());
  }

  @Test
  void emrOnEksJobRun() {
    Arg vc = Arg.path("$.vc.Id");
    emit(
        "eks",
        StateMachineBuilder.startWith(
                EmrOnEksTasks.createVirtualCluster(
                        "Create Virtual Cluster", Arg.of("nightly-vc"), "eks-prod", "spark")
                    .requestResponse()
                    .resultPath("$.vc"))
            .then(
                EmrOnEksTasks.startJobRun(
                        "Run Job",
                        obj("{'ExecutionRoleArn':'arn:aws:iam::123456789012:role/emr-eks-job',"
                                + "'ReleaseLabel':'emr-7.2.0-latest','Name':'nightly',"
                                + "'JobDriver':{'SparkSubmitJobDriver':{'EntryPoint':'s3://acme/job.py'}}}")
                            .put("VirtualClusterId.$", "$.vc.Id"))
                    .sync()
                    .resultPath("$.run")
                    .catchErrors(
                        io.emrlaunch.stepfunctions.asl.Chain.of(
                                EmrOnEksTasks.deleteVirtualCluster("Delete After Failure", vc)
                                    .sync()
                                    .discardResult())
                            .then(Flow.fail("Job Failed")),
                        "$.error",
                        "States.ALL"))
            .then(EmrOnEksTasks.deleteVirtualCluster("Delete Virtual Cluster", vc).sync())
            .build());
  }
}
