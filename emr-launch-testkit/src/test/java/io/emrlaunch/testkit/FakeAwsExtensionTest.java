package io.emrlaunch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.emr.FakeEmr;
import io.emrlaunch.testkit.emr.Requests;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.EmrClient;

@EmrLaunchTest(seed = 99)
class FakeAwsExtensionTest {
  private final FakeAws fromConstructor;

  FakeAwsExtensionTest(FakeAws aws) {
    this.fromConstructor = aws;
  }

  @Test
  void constructorAndMethodParametersShareOneFreshBundle(
      FakeAws aws,
      VirtualTime time,
      Clock clock,
      ScheduledExecutorService scheduler,
      CallLog calls,
      FaultPlan faults,
      FakeEmr emrBackend,
      EmrClient emr,
      EmrAsyncClient emrAsync) {
    assertThat(aws).isSameAs(fromConstructor);
    assertThat(time).isSameAs(aws.time());
    assertThat(clock).isSameAs(aws.clock());
    assertThat(scheduler).isSameAs(aws.scheduler());
    assertThat(calls).isSameAs(aws.calls());
    assertThat(faults).isSameAs(aws.faults());
    assertThat(emrBackend).isSameAs(aws.emrBackend());
    assertThat(emr).isSameAs(aws.emr());
    assertThat(emrAsync).isSameAs(aws.emrAsync());
    assertThat(aws.seed()).isEqualTo(99);
    assertThat(faults.seed()).isEqualTo(99);
    assertThat(calls.total()).isZero();
    emr.runJobFlow(Requests.cluster("x", true).build());
    time.advance(Duration.ofHours(1));
  }

  @Test
  void eachTestGetsItsOwnBundle(FakeAws aws) {
    assertThat(aws).isSameAs(fromConstructor);
    assertThat(aws.calls().total()).isZero();
    assertThat(aws.emrBackend().clusterCount()).isZero();
    assertThat(aws.time().now()).isEqualTo(VirtualTime.DEFAULT_START);
  }
}
