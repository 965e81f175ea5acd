package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.FakeAws;
import software.amazon.awssdk.services.iam.IamClient;

/** The IAM scenarios against the in-memory fake, through the SDK client view. */
class FakeIamConformanceTest extends IamConformance {
  private final IamClient client = FakeAws.create().iam();

  @Override
  IamClient iam() {
    return client;
  }
}
