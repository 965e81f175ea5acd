package io.emrlaunch.ssm.internal;

import io.emrlaunch.core.repository.StoredRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latest-version records by parameter name, each kept for a fixed time after it was read. Shared by
 * the three repositories of a store so the combined launch read fills it for single reads too.
 * Writes and deletes through the store invalidate their entry; changes made elsewhere show up once
 * the entry expires.
 *
 * <p>A read that was sent before a write and answered after it must not put the old value back:
 * every fill carries the {@link #epoch()} taken before its request, and any invalidation in between
 * makes the fill a no-op.
 */
public final class ReadCache {
  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong epoch = new AtomicLong();

  private record Entry(StoredRecord<?> record, Instant expires) {}

  /**
   * Creates a cache.
   *
   * @param ttl how long an entry is served; zero disables caching
   * @param clock the time source
   */
  public ReadCache(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Whether caching is on. */
  public boolean enabled() {
    return !ttl.isZero();
  }

  /** A fresh entry, if any. */
  @SuppressWarnings("unchecked")
  public <T> Optional<StoredRecord<T>> get(String parameterName) {
    if (!enabled()) {
      return Optional.empty();
    }
    Entry e = entries.get(parameterName);
    if (e == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(e.expires())) {
      entries.remove(parameterName, e);
      return Optional.empty();
    }
    return Optional.of((StoredRecord<T>) e.record());
  }

  /** Take before sending a read whose answer will be {@link #put}; see the class comment. */
  public long epoch() {
    return epoch.get();
  }

  /**
   * Remembers a latest-version read, unless a write or delete through the store was invalidated
   * since {@code epochAtRead}.
   */
  public void put(String parameterName, StoredRecord<?> record, long epochAtRead) {
    if (!enabled() || epoch.get() != epochAtRead) {
      return;
    }
    Entry entry = new Entry(record, clock.instant().plus(ttl));
    entries.put(parameterName, entry);
    if (epoch.get() != epochAtRead) {
      // An invalidation raced with this fill: undo it.
      entries.remove(parameterName, entry);
    }
  }

  /** Forgets an entry after a write or delete. */
  public void invalidate(String parameterName) {
    epoch.incrementAndGet();
    entries.remove(parameterName);
  }
}
