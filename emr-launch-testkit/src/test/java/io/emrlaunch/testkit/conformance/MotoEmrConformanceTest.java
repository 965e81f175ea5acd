package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.emr.EmrClient;

/** The EMR scenarios over the wire against moto, whose states change inside the calls. */
@MotoTest
class MotoEmrConformanceTest extends EmrConformance {
  private EmrClient client;

  @BeforeEach
  void connect(MotoServer moto) {
    client = moto.emr();
  }

  @Override
  EmrClient emr() {
    return client;
  }

  @Override
  void settle() {
    // Nothing to wait for: moto sets every state synchronously.
  }

  @Override
  boolean simulatesLifecycle() {
    return false;
  }
}
