package io.emrlaunch.stepfunctions.asl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The fields of a payload template's {@code ObjectNode}, kept in insertion order in parallel
 * arrays. A template has a handful of fields and a definition has thousands of templates: a hash
 * map per template (its table, an entry object per field) is most of what building one costs, while
 * a linear scan over a few cached hash codes is as fast as hashing. Behaves as a {@link
 * java.util.LinkedHashMap} would: insertion order, replacing a value keeps its place, removal
 * through the map, its entry set or an iterator.
 */
public final class CompactFields extends AbstractMap<String, JsonNode> {
  private String[] keys;
  private JsonNode[] values;
  private int size;
  private int modifications;

  /**
   * An empty map.
   *
   * @param capacity the expected number of fields
   */
  public CompactFields(int capacity) {
    int n = Math.max(2, capacity);
    keys = new String[n];
    values = new JsonNode[n];
  }

  private int indexOf(Object key) {
    if (!(key instanceof String k)) {
      return -1;
    }
    for (int i = 0; i < size; i++) {
      if (keys[i] == k || keys[i].equals(k)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether {@code name + ".$"} is a key, without building that string.
   *
   * @param name a field name without the suffix
   * @return true when the dynamic form of the name is present
   */
  public boolean hasDynamic(String name) {
    int length = name.length() + 2;
    for (int i = 0; i < size; i++) {
      String k = keys[i];
      if (k.length() == length && k.endsWith(".$") && k.startsWith(name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public JsonNode get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public JsonNode put(String key, JsonNode value) {
    Objects.requireNonNull(key, "key");
    int i = indexOf(key);
    if (i >= 0) {
      JsonNode old = values[i];
      values[i] = value;
      return old;
    }
    if (size == keys.length) {
      int n = size * 2;
      keys = Arrays.copyOf(keys, n);
      values = Arrays.copyOf(values, n);
    }
    keys[size] = key;
    values[size] = value;
    size++;
    modifications++;
    return null;
  }

  @Override
  public JsonNode remove(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : removeAt(i);
  }

  private JsonNode removeAt(int i) {
    JsonNode old = values[i];
    int tail = size - i - 1;
    System.arraycopy(keys, i + 1, keys, i, tail);
    System.arraycopy(values, i + 1, values, i, tail);
    size--;
    keys[size] = null;
    values[size] = null;
    modifications++;
    return old;
  }

  @Override
  public void clear() {
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
    modifications++;
  }

  @Override
  public Set<Map.Entry<String, JsonNode>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, JsonNode>> iterator() {
        return new Entries();
      }

      @Override
      public int size() {
        return size;
      }

      @Override
      public void clear() {
        CompactFields.this.clear();
      }
    };
  }

  /** Entries in insertion order; {@link #remove()} removes the last one returned. */
  private final class Entries implements Iterator<Map.Entry<String, JsonNode>> {
    private int next;
    private int last = -1;
    private int expected = modifications;

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public Map.Entry<String, JsonNode> next() {
      if (expected != modifications) {
        throw new ConcurrentModificationException();
      }
      if (next >= size) {
        throw new NoSuchElementException();
      }
      last = next++;
      return new Field(last);
    }

    @Override
    public void remove() {
      if (last < 0) {
        throw new IllegalStateException();
      }
      if (expected != modifications) {
        throw new ConcurrentModificationException();
      }
      removeAt(last);
      next = last;
      last = -1;
      expected = modifications;
    }
  }

  /** One field, writing through to the map (valid until the map's structure changes). */
  private final class Field implements Map.Entry<String, JsonNode> {
    private final String key;
    private final int index;

    Field(int index) {
      this.index = index;
      this.key = keys[index];
    }

    @Override
    public String getKey() {
      return key;
    }

    @Override
    public JsonNode getValue() {
      return index < size && keys[index] == key ? values[index] : get(key);
    }

    @Override
    public JsonNode setValue(JsonNode value) {
      int i = index < size && keys[index] == key ? index : indexOf(key);
      if (i < 0) {
        throw new IllegalStateException("the field was removed: " + key);
      }
      JsonNode old = values[i];
      values[i] = value;
      return old;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Map.Entry<?, ?> e
          && key.equals(e.getKey())
          && Objects.equals(getValue(), e.getValue());
    }

    @Override
    public int hashCode() {
      return key.hashCode() ^ Objects.hashCode(getValue());
    }

    @Override
    public String toString() {
      return key + "=" + getValue();
    }
  }
}
