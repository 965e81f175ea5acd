package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The SSM scenarios over the wire against moto (reset before each test by the extension). */
@MotoTest
class MotoSsmConformanceTest extends SsmConformance {
  private SsmClient client;

  @BeforeEach
  void connect(MotoServer moto) {
    client = moto.ssm();
  }

  @Override
  SsmClient ssm() {
    return client;
  }

  @Override
  boolean enforcesServiceLimits() {
    return false;
  }
}
