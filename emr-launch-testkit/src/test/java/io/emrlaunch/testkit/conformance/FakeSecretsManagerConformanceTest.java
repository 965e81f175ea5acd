package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.FakeAws;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The Secrets Manager scenarios against the in-memory fake, through the SDK client view. */
class FakeSecretsManagerConformanceTest extends SecretsManagerConformance {
  private final SecretsManagerClient client = FakeAws.create().secretsManager();

  @Override
  SecretsManagerClient secrets() {
    return client;
  }
}
