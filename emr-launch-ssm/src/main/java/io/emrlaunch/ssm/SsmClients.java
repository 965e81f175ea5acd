package io.emrlaunch.ssm;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.SsmAsyncClientBuilder;

/**
 * SSM clients configured for the repositories. Parameter Store throttles at a few dozen requests
 * per second per account; a burst of cluster launches reading their profiles must slow down, not
 * fail. The SDK's retry strategy does that; this class only picks sensible settings:
 *
 * <ul>
 *   <li>the SDK's standard strategy (it retries throttling, 5xx and I/O errors, never
 *       ParameterNotFound or validation errors) with {@value #DEFAULT_MAX_ATTEMPTS} attempts;
 *   <li>exponential backoff with jitter, from 100 ms for transient errors and from 500 ms (up to 20
 *       s) for throttling;
 *   <li>no circuit breaker, so a throttling storm delays every caller instead of failing the ones
 *       that arrive after the retry token bucket runs dry.
 * </ul>
 *
 * <pre>{@code
 * SsmAsyncClient ssm = SsmClients.asyncClient(b -> b.region(Region.EU_WEST_1));
 * // or, on a builder you already configure:
 * SsmAsyncClient.builder()
 *     .overrideConfiguration(o -> o.retryStrategy(SsmClients.retryStrategy()))
 *     .build();
 * }</pre>
 */
public final class SsmClients {
  /** Attempts per request, the first included. */
  public static final int DEFAULT_MAX_ATTEMPTS = 8;

  private SsmClients() {}

  /**
   * The recommended retry strategy.
   *
   * @return a strategy for {@code ClientOverrideConfiguration.Builder#retryStrategy}
   */
  public static RetryStrategy retryStrategy() {
    return retryStrategy(
        DEFAULT_MAX_ATTEMPTS,
        Duration.ofMillis(100),
        Duration.ofMillis(500),
        Duration.ofSeconds(20));
  }

  /**
   * A retry strategy with chosen attempts and delays (tests use millisecond delays).
   *
   * @param maxAttempts attempts per request, the first included (1 disables retries)
   * @param baseDelay first delay after a transient error
   * @param throttlingBaseDelay first delay after a throttling error
   * @param maxDelay longest delay
   * @return the strategy
   */
  public static RetryStrategy retryStrategy(
      int maxAttempts, Duration baseDelay, Duration throttlingBaseDelay, Duration maxDelay) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1 (was " + maxAttempts + ")");
    }
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(maxAttempts)
        .backoffStrategy(BackoffStrategy.exponentialDelay(baseDelay, maxDelay))
        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttlingBaseDelay, maxDelay))
        .circuitBreakerEnabled(false)
        .build();
  }

  /**
   * An async client with {@link #retryStrategy()}, further configured by the caller (region,
   * credentials, endpoint, HTTP client).
   *
   * @param customizer applied after the retry strategy is set
   * @return the client; close it when done
   */
  public static SsmAsyncClient asyncClient(Consumer<SsmAsyncClientBuilder> customizer) {
    Objects.requireNonNull(customizer, "customizer");
    SsmAsyncClientBuilder b =
        SsmAsyncClient.builder().overrideConfiguration(o -> o.retryStrategy(retryStrategy()));
    customizer.accept(b);
    return b.build();
  }
}
