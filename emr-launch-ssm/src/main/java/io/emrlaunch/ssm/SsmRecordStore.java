package io.emrlaunch.ssm;

import io.emrlaunch.core.json.EmrLaunchFormat;
import io.emrlaunch.core.json.RecordCodec;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.LaunchInputs;
import io.emrlaunch.core.repository.ParameterLayout;
import io.emrlaunch.core.repository.RecordFormat;
import io.emrlaunch.core.repository.RecordKind;
import io.emrlaunch.core.repository.RecordNotFoundException;
import io.emrlaunch.core.repository.RecordRepository;
import io.emrlaunch.core.repository.RecordStore;
import io.emrlaunch.core.repository.StoredRecord;
import io.emrlaunch.core.repository.VersionSelector;
import io.emrlaunch.ssm.internal.AwsFormatCodecs;
import io.emrlaunch.ssm.internal.ReadCache;
import io.emrlaunch.ssm.internal.RecordCodecs;
import io.emrlaunch.ssm.internal.SsmFailures;
import io.emrlaunch.ssm.internal.SsmRecordRepository;
import io.emrlaunch.ssm.internal.SsmSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Profiles, cluster configurations and launch functions on SSM Parameter Store, in aws-emr-launch's
 * layout and record format by default, so records deployed by Python stacks load here and records
 * saved here load there.
 *
 * <pre>{@code
 * SsmAsyncClient ssm = SsmClients.asyncClient(b -> b.region(Region.EU_WEST_1));
 * SsmRecordStore store = SsmRecordStore.builder().client(ssm).build();
 *
 * store.profiles().create(profile).join();                       // create-only
 * StoredRecord<EmrProfile> p = store.profiles().get(RecordRef.of("team-a", "analytics")).join();
 * store.profiles().save(p.value().withDescription("reviewed"),   // optimistic update
 *     WriteCondition.version(p.version())).join();
 * LaunchInputs in = store.loadLaunchInputs(                       // one GetParameters call
 *     RecordRef.of("team-a", "analytics"), RecordRef.of("team-a", "spark-small")).join();
 * }</pre>
 *
 * <p><b>Parameters.</b> {@code <root>/emr_profiles/<namespace>/<name>}, {@code
 * <root>/cluster_configurations/...} and {@code <root>/emr_launch_functions/...} with root {@code
 * /emr_launch} unless {@link Builder#layout(ParameterLayout)} says otherwise. Reads accept both
 * formats whatever {@link Builder#format(RecordFormat)} writes.
 *
 * <p><b>Size.</b> A value up to 4096 bytes (UTF-8) is written in the Standard tier, up to 8192
 * bytes in the Advanced tier (billed per parameter); a larger value fails with {@link
 * io.emrlaunch.core.repository.RecordTooLargeException} before anything is sent. A parameter once
 * Advanced stays Advanced (SSM never downgrades).
 *
 * <p><b>Concurrency.</b> {@link io.emrlaunch.core.repository.WriteCondition#version(long)} protects
 * against lost updates. SSM has no conditional write, so a versioned save holds a short-lived lock
 * parameter ({@link ParameterLayout#lockName}) while it checks the version and writes: of two
 * concurrent versioned saves one wins and the other fails with {@link
 * io.emrlaunch.core.repository.RecordConflictException} without writing. The lock is a 30-second
 * lease claimed with a token unique to each save: created atomically (create-only put); an expired
 * lease is broken by an overwrite that counts only if SSM numbered it directly after the expired
 * claim (so of several writers breaking the same lease exactly one holds it); a save whose lease
 * ran low renews it the same way before writing, or fails with a conflict if another writer took it
 * over; and a holder deletes the lock only while it still holds its own claim. SSM has no
 * compare-and-delete, so that last step leaves a window that docs/ssm.md describes, together with
 * the protocol's other limits. A plain overwrite by a writer that does not lock (for example a
 * Python deployment) landing in between is detected from the version SSM returns: its value is put
 * back on top, the save fails with a conflict and its own value stays in the history. Writers need
 * {@code ssm:PutParameter}, {@code ssm:GetParameter} and {@code ssm:DeleteParameter} on {@code
 * <root>/_locks/*}.
 *
 * <p><b>Throttling.</b> Retried by the client's retry strategy; configure it with {@link
 * SsmClients#retryStrategy()}. The store itself never loops.
 *
 * <p><b>Cache.</b> With {@link Builder#cacheTtl(Duration)} the latest version of each record read
 * is served from memory for that long (single reads, listings and {@link #loadLaunchInputs}); saves
 * and deletes through this store invalidate it at once, changes by other writers are seen after the
 * TTL. Version and label reads always go to SSM.
 *
 * <p>Instances are thread-safe. The store does not own the client: close the client yourself.
 */
public final class SsmRecordStore implements RecordStore {
  private final SsmSettings settings;
  private final SsmRecordRepository<EmrProfile> profiles;
  private final SsmRecordRepository<ClusterConfiguration> configurations;
  private final SsmRecordRepository<LaunchFunction> launchFunctions;

  private SsmRecordStore(Builder b) {
    this.settings =
        new SsmSettings(
            Objects.requireNonNull(b.client, "client"),
            b.layout,
            b.secure,
            b.kmsKeyId,
            b.pageSize,
            new ReadCache(b.cacheTtl, b.clock),
            b.clock);
    this.profiles = repository(RecordKind.PROFILE, b);
    this.configurations = repository(RecordKind.CONFIGURATION, b);
    this.launchFunctions = repository(RecordKind.LAUNCH_FUNCTION, b);
  }

  private <T> SsmRecordRepository<T> repository(RecordKind<T> kind, Builder b) {
    @SuppressWarnings("unchecked")
    RecordCodec<T> aws =
        b.awsCodecs.containsKey(kind)
            ? (RecordCodec<T>) b.awsCodecs.get(kind)
            : AwsFormatCodecs.forKind(kind);
    RecordCodecs<T> codecs = new RecordCodecs<>(b.format, aws, EmrLaunchFormat.of(kind.type()));
    return new SsmRecordRepository<>(kind, codecs, settings);
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public RecordRepository<EmrProfile> profiles() {
    return profiles;
  }

  @Override
  public RecordRepository<ClusterConfiguration> configurations() {
    return configurations;
  }

  @Override
  public RecordRepository<LaunchFunction> launchFunctions() {
    return launchFunctions;
  }

  /**
   * The layout records are stored in.
   *
   * @return the layout
   */
  public ParameterLayout layout() {
    return settings.layout();
  }

  /**
   * Loads a profile and a configuration with one {@code GetParameters} call (fewer when the cache
   * holds them).
   */
  @Override
  public CompletableFuture<LaunchInputs> loadLaunchInputs(
      RecordRef profile, RecordRef configuration) {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(configuration, "configuration");
    String pName = profiles.parameterName(profile);
    String cName = configurations.parameterName(configuration);
    Optional<StoredRecord<EmrProfile>> cachedP = settings.cache().get(pName);
    Optional<StoredRecord<ClusterConfiguration>> cachedC = settings.cache().get(cName);
    if (cachedP.isPresent() && cachedC.isPresent()) {
      return CompletableFuture.completedFuture(inputs(cachedP.get(), cachedC.get()));
    }
    List<String> names = new ArrayList<>();
    if (cachedP.isEmpty()) {
      names.add(pName);
    }
    if (cachedC.isEmpty()) {
      names.add(cName);
    }
    long epoch = settings.cache().epoch();
    return settings
        .client()
        .getParameters(r -> r.names(names).withDecryption(true))
        .thenApply(
            resp -> {
              Map<String, Parameter> found = new HashMap<>();
              resp.parameters().forEach(p -> found.put(p.name(), p));
              StoredRecord<EmrProfile> p =
                  cachedP.orElseGet(() -> decode(profiles, profile, pName, found, epoch));
              StoredRecord<ClusterConfiguration> c =
                  cachedC.orElseGet(
                      () -> decode(configurations, configuration, cName, found, epoch));
              return inputs(p, c);
            })
        .exceptionally(
            e -> {
              throw SsmFailures.generic(
                  e, "loading profile " + profile + " and configuration " + configuration);
            });
  }

  private <T> StoredRecord<T> decode(
      SsmRecordRepository<T> repo,
      RecordRef ref,
      String name,
      Map<String, Parameter> found,
      long epoch) {
    Parameter p = found.get(name);
    if (p == null) {
      throw new RecordNotFoundException(repo.kind(), ref, VersionSelector.latest());
    }
    StoredRecord<T> rec = repo.decode(ref, p);
    settings.cache().put(name, rec, epoch);
    return rec;
  }

  private static LaunchInputs inputs(
      StoredRecord<EmrProfile> p, StoredRecord<ClusterConfiguration> c) {
    return LaunchInputs.builder().profile(p).configuration(c).build();
  }

  /** Configures a {@link SsmRecordStore}. */
  public static final class Builder {
    private SsmAsyncClient client;
    private ParameterLayout layout = ParameterLayout.defaultLayout();
    private RecordFormat format = RecordFormat.AWS_EMR_LAUNCH;
    private boolean secure;
    private String kmsKeyId;
    private Duration cacheTtl = Duration.ZERO;
    private Clock clock = Clock.systemUTC();
    private int pageSize = 10;
    private final Map<RecordKind<?>, RecordCodec<?>> awsCodecs = new HashMap<>();

    private Builder() {}

    /**
     * The SSM client (required). Configure its retries with {@link SsmClients#retryStrategy()}.
     *
     * @param client the client; the store does not close it
     * @return this
     */
    public Builder client(SsmAsyncClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Where records live (default {@link ParameterLayout#defaultLayout()}, aws-emr-launch's).
     *
     * @param layout the layout
     * @return this
     */
    public Builder layout(ParameterLayout layout) {
      this.layout = Objects.requireNonNull(layout, "layout");
      return this;
    }

    /**
     * The format saves write (default {@link RecordFormat#AWS_EMR_LAUNCH}). Reads accept both.
     *
     * @param format the format
     * @return this
     */
    public Builder format(RecordFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * Writes values as SecureString encrypted with the account's default {@code aws/ssm} key.
     * Readers then need {@code kms:Decrypt}; Python readers of aws-emr-launch read String records
     * only, so use this for records only this library reads.
     *
     * @return this
     */
    public Builder secureString() {
      this.secure = true;
      this.kmsKeyId = null;
      return this;
    }

    /**
     * Writes values as SecureString encrypted with a customer managed KMS key.
     *
     * @param kmsKeyId key id, key ARN, alias name ({@code alias/x}) or alias ARN
     * @return this
     */
    public Builder secureString(String kmsKeyId) {
      if (kmsKeyId == null || kmsKeyId.isBlank()) {
        throw new IllegalArgumentException("kmsKeyId must not be blank");
      }
      this.secure = true;
      this.kmsKeyId = kmsKeyId;
      return this;
    }

    /**
     * Serves latest-version reads from memory for this long (default zero: off).
     *
     * @param ttl how long an entry is served; zero turns the cache off
     * @return this
     */
    public Builder cacheTtl(Duration ttl) {
      if (ttl == null || ttl.isNegative()) {
        throw new IllegalArgumentException("cacheTtl must be zero or positive: " + ttl);
      }
      this.cacheTtl = ttl;
      return this;
    }

    /**
     * The clock of the cache's TTL (default the system clock; tests pass a virtual clock).
     *
     * @param clock the clock
     * @return this
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Records per {@code GetParametersByPath} page when listing (1-10, default 10, SSM's maximum).
     *
     * @param pageSize the page size
     * @return this
     */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1 || pageSize > 10) {
        throw new IllegalArgumentException("pageSize must be 1-10 (was " + pageSize + ")");
      }
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Replaces the aws-emr-launch codec of one kind (for records written by a customised Python
     * deployment). The default is {@link io.emrlaunch.core.json.AwsEmrLaunchFormat}'s.
     *
     * @param kind the kind
     * @param codec the codec used to read (and, with {@link RecordFormat#AWS_EMR_LAUNCH}, write)
     *     records without a {@code schemaVersion}
     * @param <T> the value type
     * @return this
     */
    public <T> Builder awsEmrLaunchCodec(RecordKind<T> kind, RecordCodec<T> codec) {
      awsCodecs.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(codec, "codec"));
      return this;
    }

    /**
     * Builds the store.
     *
     * @return the store
     * @throws NullPointerException when no client was given
     */
    public SsmRecordStore build() {
      return new SsmRecordStore(this);
    }
  }
}
