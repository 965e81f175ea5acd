package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.FakeAws;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The EC2 scenarios against the in-memory fake, through the SDK client view. */
class FakeEc2ConformanceTest extends Ec2Conformance {
  private final Ec2Client client = FakeAws.create().ec2();

  @Override
  Ec2Client ec2() {
    return client;
  }
}
