package io.emrlaunch.stepfunctions.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.RecordFormat;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.ssm.SsmRecordStore;
import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deploying a launch function: the state machine, then its SSM record with the machine's ARN. */
class LaunchFunctionDeploymentTest {
  private static final String DEF =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

  private FakeAws aws;
  private SsmRecordStore store;
  private StateMachineDeployer deployer;

  @BeforeEach
  void setUp() {
    aws = FakeAws.create();
    // The default: aws-emr-launch's record format, which the Python library reads.
    store = SsmRecordStore.builder().client(aws.ssmAsync()).build();
    deployer =
        StateMachineDeployer.builder()
            .client(aws.sfnAsync())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .build();
  }

  private static LaunchFunction function() {
    return LaunchFunction.builder()
        .namespace("team-a")
        .name("nightly")
        .profile(RecordRef.of("team-a", "secure"))
        .configuration(RecordRef.of("team-a", "spark-small"))
        .clusterName("nightly-etl")
        .build();
  }

  private static StateMachineSpec spec() {
    return StateMachineSpec.builder()
        .name("team-a_nightly")
        .definition(DEF)
        .roleArn("arn:aws:iam::123456789012:role/launch")
        .build();
  }

  private <T> T run(CompletableFuture<T> f) {
    return aws.time().runUntil(f, Duration.ofHours(1)).join();
  }

  @Test
  void storesTheFunctionWithItsStateMachineArnOnceThenNoOps() throws Exception {
    LaunchFunctionDeployment first =
        run(deployer.deployLaunchFunction(spec(), function(), store.launchFunctions()));
    assertThat(first.stateMachine().outcome()).isEqualTo(DeployResult.Outcome.CREATED);
    assertThat(first.recordWritten()).isTrue();
    String arn = first.stateMachine().stateMachineArn();

    LaunchFunction stored =
        run(store.launchFunctions().get(RecordRef.of("team-a", "nightly"))).value();
    assertThat(stored.stateMachineArn()).contains(arn);
    String raw =
        aws.ssm()
            .getParameter(r -> r.name("/emr_launch/emr_launch_functions/team-a/nightly"))
            .parameter()
            .value();
    JsonNode record = new ObjectMapper().readTree(raw);
    assertThat(record.get("StateMachine").asText()).isEqualTo(arn);
    assertThat(record.get("LaunchFunctionName").asText()).isEqualTo("nightly");
    assertThat(record.get("Namespace").asText()).isEqualTo("team-a");

    LaunchFunctionDeployment again =
        run(deployer.deployLaunchFunction(spec(), function(), store.launchFunctions()));
    assertThat(again.stateMachine().outcome()).isEqualTo(DeployResult.Outcome.UNCHANGED);
    assertThat(again.recordWritten()).isFalse();
    assertThat(aws.calls().count(FakeAws.SSM, "PutParameter")).isEqualTo(1);
  }

  @Test
  void invalidInputsFailBeforeAnyCall() {
    LaunchFunction bad =
        LaunchFunction.builder().from(function()).name("no spaces allowed").build();
    CompletableFuture<LaunchFunctionDeployment> f =
        deployer.deployLaunchFunction(
            StateMachineSpec.builder().from(spec()).roleArn("nope").build(),
            bad,
            store.launchFunctions());
    assertThatThrownBy(f::join)
        .hasCauseInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e.getCause()).problems())
                    .extracting(Problem::path)
                    .contains("spec.roleArn", "launchFunction.name"));
    assertThat(aws.calls().total()).isZero();
  }

  @Test
  void theOwnFormatWorksToo() {
    SsmRecordStore own =
        SsmRecordStore.builder().client(aws.ssmAsync()).format(RecordFormat.EMR_LAUNCH).build();
    LaunchFunctionDeployment d =
        run(deployer.deployLaunchFunction(spec(), function(), own.launchFunctions()));
    assertThat(
            run(own.launchFunctions().get(RecordRef.of("team-a", "nightly")))
                .value()
                .stateMachineArn())
        .contains(d.stateMachine().stateMachineArn());
  }
}
