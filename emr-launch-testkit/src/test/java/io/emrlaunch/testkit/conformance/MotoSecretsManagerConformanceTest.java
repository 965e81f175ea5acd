package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The Secrets Manager scenarios over the wire against moto (reset before each test). */
@MotoTest
class MotoSecretsManagerConformanceTest extends SecretsManagerConformance {
  private SecretsManagerClient client;

  @BeforeEach
  void connect(MotoServer moto) {
    client = moto.configure(SecretsManagerClient.builder()).build();
  }

  @Override
  SecretsManagerClient secrets() {
    return client;
  }
}
