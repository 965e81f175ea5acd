package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.FakeAws;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The Step Functions scenarios against the in-memory fake, through the SDK client view. */
class FakeSfnConformanceTest extends SfnConformance {
  private final SfnClient client = FakeAws.create().sfn();

  @Override
  SfnClient sfn() {
    return client;
  }

  @Override
  boolean followsAws() {
    return true;
  }
}
