package io.emrlaunch.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every call made through the fakes' client views, per service and operation, for assertions and
 * benchmarks.
 *
 * <p>Counts are always kept. The calls themselves (requests, responses) are kept unless the log was
 * created with {@code keepCalls = false}, which benchmarks with many thousands of calls use to
 * bound memory.
 */
public final class CallLog {
  private final boolean keepCalls;
  private final List<RecordedCall> calls = new ArrayList<>();
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  /**
   * Creates an empty log.
   *
   * @param keepCalls whether to keep each {@link RecordedCall} (counts are kept either way)
   */
  public CallLog(boolean keepCalls) {
    this.keepCalls = keepCalls;
  }

  /** Records one call; used by the client views. */
  public void record(RecordedCall call) {
    counts.computeIfAbsent(key(call.service(), call.operation()), k -> new LongAdder()).increment();
    if (keepCalls) {
      synchronized (calls) {
        calls.add(call);
      }
    }
  }

  /**
   * How many calls were made to {@code operation} of {@code service} (e.g. {@code "emr",
   * "RunJobFlow"}).
   */
  public long count(String service, String operation) {
    LongAdder adder = counts.get(key(service, operation));
    return adder == null ? 0 : adder.sum();
  }

  /** How many calls were made to {@code service}, all operations together. */
  public long count(String service) {
    String prefix = service + ":";
    return counts.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(e -> e.getValue().sum())
        .sum();
  }

  /** Total number of calls to all services. */
  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Calls per operation of {@code service}, sorted by operation name. */
  public Map<String, Long> countsByOperation(String service) {
    String prefix = service + ":";
    Map<String, Long> result = new TreeMap<>();
    counts.forEach(
        (key, adder) -> {
          if (key.startsWith(prefix)) {
            result.put(key.substring(prefix.length()), adder.sum());
          }
        });
    return result;
  }

  /** All recorded calls in call order (empty when the log keeps counts only). */
  public List<RecordedCall> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Recorded calls to one operation, in call order. */
  public List<RecordedCall> calls(String service, String operation) {
    List<RecordedCall> result = new ArrayList<>();
    for (RecordedCall call : calls()) {
      if (call.service().equals(service) && call.operation().equals(operation)) {
        result.add(call);
      }
    }
    return result;
  }

  /** The requests of one operation, in call order, cast to their SDK type. */
  public <T> List<T> requests(String service, String operation, Class<T> type) {
    List<T> result = new ArrayList<>();
    for (RecordedCall call : calls(service, operation)) {
      result.add(call.request(type));
    }
    return result;
  }

  /** Forgets all calls and counts. */
  public void reset() {
    synchronized (calls) {
      calls.clear();
      counts.clear();
    }
  }

  private static String key(String service, String operation) {
    return service + ":" + operation;
  }

  @Override
  public String toString() {
    Map<String, Long> all = new TreeMap<>();
    counts.forEach((k, v) -> all.put(k, v.sum()));
    return "CallLog" + all;
  }
}
