package io.emrlaunch.core.launch.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.EmrLaunchException;
import io.emrlaunch.core.launch.SecretDecryptionFailureException;
import io.emrlaunch.core.launch.SecretNotFoundException;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.model.Configuration;
import software.amazon.awssdk.services.emr.model.KerberosAttributes;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Resolves secrets at the last moment, in process, the way aws-emr-launch's RunJobFlow Lambda did:
 * each of the configuration's {@code secretConfigurations} (classification → secret ARN) is read
 * and its JSON object merged into the request's {@code Configurations} under that classification
 * (into its {@code Properties}, or appended as a new classification); the profile's {@code
 * kerberosAttributesSecretArn} is read and only {@code Realm}, {@code KdcAdminPassword}, {@code
 * ADDomainJoinUser}, {@code ADDomainJoinPassword} and {@code CrossRealmTrustPrincipalPassword} are
 * kept, as the request's {@code KerberosAttributes}. A secret's value is its {@code SecretString}
 * JSON, or its {@code SecretBinary} holding base64 of that JSON (or the JSON bytes themselves).
 *
 * <p>Failures are typed and name the secret and the field that referenced it, never a value: {@link
 * SecretNotFoundException} ({@code ResourceNotFoundException}), {@link
 * SecretDecryptionFailureException} ({@code DecryptionFailure}, or a value that is not a JSON
 * object of text values), any other error as an {@link EmrLaunchException} with the SDK error as
 * its cause.
 *
 * <pre>{@code
 * RunJobFlowRequest base = RunJobFlowRequests.from(profile, config, name, tags, steps);
 * new SecretResolver(secretsManager).resolve(profile, config, base)
 *     .thenCompose(request -> emr.runJobFlow(request));
 * }</pre>
 */
public final class SecretResolver {
  /** The Kerberos attributes EMR takes; every other key of the secret is dropped. */
  public static final List<String> KERBEROS_KEYS =
      List.of(
          "Realm",
          "KdcAdminPassword",
          "ADDomainJoinUser",
          "ADDomainJoinPassword",
          "CrossRealmTrustPrincipalPassword");

  private final SecretsManagerAsyncClient client;

  /**
   * Creates the resolver.
   *
   * @param client the Secrets Manager client (not owned)
   */
  public SecretResolver(SecretsManagerAsyncClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Whether a launch of these inputs needs Secrets Manager at all.
   *
   * @param profile the profile
   * @param configuration the configuration
   * @return true when there is a Kerberos secret or a secret configuration
   */
  public static boolean needsSecrets(EmrProfile profile, ClusterConfiguration configuration) {
    return profile.kerberosAttributesSecretArn().isPresent()
        || !configuration.secretConfigurations().isEmpty();
  }

  /**
   * The request with every secret resolved; the request itself when none is needed (no call).
   *
   * @param profile the profile (its Kerberos attributes secret)
   * @param configuration the configuration (its secret configurations)
   * @param request the request built by {@code RunJobFlowRequests.from} for them
   * @return completes with the request EMR should receive; fails with {@link
   *     SecretNotFoundException}, {@link SecretDecryptionFailureException} or {@link
   *     EmrLaunchException}
   */
  public CompletableFuture<RunJobFlowRequest> resolve(
      EmrProfile profile, ClusterConfiguration configuration, RunJobFlowRequest request) {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(request, "request");
    if (!needsSecrets(profile, configuration)) {
      return CompletableFuture.completedFuture(request);
    }
    Map<String, CompletableFuture<Map<String, String>>> configs = new LinkedHashMap<>();
    configuration
        .secretConfigurations()
        .forEach(
            (classification, arn) ->
                configs.put(
                    classification,
                    read(arn, "configuration.secretConfigurations." + classification)));
    CompletableFuture<Map<String, String>> kerberos =
        profile
            .kerberosAttributesSecretArn()
            .map(arn -> read(arn, "profile.kerberosAttributesSecretArn"))
            .orElse(CompletableFuture.completedFuture(null));
    List<CompletableFuture<?>> all = new ArrayList<>(configs.values());
    all.add(kerberos);
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .handle(
            (ok, e) -> {
              if (e != null) {
                // the first failure in the order the secrets were referenced
                for (CompletableFuture<?> f : all) {
                  if (f.isCompletedExceptionally()) {
                    throw unwrapped(f);
                  }
                }
                throw e instanceof CompletionException c ? c : new CompletionException(e);
              }
              RunJobFlowRequest.Builder b = request.toBuilder();
              List<Configuration> merged =
                  new ArrayList<>(
                      request.hasConfigurations() ? request.configurations() : List.of());
              configs.forEach(
                  (classification, values) -> merge(merged, classification, values.join()));
              if (!configs.isEmpty()) {
                b.configurations(merged);
              }
              Map<String, String> k = kerberos.join();
              if (k != null) {
                b.kerberosAttributes(kerberosAttributes(k));
              }
              return b.build();
            });
  }

  private static RuntimeException unwrapped(CompletableFuture<?> f) {
    try {
      f.join();
      return new IllegalStateException("not failed");
    } catch (CompletionException e) {
      return e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static KerberosAttributes kerberosAttributes(Map<String, String> secret) {
    KerberosAttributes.Builder b = KerberosAttributes.builder();
    if (secret.containsKey("Realm")) {
      b.realm(secret.get("Realm"));
    }
    if (secret.containsKey("KdcAdminPassword")) {
      b.kdcAdminPassword(secret.get("KdcAdminPassword"));
    }
    if (secret.containsKey("ADDomainJoinUser")) {
      b.adDomainJoinUser(secret.get("ADDomainJoinUser"));
    }
    if (secret.containsKey("ADDomainJoinPassword")) {
      b.adDomainJoinPassword(secret.get("ADDomainJoinPassword"));
    }
    if (secret.containsKey("CrossRealmTrustPrincipalPassword")) {
      b.crossRealmTrustPrincipalPassword(secret.get("CrossRealmTrustPrincipalPassword"));
    }
    return b.build();
  }

  /** aws-emr-launch's {@code update_configurations}: merge into the classification, or append. */
  private static void merge(
      List<Configuration> configurations, String classification, Map<String, String> properties) {
    for (int i = 0; i < configurations.size(); i++) {
      Configuration c = configurations.get(i);
      if (classification.equals(c.classification())) {
        Map<String, String> p = new LinkedHashMap<>(c.hasProperties() ? c.properties() : Map.of());
        p.putAll(properties);
        configurations.set(i, c.toBuilder().properties(p).build());
        return;
      }
    }
    configurations.add(
        Configuration.builder().classification(classification).properties(properties).build());
  }

  private CompletableFuture<Map<String, String>> read(String secretId, String field) {
    CompletableFuture<GetSecretValueResponse> call;
    try {
      call = client.getSecretValue(r -> r.secretId(secretId));
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    return call.handle(
        (r, e) -> {
          if (e != null) {
            Throwable cause =
                e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof ResourceNotFoundException) {
              throw new SecretNotFoundException(secretId, field, cause);
            }
            if (cause instanceof DecryptionFailureException) {
              throw new SecretDecryptionFailureException(
                  secretId, field, "Secrets Manager could not decrypt it", cause);
            }
            throw new EmrLaunchException(
                "reading secret " + secretId + " (" + field + ") failed: " + safe(cause), cause);
          }
          return values(r, secretId, field);
        });
  }

  private static String safe(Throwable t) {
    return t instanceof SdkException s ? s.getClass().getSimpleName() : t.getClass().getName();
  }

  private static Map<String, String> values(
      GetSecretValueResponse r, String secretId, String field) {
    String json;
    if (r.secretString() != null) {
      json = r.secretString();
    } else if (r.secretBinary() != null) {
      byte[] bytes = r.secretBinary().asByteArray();
      try {
        json =
            new String(
                Base64.getDecoder().decode(new String(bytes, StandardCharsets.US_ASCII).strip()),
                StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        json = new String(bytes, StandardCharsets.UTF_8);
      }
    } else {
      throw new SecretDecryptionFailureException(secretId, field, "it has no value", null);
    }
    JsonNode node;
    try {
      node = io.emrlaunch.core.json.internal.Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      // the parser's message would quote the value: leave it out
      throw new SecretDecryptionFailureException(
          secretId,
          field,
          "its value is not JSON (a JSON object of text values is expected)",
          null);
    }
    if (node == null || !node.isObject()) {
      throw new SecretDecryptionFailureException(
          secretId, field, "its value is not a JSON object of text values", null);
    }
    Map<String, String> out = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              if (v.isValueNode() && !v.isNull()) {
                out.put(e.getKey(), v.asText());
              }
            });
    return out;
  }
}
