package io.emrlaunch.core.pool.internal;

import io.emrlaunch.core.pool.LeaseStore;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link LeaseStore} in memory (one process). */
public final class InMemoryLeaseStore implements LeaseStore {
  private final ConcurrentSkipListMap<String, String> records = new ConcurrentSkipListMap<>();

  @Override
  public CompletableFuture<Map<String, String>> list(String prefix) {
    Map<String, String> out = new TreeMap<>();
    records.tailMap(prefix).entrySet().stream()
        .takeWhile(e -> e.getKey().startsWith(prefix))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return CompletableFuture.completedFuture(out);
  }

  @Override
  public CompletableFuture<Boolean> create(String name, String value) {
    return CompletableFuture.completedFuture(records.putIfAbsent(name, value) == null);
  }

  @Override
  public CompletableFuture<Void> overwrite(String name, String value) {
    records.put(name, value);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> delete(Collection<String> names) {
    names.forEach(records::remove);
    return CompletableFuture.completedFuture(null);
  }
}
