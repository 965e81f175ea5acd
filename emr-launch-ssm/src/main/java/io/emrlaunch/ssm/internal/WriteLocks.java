package io.emrlaunch.ssm.internal;

import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.RecordConflictException;
import io.emrlaunch.core.repository.RecordKind;
import io.emrlaunch.core.repository.WriteCondition;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A per-record lease for versioned saves, built from the only atomic operations SSM offers.
 *
 * <p><b>Acquire.</b> Every acquisition has its own token; its claim {@code
 * {"owner":token,"expires":t}} is put create-only. Exactly one of many concurrent create-only puts
 * succeeds. When the lock exists and its claim has expired ({@link LockClaim#isExpired}), its
 * holder is presumed dead and the claim is <i>broken</i> by an overwrite, which SSM cannot make
 * conditional. What makes breaking safe is that SSM numbers the versions of a parameter atomically:
 * the breaker that observed the expired claim as version {@code n} holds the lock only if its put
 * was answered with version {@code n + 1} <i>and</i> version {@code n} (read back with the {@code
 * name:n} selector) is still exactly the expired value it observed. So exactly one put directly
 * follows the expired claim, and every other breaker learns it lost and fails with a conflict. The
 * second test matters because deleting a parameter restarts its versions: without it a breaker that
 * observed version {@code n} of a lock that was since released and re-created could take the new
 * holder's version {@code n + 1} for its own success. Reading back only the latest value is not
 * enough: a breaker whose put lands after another breaker has already read back its own success
 * would also read back its own value.
 *
 * <p><b>Before the final write.</b> {@link Lease#confirm()} returns at once while the lease has
 * more than {@link #MARGIN} left. Otherwise (the body was slow) it renews the lease the same way a
 * breaker takes one: it reads the lock, and only if the value is still its own claim it overwrites
 * it with a fresh expiry and checks that its put directly followed its own claim. A holder that
 * lost its lease therefore never writes the record.
 *
 * <p><b>Release.</b> SSM has no conditional delete. The holder reads the lock and deletes it only
 * if the value is still its own claim and more than {@link #MARGIN} of its lease is left; otherwise
 * it leaves the claim to expire. Nobody may break a claim before it expires, so the delete can only
 * remove a successor's lock if it reaches SSM after the lease has ended, more than {@code MARGIN}
 * after the holder read its own claim back. That window is not closed (it cannot be without a
 * conditional delete); the record's own version check ({@link SsmRecordRepository}) still detects a
 * write that slips through it.
 *
 * <p><b>Costs of a lost break.</b> The loser's overwrite replaces the winner's value in the lock.
 * The winner is unaffected unless it has to renew (then it gives up with a conflict, writing
 * nothing); its release leaves the loser's claim to expire, so versioned saves of that record
 * conflict until then (at most {@link #TTL} after the race).
 *
 * <p>All expiry decisions compare clocks of different machines: the guarantees hold while the
 * writers' clocks and SSM's agree to well within {@link #MARGIN}.
 */
final class WriteLocks {
  /** How long a lock protects a record if its holder never releases it. */
  static final Duration TTL = Duration.ofSeconds(30);

  /**
   * How much of its lease a holder must have left to write or to delete its lock without checking
   * again; with less it renews (before writing) or lets the lock expire (instead of deleting).
   */
  static final Duration MARGIN = Duration.ofSeconds(10);

  /**
   * How many copies of its own claim a breaker accepts between the expired claim and its answered
   * version: a put retried by the SDK after a lost response lands twice.
   */
  private static final int MAX_OWN_COPIES = 3;

  /**
   * The longest any call on a lock may take ({@code apiCallTimeout}): a lock call the client gave
   * up on may still land later, like any put, and is then one more overwrite of the claim.
   */
  static final Duration LOCK_CALL = MARGIN;

  private final SsmSettings s;

  WriteLocks(SsmSettings settings) {
    this.s = settings;
  }

  /**
   * Runs {@code body} holding the record's lock and releases the lock afterwards; a lock held by
   * another writer is a conflict and {@code body} does not run.
   */
  <R> CompletableFuture<R> withLock(
      RecordKind<?> kind,
      RecordRef ref,
      WriteCondition c,
      Function<Lease, CompletableFuture<R>> body) {
    String lock = s.layout().lockName(kind, ref.namespace(), ref.name());
    return acquire(lock)
        .thenCompose(
            held -> {
              if (held.isEmpty()) {
                throw new RecordConflictException(
                    kind,
                    ref,
                    c,
                    0,
                    0,
                    "another writer is saving it right now; nothing was written");
              }
              Lease lease = new Lease(lock, held.get());
              CompletableFuture<R> result;
              try {
                result = body.apply(lease);
              } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
              }
              return result
                  .handle(
                      (r, e) ->
                          release(lease)
                              .handle((x, y) -> null)
                              .thenCompose(
                                  x ->
                                      e == null
                                          ? CompletableFuture.completedFuture(r)
                                          : CompletableFuture.<R>failedFuture(e)))
                  .thenCompose(f -> f);
            });
  }

  /** One held claim: its value and the lock version that holds it. */
  private record Held(LockClaim claim, long version) {}

  /** The lock held by one running versioned save. */
  final class Lease {
    private final String lock;
    private volatile Held held;

    private Lease(String lock, Held held) {
      this.lock = lock;
      this.held = held;
    }

    /**
     * How much of the lease is left (at least one millisecond): the bound ({@code apiCallTimeout})
     * of every call the save makes on its record while holding the lock, so that an answered put
     * landed before the lease ended, when nobody else could have held the lock.
     */
    Duration remaining() {
      return Duration.ofMillis(Math.max(1, held.claim().expiresAtMillis() - s.clock().millis()));
    }

    /**
     * Makes sure this save still holds the lock for at least {@link #MARGIN}, renewing the lease
     * when less is left. Call it right before the write the lock protects.
     *
     * @return true when the lock is (still) held; false when the lease ran out and another writer
     *     took the lock over (or removed it): the caller must not write
     */
    CompletableFuture<Boolean> confirm() {
      Held h = held;
      if (hasMargin(h)) {
        return CompletableFuture.completedFuture(true);
      }
      LockClaim renewed =
          new LockClaim(h.claim().owner(), s.clock().instant().plus(TTL).toEpochMilli());
      return read(lock, null)
          .thenCompose(
              current -> {
                if (current.isEmpty() || !current.get().value().equals(h.claim().value())) {
                  // Someone broke the expired claim (or it was removed): do not overwrite theirs.
                  return CompletableFuture.completedFuture(false);
                }
                return claimAfter(lock, current.get(), renewed)
                    .thenApply(
                        version -> {
                          version.ifPresent(v -> held = new Held(renewed, v));
                          return version.isPresent();
                        });
              });
    }
  }

  private boolean hasMargin(Held h) {
    return s.clock().millis() < h.claim().expiresAtMillis() - MARGIN.toMillis();
  }

  private CompletableFuture<Optional<Held>> acquire(String lock) {
    LockClaim claim =
        new LockClaim(UUID.randomUUID().toString(), s.clock().instant().plus(TTL).toEpochMilli());
    return createOnly(lock, claim)
        .exceptionallyCompose(
            e -> {
              if (!SsmFailures.isAlreadyExists(e)) {
                return CompletableFuture.failedFuture(e);
              }
              return read(lock, null)
                  .thenCompose(
                      current -> {
                        if (current.isEmpty()) {
                          // Released between our put and our read: one more try, no loop.
                          return createOnly(lock, claim)
                              .exceptionallyCompose(
                                  e2 ->
                                      SsmFailures.isAlreadyExists(e2)
                                          ? CompletableFuture.completedFuture(Optional.empty())
                                          : CompletableFuture.failedFuture(e2));
                        }
                        Parameter p = current.get();
                        if (p.value().equals(claim.value())) {
                          // Our own put landed and the client retried it after losing the answer.
                          return CompletableFuture.completedFuture(
                              Optional.of(new Held(claim, p.version())));
                        }
                        if (!LockClaim.isExpired(p, s.clock().instant(), TTL)) {
                          return CompletableFuture.completedFuture(Optional.<Held>empty());
                        }
                        // Its holder is presumed dead: break the claim.
                        return claimAfter(lock, p, claim)
                            .thenApply(version -> version.map(v -> new Held(claim, v)));
                      });
            });
  }

  private CompletableFuture<Optional<Held>> createOnly(String lock, LockClaim claim) {
    return put(lock, claim, false).thenApply(v -> Optional.of(new Held(claim, v)));
  }

  /**
   * Overwrites the {@code observed} lock value with {@code claim}. The claim holds the lock only if
   * the put directly followed the observed value: the version before ours (past copies of our own
   * claim from client retries) is the observed version and still holds the observed value.
   *
   * @return the version holding our claim, or empty when another put came in between
   */
  private CompletableFuture<Optional<Long>> claimAfter(
      String lock, Parameter observed, LockClaim claim) {
    return put(lock, claim, true)
        .thenCompose(
            v ->
                directlyFollows(lock, v - 1, observed, claim.value())
                    .thenApply(yes -> yes ? Optional.of(v) : Optional.<Long>empty()));
  }

  private CompletableFuture<Boolean> directlyFollows(
      String lock, long version, Parameter observed, String ours) {
    long n = observed.version();
    if (version < n || version - n > MAX_OWN_COPIES) {
      return CompletableFuture.completedFuture(false);
    }
    return read(lock, version)
        .thenCompose(
            p -> {
              if (p.isEmpty()) {
                return CompletableFuture.completedFuture(false);
              }
              String value = p.get().value();
              if (version == n) {
                return CompletableFuture.completedFuture(value.equals(observed.value()));
              }
              return value.equals(ours)
                  ? directlyFollows(lock, version - 1, observed, ours)
                  : CompletableFuture.completedFuture(false);
            });
  }

  private CompletableFuture<Void> release(Lease lease) {
    Held h = lease.held;
    if (!hasMargin(h)) {
      // A delete landing after the lease ended could remove a successor's lock: let it expire.
      return CompletableFuture.completedFuture(null);
    }
    return read(lease.lock, null)
        .thenCompose(
            current ->
                current.isPresent() && current.get().value().equals(h.claim().value())
                    ? delete(lease.lock)
                    : CompletableFuture.<Void>completedFuture(null))
        .exceptionally(
            e -> {
              throw SsmFailures.generic(e, "releasing write lock " + lease.lock);
            });
  }

  private CompletableFuture<Long> put(String lock, LockClaim claim, boolean overwrite) {
    return s.client()
        .putParameter(
            r ->
                r.name(lock)
                    .value(claim.value())
                    .type(ParameterType.STRING)
                    .tier(ParameterTier.STANDARD)
                    .overwrite(overwrite)
                    .overrideConfiguration(o -> o.apiCallTimeout(LOCK_CALL)))
        .thenApply(r -> r.version());
  }

  /** The latest value of the lock, or one version of it; empty when it (or it) does not exist. */
  private CompletableFuture<Optional<Parameter>> read(String lock, Long version) {
    String selected = version == null ? lock : lock + ":" + version;
    return s.client()
        .getParameter(r -> r.name(selected).overrideConfiguration(o -> o.apiCallTimeout(LOCK_CALL)))
        .thenApply(r -> Optional.of(r.parameter()))
        .exceptionallyCompose(
            e ->
                SsmFailures.isNotFound(e)
                    ? CompletableFuture.completedFuture(Optional.<Parameter>empty())
                    : CompletableFuture.failedFuture(e));
  }

  private CompletableFuture<Void> delete(String lock) {
    return s.client()
        .deleteParameter(r -> r.name(lock).overrideConfiguration(o -> o.apiCallTimeout(LOCK_CALL)))
        .<Void>thenApply(r -> null)
        .exceptionallyCompose(
            e ->
                SsmFailures.isNotFound(e)
                    ? CompletableFuture.<Void>completedFuture(null)
                    : CompletableFuture.failedFuture(e));
  }
}
