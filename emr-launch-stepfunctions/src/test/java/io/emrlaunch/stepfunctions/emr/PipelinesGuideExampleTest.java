package io.emrlaunch.stepfunctions.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.stepfunctions.asl.AslValidatorCli;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.iam.ExecutionRolePolicy;
import io.emrlaunch.stepfunctions.iam.PolicyDocument;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example of docs/pipelines.md, as written there (a stand-in for the launch machine). */
class PipelinesGuideExampleTest {
  @Test
  void guideExampleBuildsValidatesAndDerivesItsPolicy() throws Exception {
    StateMachine launchFunctionMachine = PipelineTestSupport.passLaunch();
    // --- as in docs/pipelines.md ---
    EmrStep ingest = EmrStep.sparkSubmit("Ingest", "s3://code/ingest.py", "--day", "DAY");
    EmrStep orders = EmrStep.hiveScript("Orders", "s3://code/orders.q", Map.of());
    EmrStep customers = EmrStep.hiveScript("Customers", "s3://code/customers.q", Map.of());

    StateMachine pipeline =
        TransientClusterPipeline.builder()
            .launch(ClusterLaunch.inline(launchFunctionMachine))
            .phase(Phase.sequential("Phase 1", ingest))
            .phase(Phase.parallel("Phase 2", orders, customers))
            .phase(
                Phase.sequential(
                    "Phase 3",
                    PipelineStep.stateMachine(
                        "Publish", "arn:aws:states:us-east-1:123456789012:stateMachine:publish")))
            .integration(ServiceIntegration.OPTIMIZED)
            .failureTopic("arn:aws:sns:us-east-1:123456789012:pipeline-failed")
            .build();

    String definition = pipeline.toJson();
    PolicyDocument policy =
        ExecutionRolePolicy.builder()
            .region("us-east-1")
            .accountId("123456789012")
            .build()
            .derive(pipeline)
            .policy();

    StateMachine onSharedCluster =
        PersistentClusterPipeline.builder()
            .phase(Phase.parallel("Phase 1", orders, customers))
            .build();
    // --- end of the example ---
    assertThat(pipeline.validate()).isEmpty();
    assertThat(onSharedCluster.validate()).isEmpty();
    AslValidatorCli.Result r =
        AslValidatorCli.require()
            .validateDefinitions(
                Map.of(
                    "guide-transient", definition, "guide-persistent", onSharedCluster.toJson()));
    assertThat(r.invalid()).as(r.stdout() + r.stderr()).isEmpty();
    assertThat(r.files()).hasSize(2);
    assertThat(definition).contains("\"Ingest - Merge Overrides\"");
    assertThat(policy.toJson()).contains("sns:Publish", "states:StartExecution");
    PipelineTestSupport.assertEveryPathAfterLaunchTerminates(pipeline, "Launch Cluster");
  }
}
