package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.iam.IamClient;

/** The IAM scenarios over the wire against moto. */
@MotoTest
class MotoIamConformanceTest extends IamConformance {
  private IamClient client;

  @BeforeEach
  void connect(MotoServer moto) {
    client = moto.iam();
  }

  @Override
  IamClient iam() {
    return client;
  }
}
