package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.ssm.FakeSsm;
import java.time.Clock;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The SSM scenarios against the in-memory fake. */
class FakeSsmConformanceTest extends SsmConformance {
  private final SsmClient client = SdkViews.view(SsmClient.class, new FakeSsm(Clock.systemUTC()));

  @Override
  SsmClient ssm() {
    return client;
  }

  @Override
  boolean enforcesServiceLimits() {
    return true;
  }
}
