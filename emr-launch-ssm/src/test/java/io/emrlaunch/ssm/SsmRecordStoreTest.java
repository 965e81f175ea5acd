package io.emrlaunch.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.BlockingRecordRepository;
import io.emrlaunch.core.repository.LaunchInputs;
import io.emrlaunch.core.repository.ParameterLayout;
import io.emrlaunch.core.repository.RecordConflictException;
import io.emrlaunch.core.repository.RecordFormat;
import io.emrlaunch.core.repository.RecordNotFoundException;
import io.emrlaunch.core.repository.RecordPage;
import io.emrlaunch.core.repository.RecordTooLargeException;
import io.emrlaunch.core.repository.RecordVersion;
import io.emrlaunch.core.repository.RepositoryAccessDeniedException;
import io.emrlaunch.core.repository.RepositoryException;
import io.emrlaunch.core.repository.StoredRecord;
import io.emrlaunch.core.repository.UnreadableRecordException;
import io.emrlaunch.core.repository.VersionSelector;
import io.emrlaunch.core.repository.WriteCondition;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.ssm.support.Interleaving;
import io.emrlaunch.ssm.support.Records;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.ssm.FakeSsm;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.model.AccessDeniedException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The SSM store against the testkit's FakeSsm (real SSM limits and errors) in our own format. */
class SsmRecordStoreTest {
  static final String NS = "team-a";

  FakeAws aws;
  FakeSsm ssm;
  Interleaving fake;
  SsmRecordStore store;

  @BeforeEach
  void setUp() {
    aws = FakeAws.builder().start(Instant.parse("2026-11-23T10:00:00Z")).build();
    ssm = aws.ssmBackend();
    fake = new Interleaving(aws.ssmAsync());
    store = storeBuilder().build();
  }

  SsmRecordStore.Builder storeBuilder() {
    return storeBuilder(fake.client());
  }

  static SsmRecordStore.Builder storeBuilder(SsmAsyncClient client) {
    return SsmRecordStore.builder().client(client).format(RecordFormat.EMR_LAUNCH);
  }

  SsmRecordStore.Builder storeBuilderWithClock(SsmAsyncClient client) {
    return storeBuilder(client).clock(aws.clock());
  }

  long calls(String operation) {
    return aws.calls().count(FakeAws.SSM, operation);
  }

  long calls() {
    return aws.calls().count(FakeAws.SSM);
  }

  /** A second writer: another store on the same Parameter Store. */
  SsmRecordStore otherWriter() {
    return storeBuilder(aws.ssmAsync()).build();
  }

  @Test
  void everyKindRoundTripsUnderTheAwsEmrLaunchLayoutInBothFormats() {
    for (RecordFormat format : RecordFormat.values()) {
      SsmRecordStore s = storeBuilder().format(format).build();
      String ns = "ns-" + format.ordinal();
      var p = Records.profile(ns, "analytics");
      var c = Records.configuration(ns, "spark-small");
      var f = Records.launchFunction(ns, "nightly");

      StoredRecord<EmrProfile> sp = s.profiles().blocking().create(p);
      StoredRecord<ClusterConfiguration> sc = s.configurations().blocking().create(c);
      StoredRecord<LaunchFunction> sf = s.launchFunctions().blocking().create(f);

      assertThat(sp.version()).isEqualTo(1);
      assertThat(sp.format()).isEqualTo(format);
      StoredRecord<EmrProfile> rp = s.profiles().blocking().get(p.ref());
      assertThat(rp.format()).as("%s", format).isEqualTo(format);
      assertThat(rp.value()).as("%s", format).isEqualTo(p);
      assertThat(s.configurations().blocking().get(c.ref()).value()).as("%s", format).isEqualTo(c);
      assertThat(s.launchFunctions().blocking().get(f.ref()).value()).as("%s", format).isEqualTo(f);
      assertThat(rp.value().name()).isEqualTo("analytics");
      assertThat(rp.value().serviceRole()).isEqualTo(p.serviceRole());
      assertThat(sc.ref()).isEqualTo(RecordRef.of(ns, "spark-small"));
      assertThat(sf.kind().displayName()).isEqualTo("launch function");
      String raw =
          ssm.getParameter(r -> r.name("/emr_launch/emr_profiles/" + ns + "/analytics"))
              .parameter()
              .value();
      if (format == RecordFormat.EMR_LAUNCH) {
        assertThat(raw).startsWith("{\"schemaVersion\":");
      } else {
        assertThat(raw).contains("\"ProfileName\":\"analytics\"").doesNotContain("schemaVersion");
      }
      assertThat(
              ssm.getParameter(
                  r -> r.name("/emr_launch/cluster_configurations/" + ns + "/spark-small")))
          .isNotNull();
      assertThat(
              ssm.getParameter(r -> r.name("/emr_launch/emr_launch_functions/" + ns + "/nightly")))
          .isNotNull();
    }
  }

  @Test
  void customRootKeepsInstallationsApart() {
    SsmRecordStore other = storeBuilder().layout(ParameterLayout.withRoot("/platform/emr")).build();
    other.profiles().blocking().save(Records.profile(NS, "analytics"));
    assertThat(ssm.getParameter(r -> r.name("/platform/emr/emr_profiles/team-a/analytics")))
        .isNotNull();
    assertThat(store.profiles().blocking().find(RecordRef.of(NS, "analytics"))).isEmpty();
  }

  @Test
  void listsANamespaceAcrossPagesCollectedStreamedAndPageByPage() {
    SsmRecordStore paged = storeBuilder().pageSize(2).build();
    for (int i = 0; i < 7; i++) {
      paged.profiles().blocking().save(Records.profile(NS, "p" + i));
    }
    paged.profiles().blocking().save(Records.profile("other", "x"));
    long before = calls("GetParametersByPath");

    List<StoredRecord<EmrProfile>> all = paged.profiles().blocking().list(NS);
    assertThat(all)
        .extracting(r -> r.ref().name())
        .containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6");
    assertThat(calls("GetParametersByPath") - before).isEqualTo(4);

    List<String> streamed = new ArrayList<>();
    paged.profiles().forEach(NS, r -> streamed.add(r.ref().name())).join();
    assertThat(streamed).hasSize(7);

    // The blocking stream fetches lazily: the first record needs only the first page.
    before = calls("GetParametersByPath");
    assertThat(paged.profiles().blocking().stream(NS).findFirst().orElseThrow().ref().name())
        .isEqualTo("p0");
    assertThat(calls("GetParametersByPath") - before).isEqualTo(1);

    RecordPage<EmrProfile> first = paged.profiles().listPage(NS, null).join();
    assertThat(first.records()).hasSize(2);
    RecordPage<EmrProfile> second =
        paged.profiles().listPage(NS, first.nextPageToken().orElseThrow()).join();
    assertThat(second.records()).extracting(r -> r.ref().name()).containsExactly("p2", "p3");

    assertThat(paged.profiles().blocking().list("empty-ns")).isEmpty();
    assertThat(paged.profiles().blocking().namespaces()).containsExactly("other", NS);
    assertThat(paged.configurations().blocking().namespaces()).isEmpty();
  }

  @Test
  void readsVersionsAndLabels() {
    BlockingRecordRepository<EmrProfile> repo = store.profiles().blocking();
    var v1 = Records.profile(NS, "analytics");
    repo.create(v1);
    var v2 = v1.withDescription("second");
    repo.save(v2);
    var v3 = v1.withDescription("third");
    repo.save(v3);
    repo.label(v1.ref(), 2, List.of("prod"));

    assertThat(repo.get(v1.ref()).value()).isEqualTo(v3);
    assertThat(repo.get(v1.ref(), VersionSelector.version(1)).value()).isEqualTo(v1);
    StoredRecord<EmrProfile> prod = repo.get(v1.ref(), VersionSelector.label("prod"));
    assertThat(prod.value()).isEqualTo(v2);
    assertThat(prod.version()).isEqualTo(2);

    List<RecordVersion> history = repo.history(v1.ref());
    assertThat(history).extracting(RecordVersion::version).containsExactly(1L, 2L, 3L);
    assertThat(history.get(1).labels()).containsExactly("prod");
    assertThat(history.get(0).tier()).contains("Standard");

    assertThatThrownBy(() -> repo.get(v1.ref(), VersionSelector.label("nope")))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessageContaining("label 'nope'");
    assertThatThrownBy(() -> repo.get(v1.ref(), VersionSelector.version(9)))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessageContaining("version 9");
    long before = calls();
    assertThatThrownBy(() -> repo.label(v1.ref(), 1, List.of("1bad")))
        .isInstanceOf(ValidationException.class);
    assertThat(calls()).isEqualTo(before);
  }

  @Test
  void notFoundNamesNamespaceAndName() {
    assertThatThrownBy(() -> store.configurations().blocking().get(RecordRef.of(NS, "missing")))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessage("cluster configuration 'missing' in namespace 'team-a' not found")
        .satisfies(
            e ->
                assertThat(((RecordNotFoundException) e).ref())
                    .isEqualTo(RecordRef.of(NS, "missing")));
    assertThat(store.configurations().find(RecordRef.of(NS, "missing")).join()).isEmpty();
    assertThatThrownBy(() -> store.configurations().blocking().history(RecordRef.of(NS, "missing")))
        .isInstanceOf(RecordNotFoundException.class);
    // The async form fails its future with the same typed exception.
    assertThatThrownBy(() -> store.configurations().get(RecordRef.of(NS, "missing")).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(RecordNotFoundException.class);
  }

  @Test
  void createOnlyRefusesAnExistingRecordAndWritesNothing() {
    var p = Records.profile(NS, "analytics");
    store.profiles().blocking().create(p);
    assertThatThrownBy(() -> store.profiles().blocking().create(p.withDescription("other")))
        .isInstanceOf(RecordConflictException.class)
        .hasMessageContaining("already exists at version 1")
        .satisfies(
            e -> {
              RecordConflictException c = (RecordConflictException) e;
              assertThat(c.currentVersion()).isEqualTo(1);
              assertThat(c.rejectedVersion()).isEmpty();
            });
    assertThat(store.profiles().blocking().history(p.ref())).hasSize(1);
  }

  @Test
  void staleExpectedVersionIsAConflictBeforeAnyWrite() {
    BlockingRecordRepository<EmrProfile> a = store.profiles().blocking();
    BlockingRecordRepository<EmrProfile> b = otherWriter().profiles().blocking();
    var p = Records.profile(NS, "analytics");
    a.create(p);
    StoredRecord<EmrProfile> readByA = a.get(p.ref());
    StoredRecord<EmrProfile> readByB = b.get(p.ref());

    StoredRecord<EmrProfile> savedByA =
        a.save(readByA.value().withDescription("A"), WriteCondition.version(readByA.version()));
    assertThat(savedByA.version()).isEqualTo(2);

    assertThatThrownBy(
            () ->
                b.save(
                    readByB.value().withDescription("B"),
                    WriteCondition.version(readByB.version())))
        .isInstanceOf(RecordConflictException.class)
        .hasMessageContaining("another writer saved version 2; nothing was written");
    assertThat(a.get(p.ref()).value().description()).contains("A");
    assertThat(a.history(p.ref())).hasSize(2);
  }

  @Test
  void versionedSavesOfTheSameRecordAreSerialisedByALock() {
    BlockingRecordRepository<EmrProfile> a = store.profiles().blocking();
    var p = Records.profile(NS, "analytics");
    a.create(p);
    List<Throwable> seenByB = new ArrayList<>();
    // B tries a versioned save while A is between its check and its put: A holds the lock.
    fake.beforeNextPut(() -> {});
    fake.beforeNextPut(
        () -> {
          try {
            otherWriter()
                .profiles()
                .blocking()
                .save(p.withDescription("B"), WriteCondition.version(1));
          } catch (RuntimeException e) {
            seenByB.add(e);
          }
        });
    StoredRecord<EmrProfile> savedByA = a.save(p.withDescription("A"), WriteCondition.version(1));

    assertThat(savedByA.version()).isEqualTo(2);
    assertThat(seenByB)
        .singleElement()
        .isInstanceOf(RecordConflictException.class)
        .satisfies(
            e -> assertThat(e).hasMessageContaining("another writer is saving it right now"));
    assertThat(a.get(p.ref()).value().description()).contains("A");
    assertThat(a.history(p.ref())).hasSize(2);
    // The lock is gone: the next versioned save goes through, and listings never showed it.
    assertThat(a.save(p.withDescription("C"), WriteCondition.version(2)).version()).isEqualTo(3);
    assertThat(ssm.getParametersByPath(r -> r.path("/emr_launch").recursive(true)).parameters())
        .extracting(x -> x.name())
        .containsExactly("/emr_launch/emr_profiles/team-a/analytics");
  }

  @Test
  void aLockLeftByACrashedWriterExpires() {
    BlockingRecordRepository<EmrProfile> a =
        storeBuilderWithClock(aws.ssmAsync()).build().profiles().blocking();
    var p = Records.profile(NS, "analytics");
    a.create(p);
    long expires = aws.clock().instant().plusSeconds(30).toEpochMilli();
    ssm.putParameter(
        r ->
            r.name("/emr_launch/_locks/emr_profiles/team-a/analytics")
                .type("String")
                .value("{\"owner\":\"crashed\",\"expires\":" + expires + "}"));
    assertThatThrownBy(() -> a.save(p.withDescription("x"), WriteCondition.version(1)))
        .isInstanceOf(RecordConflictException.class);
    aws.time().advance(Duration.ofSeconds(31));
    assertThat(a.save(p.withDescription("x"), WriteCondition.version(1)).version()).isEqualTo(2);
  }

  @Test
  void anUnlockedWriterRacingBetweenCheckAndPutIsDetectedAndItsValueKept() {
    BlockingRecordRepository<EmrProfile> a = store.profiles().blocking();
    var p = Records.profile(NS, "analytics");
    a.create(p);
    // A plain overwrite (as aws-emr-launch's Python code does) lands between A's check and put.
    fake.beforeNextPut(() -> {});
    fake.beforeNextPut(() -> otherWriter().profiles().blocking().save(p.withDescription("B")));

    assertThatThrownBy(() -> a.save(p.withDescription("A"), WriteCondition.version(1)))
        .isInstanceOf(RecordConflictException.class)
        .satisfies(
            e -> {
              RecordConflictException c = (RecordConflictException) e;
              assertThat(c.rejectedVersion()).hasValue(3);
              assertThat(c.currentVersion()).isEqualTo(4);
            });
    // B's write is the latest again; A's is kept in the history.
    assertThat(a.get(p.ref()).value().description()).contains("B");
    assertThat(a.get(p.ref(), VersionSelector.version(3)).value().description()).contains("A");
    assertThat(a.history(p.ref()))
        .extracting(RecordVersion::version)
        .containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void concurrentReadModifyWriteLosesNoUpdate() throws Exception {
    long seed = new java.util.Random().nextLong();
    java.util.Random random = new java.util.Random(seed);
    BlockingRecordRepository<EmrProfile> repo = store.profiles().blocking();
    var p = Records.profile(NS, "counter").withDescription("0");
    repo.create(p);
    int threads = 4;
    int incrementsEach = 10;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.atomic.AtomicInteger conflicts =
        new java.util.concurrent.atomic.AtomicInteger();
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long threadSeed = random.nextLong();
      done.add(
          pool.submit(
              () -> {
                java.util.Random r = new java.util.Random(threadSeed);
                BlockingRecordRepository<EmrProfile> mine = otherWriter().profiles().blocking();
                for (int i = 0; i < incrementsEach; ) {
                  StoredRecord<EmrProfile> read = mine.get(p.ref());
                  int n = Integer.parseInt(read.value().description().orElseThrow());
                  if (r.nextBoolean()) {
                    Thread.yield();
                  }
                  try {
                    mine.save(
                        read.value().withDescription(Integer.toString(n + 1)),
                        WriteCondition.version(read.version()));
                    i++;
                  } catch (RecordConflictException e) {
                    conflicts.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (java.util.concurrent.Future<?> f : done) {
      f.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(repo.get(p.ref()).value().description())
        .as("seed %d, %d conflicts", seed, conflicts.get())
        .contains(Integer.toString(threads * incrementsEach));
    assertThat(repo.history(p.ref())).as("seed %d", seed).hasSize(1 + threads * incrementsEach);
  }

  @Test
  void aDuplicatedPutOfTheSameSaveIsNotAConflict() {
    BlockingRecordRepository<EmrProfile> repo = store.profiles().blocking();
    var p = Records.profile(NS, "analytics");
    repo.create(p);
    // The put reaches SSM but its response is lost, and a second identical put follows (what an
    // SDK retry after a timeout does).
    var next = p.withDescription("next");
    fake.beforeNextPut(() -> {}); // the write lock
    fake.beforeNextPut(() -> otherWriter().profiles().blocking().save(next));
    StoredRecord<EmrProfile> saved = repo.save(next, WriteCondition.version(1));
    assertThat(saved.version()).isEqualTo(3);
    assertThat(repo.get(p.ref()).value()).isEqualTo(next);

    // Create-only whose first attempt landed: the retry sees version 1 with our value.
    var q = Records.profile(NS, "fresh");
    fake.beforeNextPut(() -> otherWriter().profiles().blocking().create(q));
    assertThat(repo.create(q).version()).isEqualTo(1);
  }

  @Test
  void picksTheTierBySizeAndRefusesOver8KbBeforeWriting() {
    BlockingRecordRepository<ClusterConfiguration> repo = store.configurations().blocking();
    var small = Records.configuration(NS, "c");
    var big = Records.bigConfiguration(NS, "c", 6000);
    var huge = Records.bigConfiguration(NS, "c", 9000);

    repo.save(small);
    repo.save(big);
    // A smaller value on an Advanced parameter: SSM refuses to downgrade, the store keeps Advanced.
    repo.save(small.withReleaseLabel("emr-7.6.0"));
    assertThat(repo.history(small.ref()))
        .extracting(v -> v.tier().orElseThrow())
        .containsExactly("Standard", "Advanced", "Advanced");
    assertThat(repo.get(small.ref(), VersionSelector.version(2)).value()).isEqualTo(big);

    long before = calls();
    assertThatThrownBy(() -> repo.save(huge))
        .isInstanceOf(RecordTooLargeException.class)
        .hasMessageContaining("over the limit of 8192 bytes; nothing was written")
        .satisfies(e -> assertThat(((RecordTooLargeException) e).size()).isGreaterThan(8192));
    assertThat(calls()).isEqualTo(before);
  }

  @Test
  void badNamesAreRejectedBeforeAnyCall() {
    var p = Records.profile(NS, "analytics");
    assertThatThrownBy(() -> store.profiles().blocking().save(p.withName("bad name")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> store.profiles().blocking().save(p.withNamespace("a/b")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("namespace");
    assertThatThrownBy(() -> store.profiles().blocking().save(p.withName("ssm-profile")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store.profiles().blocking().list("bad ns"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("namespace");
    assertThatThrownBy(() -> store.profiles().blocking().list("../x"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store.profiles().blocking().save(p.withServiceRole("")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("serviceRole");
    assertThat(calls()).isZero();
  }

  @Test
  void throttlingThatOutlastsTheClientIsATypedErrorAndLosesNoWrite() {
    BlockingRecordRepository<EmrProfile> repo = store.profiles().blocking();
    var p = Records.profile(NS, "analytics");
    repo.create(p);
    // Below the SDK: the client's retries are spent, the error reaches the store.
    aws.faults().on(FakeAws.SSM, "PutParameter").next(1).throttle();
    assertThatThrownBy(() -> repo.save(p.withDescription("x"), WriteCondition.version(1)))
        .isInstanceOf(RepositoryException.class)
        .hasMessageContaining("throttling")
        .hasMessageContaining("'analytics' in namespace 'team-a'");
    assertThat(repo.history(p.ref())).hasSize(1);
    // The caller saves again with the same expected version and succeeds: nothing lost.
    assertThat(repo.save(p.withDescription("x"), WriteCondition.version(1)).version()).isEqualTo(2);
    assertThat(aws.calls().calls(FakeAws.SSM, "PutParameter"))
        .extracting(c -> c.injectedFault().isPresent())
        .containsExactly(false, true, false, false);
  }

  @Test
  void aLostResponseThenARetryWritesOnceAndIsNotAConflict() {
    BlockingRecordRepository<EmrProfile> repo = store.profiles().blocking();
    var p = Records.profile(NS, "analytics");
    repo.create(p);
    // The record's put reaches SSM, the caller sees an error (the first put takes the lock).
    fake.beforeNextPut(() -> {});
    fake.beforeNextPut(() -> aws.faults().on(FakeAws.SSM, "PutParameter").next(1).loseResponse());
    assertThatThrownBy(() -> repo.save(p.withDescription("x"), WriteCondition.version(1)))
        .isInstanceOf(RepositoryException.class);
    // The write did land once. A caller retrying the same save is told it conflicts, and the
    // current version holds its own value (SSM cannot tell its write from an identical one).
    assertThatThrownBy(() -> repo.save(p.withDescription("x"), WriteCondition.version(1)))
        .isInstanceOf(RecordConflictException.class)
        .satisfies(e -> assertThat(((RecordConflictException) e).currentVersion()).isEqualTo(2));
    assertThat(repo.get(p.ref()).value().description()).contains("x");
    assertThat(repo.history(p.ref())).hasSize(2);

    // Under a throttling storm every save either lands once or fails with nothing written.
    aws.faults().on(FakeAws.SSM, "PutParameter").withProbability(0.5).throttle();
    long expected = 2;
    int landed = 0;
    for (int i = 0; i < 40; i++) {
      try {
        expected =
            repo.save(p.withDescription("d" + i), WriteCondition.version(expected)).version();
        landed++;
      } catch (RepositoryException e) {
        assertThat(e).isNotInstanceOf(RecordConflictException.class);
      }
    }
    assertThat(landed).as("seed %d", aws.seed()).isBetween(1, 39);
    assertThat(repo.history(p.ref())).hasSize(2 + landed);
    assertThat(repo.get(p.ref()).version()).isEqualTo(expected);
  }

  @Test
  void accessDeniedIsTyped() {
    fake.failNext(
        "getParametersByPath",
        () ->
            AccessDeniedException.builder()
                .message("User is not authorized")
                .statusCode(400)
                .build());
    assertThatThrownBy(() -> store.profiles().blocking().list(NS))
        .isInstanceOf(RepositoryAccessDeniedException.class)
        .hasMessageContaining("namespace 'team-a'");
  }

  @Test
  void secureStringWithAKmsKey() {
    SsmRecordStore secure = storeBuilder().secureString("alias/emr-records").build();
    var p = Records.profile(NS, "kerberised");
    secure.profiles().blocking().save(p);
    var raw =
        ssm.getParameter(r -> r.name("/emr_launch/emr_profiles/team-a/kerberised")).parameter();
    assertThat(raw.type()).isEqualTo(ParameterType.SECURE_STRING);
    assertThat(raw.value()).doesNotContain("kerberised");
    assertThat(secure.profiles().blocking().get(p.ref()).value()).isEqualTo(p);
    assertThat(secure.profiles().blocking().list(NS))
        .extracting(StoredRecord::value)
        .containsExactly(p);
    assertThat(secure.profiles().blocking().namespaces()).containsExactly(NS);
  }

  @Test
  void loadLaunchInputsUsesOneGetParametersCall() {
    store.profiles().blocking().save(Records.profile(NS, "analytics"));
    store.configurations().blocking().save(Records.configuration(NS, "spark-small"));
    var f = Records.launchFunction(NS, "nightly");
    long before = calls();

    LaunchInputs in = store.loadLaunchInputs(f).join();

    assertThat(calls() - before).isEqualTo(1);
    assertThat(calls("GetParameters")).isEqualTo(1);
    assertThat(in.profile().value().name()).isEqualTo("analytics");
    assertThat(in.configuration().value().name()).isEqualTo("spark-small");
    assertThatThrownBy(
            () ->
                store
                    .loadLaunchInputs(RecordRef.of(NS, "analytics"), RecordRef.of(NS, "nope"))
                    .join())
        .hasCauseInstanceOf(RecordNotFoundException.class)
        .hasMessageContaining("cluster configuration 'nope' in namespace 'team-a' not found");
  }

  @Test
  void readThroughCacheHonoursItsTtlAndOwnWrites() {
    SsmRecordStore cached =
        storeBuilder().cacheTtl(Duration.ofMinutes(1)).clock(aws.clock()).build();
    var p = Records.profile(NS, "analytics");
    cached.profiles().blocking().save(p);
    cached.configurations().blocking().save(Records.configuration(NS, "spark-small"));

    cached.profiles().blocking().get(p.ref());
    cached.profiles().blocking().get(p.ref());
    assertThat(calls("GetParameter")).isEqualTo(1);

    // Another writer's change is seen once the entry expires.
    store.profiles().blocking().save(p.withDescription("elsewhere"));
    assertThat(cached.profiles().blocking().get(p.ref()).value().description())
        .contains("profile analytics");
    aws.time().advance(Duration.ofSeconds(61));
    assertThat(cached.profiles().blocking().get(p.ref()).value().description())
        .contains("elsewhere");
    assertThat(calls("GetParameter")).isEqualTo(2);

    // Own writes invalidate at once.
    cached.profiles().blocking().save(p.withDescription("mine"));
    assertThat(cached.profiles().blocking().get(p.ref()).value().description()).contains("mine");

    // The launch read is served from the cache when both are fresh.
    cached.loadLaunchInputs(p.ref(), RecordRef.of(NS, "spark-small")).join();
    long gets = calls("GetParameters");
    cached.loadLaunchInputs(p.ref(), RecordRef.of(NS, "spark-small")).join();
    assertThat(calls("GetParameters")).isEqualTo(gets);
    // Off by default.
    store.profiles().blocking().get(p.ref());
    store.profiles().blocking().get(p.ref());
    assertThat(calls("GetParameter")).isEqualTo(5);
  }

  @Test
  void aReadAnsweredAfterAnOwnSaveDoesNotPutTheOldValueBackInTheCache() {
    // Holds back the answer of the next GetParameter until the gate opens: the read is performed
    // (old value) before the save, but its answer arrives after the save invalidated the cache.
    CompletableFuture<Void> gate = new CompletableFuture<>();
    AtomicBoolean holdNextGet = new AtomicBoolean();
    SsmAsyncClient real = aws.ssmAsync();
    SsmAsyncClient gated =
        (SsmAsyncClient)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {SsmAsyncClient.class},
                (proxy, method, args) -> {
                  Object result = method.invoke(real, args);
                  if (method.getName().equals("getParameter") && holdNextGet.getAndSet(false)) {
                    return ((CompletableFuture<?>) result).thenCombine(gate, (v, open) -> v);
                  }
                  return result;
                });
    SsmRecordStore cached =
        storeBuilder().client(gated).cacheTtl(Duration.ofMinutes(1)).clock(aws.clock()).build();
    var p = Records.profile(NS, "analytics");
    cached.profiles().blocking().save(p);

    holdNextGet.set(true);
    var slow = cached.profiles().get(p.ref());
    cached.profiles().blocking().save(p.withDescription("mine"));
    gate.complete(null);

    assertThat(slow.join().value().description()).contains("profile analytics");
    assertThat(cached.profiles().blocking().get(p.ref()).value().description()).contains("mine");
  }

  @Test
  void deleteRemovesTheRecordAndItsHistory() {
    var p = Records.profile(NS, "analytics");
    store.profiles().blocking().save(p);
    assertThat(store.profiles().blocking().delete(p.ref())).isTrue();
    assertThat(store.profiles().blocking().delete(p.ref())).isFalse();
    assertThat(store.profiles().blocking().find(p.ref())).isEmpty();
  }

  @Test
  void anUnreadableRecordNamesItsParameterAndFieldPaths() {
    ssm.putParameter(
        r ->
            r.name("/emr_launch/emr_profiles/team-a/broken")
                .type("String")
                .value("{\"schemaVersion\":1,\"name\":7}"));
    assertThatThrownBy(() -> store.profiles().blocking().get(RecordRef.of(NS, "broken")))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("/emr_launch/emr_profiles/team-a/broken version 1")
        .satisfies(
            e ->
                assertThat(
                        ((UnreadableRecordException) e)
                            .problems().problems().stream()
                                .map(pr -> pr.path())
                                .collect(Collectors.toList()))
                    .isNotEmpty());
  }
}
