package io.emrlaunch.ssm.internal;

import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.RecordConflictException;
import io.emrlaunch.core.repository.RecordKind;
import io.emrlaunch.core.repository.WriteCondition;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A per-record mutex for versioned saves. SSM has no conditional put, but a create-only put is
 * atomic: whoever creates the lock parameter holds the record until it deletes it. Holding it
 * across "check the version, then put" means no other versioned save can slip in between, and no
 * reader ever sees a value that then turns out to have lost a race. A lock left behind by a crashed
 * writer expires after {@link #TTL}.
 */
final class WriteLocks {
  /** How long a lock protects a record if its holder never releases it. */
  static final Duration TTL = Duration.ofSeconds(30);

  private final SsmSettings s;

  WriteLocks(SsmSettings settings) {
    this.s = settings;
  }

  /** Runs {@code body} holding the record's lock; a held lock is a conflict. */
  <R> CompletableFuture<R> withLock(
      RecordKind<?> kind, RecordRef ref, WriteCondition c, Supplier<CompletableFuture<R>> body) {
    String lock = s.layout().lockName(kind, ref.namespace(), ref.name());
    return acquire(lock, UUID.randomUUID().toString(), true)
        .thenCompose(
            acquired -> {
              if (!acquired) {
                throw new RecordConflictException(
                    kind,
                    ref,
                    c,
                    0,
                    0,
                    "another writer is saving it right now; nothing was written");
              }
              CompletableFuture<R> result;
              try {
                result = body.get();
              } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
              }
              return result
                  .handle(
                      (r, e) ->
                          release(lock)
                              .handle((x, y) -> null)
                              .thenCompose(
                                  x ->
                                      e == null
                                          ? CompletableFuture.completedFuture(r)
                                          : CompletableFuture.<R>failedFuture(e)))
                  .thenCompose(f -> f);
            });
  }

  private CompletableFuture<Boolean> acquire(String lock, String owner, boolean mayBreakExpired) {
    String value =
        "{\"owner\":\""
            + owner
            + "\",\"expires\":"
            + s.clock().instant().plus(TTL).toEpochMilli()
            + "}";
    return s.client()
        .putParameter(
            r ->
                r.name(lock)
                    .value(value)
                    .type(ParameterType.STRING)
                    .tier(ParameterTier.STANDARD)
                    .overwrite(false))
        .thenApply(r -> true)
        .exceptionallyCompose(
            e -> {
              if (!SsmFailures.isAlreadyExists(e)) {
                return CompletableFuture.failedFuture(e);
              }
              return s.client()
                  .getParameter(r -> r.name(lock))
                  .thenCompose(
                      held -> {
                        String v = held.parameter().value();
                        if (v.contains("\"owner\":\"" + owner + "\"")) {
                          // Our own put landed and the client retried it: we hold the lock.
                          return CompletableFuture.completedFuture(true);
                        }
                        if (!mayBreakExpired || expiresAt(v) > s.clock().millis()) {
                          return CompletableFuture.completedFuture(false);
                        }
                        // Its holder died: break it and try once more.
                        return release(lock).thenCompose(x -> acquire(lock, owner, false));
                      })
                  .exceptionallyCompose(
                      e2 ->
                          SsmFailures.isNotFound(e2) && mayBreakExpired
                              ? acquire(lock, owner, false)
                              : CompletableFuture.failedFuture(e2));
            });
  }

  private CompletableFuture<Void> release(String lock) {
    return s.client()
        .deleteParameter(r -> r.name(lock))
        .<Void>thenApply(r -> null)
        .exceptionally(
            e -> {
              if (SsmFailures.isNotFound(e)) {
                return null;
              }
              throw SsmFailures.generic(e, "releasing write lock " + lock);
            });
  }

  private static long expiresAt(String value) {
    int i = value.indexOf("\"expires\":");
    if (i < 0) {
      return 0;
    }
    int start = i + "\"expires\":".length();
    int end = start;
    while (end < value.length() && Character.isDigit(value.charAt(end))) {
      end++;
    }
    try {
      return Long.parseLong(value.substring(start, end));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
