package io.emrlaunch.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.BlockingRecordRepository;
import io.emrlaunch.core.repository.LaunchInputs;
import io.emrlaunch.core.repository.RecordConflictException;
import io.emrlaunch.core.repository.RecordFormat;
import io.emrlaunch.core.repository.RecordNotFoundException;
import io.emrlaunch.core.repository.RecordTooLargeException;
import io.emrlaunch.core.repository.RecordVersion;
import io.emrlaunch.core.repository.StoredRecord;
import io.emrlaunch.core.repository.VersionSelector;
import io.emrlaunch.core.repository.WriteCondition;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.ssm.support.Interleaving;
import io.emrlaunch.ssm.support.Records;
import io.emrlaunch.ssm.support.ThrottlingProxy;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The SSM store over HTTP against moto, throttled by a local proxy where a test says so. */
@MotoTest
class SsmRecordStoreMotoTest {
  static final String NS = "team-a";

  /** The recommended strategy's shape with millisecond delays, so tests stay fast. */
  static final RetryStrategy FAST_RETRIES =
      SsmClients.retryStrategy(
          8, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(50));

  // One client and proxy for the class: building and closing an async client costs seconds.
  static ThrottlingProxy proxy;
  static SsmAsyncClient client;
  SsmClient direct;

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    // @MotoTest has reset moto's state before this test.
    if (proxy == null) {
      proxy = new ThrottlingProxy(moto.endpoint());
      client =
          moto.configure(SsmAsyncClient.builder())
              .endpointOverride(proxy.endpoint())
              .overrideConfiguration(o -> o.retryStrategy(FAST_RETRIES))
              .build();
    }
    proxy.resetCounters();
    direct = moto.ssm();
  }

  @AfterAll
  static void closeClients() {
    if (client != null) {
      client.close();
      proxy.close();
      client = null;
      proxy = null;
    }
  }

  SsmRecordStore.Builder store() {
    return SsmRecordStore.builder().client(client).format(RecordFormat.EMR_LAUNCH);
  }

  @Test
  void everyKindRoundTripsOverHttpInBothFormats() {
    for (RecordFormat format : RecordFormat.values()) {
      SsmRecordStore s = store().format(format).build();
      String ns = "ns-" + format.ordinal();
      var p = Records.profile(ns, "analytics");
      var c = Records.configuration(ns, "spark-small");
      var f = Records.launchFunction(ns, "nightly");
      s.profiles().blocking().create(p);
      s.configurations().blocking().create(c);
      s.launchFunctions().blocking().create(f);

      assertThat(s.profiles().blocking().get(p.ref()).value()).isEqualTo(p);
      assertThat(s.configurations().blocking().get(c.ref()).value()).isEqualTo(c);
      assertThat(s.launchFunctions().blocking().get(f.ref()).value()).isEqualTo(f);
      assertThat(
              direct
                  .getParameter(r -> r.name("/emr_launch/emr_launch_functions/" + ns + "/nightly"))
                  .parameter()
                  .version())
          .isEqualTo(1L);
      LaunchInputs in =
          s.loadLaunchInputs(RecordRef.of(ns, "analytics"), RecordRef.of(ns, "spark-small")).join();
      assertThat(in.profile().value()).isEqualTo(p);
      assertThat(in.configuration().value()).isEqualTo(c);
      assertThat(in.profile().format()).isEqualTo(format);
    }
    assertThat(proxy.forwarded("GetParameters")).isEqualTo(2);
  }

  @Test
  void listsAcrossSeveralPages() {
    SsmRecordStore s = store().pageSize(3).build();
    for (int i = 0; i < 8; i++) {
      s.configurations().blocking().save(Records.configuration(NS, "c" + i));
    }
    s.configurations().blocking().save(Records.configuration("ns-b", "other"));
    int before = proxy.forwarded("GetParametersByPath");
    List<StoredRecord<io.emrlaunch.core.model.ClusterConfiguration>> all =
        s.configurations().blocking().list(NS);
    assertThat(all)
        .extracting(r -> r.ref().name())
        .containsExactlyInAnyOrder("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7");
    assertThat(proxy.forwarded("GetParametersByPath") - before).isGreaterThanOrEqualTo(3);
    assertThat(s.configurations().blocking().stream(NS).count()).isEqualTo(8);
    assertThat(s.configurations().blocking().namespaces()).containsExactly("ns-b", NS);
  }

  @Test
  void readsVersionsAndLabels() {
    BlockingRecordRepository<io.emrlaunch.core.model.EmrProfile> repo =
        store().build().profiles().blocking();
    var v1 = Records.profile(NS, "analytics");
    repo.create(v1);
    repo.save(v1.withDescription("two"));
    repo.save(v1.withDescription("three"));
    repo.label(v1.ref(), 2, List.of("approved"));

    assertThat(repo.get(v1.ref(), VersionSelector.version(1)).value()).isEqualTo(v1);
    assertThat(repo.get(v1.ref(), VersionSelector.label("approved")).value().description())
        .contains("two");
    assertThat(repo.get(v1.ref()).version()).isEqualTo(3);
    assertThat(repo.history(v1.ref()))
        .extracting(RecordVersion::version)
        .containsExactly(1L, 2L, 3L);
    assertThatThrownBy(() -> repo.get(v1.ref(), VersionSelector.version(7)))
        .isInstanceOf(RecordNotFoundException.class);
  }

  @Test
  void twoWritersConflict() {
    BlockingRecordRepository<io.emrlaunch.core.model.EmrProfile> a =
        store().build().profiles().blocking();
    BlockingRecordRepository<io.emrlaunch.core.model.EmrProfile> b =
        store().build().profiles().blocking();
    var p = Records.profile(NS, "analytics");
    a.create(p);
    long seenByA = a.get(p.ref()).version();
    long seenByB = b.get(p.ref()).version();
    a.save(p.withDescription("A"), WriteCondition.version(seenByA));
    assertThatThrownBy(() -> b.save(p.withDescription("B"), WriteCondition.version(seenByB)))
        .isInstanceOf(RecordConflictException.class);
    assertThatThrownBy(() -> b.create(p)).isInstanceOf(RecordConflictException.class);
    assertThat(a.get(p.ref()).value().description()).contains("A");
    assertThat(a.history(p.ref())).hasSize(2);
  }

  @Test
  void over4KbGoesAdvancedAndOver8KbIsRefusedThoughMotoWouldAcceptIt() {
    BlockingRecordRepository<io.emrlaunch.core.model.ClusterConfiguration> repo =
        store().build().configurations().blocking();
    var big = Records.bigConfiguration(NS, "big", 6000);
    repo.save(big);
    assertThat(repo.get(big.ref()).value()).isEqualTo(big);
    assertThat(repo.history(big.ref()).get(0).tier()).contains("Advanced");

    int before = proxy.total();
    assertThatThrownBy(() -> repo.save(Records.bigConfiguration(NS, "huge", 9000)))
        .isInstanceOf(RecordTooLargeException.class);
    assertThat(proxy.total()).isEqualTo(before);
    assertThat(repo.find(RecordRef.of(NS, "huge"))).isEmpty();
  }

  @Test
  void throttlingIsRetriedByTheSdkAndNoWriteIsLostOrDoubled() {
    SsmRecordStore s = store().build();
    var p = Records.profile(NS, "analytics");
    proxy.throttle("PutParameter", 3);
    assertThat(s.profiles().blocking().create(p).version()).isEqualTo(1);
    assertThat(proxy.throttled("PutParameter")).isEqualTo(3);
    assertThat(proxy.forwarded("PutParameter")).isEqualTo(1);

    proxy.throttle("GetParameter", 2);
    proxy.throttle("PutParameter", 2);
    assertThat(
            s.profiles()
                .blocking()
                .save(p.withDescription("x"), WriteCondition.version(1))
                .version())
        .isEqualTo(2);
    proxy.throttle("GetParameters", 4);
    s.configurations().blocking().save(Records.configuration(NS, "spark-small"));
    assertThat(
            s.loadLaunchInputs(p.ref(), RecordRef.of(NS, "spark-small")).join().profile().version())
        .isEqualTo(2);
    assertThat(proxy.throttled("GetParameters")).isEqualTo(4);
    assertThat(s.profiles().blocking().history(p.ref())).hasSize(2);
  }

  @Test
  void badNamesNeverReachTheWire() {
    SsmRecordStore s = store().build();
    var p = Records.profile(NS, "analytics");
    assertThatThrownBy(() -> s.profiles().blocking().save(p.withName("has space")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> s.profiles().blocking().save(p.withNamespace("aws-reserved")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> s.profiles().blocking().list("a/b"))
        .isInstanceOf(ValidationException.class);
    assertThat(proxy.total()).isZero();
  }

  @Test
  void secureStringRecordsAreEncryptedAtRestAndReadInClear() {
    SsmRecordStore s = store().secureString().build();
    var p = Records.profile(NS, "kerberised");
    s.profiles().blocking().save(p);
    var raw =
        direct
            .getParameter(
                r -> r.name("/emr_launch/emr_profiles/team-a/kerberised").withDecryption(false))
            .parameter();
    assertThat(raw.typeAsString()).isEqualTo("SecureString");
    assertThat(raw.value())
        .isNotEqualTo(
            direct.getParameter(r -> r.name(raw.name()).withDecryption(true)).parameter().value());
    assertThat(s.profiles().blocking().get(p.ref()).value()).isEqualTo(p);
    assertThat(s.loadLaunchInputs(p.ref(), RecordRef.of(NS, "none")))
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableThat()
        .havingRootCause()
        .isInstanceOf(RecordNotFoundException.class)
        .withMessageContaining("cluster configuration 'none' in namespace 'team-a'");
  }

  @Test
  void twoConcurrentReadModifyWriteLoopsLoseNoUpdateOverHttp() throws Exception {
    SsmRecordStore s = store().build();
    var p = Records.profile(NS, "counter").withDescription("0");
    s.profiles().blocking().create(p);
    int each = 4;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
    for (int t = 0; t < 2; t++) {
      done.add(
          pool.submit(
              () -> {
                BlockingRecordRepository<io.emrlaunch.core.model.EmrProfile> mine =
                    store().build().profiles().blocking();
                int conflicts = 0;
                for (int i = 0; i < each; ) {
                  StoredRecord<io.emrlaunch.core.model.EmrProfile> read = mine.get(p.ref());
                  int n = Integer.parseInt(read.value().description().orElseThrow());
                  try {
                    mine.save(
                        p.withDescription(Integer.toString(n + 1)),
                        WriteCondition.version(read.version()));
                    i++;
                  } catch (RecordConflictException e) {
                    conflicts++;
                  }
                }
                return conflicts;
              }));
    }
    for (java.util.concurrent.Future<Integer> f : done) {
      f.get(120, java.util.concurrent.TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(s.profiles().blocking().get(p.ref()).value().description())
        .contains(Integer.toString(2 * each));
    assertThat(s.profiles().blocking().history(p.ref())).hasSize(1 + 2 * each);
    assertThat(
            direct
                .getParametersByPath(r -> r.path("/emr_launch/_locks").recursive(true))
                .parameters())
        .isEmpty();
  }

  static final String LOCK = "/emr_launch/_locks/emr_profiles/team-a/analytics";

  /** A clock that starts at the real time (moto's LastModifiedDate) and moves when told to. */
  static FakeAws clockStartingNow() {
    return FakeAws.builder().start(Instant.now()).build();
  }

  static RecordConflictException conflictOf(CompletableFuture<?> f) {
    try {
      f.join();
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(RecordConflictException.class);
      return (RecordConflictException) e.getCause();
    }
    throw new AssertionError("not failed: " + f);
  }

  @Test
  void twoWritersBreakingTheSameExpiredLockOverHttpExactlyOneWins() {
    FakeAws time = clockStartingNow();
    var p = Records.profile(NS, "analytics");
    store().build().profiles().blocking().create(p);
    direct.putParameter(
        r ->
            r.name(LOCK)
                .type("String")
                .value("{\"owner\":\"crashed\",\"expires\":" + System.currentTimeMillis() + "}"));
    time.time().advance(Duration.ofSeconds(40));
    Interleaving a = new Interleaving(client);
    Interleaving b = new Interleaving(client);
    Interleaving.Hold aReadTheLock = a.holdNextAnswer("getParameter", Interleaving.lockRead());
    Interleaving.Hold aReadTheRecord =
        a.holdNextAnswer("getParameterHistory", Interleaving.recordRead());
    Interleaving.Hold bReadTheLock = b.holdNextAnswer("getParameter", Interleaving.lockRead());

    CompletableFuture<StoredRecord<EmrProfile>> savedByA =
        store()
            .client(a.client())
            .clock(time.clock())
            .build()
            .profiles()
            .save(p.withDescription("A"), WriteCondition.version(1));
    CompletableFuture<StoredRecord<EmrProfile>> savedByB =
        store()
            .client(b.client())
            .clock(time.clock())
            .build()
            .profiles()
            .save(p.withDescription("B"), WriteCondition.version(1));
    // Both have read the expired claim; A breaks it and stops inside its save.
    aReadTheLock.answered().join();
    bReadTheLock.answered().join();
    aReadTheLock.release();
    aReadTheRecord.answered().join();
    // B breaks the claim it read before A did, and loses.
    bReadTheLock.release();
    assertThat(conflictOf(savedByB))
        .hasMessageContaining("another writer is saving it right now; nothing was written");
    aReadTheRecord.release();

    assertThat(savedByA.join().version()).isEqualTo(2);
    assertThat(s().profiles().blocking().history(p.ref())).hasSize(2);
    assertThat(s().profiles().blocking().get(p.ref()).value().description()).contains("A");
    // The lock went through versions 1 (crashed), 2 (A), 3 (B, lost) in moto too.
    assertThat(direct.getParameter(r -> r.name(LOCK)).parameter().version()).isEqualTo(3);
  }

  @Test
  void aLateWriteOverHttpIsFoundFromTheHistoryAndTheAcknowledgedValueRestored() {
    String record = "/emr_launch/emr_profiles/team-a/analytics";
    var p = Records.profile(NS, "analytics");
    var repo = store().build().profiles();
    repo.blocking().create(p);
    String v1 = direct.getParameter(r -> r.name(record)).parameter().value();
    assertThat(repo.save(p.withDescription("B"), WriteCondition.version(1)).join().version())
        .isEqualTo(2);
    assertThat(direct.getParameterHistory(r -> r.name(record)).parameters().get(1).description())
        .startsWith("emr-launch:lease ")
        .endsWith(" on 1");
    // The put of a writer that read version 1 and gave up reaches SSM only now (what the
    // testkit's late-landing test produces through a delayed call).
    String late = v1.replace("profile analytics", "A");
    direct.putParameter(
        r ->
            r.name(record)
                .value(late)
                .type("String")
                .overwrite(true)
                .description("emr-launch:lease gave-up on 1"));

    assertThat(conflictOf(repo.save(p.withDescription("C"), WriteCondition.version(3))))
        .hasMessageContaining("version 3 is a write that landed after its writer had given up")
        .satisfies(e -> assertThat(e.currentVersion()).isEqualTo(4));
    assertThat(repo.get(p.ref()).join().value().description()).hasValue("B");
    assertThat(repo.save(p.withDescription("C"), WriteCondition.version(4)).join().version())
        .isEqualTo(5);
  }

  @Test
  void aSlowHolderOverHttpNeitherWritesNorDeletesTheNextHoldersLock() {
    FakeAws time = clockStartingNow();
    var p = Records.profile(NS, "analytics");
    store().build().profiles().blocking().create(p);
    Interleaving a = new Interleaving(client);
    Interleaving b = new Interleaving(client);
    Interleaving.Hold aReadTheRecord =
        a.holdNextAnswer("getParameterHistory", Interleaving.recordRead());
    CompletableFuture<StoredRecord<EmrProfile>> savedByA =
        store()
            .client(a.client())
            .clock(time.clock())
            .build()
            .profiles()
            .save(p.withDescription("A"), WriteCondition.version(1));
    aReadTheRecord.answered().join();
    // Past A's lease by the virtual clock and by moto's LastModifiedDate of A's claim (real time,
    // which a loaded machine may have moved on by seconds since the virtual clock started).
    Instant claimed = direct.getParameter(r -> r.name(LOCK)).parameter().lastModifiedDate();
    Duration pastLease = Duration.between(time.clock().instant(), claimed.plusSeconds(31));
    time.time()
        .advance(
            pastLease.compareTo(Duration.ofSeconds(40)) > 0 ? pastLease : Duration.ofSeconds(40));
    Interleaving.Hold bReadTheRecord =
        b.holdNextAnswer("getParameterHistory", Interleaving.recordRead());
    CompletableFuture<StoredRecord<EmrProfile>> savedByB =
        store()
            .client(b.client())
            .clock(time.clock())
            .build()
            .profiles()
            .save(p.withDescription("B"), WriteCondition.version(1));
    bReadTheRecord.answered().join();
    String bClaim = direct.getParameter(r -> r.name(LOCK)).parameter().value();

    aReadTheRecord.release();
    assertThat(conflictOf(savedByA))
        .hasMessageContaining("its write lock expired before the write");
    assertThat(direct.getParameter(r -> r.name(LOCK)).parameter().value()).isEqualTo(bClaim);
    bReadTheRecord.release();
    assertThat(savedByB.join().version()).isEqualTo(2);
    assertThat(s().profiles().blocking().history(p.ref())).hasSize(2);
    assertThat(
            direct
                .getParametersByPath(r -> r.path("/emr_launch/_locks").recursive(true))
                .parameters())
        .isEmpty();
  }

  SsmRecordStore s() {
    return store().build();
  }
}
