package io.emrlaunch.testkit;

import io.emrlaunch.testkit.ec2.FakeEc2;
import io.emrlaunch.testkit.emr.EmrBehavior;
import io.emrlaunch.testkit.emr.EmrServiceEvent;
import io.emrlaunch.testkit.emr.FakeEmr;
import io.emrlaunch.testkit.events.FakeEventBridge;
import io.emrlaunch.testkit.iam.FakeIam;
import io.emrlaunch.testkit.internal.ClientViews;
import io.emrlaunch.testkit.internal.Ec2Service;
import io.emrlaunch.testkit.internal.EmrService;
import io.emrlaunch.testkit.internal.EventBridgeService;
import io.emrlaunch.testkit.internal.IamService;
import io.emrlaunch.testkit.internal.S3Service;
import io.emrlaunch.testkit.internal.SecretsManagerService;
import io.emrlaunch.testkit.internal.SfnService;
import io.emrlaunch.testkit.internal.SqsService;
import io.emrlaunch.testkit.internal.SsmService;
import io.emrlaunch.testkit.internal.ViewContext;
import io.emrlaunch.testkit.s3.FakeS3;
import io.emrlaunch.testkit.secrets.FakeSecretsManager;
import io.emrlaunch.testkit.sfn.FakeSfn;
import io.emrlaunch.testkit.sqs.FakeSqs;
import io.emrlaunch.testkit.ssm.FakeSsm;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeAsyncClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * In-memory AWS for one test: one {@link VirtualTime}, one {@link CallLog}, one {@link FaultPlan},
 * and the fake services behind the real SDK client interfaces.
 *
 * <pre>{@code
 * FakeAws aws = FakeAws.create();
 * EmrAsyncClient emr = aws.emrAsync();          // hand this to the code under test
 * CompletableFuture<?> launched = myLauncher(emr, aws.scheduler()).launch(...);
 * aws.time().runUntil(launched, Duration.ofHours(1)).join();
 * assertThat(aws.calls().count(FakeAws.EMR, "RunJobFlow")).isEqualTo(1);
 * }</pre>
 *
 * <p>The clients are views: each call goes through the fault plan, spends any injected latency in
 * virtual time, runs against the backend (e.g. {@link #emrBackend()}) and is recorded in the call
 * log. They behave like SDK clients with retries off. Closing a view does nothing; a {@code
 * FakeAws} holds no threads or sockets.
 */
public final class FakeAws {
  /** Service id of EMR in the call log and fault plan. */
  public static final String EMR = "emr";

  /** Service id of SSM in the call log and fault plan. */
  public static final String SSM = "ssm";

  /** Service id of Step Functions in the call log and fault plan. */
  public static final String SFN = "sfn";

  /** Service id of IAM in the call log and fault plan. */
  public static final String IAM = "iam";

  /** Service id of EC2 in the call log and fault plan. */
  public static final String EC2 = "ec2";

  /** Service id of Secrets Manager in the call log and fault plan. */
  public static final String SECRETS_MANAGER = "secretsmanager";

  /** Service id of Amazon S3 in the call log and fault plan. */
  public static final String S3 = "s3";

  /** Service id of Amazon SQS in the call log and fault plan. */
  public static final String SQS = "sqs";

  /** Service id of Amazon EventBridge in the call log and fault plan. */
  public static final String EVENTS = "events";

  private final long seed;
  private final VirtualTime time;
  private final CallLog calls;
  private final FaultPlan faults;
  private final ViewContext context;
  private final FakeEmr emrBackend;
  private final Lazy<EmrClient> emr;
  private final Lazy<EmrAsyncClient> emrAsync;
  private final FakeSsm ssmBackend;
  private final Lazy<SsmClient> ssm;
  private final Lazy<SsmAsyncClient> ssmAsync;
  private final FakeSfn sfnBackend;
  private final Lazy<SfnClient> sfn;
  private final Lazy<SfnAsyncClient> sfnAsync;
  private final FakeIam iamBackend;
  private final Lazy<IamClient> iam;
  private final Lazy<IamAsyncClient> iamAsync;
  private final FakeEc2 ec2Backend;
  private final Lazy<Ec2Client> ec2;
  private final Lazy<Ec2AsyncClient> ec2Async;
  private final FakeSecretsManager secretsBackend;
  private final Lazy<SecretsManagerClient> secrets;
  private final Lazy<SecretsManagerAsyncClient> secretsAsync;
  private final FakeS3 s3Backend;
  private final Lazy<S3Client> s3;
  private final Lazy<S3AsyncClient> s3Async;
  private final FakeSqs sqsBackend;
  private final Lazy<SqsClient> sqs;
  private final Lazy<SqsAsyncClient> sqsAsync;
  private final FakeEventBridge eventBridgeBackend;
  private final Lazy<EventBridgeClient> eventBridge;
  private final Lazy<EventBridgeAsyncClient> eventBridgeAsync;

  private FakeAws(Builder b) {
    this.seed = b.seed;
    this.time = VirtualTime.startingAt(b.start);
    this.calls = new CallLog(b.keepCalls);
    this.faults = new FaultPlan(b.seed);
    this.context = new ViewContext(time, calls, faults, b.region);
    this.emrBackend =
        FakeEmr.builder()
            .time(time)
            .behavior(b.emrBehavior)
            .seed(b.seed)
            .region(b.region)
            .accountId(b.accountId)
            .build();
    this.emr =
        new Lazy<>(
            () -> ClientViews.sync(EmrClient.class, emrBackend, EmrService.DESCRIPTOR, context));
    this.emrAsync =
        new Lazy<>(
            () ->
                ClientViews.async(
                    EmrAsyncClient.class, emrBackend, EmrService.DESCRIPTOR, context));
    this.ssmBackend =
        FakeSsm.builder().clock(time.clock()).region(b.region.id()).accountId(b.accountId).build();
    this.ssm =
        new Lazy<>(
            () -> ClientViews.sync(SsmClient.class, ssmBackend, SsmService.DESCRIPTOR, context));
    this.ssmAsync =
        new Lazy<>(
            () ->
                ClientViews.async(
                    SsmAsyncClient.class, ssmBackend, SsmService.DESCRIPTOR, context));
    this.sfnBackend =
        FakeSfn.builder()
            .clock(time.clock())
            .region(b.region.id())
            .accountId(b.accountId)
            .seed(b.seed)
            .build();
    this.sfn =
        new Lazy<>(
            () -> ClientViews.sync(SfnClient.class, sfnBackend, SfnService.DESCRIPTOR, context));
    this.sfnAsync =
        new Lazy<>(
            () ->
                ClientViews.async(
                    SfnAsyncClient.class, sfnBackend, SfnService.DESCRIPTOR, context));
    this.iamBackend =
        FakeIam.builder()
            .clock(time.clock())
            .partition(b.region.metadata() == null ? "aws" : b.region.metadata().partition().id())
            .accountId(b.accountId)
            .seed(b.seed)
            .build();
    this.iam =
        new Lazy<>(
            () -> ClientViews.sync(IamClient.class, iamBackend, IamService.DESCRIPTOR, context));
    this.iamAsync =
        new Lazy<>(
            () ->
                ClientViews.async(
                    IamAsyncClient.class, iamBackend, IamService.DESCRIPTOR, context));
    this.ec2Backend = FakeEc2.builder().accountId(b.accountId).seed(b.seed).build();
    this.ec2 =
        new Lazy<>(
            () -> ClientViews.sync(Ec2Client.class, ec2Backend, Ec2Service.DESCRIPTOR, context));
    this.ec2Async =
        new Lazy<>(
            () ->
                ClientViews.async(
                    Ec2AsyncClient.class, ec2Backend, Ec2Service.DESCRIPTOR, context));
    this.secretsBackend = new FakeSecretsManager(time.clock(), b.region.id(), b.accountId);
    this.secrets =
        new Lazy<>(
            () ->
                ClientViews.sync(
                    SecretsManagerClient.class,
                    secretsBackend,
                    SecretsManagerService.DESCRIPTOR,
                    context));
    this.secretsAsync =
        new Lazy<>(
            () ->
                ClientViews.async(
                    SecretsManagerAsyncClient.class,
                    secretsBackend,
                    SecretsManagerService.DESCRIPTOR,
                    context));
    this.s3Backend = new FakeS3(time.clock());
    this.s3 =
        new Lazy<>(
            () -> ClientViews.sync(S3Client.class, s3Backend, S3Service.DESCRIPTOR, context));
    this.s3Async =
        new Lazy<>(
            () -> ClientViews.async(S3AsyncClient.class, s3Backend, S3Service.DESCRIPTOR, context));
    // EMR uploads logs to the cluster's LogUri: failing steps and clusters write theirs here.
    emrBackend.setLogSink(s3Backend::put);
    this.sqsBackend = new FakeSqs(time, b.region.id(), b.accountId);
    this.sqs =
        new Lazy<>(
            () -> ClientViews.sync(SqsClient.class, sqsBackend, SqsService.DESCRIPTOR, context));
    this.sqsAsync =
        new Lazy<>(
            () ->
                ClientViews.async(
                    SqsAsyncClient.class, sqsBackend, SqsService.DESCRIPTOR, context));
    this.eventBridgeBackend =
        new FakeEventBridge(time, sqsBackend, b.region.id(), b.accountId, b.seed);
    this.eventBridge =
        new Lazy<>(
            () ->
                ClientViews.sync(
                    EventBridgeClient.class,
                    eventBridgeBackend,
                    EventBridgeService.DESCRIPTOR,
                    context));
    this.eventBridgeAsync =
        new Lazy<>(
            () ->
                ClientViews.async(
                    EventBridgeAsyncClient.class,
                    eventBridgeBackend,
                    EventBridgeService.DESCRIPTOR,
                    context));
    // EMR sends its state changes to EventBridge's default bus, as in AWS.
    emrBackend.onServiceEvent(
        e ->
            eventBridgeBackend.publish(
                EmrServiceEvent.SOURCE, e.detailType(), e.detail(), e.resources(), e.time()));
  }

  /** A fresh bundle with the defaults (seed 1, {@link VirtualTime#DEFAULT_START}, us-east-1). */
  public static FakeAws create() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The seed of ids, durations, failures and probabilistic faults. */
  public long seed() {
    return seed;
  }

  /** The virtual time every fake and view runs in. */
  public VirtualTime time() {
    return time;
  }

  /** The virtual clock, for code under test that takes a {@link java.time.Clock}. */
  public VirtualClock clock() {
    return time.clock();
  }

  /**
   * The virtual scheduler, for code under test (and SDK waiters) that take a scheduled executor.
   */
  public VirtualScheduler scheduler() {
    return time.scheduler();
  }

  /** Every call made through the views. */
  public CallLog calls() {
    return calls;
  }

  /** Faults to inject into the views' calls (empty by default). */
  public FaultPlan faults() {
    return faults;
  }

  /** The in-memory EMR itself (no faults, not recorded). */
  public FakeEmr emrBackend() {
    return emrBackend;
  }

  /** A sync EMR client over {@link #emrBackend()}. */
  public EmrClient emr() {
    return emr.get();
  }

  /**
   * An async EMR client over {@link #emrBackend()}; its {@code waiter()} runs on the virtual
   * scheduler.
   */
  public EmrAsyncClient emrAsync() {
    return emrAsync.get();
  }

  /** The in-memory SSM Parameter Store itself (no faults, not recorded). */
  public FakeSsm ssmBackend() {
    return ssmBackend;
  }

  /** A sync SSM client over {@link #ssmBackend()}. */
  public SsmClient ssm() {
    return ssm.get();
  }

  /** An async SSM client over {@link #ssmBackend()}. */
  public SsmAsyncClient ssmAsync() {
    return ssmAsync.get();
  }

  /**
   * The in-memory Step Functions itself (no faults, not recorded); tests decide execution outcomes
   * here.
   */
  public FakeSfn sfnBackend() {
    return sfnBackend;
  }

  /** A sync Step Functions client over {@link #sfnBackend()}. */
  public SfnClient sfn() {
    return sfn.get();
  }

  /** An async Step Functions client over {@link #sfnBackend()}. */
  public SfnAsyncClient sfnAsync() {
    return sfnAsync.get();
  }

  /**
   * The in-memory IAM itself (no faults, not recorded); its partition follows the region (e.g.
   * {@code aws-cn} for cn-north-1).
   */
  public FakeIam iamBackend() {
    return iamBackend;
  }

  /** A sync IAM client over {@link #iamBackend()}. */
  public IamClient iam() {
    return iam.get();
  }

  /** An async IAM client over {@link #iamBackend()}. */
  public IamAsyncClient iamAsync() {
    return iamAsync.get();
  }

  /** The in-memory EC2 (VPCs and security groups) itself (no faults, not recorded). */
  public FakeEc2 ec2Backend() {
    return ec2Backend;
  }

  /** A sync EC2 client over {@link #ec2Backend()}. */
  public Ec2Client ec2() {
    return ec2.get();
  }

  /** An async EC2 client over {@link #ec2Backend()}. */
  public Ec2AsyncClient ec2Async() {
    return ec2Async.get();
  }

  /** Shared view context, for the other fakes' views. */
  ViewContext viewContext() {
    return context;
  }

  /**
   * A view made on first use: a view is a {@link java.lang.reflect.Proxy}, and the first proxy of
   * an SDK client interface initialises every request and response class of that service (seconds
   * of class loading per JVM). Tests that use only one view pay only for that one.
   */
  private static final class Lazy<T> {
    private final Supplier<T> make;
    private T value;

    Lazy(Supplier<T> make) {
      this.make = make;
    }

    synchronized T get() {
      if (value == null) {
        value = make.get();
      }
      return value;
    }
  }

  /** The in-memory Secrets Manager (secrets to set up, decryption failures to inject). */
  public FakeSecretsManager secretsManagerBackend() {
    return secretsBackend;
  }

  /** A Secrets Manager client backed by {@link #secretsManagerBackend()}. */
  public SecretsManagerClient secretsManager() {
    return secrets.get();
  }

  /** An async Secrets Manager client backed by {@link #secretsManagerBackend()}. */
  public SecretsManagerAsyncClient secretsManagerAsync() {
    return secretsAsync.get();
  }

  /**
   * The in-memory Amazon S3 itself (no faults, not recorded): objects to set up, and where {@link
   * #emrBackend()} writes the logs of scripted step and cluster failures (under the cluster's
   * LogUri, gzip-compressed).
   */
  public FakeS3 s3Backend() {
    return s3Backend;
  }

  /** A sync S3 client over {@link #s3Backend()}. */
  public S3Client s3() {
    return s3.get();
  }

  /** An async S3 client over {@link #s3Backend()}. */
  public S3AsyncClient s3Async() {
    return s3Async.get();
  }

  /**
   * The in-memory Amazon SQS itself (no faults, not recorded): queues that EventBridge rules
   * deliver to.
   */
  public FakeSqs sqsBackend() {
    return sqsBackend;
  }

  /** A sync SQS client over {@link #sqsBackend()}. */
  public SqsClient sqs() {
    return sqs.get();
  }

  /**
   * An async SQS client over {@link #sqsBackend()}; {@code ReceiveMessage} long-polls in virtual
   * time.
   */
  public SqsAsyncClient sqsAsync() {
    return sqsAsync.get();
  }

  /**
   * The in-memory Amazon EventBridge itself (no faults, not recorded): {@link #emrBackend()}
   * publishes its "EMR Cluster State Change" and "EMR Step Status Change" events here; rules
   * deliver them to {@link #sqsBackend()} queues, with the faults of {@link
   * FakeEventBridge#setDelivery}.
   */
  public FakeEventBridge eventBridgeBackend() {
    return eventBridgeBackend;
  }

  /** A sync EventBridge client over {@link #eventBridgeBackend()}. */
  public EventBridgeClient eventBridge() {
    return eventBridge.get();
  }

  /** An async EventBridge client over {@link #eventBridgeBackend()}. */
  public EventBridgeAsyncClient eventBridgeAsync() {
    return eventBridgeAsync.get();
  }

  @Override
  public String toString() {
    return "FakeAws[seed=" + seed + ", " + time + "]";
  }

  /** Builds a {@link FakeAws}. */
  public static final class Builder {
    private long seed = 1;
    private Instant start = VirtualTime.DEFAULT_START;
    private Region region = Region.US_EAST_1;
    private String accountId = "123456789012";
    private EmrBehavior emrBehavior = EmrBehavior.defaults();
    private boolean keepCalls = true;

    private Builder() {}

    /** Seed of ids, durations, random failures and probabilistic faults (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Where virtual time starts (default {@link VirtualTime#DEFAULT_START}). */
    public Builder start(Instant start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /** Region of ARNs and of the views' client configuration (default us-east-1). */
    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Account id in ARNs (default 123456789012). */
    public Builder accountId(String accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    /** How the in-memory EMR behaves (default {@link EmrBehavior#defaults()}). */
    public Builder emrBehavior(EmrBehavior behavior) {
      this.emrBehavior = Objects.requireNonNull(behavior, "behavior");
      return this;
    }

    /**
     * Whether the call log keeps each call (default true). Benchmarks making many thousands of
     * calls turn it off; counts are kept either way.
     */
    public Builder keepCalls(boolean keepCalls) {
      this.keepCalls = keepCalls;
      return this;
    }

    /** The bundle. */
    public FakeAws build() {
      return new FakeAws(this);
    }
  }
}
