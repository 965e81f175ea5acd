package io.emrlaunch.ssm.internal;

import io.emrlaunch.core.repository.StoredRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Latest-version records by parameter name, each kept for a fixed time after it was read. Shared by
 * the three repositories of a store so the combined launch read fills it for single reads too.
 * Writes and deletes through the store invalidate their entry; changes made elsewhere show up once
 * the entry expires.
 */
public final class ReadCache {
  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

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

  /** Remembers a latest-version read. */
  public void put(String parameterName, StoredRecord<?> record) {
    if (enabled()) {
      entries.put(parameterName, new Entry(record, clock.instant().plus(ttl)));
    }
  }

  /** Forgets an entry after a write or delete. */
  public void invalidate(String parameterName) {
    entries.remove(parameterName);
  }
}
