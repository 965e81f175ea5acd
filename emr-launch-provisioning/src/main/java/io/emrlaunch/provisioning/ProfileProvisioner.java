package io.emrlaunch.provisioning;

import io.emrlaunch.core.repository.RecordStore;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.provisioning.internal.Engine;
import io.emrlaunch.provisioning.internal.Retry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.iam.IamAsyncClient;

/**
 * Creates, updates and deletes the security half of an EMR profile: the EMR service role (with
 * {@code AmazonEMRServicePolicy_v2}), the EC2 instance role and its instance profile, the
 * auto-scaling role, the master / workers / service-access security groups (EMR's rules for private
 * subnets, no {@code 0.0.0.0/0} ingress) and the EMR security configuration; then saves the {@link
 * io.emrlaunch.core.model.EmrProfile} with real ARNs and ids in the record store.
 *
 * <pre>{@code
 * ProfileProvisioner provisioner = ProfileProvisioner.builder()
 *     .iam(iam).ec2(ec2).emr(emr).store(store)
 *     .region(Region.EU_WEST_1).accountId("123456789012")
 *     .build();
 * ProvisioningPlan plan = provisioner.plan(spec).join();   // reads only
 * ProvisioningResult done = provisioner.apply(spec).join(); // idempotent
 * EmrProfile profile = done.profile().orElseThrow();
 * }</pre>
 *
 * <p>Every resource carries the tag {@value #OWNER_TAG}{@code =<namespace>/<name>}; a resource with
 * the same name but without that tag is never modified or deleted ({@link
 * ResourceNotOwnedException}). A second {@code apply} with the same spec makes no mutating call.
 * Dependent IAM and EC2 calls made right after a create are retried with bounded exponential
 * back-off on the injected scheduler, as are throttling and server errors. Any failure is a {@link
 * ProvisioningException} naming the resource; {@code apply} again resumes. Invalid specs fail with
 * {@link ValidationException} before any AWS call.
 */
public final class ProfileProvisioner {
  /** The ownership tag's key; its value is {@code <namespace>/<name>}. */
  public static final String OWNER_TAG = "emr-launch:owner";

  /** The tag AmazonEMRServicePolicy_v2 requires on security groups (value {@code true}). */
  public static final String EMR_MANAGED_POLICY_TAG = "for-use-with-amazon-emr-managed-policies";

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern PARTITION = Pattern.compile("aws|aws-cn|aws-us-gov");

  private final Engine engine;

  private ProfileProvisioner(Builder b) {
    this.engine =
        new Engine(
            b.iam,
            b.ec2,
            b.emr,
            b.store,
            new Retry(b.scheduler, b.maxAttempts, b.baseDelay, b.maxDelay),
            b.partition,
            b.region.id(),
            b.accountId);
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What {@link #apply} would do, from read calls only.
   *
   * @param spec the profile to provision
   * @return the plan; fails with {@link ResourceNotOwnedException} when a resource with one of the
   *     profile's names exists without its ownership tag
   */
  public CompletableFuture<ProvisioningPlan> plan(ProvisioningSpec spec) {
    return validated(spec, () -> engine.plan(spec));
  }

  /**
   * Creates or updates every resource, then saves the profile.
   *
   * @param spec the profile to provision
   * @return the plan carried out and the saved profile
   */
  public CompletableFuture<ProvisioningResult> apply(ProvisioningSpec spec) {
    return validated(spec, () -> engine.apply(spec));
  }

  /**
   * What {@link #destroy} would delete, from read calls only.
   *
   * @param spec the profile
   * @return the plan (resources not owned are listed as unchanged)
   */
  public CompletableFuture<ProvisioningPlan> planDestroy(ProvisioningSpec spec) {
    return validated(spec, () -> engine.planDestroy(spec));
  }

  /**
   * Deletes everything the profile owns, in dependency order (security configurations, the record,
   * rules between the groups, the groups, the instance profile, the roles). Resources without the
   * ownership tag are left alone. Fails with {@link ResourceInUseException} before deleting
   * anything when an active cluster uses the profile's security configuration, groups or service
   * role.
   *
   * @param spec the profile
   * @return the plan carried out
   */
  public CompletableFuture<ProvisioningResult> destroy(ProvisioningSpec spec) {
    return validated(spec, () -> engine.destroy(spec));
  }

  private static <T> CompletableFuture<T> validated(
      ProvisioningSpec spec, Supplier<CompletableFuture<T>> run) {
    try {
      Objects.requireNonNull(spec, "spec").validate();
      return run.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Builds a {@link ProfileProvisioner}. */
  public static final class Builder {
    private IamAsyncClient iam;
    private Ec2AsyncClient ec2;
    private EmrAsyncClient emr;
    private RecordStore store;
    private Region region;
    private String partition;
    private String accountId;
    private ScheduledExecutorService scheduler;
    private int maxAttempts = 8;
    private Duration baseDelay = Duration.ofMillis(500);
    private Duration maxDelay = Duration.ofSeconds(10);

    private Builder() {}

    /** The IAM client (required). */
    public Builder iam(IamAsyncClient iam) {
      this.iam = iam;
      return this;
    }

    /** The EC2 client of the VPC's region (required). */
    public Builder ec2(Ec2AsyncClient ec2) {
      this.ec2 = ec2;
      return this;
    }

    /** The EMR client of the region (required). */
    public Builder emr(EmrAsyncClient emr) {
      this.emr = emr;
      return this;
    }

    /** Where the profile is saved (required), e.g. an {@code SsmRecordStore}. */
    public Builder store(RecordStore store) {
      this.store = store;
      return this;
    }

    /** The region of the clusters (required): names the regional EMR bucket and Glue ARNs. */
    public Builder region(Region region) {
      this.region = region;
      return this;
    }

    /**
     * The partition of ARNs ({@code aws}, {@code aws-cn}, {@code aws-us-gov}); by default the
     * region's.
     */
    public Builder partition(String partition) {
      this.partition = partition;
      return this;
    }

    /** The account the resources live in (required): 12 digits. */
    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    /**
     * The scheduler of back-off delays (in tests, the testkit's virtual scheduler). By default one
     * daemon thread, shared by all provisioners.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * The retry bound: at most {@code maxAttempts} attempts per call, waiting {@code baseDelay},
     * twice that, ... capped at {@code maxDelay} (default 8 attempts, 500 ms, 10 s: about 40 s,
     * longer than IAM usually takes to propagate a new role).
     */
    public Builder retry(int maxAttempts, Duration baseDelay, Duration maxDelay) {
      this.maxAttempts = maxAttempts;
      this.baseDelay = Objects.requireNonNull(baseDelay, "baseDelay");
      this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
      return this;
    }

    /**
     * The provisioner.
     *
     * @return the provisioner
     * @throws ValidationException naming each missing or invalid setting
     */
    public ProfileProvisioner build() {
      io.emrlaunch.core.validation.Problems p = io.emrlaunch.core.validation.Problems.root();
      if (iam == null) {
        p.add("iam", "is required");
      }
      if (ec2 == null) {
        p.add("ec2", "is required");
      }
      if (emr == null) {
        p.add("emr", "is required");
      }
      if (store == null) {
        p.add("store", "is required");
      }
      if (region == null) {
        p.add("region", "is required");
      } else if (partition == null) {
        partition = region.metadata() == null ? "aws" : region.metadata().partition().id();
      }
      if (partition != null && !PARTITION.matcher(partition).matches()) {
        p.add("partition", "must be aws, aws-cn or aws-us-gov (was " + partition + ")");
      }
      if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
        p.add("accountId", "must be 12 digits (was " + accountId + ")");
      }
      if (maxAttempts < 1) {
        p.add("retry.maxAttempts", "must be at least 1");
      }
      p.throwIfAny();
      if (scheduler == null) {
        scheduler = DefaultScheduler.INSTANCE;
      }
      return new ProfileProvisioner(this);
    }
  }

  private static final class DefaultScheduler {
    static final ScheduledExecutorService INSTANCE =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "provisioning-retry");
              t.setDaemon(true);
              return t;
            });
  }
}
