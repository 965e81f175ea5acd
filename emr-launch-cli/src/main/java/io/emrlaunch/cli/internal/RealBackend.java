package io.emrlaunch.cli.internal;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;

/**
 * Real AWS (or an endpoint such as moto or LocalStack): the SDK's default credential chain (or a
 * named profile), the region given, clients on the AWS CRT async HTTP client, Netty when CRT's
 * native library cannot load.
 */
public final class RealBackend implements Backend {
  private final Region region;
  private final SdkAsyncHttpClient http;
  private final String httpName;
  private final AwsCredentialsProvider credentials;
  private final URI endpoint;
  private final ScheduledExecutorService scheduler;
  private EmrAsyncClient emr;
  private SsmAsyncClient ssm;
  private SfnAsyncClient sfn;

  /**
   * Creates clients lazily.
   *
   * @param region the region
   * @param profile the AWS named profile, or null for the default chain
   * @param endpoint an endpoint override, or null
   */
  public RealBackend(Region region, String profile, URI endpoint) {
    this.region = region;
    this.endpoint = endpoint;
    this.credentials =
        profile == null
            ? DefaultCredentialsProvider.builder().build()
            : ProfileCredentialsProvider.create(profile);
    SdkAsyncHttpClient h;
    String name;
    try {
      h = AwsCrtAsyncHttpClient.builder().build();
      name = "aws-crt";
    } catch (Throwable crtUnavailable) { // UnsatisfiedLinkError, ExceptionInInitializerError...
      h = NettyNioAsyncHttpClient.builder().build();
      name = "netty (aws-crt unavailable: " + crtUnavailable + ")";
    }
    this.http = h;
    this.httpName = name;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "emr-launch-cli");
              t.setDaemon(true);
              return t;
            });
  }

  /** Which HTTP client the SDK uses. */
  public String httpClientName() {
    return httpName;
  }

  private <B extends AwsClientBuilder<B, ?> & AwsAsyncClientBuilder<B, ?>> B configure(B b) {
    b.region(region).credentialsProvider(credentials).httpClient(http);
    if (endpoint != null) {
      b.endpointOverride(endpoint);
    }
    return b;
  }

  @Override
  public synchronized EmrAsyncClient emr() {
    if (emr == null) {
      emr = configure(EmrAsyncClient.builder()).build();
    }
    return emr;
  }

  @Override
  public synchronized SsmAsyncClient ssm() {
    if (ssm == null) {
      ssm = configure(SsmAsyncClient.builder()).build();
    }
    return ssm;
  }

  @Override
  public synchronized SfnAsyncClient sfn() {
    if (sfn == null) {
      sfn = configure(SfnAsyncClient.builder()).build();
    }
    return sfn;
  }

  @Override
  public Region region() {
    return region;
  }

  @Override
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public boolean simulated() {
    return false;
  }

  @Override
  public <T> T await(CompletableFuture<T> f, Runnable tick) {
    while (true) {
      Interrupts.check();
      try {
        T v = f.get(100, TimeUnit.MILLISECONDS);
        tick.run();
        return v;
      } catch (TimeoutException e) {
        tick.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Interrupts.InterruptedByUser();
      } catch (ExecutionException e) {
        return f.join(); // throws the CompletionException with the cause
      }
    }
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable c : new AutoCloseable[] {emr, ssm, sfn}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // closing
        }
      }
    }
    http.close();
    scheduler.shutdownNow();
  }
}
