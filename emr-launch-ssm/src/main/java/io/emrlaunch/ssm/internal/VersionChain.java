package io.emrlaunch.ssm.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;

/**
 * The history of a record read as a chain of writes, to tell a write that landed late from one that
 * won.
 *
 * <p>Every put a versioned save makes (its own value, or a value it restores) carries a parameter
 * description {@code emr-launch:lease <token> on <base>}: the token is unique to that put, {@code
 * base} is the version the put means to sit directly on. A put that lands directly on its base (or
 * on copies of its value, which an SDK retry after a lost response leaves) is in order. A put with
 * a base {@code b} that lands at version {@code v} while a version in between, not itself late,
 * holds another write is <i>late</i>: its writer read {@code b}, its request was delayed (past its
 * lease, the only way another versioned save can get in between), and it buried a value its writer
 * never saw. Late writes are computed from the oldest version up, so a write that only a late write
 * got in front of is in order.
 *
 * <p>Writes without our description are writers that do not lock (plain overwrites, the Python
 * library): they are never late. SSM keeps the previous description when a put has none, so a
 * version whose description equals the one before it is such a writer when its value differs, and a
 * copy of the same write when the value is the same too.
 */
final class VersionChain {
  private static final String PREFIX = "emr-launch:lease ";
  private static final String ON = " on ";

  private final TreeMap<Long, ParameterHistory> versions = new TreeMap<>();
  private final Set<Long> late = new HashSet<>();

  VersionChain(List<ParameterHistory> history) {
    for (ParameterHistory h : history) {
      versions.put(h.version(), h);
    }
    for (Map.Entry<Long, ParameterHistory> e : versions.entrySet()) {
      if (isLate(e.getKey(), e.getValue())) {
        late.add(e.getKey());
      }
    }
  }

  /** The description of a put by a versioned save that means to sit directly on {@code base}. */
  static String description(String token, long base) {
    return PREFIX + token + ON + base;
  }

  /** The base a description names, if it is ours. */
  static OptionalLong baseOf(String description) {
    if (description == null || !description.startsWith(PREFIX)) {
      return OptionalLong.empty();
    }
    int on = description.lastIndexOf(ON);
    if (on < PREFIX.length()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(description.substring(on + ON.length())));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private boolean isLate(long v, ParameterHistory h) {
    ParameterHistory previous = versions.get(v - 1);
    if (previous != null && Objects.equals(previous.description(), h.description())) {
      // A copy of the previous write (an SDK retry), or a writer without a description.
      return Objects.equals(previous.value(), h.value()) && late.contains(v - 1);
    }
    OptionalLong base = baseOf(h.description());
    if (base.isEmpty() || base.getAsLong() >= v) {
      return false;
    }
    for (long u = base.getAsLong() + 1; u < v; u++) {
      ParameterHistory between = versions.get(u);
      if (between != null && !late.contains(u) && !isCopy(between, h)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The same put landing twice (an SDK retry), or another put of exactly the same value: either way
   * nothing is lost by one standing on the other.
   */
  private static boolean isCopy(ParameterHistory a, ParameterHistory b) {
    return Objects.equals(a.value(), b.value());
  }

  /** The newest version, if any. */
  Optional<ParameterHistory> latest() {
    return versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
  }

  /** Whether version {@code v} is a late write (see the class comment). */
  boolean isLate(long v) {
    return late.contains(v);
  }

  /** The newest version below {@code v} (and above {@code floor}) that is not a late write. */
  Optional<ParameterHistory> newestInOrderBetween(long floor, long v) {
    for (Map.Entry<Long, ParameterHistory> e = versions.lowerEntry(v);
        e != null && e.getKey() > floor;
        e = versions.lowerEntry(e.getKey())) {
      if (!late.contains(e.getKey())) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }
}
