package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The Step Functions scenarios over the wire against moto in its default mode. */
@MotoTest
class MotoSfnConformanceTest extends SfnConformance {
  private SfnClient client;

  @BeforeEach
  void connect(MotoServer moto) {
    client = moto.sfn();
  }

  @Override
  SfnClient sfn() {
    return client;
  }

  @Override
  boolean followsAws() {
    return false;
  }
}
