package io.emrlaunch.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.repository.RecordConflictException;
import io.emrlaunch.core.repository.RecordFormat;
import io.emrlaunch.core.repository.RepositoryException;
import io.emrlaunch.core.repository.StoredRecord;
import io.emrlaunch.core.repository.WriteCondition;
import io.emrlaunch.ssm.support.Interleaving;
import io.emrlaunch.ssm.support.Records;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.RecordedCall;
import io.emrlaunch.testkit.ssm.FakeSsm;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

/**
 * The write lock of versioned saves under deterministic interleavings: each writer has its own
 * client ({@link Interleaving}) whose chosen answers are held back, so a writer stops exactly at a
 * point of its protocol while others run, in virtual time.
 */
class SsmWriteLockTest {
  static final String NS = "team-a";
  static final String RECORD = "/emr_launch/emr_profiles/team-a/analytics";
  static final String LOCK = "/emr_launch/_locks/emr_profiles/team-a/analytics";

  FakeAws aws;
  FakeSsm ssm;
  EmrProfile p;

  @BeforeEach
  void setUp() {
    aws = FakeAws.builder().start(Instant.parse("2026-11-23T10:00:00Z")).build();
    ssm = aws.ssmBackend();
    p = Records.profile(NS, "analytics");
    writer(new Interleaving(aws.ssmAsync())).profiles().blocking().create(p);
  }

  /** A writer with its own client, on the virtual clock. */
  SsmRecordStore writer(Interleaving client) {
    return SsmRecordStore.builder()
        .client(client.client())
        .format(RecordFormat.EMR_LAUNCH)
        .clock(aws.clock())
        .build();
  }

  CompletableFuture<StoredRecord<EmrProfile>> save(
      Interleaving client, String description, long expected) {
    return writer(client)
        .profiles()
        .save(p.withDescription(description), WriteCondition.version(expected));
  }

  /** A lock left by a writer that crashed, already expired. */
  void crashedLock() {
    long expires = aws.clock().instant().plusSeconds(30).toEpochMilli();
    ssm.putParameter(
        r ->
            r.name(LOCK)
                .type("String")
                .value("{\"owner\":\"crashed\",\"expires\":" + expires + "}"));
    aws.time().advance(Duration.ofSeconds(31));
  }

  long recordPuts() {
    return aws.calls().calls(FakeAws.SSM, "PutParameter").stream()
        .filter(c -> ((PutParameterRequest) c.request()).name().equals(RECORD))
        .filter(c -> c.error().isEmpty())
        .count();
  }

  String lockValue() {
    return ssm.getParameter(r -> r.name(LOCK)).parameter().value();
  }

  boolean lockExists() {
    return !ssm.getParametersByPath(r -> r.path("/emr_launch/_locks").recursive(true))
        .parameters()
        .isEmpty();
  }

  static RecordConflictException conflictOf(CompletableFuture<?> f) {
    assertThat(f).isCompletedExceptionally();
    try {
      f.join();
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(RecordConflictException.class);
      return (RecordConflictException) e.getCause();
    }
    throw new AssertionError("not failed: " + f);
  }

  @Test
  void twoWritersBreakingTheSameExpiredLockAtOnceExactlyOneWins() {
    crashedLock();
    Interleaving a = new Interleaving(aws.ssmAsync());
    Interleaving b = new Interleaving(aws.ssmAsync());
    Interleaving.Hold aReadTheLock = a.holdNextAnswer("getParameter", Interleaving.lockRead());
    Interleaving.Hold aReadTheRecord =
        a.holdNextAnswer("getParameterHistory", Interleaving.recordRead());
    Interleaving.Hold bReadTheLock = b.holdNextAnswer("getParameter", Interleaving.lockRead());

    // Both find the lock taken and read the same expired claim; neither has acted on it yet.
    CompletableFuture<StoredRecord<EmrProfile>> savedByA = save(a, "A", 1);
    CompletableFuture<StoredRecord<EmrProfile>> savedByB = save(b, "B", 1);
    assertThat(savedByA).isNotDone();
    assertThat(savedByB).isNotDone();

    // A breaks the claim and is inside its save (its read of the record is held).
    aReadTheLock.release();
    assertThat(savedByA).isNotDone();
    assertThat(lockValue()).doesNotContain("crashed");

    // B breaks the claim it read before A did: its overwrite does not directly follow the expired
    // claim, so it does not hold the lock, and it writes nothing.
    bReadTheLock.release();
    assertThat(conflictOf(savedByB))
        .hasMessageContaining("another writer is saving it right now; nothing was written");
    assertThat(recordPuts()).isEqualTo(1); // the create only

    aReadTheRecord.release();
    assertThat(savedByA.join().version()).isEqualTo(2);
    assertThat(ssm.getParameter(r -> r.name(RECORD)).parameter().value()).contains("\"A\"");
    assertThat(ssm.getParameterHistory(r -> r.name(RECORD)).parameters()).hasSize(2);
    assertThat(recordPuts()).isEqualTo(2);

    // The cost of the race (SSM cannot undo B's overwrite of the lock): B's claim stays until it
    // expires, and saves of the record conflict until then.
    Interleaving c = new Interleaving(aws.ssmAsync());
    assertThat(conflictOf(save(c, "C", 2)))
        .hasMessageContaining("another writer is saving it right now");
    aws.time().advance(Duration.ofSeconds(31));
    assertThat(save(c, "C", 2).join().version()).isEqualTo(3);
    assertThat(lockExists()).isFalse();
  }

  @Test
  void aBreakerWhoseExpiredClaimWasReleasedAndRecreatedMeanwhileDoesNotTakeTheNewLock() {
    crashedLock(); // version 1 of the lock
    Interleaving b = new Interleaving(aws.ssmAsync());
    Interleaving.Hold bReadTheLock = b.holdNextAnswer("getParameter", Interleaving.lockRead());
    CompletableFuture<StoredRecord<EmrProfile>> savedByB = save(b, "B", 1);
    assertThat(savedByB).isNotDone(); // B read the expired claim as version 1

    // A breaks it too, finds a stale expected version, writes nothing and deletes the lock.
    assertThat(conflictOf(save(new Interleaving(aws.ssmAsync()), "A", 7)))
        .hasMessageContaining("another writer saved version 1");
    assertThat(lockExists()).isFalse();
    // C creates a fresh lock: version 1 again (SSM restarts the versions of a re-created
    // parameter), and stops inside its save.
    Interleaving c = new Interleaving(aws.ssmAsync());
    Interleaving.Hold cReadTheRecord =
        c.holdNextAnswer("getParameterHistory", Interleaving.recordRead());
    CompletableFuture<StoredRecord<EmrProfile>> savedByC = save(c, "C", 1);
    String cClaim = lockValue();

    // B's overwrite is answered with version 2, right after the version 1 it read, but version 1
    // is C's claim now, not the expired one: B does not hold the lock.
    bReadTheLock.release();
    assertThat(conflictOf(savedByB)).hasMessageContaining("another writer is saving it right now");
    assertThat(recordPuts()).isEqualTo(1);

    cReadTheRecord.release();
    assertThat(savedByC.join().version()).isEqualTo(2);
    assertThat(ssm.getParameterHistory(r -> r.name(RECORD)).parameters()).hasSize(2);
    // B's losing overwrite replaced C's claim, so C left it to expire.
    assertThat(lockValue()).isNotEqualTo(cClaim);
  }

  @Test
  void aSlowHolderNeitherWritesNorDeletesTheLockOfTheWriterThatTookOver() {
    Interleaving a = new Interleaving(aws.ssmAsync());
    Interleaving b = new Interleaving(aws.ssmAsync());
    Interleaving.Hold aReadTheRecord =
        a.holdNextAnswer("getParameterHistory", Interleaving.recordRead());
    CompletableFuture<StoredRecord<EmrProfile>> savedByA = save(a, "A", 1);
    assertThat(savedByA).isNotDone(); // A holds the lock; its body stalls
    String aClaim = lockValue();

    // Longer than the lock's lifetime: B breaks A's claim and stops inside its own save.
    aws.time().advance(Duration.ofSeconds(31));
    Interleaving.Hold bReadTheRecord =
        b.holdNextAnswer("getParameterHistory", Interleaving.recordRead());
    CompletableFuture<StoredRecord<EmrProfile>> savedByB = save(b, "B", 1);
    assertThat(savedByB).isNotDone();
    String bClaim = lockValue();
    assertThat(bClaim).isNotEqualTo(aClaim);

    // A wakes up: it no longer holds the lock, so it writes nothing and leaves B's lock alone.
    aReadTheRecord.release();
    assertThat(conflictOf(savedByA))
        .hasMessageContaining("its write lock expired before the write")
        .satisfies(e -> assertThat(e.rejectedVersion()).isEmpty());
    assertThat(recordPuts()).isEqualTo(1);
    assertThat(lockValue()).isEqualTo(bClaim);

    bReadTheRecord.release();
    assertThat(savedByB.join().version()).isEqualTo(2);
    assertThat(ssm.getParameter(r -> r.name(RECORD)).parameter().value()).contains("\"B\"");
    assertThat(ssm.getParameterHistory(r -> r.name(RECORD)).parameters()).hasSize(2);
    assertThat(lockExists()).isFalse();
  }

  @Test
  void aSlowHolderWhoseLockNobodyTookRenewsItAndSaves() {
    Interleaving a = new Interleaving(aws.ssmAsync());
    Interleaving.Hold aReadTheRecord =
        a.holdNextAnswer("getParameterHistory", Interleaving.recordRead());
    CompletableFuture<StoredRecord<EmrProfile>> savedByA = save(a, "A", 1);
    aws.time().advance(Duration.ofSeconds(31));

    aReadTheRecord.release();
    assertThat(savedByA.join().version()).isEqualTo(2);
    // The lock was renewed (version 2 of the lock) before the write, then released.
    assertThat(
            aws.calls().calls(FakeAws.SSM, "PutParameter").stream()
                .map(RecordedCall::request)
                .map(r -> ((PutParameterRequest) r).name()))
        .containsExactly(RECORD, LOCK, LOCK, RECORD);
    assertThat(lockExists()).isFalse();
  }

  @Test
  void aSaveWhileAnotherHoldsTheLockConflictsAndSucceedsAfterwards() {
    Interleaving a = new Interleaving(aws.ssmAsync());
    Interleaving b = new Interleaving(aws.ssmAsync());
    Interleaving.Hold aReadTheRecord =
        a.holdNextAnswer("getParameterHistory", Interleaving.recordRead());
    CompletableFuture<StoredRecord<EmrProfile>> savedByA = save(a, "A", 1);

    assertThat(conflictOf(save(b, "B", 1)))
        .hasMessageContaining("another writer is saving it right now; nothing was written");
    aReadTheRecord.release();
    assertThat(savedByA.join().version()).isEqualTo(2);
    assertThat(lockExists()).isFalse();
    // B reads again and retries: the lock is free.
    assertThat(save(b, "B", 2).join().version()).isEqualTo(3);
    assertThat(recordPuts()).isEqualTo(3);
    assertThat(lockExists()).isFalse();
  }

  @Test
  void aLosingBreakersEarlierWrittenExpiryDoesNotLetAThirdWriterIn() {
    crashedLock();
    // B computes its claim (expiring in 30 s) and reads the expired lock, then stalls for 12 s.
    Interleaving b = new Interleaving(aws.ssmAsync());
    Interleaving.Hold bReadTheLock = b.holdNextAnswer("getParameter", Interleaving.lockRead());
    CompletableFuture<StoredRecord<EmrProfile>> savedByB = save(b, "B", 1);
    aws.time().advance(Duration.ofSeconds(12));
    // A breaks the expired lock (its claim expires 42 s after B computed its own) and stops inside.
    Interleaving a = new Interleaving(aws.ssmAsync());
    Interleaving.Hold aReadTheRecord =
        a.holdNextAnswer("getParameterHistory", Interleaving.recordRead());
    CompletableFuture<StoredRecord<EmrProfile>> savedByA = save(a, "A", 1);
    // B's break loses, but its overwrite put B's earlier expiry into the lock.
    bReadTheLock.release();
    assertThat(conflictOf(savedByB)).hasMessageContaining("another writer is saving it right now");

    // Past B's written expiry, with 11 s of A's lease left: the lock's modification time keeps
    // it alive, so D does not break in while A holds the lock.
    aws.time().advance(Duration.ofSeconds(19));
    assertThat(conflictOf(save(new Interleaving(aws.ssmAsync()), "D", 1)))
        .hasMessageContaining("another writer is saving it right now");

    aReadTheRecord.release();
    assertThat(savedByA.join().version()).isEqualTo(2);
    assertThat(ssm.getParameterHistory(r -> r.name(RECORD)).parameters()).hasSize(2);
    assertThat(recordPuts()).isEqualTo(2);
  }

  @Test
  void putsOfTheLockThatTheClientRepeatedAfterALostAnswerStillHoldIt() {
    // A create-only put that landed twice: the second is refused, the lock holds our own claim.
    Interleaving a = new Interleaving(aws.ssmAsync());
    a.repeatNextPut(Interleaving.lockPut());
    assertThat(save(a, "A", 1).join().version()).isEqualTo(2);
    assertThat(lockExists()).isFalse();

    // A break that landed twice: our answer is version 3, version 2 is our own copy, version 1
    // the expired claim: we hold the lock.
    crashedLock();
    a.repeatNextPut(
        Interleaving.lockPut()
            .and(r -> Boolean.TRUE.equals(((PutParameterRequest) r).overwrite())));
    assertThat(save(a, "A2", 2).join().version()).isEqualTo(3);
    assertThat(
            aws.calls().calls(FakeAws.SSM, "PutParameter").stream()
                .map(RecordedCall::request)
                .filter(r -> ((PutParameterRequest) r).name().equals(LOCK))
                .filter(r -> Boolean.TRUE.equals(((PutParameterRequest) r).overwrite())))
        .hasSize(2);
    assertThat(lockExists()).isFalse();
  }

  @Test
  void aHolderWhoseLeaseRanOutDoesNotRestoreOverTheNextHolder() {
    // A plain (unlocked) overwrite lands between A's check and A's put, so A must put the other
    // writer's value back on top; but A stalls reading the history for longer than its lease.
    Interleaving a = new Interleaving(aws.ssmAsync());
    a.beforeNextPut(() -> {}); // the lock
    a.beforeNextPut(
        () ->
            writer(new Interleaving(aws.ssmAsync()))
                .profiles()
                .blocking()
                .save(p.withDescription("plain")));
    // A reads the history twice: to check the version, and after its put to verify the chain.
    AtomicInteger historyReads = new AtomicInteger();
    Interleaving.Hold aReadTheHistory =
        a.holdNextAnswer("getParameterHistory", r -> historyReads.incrementAndGet() == 2);
    CompletableFuture<StoredRecord<EmrProfile>> savedByA = save(a, "A", 1);
    aws.time().advance(Duration.ofSeconds(31));
    // B takes the expired lock over and stops inside its save, having read version 3 (A's).
    Interleaving b = new Interleaving(aws.ssmAsync());
    Interleaving.Hold bReadTheRecord =
        b.holdNextAnswer("getParameterHistory", Interleaving.recordRead());
    CompletableFuture<StoredRecord<EmrProfile>> savedByB = save(b, "B", 3);

    // A no longer holds the lock: it does not put version 2 back over what B may write.
    aReadTheHistory.release();
    assertThat(conflictOf(savedByA))
        .hasMessageContaining("write lock expired before that value could be restored")
        .satisfies(e -> assertThat(e.rejectedVersion()).hasValue(3));
    assertThat(recordPuts()).isEqualTo(3); // create, the plain overwrite, A

    // A's value (version 3) sits on top of the plain overwrite A never saw, and A was not
    // acknowledged: B finds it late, puts the plain overwrite back and conflicts.
    bReadTheRecord.release();
    assertThat(conflictOf(savedByB))
        .hasMessageContaining("version 3 is a write that landed after its writer had given up")
        .satisfies(e -> assertThat(e.currentVersion()).isEqualTo(4));
    assertThat(ssm.getParameter(r -> r.name(RECORD)).parameter().value()).contains("\"plain\"");
    assertThat(save(new Interleaving(aws.ssmAsync()), "B", 4).join().version()).isEqualTo(5);
    assertThat(ssm.getParameter(r -> r.name(RECORD)).parameter().value()).contains("\"B\"");
    assertThat(lockExists()).isFalse();
  }

  @Test
  void aPutThatLandsAfterItsLeaseIsNotAcknowledgedAndTheWriteItBuriedIsRestored() {
    // A holds the lock and has read version 1; its put then takes 40 s to reach SSM.
    Interleaving a = new Interleaving(aws.ssmAsync());
    Interleaving.Hold aReadTheRecord =
        a.holdNextAnswer("getParameterHistory", Interleaving.recordRead());
    CompletableFuture<StoredRecord<EmrProfile>> savedByA = save(a, "A", 1);
    aws.faults().on(FakeAws.SSM, "PutParameter").next(1).latency(Duration.ofSeconds(40));
    aReadTheRecord.release();
    assertThat(savedByA).isNotDone();

    // The put is bounded by A's lease: A gives up when the lease ends and acknowledges nothing.
    aws.time().advance(Duration.ofSeconds(30));
    assertThat(savedByA).isCompletedExceptionally();
    assertThatThrownBy(savedByA::join)
        .hasCauseInstanceOf(RepositoryException.class)
        .hasMessageContaining("the save is not acknowledged");

    // B takes the expired lock over and saves on top of version 1: acknowledged as version 2.
    aws.time().advance(Duration.ofSeconds(1));
    StoredRecord<EmrProfile> b = save(new Interleaving(aws.ssmAsync()), "B", 1).join();
    assertThat(b.version()).isEqualTo(2);

    // A's put lands now, on top of B's acknowledged version, which it never saw.
    aws.time().advance(Duration.ofSeconds(10));
    assertThat(recordPuts()).isEqualTo(3);
    assertThat(ssm.getParameter(r -> r.name(RECORD)).parameter().value()).contains("\"A\"");
    assertThat(ssm.getParameterHistory(r -> r.name(RECORD)).parameters().get(2).description())
        .startsWith("emr-launch:lease ")
        .endsWith(" on 1");

    // The next versioned save (whoever makes it) finds version 3 late, restores B's value and
    // conflicts, so nobody builds on the late value; then saves go on from B's.
    Interleaving c = new Interleaving(aws.ssmAsync());
    assertThat(conflictOf(save(c, "C", 3)))
        .hasMessageContaining("version 3 is a write that landed after its writer had given up")
        .hasMessageContaining("version 2's value was restored as version 4")
        .satisfies(e -> assertThat(e.currentVersion()).isEqualTo(4));
    assertThat(ssm.getParameter(r -> r.name(RECORD)).parameter().value()).contains("\"B\"");
    assertThat(save(c, "C", 4).join().version()).isEqualTo(5);
    assertThat(lockExists()).isFalse();
  }
}
