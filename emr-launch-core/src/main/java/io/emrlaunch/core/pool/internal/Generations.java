package io.emrlaunch.core.pool.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The generations of one lock ({@code <lock>/<generation>} records): the holder of a lock is the
 * newest generation, when live. A claim creates generation {@code newest + 1} with
 * create-if-absent, so of two claimants that saw the same newest generation exactly one succeeds.
 */
public final class Generations {
  private final TreeMap<Long, LeaseRecord> byGeneration = new TreeMap<>();

  /** Groups records by lock path: {@code <lock>/<generation>} → lock → generations. */
  public static Map<String, Generations> group(Map<String, String> records, String prefix) {
    Map<String, Generations> out = new TreeMap<>();
    for (Map.Entry<String, String> e : records.entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(prefix)) {
        continue;
      }
      int slash = name.lastIndexOf('/');
      if (slash <= prefix.length()) {
        continue;
      }
      long gen;
      try {
        gen = Long.parseLong(name.substring(slash + 1));
      } catch (NumberFormatException ex) {
        continue;
      }
      out.computeIfAbsent(name.substring(0, slash), k -> new Generations())
          .byGeneration
          .put(gen, LeaseRecord.parse(e.getValue()));
    }
    return out;
  }

  /** The newest generation; 0 when there is none. */
  public long newest() {
    return byGeneration.isEmpty() ? 0 : byGeneration.lastKey();
  }

  /** The newest record, or null. */
  public LeaseRecord holder() {
    return byGeneration.isEmpty() ? null : byGeneration.lastEntry().getValue();
  }

  /** The generations older than {@code gen}. */
  public List<Long> olderThan(long gen) {
    return new ArrayList<>(byGeneration.headMap(gen).keySet());
  }
}
