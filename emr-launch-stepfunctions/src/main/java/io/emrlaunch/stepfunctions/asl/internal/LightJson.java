package io.emrlaunch.stepfunctions.asl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tree {@link AslReader} reads: lighter than Jackson's, because a definition is read once and
 * most of it (state fields) never becomes a {@link JsonNode}. A value is a {@link String}, a {@link
 * Boolean}, {@link #NULL}, an {@link Obj}, an {@link Arr}, or a {@link JsonNode} (numbers, made
 * eagerly as the exact node kind {@code ObjectMapper.readTree} makes, and any other node kind met
 * when adapting a caller's tree). Payloads the model keeps as JSON ({@code Parameters}, {@code
 * Assign}, ...) become Jackson nodes only when asked for, by {@link #toNode}.
 */
final class LightJson {
  /** JSON null (a Java null means "absent"). */
  static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private LightJson() {}

  /**
   * An object: names and values in document order. Every name equal to one in the {@link NameTable}
   * the tree was made with is that table's instance, so known names compare by identity.
   */
  static final class Obj {
    final String[] names;
    final Object[] values;

    /**
     * Bit {@link #bit} set for each name: a name whose bit is clear is absent, which is the answer
     * to most of the lookups a reader makes.
     */
    final long mask;

    /** The node this object was adapted from, returned as is by {@link #toNode}; or null. */
    final JsonNode source;

    Obj(String[] names, Object[] values, long mask, JsonNode source) {
      this.names = names;
      this.values = values;
      this.mask = mask;
      this.source = source;
    }

    /** Whether a name may be present (a clear bit means it is not). */
    boolean mayHave(String name) {
      return (mask & bit(name)) != 0;
    }

    /** The value of a field, or null when absent. */
    Object get(String name) {
      if (!mayHave(name)) {
        return null;
      }
      for (int i = 0; i < names.length; i++) {
        if (names[i] == name) {
          return values[i];
        }
      }
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return values[i];
        }
      }
      return null;
    }
  }

  /** An array. */
  static final class Arr {
    final Object[] values;

    /** The node this array was adapted from, or null. */
    final JsonNode source;

    Arr(Object[] values, JsonNode source) {
      this.values = values;
      this.source = source;
    }
  }

  /**
   * A hash of a name's length and first, middle and last characters: unlike {@link
   * String#hashCode()} it costs the parser no work per character, and it tells the names a reader
   * asks for apart well enough to rule most absent ones out.
   */
  static int nameHash(String text, int start, int len) {
    if (len == 0) {
      return 0;
    }
    int h = len * 31 + text.charAt(start);
    h = h * 31 + text.charAt(start + (len >> 1));
    h = (h * 31 + text.charAt(start + len - 1)) * 0x9E3779B9;
    return h ^ (h >>> 16); // the table and the mask use the low bits
  }

  /**
   * A name's bit in {@link Obj#mask}. From {@link String#hashCode()}, which a String keeps: the
   * reader's literals have it already, and the other names (state names, payload keys) need it
   * anyway when they become map keys.
   */
  static long bit(String name) {
    int h = name.hashCode();
    return 1L << (h ^ (h >>> 6));
  }

  static int nameHash(String name) {
    return nameHash(name, 0, name.length());
  }

  /** Whether a value is a JSON number. */
  static boolean isNumber(Object v) {
    return v instanceof JsonNode n && n.isNumber();
  }

  /**
   * The Jackson node for a value, equal to (same node classes, same field order) what {@code
   * Json.MAPPER.readTree} makes of the same text.
   */
  static JsonNode toNode(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return TextNode.valueOf(s);
    }
    if (v instanceof JsonNode n) {
      return n;
    }
    if (v instanceof Obj o) {
      if (o.source != null) {
        return o.source;
      }
      // Payload objects are small: array-backed fields unless one is large (see CompactFields).
      Map<String, JsonNode> kids =
          o.names.length <= 16
              ? new CompactFields(o.names.length)
              : new LinkedHashMap<>(o.names.length * 4 / 3 + 1);
      for (int i = 0; i < o.names.length; i++) {
        kids.put(o.names[i], toNode(o.values[i]));
      }
      return new ObjectNode(F, kids);
    }
    if (v instanceof Arr a) {
      if (a.source != null) {
        return a.source;
      }
      ArrayNode out = new ArrayNode(F, a.values.length);
      for (Object e : a.values) {
        out.add(toNode(e));
      }
      return out;
    }
    if (v instanceof Boolean b) {
      return BooleanNode.valueOf(b);
    }
    if (v == NULL) {
      return NullNode.getInstance();
    }
    throw new IllegalArgumentException("not a light JSON value: " + v.getClass());
  }

  /**
   * Adapts a Jackson tree (a caller's, or one read by Jackson when the text is outside what {@link
   * LightJsonParser} reads). Containers keep their node, so payloads come back as the caller's own
   * nodes.
   */
  static Object fromNode(JsonNode n, NameTable table) {
    if (n == null) {
      return null;
    }
    switch (n.getNodeType()) {
      case OBJECT -> {
        int size = n.size();
        String[] names = new String[size];
        Object[] values = new Object[size];
        long mask = 0;
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); i++) {
          Map.Entry<String, JsonNode> e = it.next();
          names[i] = table.canonical(e.getKey());
          values[i] = fromNode(e.getValue(), table);
          mask |= bit(names[i]);
        }
        return new Obj(names, values, mask, n);
      }
      case ARRAY -> {
        Object[] values = new Object[n.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = fromNode(n.get(i), table);
        }
        return new Arr(values, n);
      }
      case STRING -> {
        return n.textValue();
      }
      case BOOLEAN -> {
        return n.booleanValue();
      }
      case NULL -> {
        return NULL;
      }
      default -> {
        return n; // numbers; binary, POJO and missing nodes stay opaque (no type check accepts
        // them)
      }
    }
  }

  /**
   * A fixed set of names (the fields the reader asks for) whose one instance each (the literal)
   * trees use, so a field lookup is an identity scan. Open addressing over {@link #nameHash}.
   */
  static final class NameTable {
    private final String[] slots;
    private final int[] hashes;
    private final int mask;

    NameTable(Iterable<String> names) {
      int n = 0;
      for (String s : names) {
        n++;
      }
      int size = Integer.highestOneBit(Math.max(4, n) * 4 - 1) << 1;
      slots = new String[size];
      hashes = new int[size];
      mask = size - 1;
      for (String s : names) {
        int h = nameHash(s);
        int i = h & mask;
        while (slots[i] != null && !slots[i].equals(s)) {
          i = (i + 1) & mask;
        }
        slots[i] = s;
        hashes[i] = h;
      }
    }

    /** The table's instance of {@code text[start, start + len)} (hash {@code h}), or null. */
    String find(String text, int start, int len, int h) {
      for (int i = h & mask; ; i = (i + 1) & mask) {
        String s = slots[i];
        if (s == null) {
          return null;
        }
        if (hashes[i] == h && s.length() == len && text.regionMatches(start, s, 0, len)) {
          return s;
        }
      }
    }

    /** The table's instance of a name, or the name itself. */
    String canonical(String name) {
      String s = find(name, 0, name.length(), nameHash(name));
      return s == null ? name : s;
    }

    /** Whether this very instance is in the table (then no other equal instance is in a tree). */
    boolean isCanonical(String name) {
      int h = nameHash(name);
      for (int i = h & mask; ; i = (i + 1) & mask) {
        String s = slots[i];
        if (s == null) {
          return false;
        }
        if (s == name) {
          return true;
        }
      }
    }
  }
}
