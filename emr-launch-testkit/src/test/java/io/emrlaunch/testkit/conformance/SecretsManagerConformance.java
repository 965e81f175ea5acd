package io.emrlaunch.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Secrets Manager scenarios that must give the same results on the fake and on moto. */
abstract class SecretsManagerConformance {

  /** The client under test; fresh state for every test. */
  abstract SecretsManagerClient secrets();

  @Test
  void secretStringReadsBackByNameAndArn() {
    CreateSecretResponse created =
        secrets()
            .createSecret(r -> r.name("emr/kerberos").secretString("{\"Realm\":\"EC2.INTERNAL\"}"));
    assertThat(created.arn()).contains(":secretsmanager:").contains(":secret:emr/kerberos-");
    GetSecretValueResponse byName = secrets().getSecretValue(r -> r.secretId("emr/kerberos"));
    GetSecretValueResponse byArn = secrets().getSecretValue(r -> r.secretId(created.arn()));
    assertThat(byName.secretString()).isEqualTo("{\"Realm\":\"EC2.INTERNAL\"}");
    assertThat(byName.secretBinary()).isNull();
    assertThat(byArn.secretString()).isEqualTo(byName.secretString());
    assertThat(byArn.arn()).isEqualTo(created.arn());
    assertThat(byName.name()).isEqualTo("emr/kerberos");
    assertThat(byName.versionStages()).contains("AWSCURRENT");
  }

  @Test
  void secretBinaryReadsBackAsBytes() {
    byte[] value = "eyJhIjoiYiJ9".getBytes(StandardCharsets.US_ASCII);
    secrets().createSecret(r -> r.name("emr/binary").secretBinary(SdkBytes.fromByteArray(value)));
    GetSecretValueResponse got = secrets().getSecretValue(r -> r.secretId("emr/binary"));
    assertThat(got.secretString()).isNull();
    assertThat(got.secretBinary().asByteArray()).isEqualTo(value);
  }

  @Test
  void putSecretValueMakesANewCurrentVersion() {
    secrets().createSecret(r -> r.name("emr/hive").secretString("{\"a\":\"1\"}"));
    secrets().putSecretValue(r -> r.secretId("emr/hive").secretString("{\"a\":\"2\"}"));
    assertThat(secrets().getSecretValue(r -> r.secretId("emr/hive")).secretString())
        .isEqualTo("{\"a\":\"2\"}");
  }

  @Test
  void missingAndDuplicateSecretsAreTypedErrors() {
    assertThatThrownBy(() -> secrets().getSecretValue(r -> r.secretId("emr/nope")))
        .isInstanceOf(ResourceNotFoundException.class);
    secrets().createSecret(r -> r.name("emr/dup").secretString("{}"));
    assertThatThrownBy(() -> secrets().createSecret(r -> r.name("emr/dup").secretString("{}")))
        .isInstanceOf(ResourceExistsException.class);
  }
}
