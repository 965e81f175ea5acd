package io.emrlaunch.core.launch;

import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.overrides.Overrides;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * Validates a launch request and builds the {@code RunJobFlowRequest} it sends, before any call.
 */
final class LaunchPreparation {
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.:/=+@-]{1,128}");

  /** RunJobFlow is not idempotent: the SDK must not retry it behind our back. */
  private static final SdkPlugin NO_SDK_RETRIES =
      config ->
          config.overrideConfiguration(
              config.overrideConfiguration().toBuilder()
                  .retryStrategy(AwsRetryStrategy.doNotRetry())
                  .build());

  private LaunchPreparation() {}

  static RunJobFlowRequest prepare(LaunchRequest request, String token) {
    Problems p = Problems.root();
    request
        .clusterName()
        .ifPresent(
            n -> {
              if (n.length() > 256) {
                p.add("clusterName", "must be at most 256 characters");
              }
            });
    request
        .timeout()
        .ifPresent(
            t -> {
              if (t.isNegative() || t.isZero()) {
                p.add("timeout", "must be positive");
              }
            });
    request
        .idempotencyKey()
        .ifPresent(
            k -> {
              if (!IDEMPOTENCY_KEY.matcher(k).matches()) {
                p.add(
                    "idempotencyKey",
                    "must be 1 to 128 letters, digits or -_.:/=+@ (was " + k.length() + " chars)");
              }
            });
    checkTags(p.at("tags"), request.tags());
    Map<String, String> merged = new LinkedHashMap<>(request.configuration().tags());
    merged.putAll(request.tags());
    int total = merged.size() + 1;
    if (total > 50) {
      p.add("tags", "EMR allows 50 tags per cluster; this launch has " + total);
    }
    ClusterConfiguration config = request.configuration();
    if (!request.overrides().isEmpty()) {
      try {
        config =
            Overrides.apply(
                config,
                request.allowedOverrides().isEmpty()
                    ? config.allowedOverrides()
                    : request.allowedOverrides(),
                request.overrides());
      } catch (ValidationException e) {
        p.addAll(e.problems());
        config = null;
      }
    }
    RunJobFlowRequest base = null;
    if (config != null) {
      try {
        Map<String, String> tags = new LinkedHashMap<>(request.tags());
        tags.put(ClusterLauncher.LAUNCH_TOKEN_TAG, token);
        base =
            RunJobFlowRequests.from(
                request.profile(),
                config,
                request.clusterName().orElse(null),
                tags,
                request.steps());
      } catch (ValidationException e) {
        p.addAll(e.problems());
      }
    }
    p.throwIfAny();
    return base.toBuilder().overrideConfiguration(o -> o.addPlugin(NO_SDK_RETRIES)).build();
  }

  /**
   * A launch that needs secrets on a launcher without a Secrets Manager client: a problem per field
   * that names a secret (its ARN is not a secret; the values are never read).
   */
  static void checkNoSecrets(LaunchRequest request) {
    Problems p = Problems.root();
    String fix =
        "names a secret, but the launcher has no Secrets Manager client: build it with"
            + " ClusterLauncher.builder().secretsManager(...)";
    if (request.profile().kerberosAttributesSecretArn().isPresent()) {
      p.at("profile").add("kerberosAttributesSecretArn", fix);
    }
    for (String classification : request.configuration().secretConfigurations().keySet()) {
      p.at("configuration").at("secretConfigurations").add(classification, fix);
    }
    p.throwIfAny();
  }

  /** A job's region must be the region of this launcher's EMR client (one client, one region). */
  static void checkRegion(
      software.amazon.awssdk.services.emr.EmrAsyncClient emr,
      io.emrlaunch.core.model.SparkJob job) {
    var clientRegion = emr.serviceClientConfiguration().region();
    job.region()
        .filter(r -> clientRegion != null && !r.equals(clientRegion.id()))
        .ifPresent(
            r -> {
              throw new ValidationException(
                  java.util.List.of(
                      io.emrlaunch.core.validation.Problem.of(
                          "job.region",
                          "is "
                              + r
                              + " but this launcher's EMR client is in "
                              + clientRegion.id()
                              + ": build a launcher with an EmrAsyncClient for "
                              + r)));
            });
  }

  static void checkTags(Problems p, Map<String, String> tags) {
    for (Map.Entry<String, String> e : tags.entrySet()) {
      String key = e.getKey();
      Problems at = p.at(key);
      if (key.isEmpty() || key.length() > 128) {
        p.add("keys", "tag key '" + key + "' must have 1 to 128 characters");
      }
      if (key.startsWith("aws:")) {
        at.add("the aws: prefix is reserved by AWS");
      }
      if (key.equals(ClusterLauncher.LAUNCH_TOKEN_TAG)) {
        at.add("is set by the launcher");
      }
      if (e.getValue() != null && e.getValue().length() > 256) {
        at.add("must be at most 256 characters");
      }
    }
  }
}
