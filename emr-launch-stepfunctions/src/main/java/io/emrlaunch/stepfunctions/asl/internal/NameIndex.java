package io.emrlaunch.stepfunctions.asl.internal;

/**
 * State names to their positions in one graph: an open-addressing table of parallel arrays, so a
 * graph of a thousand states costs two arrays rather than a thousand map entries and boxed
 * positions. The first position given for a name is kept.
 */
final class NameIndex {
  private final String[] keys;
  private final int[] values;
  private final int mask;
  private final int shift;

  NameIndex(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    keys = new String[capacity];
    values = new int[capacity];
    mask = capacity - 1;
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
  }

  void put(String name, int position) {
    int i = spread(name.hashCode());
    while (keys[i] != null) {
      if (keys[i].equals(name)) {
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = name;
    values[i] = position;
  }

  /** The position of a name, or -1. */
  int get(String name) {
    int i = spread(name.hashCode());
    for (String k; (k = keys[i]) != null; i = (i + 1) & mask) {
      if (k == name || k.equals(name)) {
        return values[i];
      }
    }
    return -1;
  }

  /**
   * Fibonacci hashing: generated names ("Step 1", "Step 2", ...) have consecutive hash codes, which
   * a plain mask would put in long runs of neighbouring slots.
   */
  private int spread(int h) {
    return (h * 0x9E3779B9) >>> shift;
  }
}
