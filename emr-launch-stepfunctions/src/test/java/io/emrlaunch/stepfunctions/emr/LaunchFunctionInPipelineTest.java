package io.emrlaunch.stepfunctions.emr;

import static io.emrlaunch.stepfunctions.emr.LaunchFunctionFixtures.configuration;
import static io.emrlaunch.stepfunctions.emr.LaunchFunctionFixtures.function;
import static io.emrlaunch.stepfunctions.emr.LaunchFunctionFixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.stepfunctions.asl.AslValidatorCli;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.iam.DerivedPolicy;
import io.emrlaunch.stepfunctions.iam.ExecutionRolePolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated launch function as the launch of a transient pipeline, inline. */
class LaunchFunctionInPipelineTest {

  static StateMachine pipeline(ServiceIntegration integration, boolean waitForSteps) {
    StateMachine launch =
        LaunchFunctionMachine.builder(function(), profile(), configuration())
            .integration(integration)
            .build();
    return TransientClusterPipeline.builder()
        .launch(ClusterLaunch.inline(launch))
        .phase(
            Phase.sequential(
                "Ingest", PipelineTestSupport.step("Ingest", "s3://code/ingest.py", "DAY")))
        .phase(
            Phase.parallel(
                "Prepare",
                PipelineTestSupport.step("Orders", "s3://code/orders.py"),
                PipelineTestSupport.step("Customers", "s3://code/customers.py")))
        .integration(integration)
        .waitForSteps(waitForSteps)
        .build();
  }

  @Test
  void embedsInBothIntegrationsAndPassesBothValidators() throws Exception {
    Map<String, String> emitted = new LinkedHashMap<>();
    for (ServiceIntegration integration : ServiceIntegration.values()) {
      for (boolean wait : new boolean[] {true, false}) {
        StateMachine m = pipeline(integration, wait);
        assertThat(m.validate()).isEmpty();
        emitted.put(integration + "-" + wait, m.toJson());
      }
    }
    assertThat(AslValidatorCli.require().validateDefinitions(emitted).invalid()).isEmpty();
  }

  @Test
  void everyPathAfterTheLaunchTerminatesTheCluster() {
    for (ServiceIntegration integration : ServiceIntegration.values()) {
      StateMachine m = pipeline(integration, true);
      String launch = m.startAt();
      PipelineTestSupport.assertEveryPathAfterLaunchTerminates(m, launch);
      PipelineTestSupport.assertEveryTaskCatchesIntoTerminate(m, launch);
    }
  }

  @Test
  void thePolicyCoversTheLaunchAndThePipeline() {
    DerivedPolicy d =
        ExecutionRolePolicy.builder()
            .region("us-east-1")
            .accountId("123456789012")
            .profile(profile())
            .build()
            .derive(pipeline(ServiceIntegration.AWS_SDK, true));
    String cluster = "arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*";
    assertThat(d.policy().allows("elasticmapreduce:RunJobFlow", "*")).isTrue();
    assertThat(d.policy().allows("elasticmapreduce:AddJobFlowSteps", cluster)).isTrue();
    assertThat(d.policy().allows("elasticmapreduce:TerminateJobFlows", cluster)).isTrue();
    assertThat(
            d.policy()
                .allows(
                    "ssm:GetParameter",
                    "arn:aws:ssm:us-east-1:123456789012:parameter/emr_launch/emr_profiles/default/etl-profile"))
        .isTrue();
    assertThat(
            d.policy().allows("iam:PassRole", "arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole"))
        .isTrue();
  }
}
