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

  NameIndex(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    keys = new String[capacity];
    values = new int[capacity];
    mask = capacity - 1;
  }

  void put(String name, int position) {
    int i = spread(name.hashCode()) & mask;
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
    int i = spread(name.hashCode()) & mask;
    for (String k; (k = keys[i]) != null; i = (i + 1) & mask) {
      if (k == name || k.equals(name)) {
        return values[i];
      }
    }
    return -1;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
