package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.FakeAws;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The SSM scenarios against the in-memory fake, through the testkit's SDK client view. */
class FakeSsmConformanceTest extends SsmConformance {
  private final SsmClient client = FakeAws.create().ssm();

  @Override
  SsmClient ssm() {
    return client;
  }

  @Override
  boolean enforcesServiceLimits() {
    return true;
  }
}
