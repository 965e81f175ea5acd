package io.emrlaunch.core.launch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.EmrLaunchException;
import io.emrlaunch.core.launch.RunJobFlowRequests;
import io.emrlaunch.core.launch.SecretDecryptionFailureException;
import io.emrlaunch.core.launch.SecretNotFoundException;
import io.emrlaunch.core.model.ApplicationConfiguration;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.testkit.FakeAws;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.Configuration;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/** Issue 14, D11: secrets resolved in process, as aws-emr-launch's RunJobFlow Lambda did. */
class SecretResolverTest {
  static final String ACCOUNT = "123456789012";
  static final String PASSWORD = "kdc-admin-s3cr3t";
  static final String DB_PASSWORD = "metastore-s3cr3t";

  final FakeAws aws = FakeAws.create();
  final SecretResolver resolver = new SecretResolver(aws.secretsManagerAsync());

  static EmrProfile profile(String kerberosSecretArn) {
    return EmrProfile.builder()
        .name("kerberized")
        .serviceRole("arn:aws:iam::" + ACCOUNT + ":role/EMR_DefaultRole")
        .instanceRole("arn:aws:iam::" + ACCOUNT + ":role/EMR_EC2_DefaultRole")
        .kerberosAttributesSecretArn(java.util.Optional.ofNullable(kerberosSecretArn))
        .build();
  }

  static ClusterConfiguration config(Map<String, String> secretConfigurations) {
    return ClusterConfiguration.builder()
        .name("c")
        .releaseLabel("emr-7.5.0")
        .addConfigurations(
            ApplicationConfiguration.of("hive-site", Map.of("hive.metastore.uris", "thrift://m")))
        .instances(
            ClusterInstances.builder()
                .masterGroup(InstanceGroupConfig.of("Master", "m5.xlarge", 1))
                .build())
        .secretConfigurations(secretConfigurations)
        .build();
  }

  RunJobFlowRequest resolve(EmrProfile p, ClusterConfiguration c) {
    RunJobFlowRequest base = RunJobFlowRequests.from(p, c, "k", Map.of());
    CompletableFuture<RunJobFlowRequest> f = resolver.resolve(p, c, base);
    return aws.time().runUntil(f, Duration.ofSeconds(10)).join();
  }

  Throwable failure(EmrProfile p, ClusterConfiguration c) {
    RunJobFlowRequest base = RunJobFlowRequests.from(p, c, "k", Map.of());
    CompletableFuture<RunJobFlowRequest> f = resolver.resolve(p, c, base);
    try {
      aws.time().runUntil(f, Duration.ofSeconds(10)).join();
      throw new AssertionError("resolved");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void kerberosSecretKeepsOnlyTheFiveAttributes() {
    String arn =
        aws.secretsManagerBackend()
            .putSecretString(
                "emr/kdc",
                "{\"Realm\":\"EC2.INTERNAL\",\"KdcAdminPassword\":\""
                    + PASSWORD
                    + "\",\"ADDomainJoinUser\":\"joiner\",\"Unrelated\":\"dropped\"}");
    RunJobFlowRequest r = resolve(profile(arn), config(Map.of()));
    assertThat(r.kerberosAttributes().realm()).isEqualTo("EC2.INTERNAL");
    assertThat(r.kerberosAttributes().kdcAdminPassword()).isEqualTo(PASSWORD);
    assertThat(r.kerberosAttributes().adDomainJoinUser()).isEqualTo("joiner");
    assertThat(r.kerberosAttributes().adDomainJoinPassword()).isNull();
    assertThat(r.toString()).doesNotContain("dropped");
    assertThat(aws.calls().count("secretsmanager", "GetSecretValue")).isEqualTo(1);
  }

  @Test
  void secretConfigurationsMergeByClassificationFromStringAndBinarySecrets() {
    String hive =
        aws.secretsManagerBackend()
            .putSecretString(
                "emr/hive", "{\"javax.jdo.option.ConnectionPassword\":\"" + DB_PASSWORD + "\"}");
    String spark =
        aws.secretsManagerBackend()
            .putSecretBinary(
                "emr/spark",
                Base64.getEncoder()
                    .encode("{\"spark.secret\":\"x1\"}".getBytes(StandardCharsets.UTF_8)));
    RunJobFlowRequest r =
        resolve(profile(null), config(Map.of("hive-site", hive, "spark-defaults", spark)));
    Map<String, Configuration> byClass = new java.util.LinkedHashMap<>();
    r.configurations().forEach(c -> byClass.put(c.classification(), c));
    assertThat(byClass.get("hive-site").properties())
        .containsEntry("hive.metastore.uris", "thrift://m")
        .containsEntry("javax.jdo.option.ConnectionPassword", DB_PASSWORD);
    assertThat(byClass.get("spark-defaults").properties()).containsEntry("spark.secret", "x1");
    assertThat(r.kerberosAttributes()).isNull();
  }

  @Test
  void noSecretsNoCall() {
    RunJobFlowRequest base =
        RunJobFlowRequests.from(profile(null), config(Map.of()), "k", Map.of());
    assertThat(resolver.resolve(profile(null), config(Map.of()), base).join()).isSameAs(base);
    assertThat(aws.calls().count("secretsmanager")).isZero();
  }

  @Test
  void missingUndecryptableAndMalformedSecretsAreTypedAndNeverEchoTheValue() {
    String missing = "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:emr/none-abcdef";
    Throwable notFound = failure(profile(missing), config(Map.of()));
    assertThat(notFound)
        .isInstanceOf(SecretNotFoundException.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("profile.kerberosAttributesSecretArn");
    String locked = aws.secretsManagerBackend().putSecretString("emr/locked", "{\"a\":\"b\"}");
    aws.secretsManagerBackend().failDecryption(locked);
    assertThat(failure(profile(null), config(Map.of("hive-site", locked))))
        .isInstanceOf(SecretDecryptionFailureException.class)
        .hasMessageContaining("configuration.secretConfigurations.hive-site");
    String notJson = aws.secretsManagerBackend().putSecretString("emr/raw", "pw=" + DB_PASSWORD);
    Throwable malformed = failure(profile(null), config(Map.of("hive-site", notJson)));
    assertThat(malformed).isInstanceOf(SecretDecryptionFailureException.class);
    assertThat(malformed.getMessage()).doesNotContain(DB_PASSWORD);
    assertThat(List.of(notFound, malformed)).allMatch(t -> t instanceof EmrLaunchException);
  }
}
