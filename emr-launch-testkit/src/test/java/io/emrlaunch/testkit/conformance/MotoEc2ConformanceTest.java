package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The EC2 scenarios over the wire against moto. */
@MotoTest
class MotoEc2ConformanceTest extends Ec2Conformance {
  private Ec2Client client;

  @BeforeEach
  void connect(MotoServer moto) {
    client = moto.ec2();
  }

  @Override
  Ec2Client ec2() {
    return client;
  }
}
