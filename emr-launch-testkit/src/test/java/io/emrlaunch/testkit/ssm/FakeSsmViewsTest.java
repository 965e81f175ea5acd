package io.emrlaunch.testkit.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.testkit.EmrLaunchTest;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.Fault;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.InternalServerErrorException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

/** FakeSsm behind the SDK client interfaces of a {@link FakeAws}: recording, faults, time. */
@EmrLaunchTest
class FakeSsmViewsTest {

  @Test
  void callsAreRecordedAndUseVirtualTime(FakeAws aws, SsmClient ssm) {
    aws.time().advance(Duration.ofDays(2));
    ssm.putParameter(r -> r.name("/v/a").value("1").type("String"));
    ssm.getParameter(r -> r.name("/v/a"));
    ssm.getParameter(r -> r.name("/v/a"));

    assertThat(ssm.getParameter(r -> r.name("/v/a")).parameter().lastModifiedDate())
        .isEqualTo(aws.time().now());
    assertThat(aws.calls().count(FakeAws.SSM, "PutParameter")).isEqualTo(1);
    assertThat(aws.calls().count(FakeAws.SSM, "GetParameter")).isEqualTo(3);
    assertThat(aws.calls().requests(FakeAws.SSM, "PutParameter", PutParameterRequest.class))
        .extracting(PutParameterRequest::name)
        .containsExactly("/v/a");
    assertThat(ssm.serviceName()).isEqualTo(SsmClient.SERVICE_NAME);
  }

  @Test
  void backendErrorsReachTheCallerAsModelledExceptions(FakeAws aws, SsmClient ssm) {
    assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/nope")))
        .isInstanceOfSatisfying(
            ParameterNotFoundException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ParameterNotFound");
              assertThat(e.awsErrorDetails().serviceName()).isEqualTo("SSM");
              assertThat(e.statusCode()).isEqualTo(400);
            });
    assertThat(aws.calls().calls(FakeAws.SSM, "GetParameter")).noneMatch(c -> c.succeeded());
  }

  @Test
  void throttlingIsInjectedBeforeTheBackend(FakeAws aws, SsmClient ssm) {
    Fault rule = aws.faults().on(FakeAws.SSM, "PutParameter").next(1).throttle();
    assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/f").value("1").type("String")))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.isThrottlingException()).isTrue();
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            });
    assertThat(aws.ssmBackend().size()).isZero();
    assertThat(ssm.putParameter(r -> r.name("/f").value("1").type("String")).version())
        .isEqualTo(1);
    assertThat(rule.fired()).isEqualTo(1);
  }

  @Test
  void serverErrorsAreSsmsInternalServerError(FakeAws aws, SsmAsyncClient ssm) {
    aws.faults().on(FakeAws.SSM, "GetParametersByPath").next(1).serverError();
    assertThatThrownBy(() -> ssm.getParametersByPath(r -> r.path("/x")).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(InternalServerErrorException.class);
    assertThat(ssm.getParametersByPath(r -> r.path("/x")).join().parameters()).isEmpty();
  }
}
