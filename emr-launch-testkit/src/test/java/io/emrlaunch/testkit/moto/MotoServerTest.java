package io.emrlaunch.testkit.moto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

@MotoTest
class MotoServerTest {

  @Test
  void listensOnLoopbackAndServesSsm(MotoServer moto, SsmClient ssm) {
    assertThat(moto.endpoint().getHost()).isEqualTo("127.0.0.1");
    ssm.putParameter(r -> r.name("/moto/a").value("1").type("String"));
    assertThat(ssm.getParameter(r -> r.name("/moto/a")).parameter().value()).isEqualTo("1");
  }

  @Test
  void resetWipesState(MotoServer moto, SsmClient ssm) {
    ssm.putParameter(r -> r.name("/moto/reset").value("1").type("String"));
    moto.reset();
    assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/moto/reset")))
        .isInstanceOf(ParameterNotFoundException.class);
  }

  // Both tests create the same parameter without overwrite: whichever runs second only passes
  // because the extension reset the server in between.
  @Test
  void eachTestStartsEmptyOne(SsmClient ssm) {
    ssm.putParameter(r -> r.name("/moto/isolation").value("1").type("String"));
  }

  @Test
  void eachTestStartsEmptyTwo(SsmClient ssm) {
    ssm.putParameter(r -> r.name("/moto/isolation").value("2").type("String"));
  }

  @Test
  void asyncClientsWork(SsmAsyncClient ssm) {
    ssm.putParameter(r -> r.name("/moto/async").value("v").type("String")).join();
    assertThat(ssm.getParameter(r -> r.name("/moto/async")).join().parameter().value())
        .isEqualTo("v");
  }

  @Test
  void configurePointsAnyBuilderAtTheServer(MotoServer moto) {
    try (SsmClient own = moto.configure(SsmClient.builder()).build()) {
      own.putParameter(r -> r.name("/moto/own").value("v").type("String"));
      assertThat(moto.ssm().getParameter(r -> r.name("/moto/own")).parameter().value())
          .isEqualTo("v");
    }
  }

  @Test
  void stepFunctionsExecutionRunsPassStates(MotoServer moto, SfnClient sfn) throws Exception {
    moto.enableStepFunctionsExecution();
    String arn =
        sfn.createStateMachine(
                r ->
                    r.name("pass")
                        .roleArn("arn:aws:iam::123456789012:role/sfn")
                        .definition(
                            "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\","
                                + "\"Result\":{\"answer\":42},\"End\":true}}}"))
            .stateMachineArn();
    String execution = sfn.startExecution(r -> r.stateMachineArn(arn).input("{}")).executionArn();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    ExecutionStatus status;
    do {
      Thread.sleep(100);
      status = sfn.describeExecution(r -> r.executionArn(execution)).status();
    } while (status == ExecutionStatus.RUNNING && Instant.now().isBefore(deadline));
    assertThat(status).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(sfn.describeExecution(r -> r.executionArn(execution)).output()).contains("42");
  }

  @Test
  void stepFunctionsAreBackInDefaultModeForTheNextTest(MotoServer moto) {
    assertThat(moto.stepFunctionsExecutionEnabled()).isFalse();
  }

  @Test
  void closeStopsTheProcess() {
    MotoServer own = MotoServer.start();
    int port = own.endpoint().getPort();
    assertThat(own.isRunning()).isTrue();
    own.close();
    assertThat(own.isRunning()).isFalse();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    assertThatThrownBy(own::ssm).isInstanceOf(IllegalStateException.class);
  }
}
