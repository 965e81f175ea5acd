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
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.sts.StsAsyncClient;

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
  private IamAsyncClient iam;
  private S3AsyncClient s3;
  private Ec2AsyncClient ec2;
  private SnsAsyncClient sns;
  private StsAsyncClient sts;

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
  public synchronized IamAsyncClient iam() {
    if (iam == null) {
      // IAM is global: its partition's global region (an endpoint override wins).
      String partition = region.metadata() == null ? "aws" : region.metadata().partition().id();
      Region global =
          switch (partition) {
            case "aws-cn" -> Region.AWS_CN_GLOBAL;
            case "aws-us-gov" -> Region.AWS_US_GOV_GLOBAL;
            default -> Region.AWS_GLOBAL;
          };
      iam = configure(IamAsyncClient.builder()).region(global).build();
    }
    return iam;
  }

  @Override
  public synchronized S3AsyncClient s3() {
    if (s3 == null) {
      // an endpoint such as moto serves buckets by path, not as host names
      s3 = configure(S3AsyncClient.builder()).forcePathStyle(endpoint != null).build();
    }
    return s3;
  }

  @Override
  public synchronized Ec2AsyncClient ec2() {
    if (ec2 == null) {
      ec2 = configure(Ec2AsyncClient.builder()).build();
    }
    return ec2;
  }

  @Override
  public synchronized SnsAsyncClient sns() {
    if (sns == null) {
      sns = configure(SnsAsyncClient.builder()).build();
    }
    return sns;
  }

  @Override
  public synchronized CompletableFuture<String> accountId() {
    if (sts == null) {
      sts = configure(StsAsyncClient.builder()).build();
    }
    return sts.getCallerIdentity(r -> {}).thenApply(r -> r.account());
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
    for (AutoCloseable c : new AutoCloseable[] {emr, ssm, sfn, iam, ec2, s3, sns, sts}) {
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
