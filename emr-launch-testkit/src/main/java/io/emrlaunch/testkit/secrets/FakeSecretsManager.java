package io.emrlaunch.testkit.secrets;

import io.emrlaunch.testkit.internal.SecretsManagerService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * In-memory AWS Secrets Manager: {@code CreateSecret}, {@code PutSecretValue} and {@code
 * GetSecretValue} (by name or ARN; {@code SecretString} or {@code SecretBinary}), with the errors
 * the service returns for them ({@code ResourceNotFoundException}, {@code ResourceExistsException},
 * {@code InvalidParameterException}), plus {@link #failDecryption(String)} for the {@code
 * DecryptionFailure} a key the caller may not use gives. Reach it through {@code
 * FakeAws.secretsManager()} / {@code secretsManagerAsync()}.
 *
 * <p>Versions: each put makes a new {@code AWSCURRENT} version; only the current one is served.
 */
public final class FakeSecretsManager {
  private final Clock clock;
  private final String region;
  private final String accountId;
  private final Map<String, Secret> byName = new LinkedHashMap<>();
  private final Map<String, String> failing = new LinkedHashMap<>();

  private static final class Secret {
    final String name;
    final String arn;
    String string;
    SdkBytes binary;
    String versionId;

    Secret(String name, String arn) {
      this.name = name;
      this.arn = arn;
    }
  }

  /**
   * Creates the fake.
   *
   * @param clock the virtual clock (creation dates)
   * @param region region of ARNs
   * @param accountId account of ARNs
   */
  public FakeSecretsManager(Clock clock, String region, String accountId) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.region = Objects.requireNonNull(region, "region");
    this.accountId = Objects.requireNonNull(accountId, "accountId");
  }

  /**
   * Test setup: creates (or replaces) a secret with a text value, as {@code CreateSecret} would.
   *
   * @param name the secret's name
   * @param secretString its value
   * @return its ARN
   */
  public synchronized String putSecretString(String name, String secretString) {
    Secret s = byName.computeIfAbsent(name, n -> new Secret(n, arnOf(n)));
    s.string = secretString;
    s.binary = null;
    s.versionId = UUID.randomUUID().toString();
    return s.arn;
  }

  /**
   * Test setup: creates (or replaces) a secret with a binary value.
   *
   * @param name the secret's name
   * @param secretBinary its value
   * @return its ARN
   */
  public synchronized String putSecretBinary(String name, byte[] secretBinary) {
    Secret s = byName.computeIfAbsent(name, n -> new Secret(n, arnOf(n)));
    s.string = null;
    s.binary = SdkBytes.fromByteArray(secretBinary);
    s.versionId = UUID.randomUUID().toString();
    return s.arn;
  }

  /**
   * Makes every read of a secret fail with {@code DecryptionFailure}, as when its KMS key may not
   * be used by the caller.
   *
   * @param nameOrArn the secret
   */
  public synchronized void failDecryption(String nameOrArn) {
    Secret s = find(nameOrArn);
    failing.put(s.name, "Failed to decrypt the secret: access to KMS is not allowed");
  }

  /** {@code CreateSecret}. */
  public synchronized CreateSecretResponse createSecret(CreateSecretRequest r) {
    if (r.name() == null || r.name().isEmpty()) {
      throw error(
          "InvalidParameterException", "You must provide a name.", InvalidParameterException.class);
    }
    if (byName.containsKey(r.name())) {
      throw error(
          "ResourceExistsException",
          "The operation failed because the secret " + r.name() + " already exists.",
          ResourceExistsException.class);
    }
    String arn =
        r.secretBinary() != null
            ? putSecretBinary(r.name(), r.secretBinary().asByteArray())
            : putSecretString(r.name(), r.secretString());
    Secret s = byName.get(r.name());
    return CreateSecretResponse.builder().arn(arn).name(s.name).versionId(s.versionId).build();
  }

  /** {@code PutSecretValue}. */
  public synchronized PutSecretValueResponse putSecretValue(PutSecretValueRequest r) {
    Secret s = find(r.secretId());
    if (r.secretBinary() != null) {
      putSecretBinary(s.name, r.secretBinary().asByteArray());
    } else {
      putSecretString(s.name, r.secretString());
    }
    return PutSecretValueResponse.builder().arn(s.arn).name(s.name).versionId(s.versionId).build();
  }

  /** {@code GetSecretValue} of the current version. */
  public synchronized GetSecretValueResponse getSecretValue(GetSecretValueRequest r) {
    Secret s = find(r.secretId());
    if (failing.containsKey(s.name)) {
      throw error("DecryptionFailure", failing.get(s.name), DecryptionFailureException.class);
    }
    GetSecretValueResponse.Builder b =
        GetSecretValueResponse.builder()
            .arn(s.arn)
            .name(s.name)
            .versionId(s.versionId)
            .versionStages("AWSCURRENT")
            .createdDate(clock.instant());
    if (s.binary != null) {
      b.secretBinary(s.binary);
    } else {
      b.secretString(s.string);
    }
    return b.build();
  }

  private Secret find(String nameOrArn) {
    if (nameOrArn == null || nameOrArn.isEmpty()) {
      throw error(
          "InvalidParameterException",
          "You must provide a SecretId.",
          InvalidParameterException.class);
    }
    Secret s = byName.get(nameOrArn);
    if (s == null) {
      for (Secret c : byName.values()) {
        // a full ARN, or an ARN without the random suffix (partial ARN)
        if (c.arn.equals(nameOrArn) || c.arn.startsWith(nameOrArn + "-")) {
          s = c;
          break;
        }
      }
    }
    if (s == null) {
      throw error(
          "ResourceNotFoundException",
          "Secrets Manager can't find the specified secret.",
          ResourceNotFoundException.class);
    }
    return s;
  }

  private String arnOf(String name) {
    // the service appends a 6-character random suffix to every secret ARN
    String suffix = Integer.toHexString((name.hashCode() & 0xffffff) | 0x100000).substring(0, 6);
    return "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:" + name + "-" + suffix;
  }

  private static <T extends AwsServiceException> T error(String code, String message, Class<T> t) {
    return t.cast(SecretsManagerService.DESCRIPTOR.error(code, 400, message));
  }
}
