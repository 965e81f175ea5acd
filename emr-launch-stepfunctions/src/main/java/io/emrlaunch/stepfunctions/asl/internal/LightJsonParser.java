package io.emrlaunch.stepfunctions.asl.internal;

import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.emrlaunch.stepfunctions.asl.internal.LightJson.Arr;
import io.emrlaunch.stepfunctions.asl.internal.LightJson.NameTable;
import io.emrlaunch.stepfunctions.asl.internal.LightJson.Obj;
import java.math.BigInteger;

/**
 * A single-pass parser of strict JSON text into a {@link LightJson} tree, for the texts where its
 * result is certainly the one {@code Json.MAPPER.readTree} gives. Anything else (any syntax error,
 * a duplicate name, a root that is not an object, text after the root, an escaped surrogate in a
 * name, nesting, numbers or strings beyond bounds well inside Jackson's {@code
 * StreamReadConstraints}) makes {@link #parse} return null, and the caller takes Jackson's path, so
 * error messages and limits stay Jackson's own.
 */
final class LightJsonParser {
  /** Jackson's default maximum nesting depth is 1000. */
  static final int MAX_DEPTH = 200;

  /** Jackson's default maximum number length is 1000 characters. */
  static final int MAX_NUMBER_LENGTH = 100;

  /** Jackson's defaults: names up to 50,000 characters, strings up to 20,000,000. */
  static final int MAX_STRING_LENGTH = 32_768;

  /** Up to this many fields, names are checked for repeats pairwise. */
  private static final int SCAN_DUPLICATES = 16;

  private static final String[] NO_NAMES = {};
  private static final Object[] NO_VALUES = {};

  /** Thrown (without a stack trace) where the text leaves the subset this parser is sure of. */
  private static final class NotFast extends RuntimeException {
    NotFast() {
      super(null, null, false, false);
    }
  }

  private static final NotFast NOT_FAST = new NotFast();

  private final String s;
  private final int end;
  private final NameTable table;
  private int pos;
  private int depth;

  // One stack of pending fields and elements for all open containers, so a container costs only
  // its own exactly-sized arrays.
  private String[] names = new String[64];
  private int[] hashes = new int[64];
  private Object[] values = new Object[64];
  private int top;

  /** The {@link LightJson#nameHash} of the last name read (kept in {@code hashes}). */
  private int nameHash;

  private LightJsonParser(String s, NameTable table) {
    this.s = s;
    this.end = s.length();
    this.table = table;
  }

  /**
   * Parses a JSON object text.
   *
   * @param text the text
   * @param table the names to share instances with
   * @return the root object, or null when Jackson must read this text
   */
  static Obj parse(String text, NameTable table) {
    LightJsonParser p = new LightJsonParser(text, table);
    try {
      p.skipWhitespace();
      if (p.at(p.pos) != '{') {
        return null;
      }
      Obj root = p.object();
      p.skipWhitespace();
      // Jackson's readTree ignores what follows the root; whatever it is, let Jackson decide
      return p.pos == p.end ? root : null;
    } catch (NotFast e) {
      return null;
    }
  }

  private char at(int i) {
    // NUL is never valid outside a string, and inside one it stops the fast scan
    return i < end ? s.charAt(i) : 0;
  }

  private void skipWhitespace() {
    int i = pos;
    while (i < end) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        break;
      }
      i++;
    }
    pos = i;
  }

  private Object value() {
    char c = at(pos);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        pos++;
        return string(false);
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return LightJson.NULL;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw NOT_FAST;
    }
  }

  private void literal(String word) {
    if (!s.startsWith(word, pos)) {
      throw NOT_FAST;
    }
    // what follows ("truex") is checked by the caller, which expects , } ] or the end
    pos += word.length();
  }

  private Obj object() {
    if (++depth > MAX_DEPTH) {
      throw NOT_FAST;
    }
    pos++; // {
    skipWhitespace();
    if (at(pos) == '}') {
      pos++;
      depth--;
      return new Obj(NO_NAMES, NO_VALUES, 0, null);
    }
    int base = top;
    while (true) {
      if (at(pos) != '"') {
        throw NOT_FAST;
      }
      pos++;
      String name = name();
      int h = nameHash;
      skipWhitespace();
      if (at(pos) != ':') {
        throw NOT_FAST;
      }
      pos++;
      skipWhitespace();
      Object v = value();
      push(name, h, v);
      skipWhitespace();
      char c = at(pos++);
      if (c == '}') {
        break;
      }
      if (c != ',') {
        throw NOT_FAST;
      }
      skipWhitespace();
    }
    int n = top - base;
    long mask = 0;
    for (int i = base; i < top; i++) {
      mask |= LightJson.bit(names[i]);
    }
    if (n > 1 && hasDuplicate(base, n)) {
      throw NOT_FAST; // readTree keeps the last value at the first position: Jackson's call
    }
    String[] ns = new String[n];
    Object[] vs = new Object[n];
    System.arraycopy(names, base, ns, 0, n);
    System.arraycopy(values, base, vs, 0, n);
    top = base;
    depth--;
    return new Obj(ns, vs, mask, null);
  }

  private Arr array() {
    if (++depth > MAX_DEPTH) {
      throw NOT_FAST;
    }
    pos++; // [
    skipWhitespace();
    if (at(pos) == ']') {
      pos++;
      depth--;
      return new Arr(NO_VALUES, null);
    }
    int base = top;
    while (true) {
      Object v = value();
      push(null, 0, v);
      skipWhitespace();
      char c = at(pos++);
      if (c == ']') {
        break;
      }
      if (c != ',') {
        throw NOT_FAST;
      }
      skipWhitespace();
    }
    int n = top - base;
    Object[] vs = new Object[n];
    System.arraycopy(values, base, vs, 0, n);
    top = base;
    depth--;
    return new Arr(vs, null);
  }

  /** Whether the {@code n} names from {@code base} on the stack repeat one. */
  private boolean hasDuplicate(int base, int n) {
    if (n <= SCAN_DUPLICATES) {
      for (int i = base + 1; i < base + n; i++) {
        for (int j = base; j < i; j++) {
          if (hashes[i] == hashes[j] && names[i].equals(names[j])) {
            return true;
          }
        }
      }
      return false;
    }
    // Open addressing on String.hashCode (the cheap name hash clusters names like "Step 123"; a
    // big object is usually a States map, whose names' hash codes are needed next anyway), holding
    // stack index + 1.
    int size = Integer.highestOneBit(n) << 2;
    int[] slots = new int[size];
    for (int i = base; i < base + n; i++) {
      int h = names[i].hashCode();
      int k = (h ^ (h >>> 16)) & (size - 1);
      for (int j; (j = slots[k]) != 0; k = (k + 1) & (size - 1)) {
        if (names[j - 1].hashCode() == h && names[j - 1].equals(names[i])) {
          return true;
        }
      }
      slots[k] = i + 1;
    }
    return false;
  }

  private void push(String name, int h, Object v) {
    if (top == values.length) {
      int n = top * 2;
      names = java.util.Arrays.copyOf(names, n);
      hashes = java.util.Arrays.copyOf(hashes, n);
      values = java.util.Arrays.copyOf(values, n);
    }
    names[top] = name;
    hashes[top] = h;
    values[top] = v;
    top++;
  }

  /** A field name after its opening quote: the table's instance when it is a known name. */
  private String name() {
    int start = pos;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '"') {
        int len = i - start;
        if (len > MAX_STRING_LENGTH) {
          throw NOT_FAST;
        }
        pos = i + 1;
        int h = LightJson.nameHash(s, start, len);
        nameHash = h;
        String known = table.find(s, start, len, h);
        return known != null ? known : s.substring(start, i);
      }
      if (c == '\\' || c < 0x20) {
        String name = table.canonical(string(true));
        nameHash = LightJson.nameHash(name);
        return name;
      }
    }
    throw NOT_FAST;
  }

  /** A string after its opening quote. */
  private String string(boolean name) {
    int start = pos;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '"') {
        if (i - start > MAX_STRING_LENGTH) {
          throw NOT_FAST;
        }
        pos = i + 1;
        return s.substring(start, i);
      }
      if (c == '\\') {
        return escapedString(start, i, name);
      }
      if (c < 0x20) {
        throw NOT_FAST; // Jackson refuses an unescaped control character, with its own message
      }
    }
    throw NOT_FAST;
  }

  /** The rest of a string from its first backslash at {@code i}. */
  private String escapedString(int start, int i, boolean name) {
    StringBuilder b = new StringBuilder(i - start + 16).append(s, start, i);
    while (i < end) {
      char c = s.charAt(i++);
      if (c == '"') {
        if (b.length() > MAX_STRING_LENGTH) {
          throw NOT_FAST;
        }
        pos = i;
        return b.toString();
      }
      if (c < 0x20) {
        throw NOT_FAST;
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = at(i++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          int v = 0;
          for (int k = 0; k < 4; k++) {
            v = (v << 4) | hex(at(i++));
          }
          if (name && Character.isSurrogate((char) v)) {
            // Jackson checks the pairing of escaped surrogates in names (not in values)
            throw NOT_FAST;
          }
          b.append((char) v); // in a value, even a lone surrogate passes, as with Jackson
        }
        default -> throw NOT_FAST;
      }
    }
    throw NOT_FAST;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    throw NOT_FAST;
  }

  /**
   * A number, as the node Jackson's readTree makes: the smallest of int, long and BigInteger that
   * holds an integer; a double for anything with a fraction or an exponent (the mapper does not
   * enable {@code USE_BIG_DECIMAL_FOR_FLOATS}).
   */
  private Object number() {
    int start = pos;
    int i = start;
    boolean negative = at(i) == '-';
    if (negative) {
      i++;
    }
    int digitsStart = i;
    char c = at(i);
    if (c == '0') {
      i++; // a digit after a leading zero is refused by Jackson: the caller sees no delimiter
    } else if (c >= '1' && c <= '9') {
      i = digits(i);
    } else {
      throw NOT_FAST;
    }
    int digitsEnd = i;
    boolean integral = true;
    if (at(i) == '.') {
      integral = false;
      i = requiredDigits(i + 1);
    }
    c = at(i);
    if (c == 'e' || c == 'E') {
      integral = false;
      i++;
      c = at(i);
      if (c == '+' || c == '-') {
        i++;
      }
      i = requiredDigits(i);
    }
    if (i - start > MAX_NUMBER_LENGTH) {
      throw NOT_FAST;
    }
    pos = i;
    if (!integral) {
      return DoubleNode.valueOf(Double.parseDouble(s.substring(start, i)));
    }
    if (digitsEnd - digitsStart <= 18) {
      long v = 0;
      for (int k = digitsStart; k < digitsEnd; k++) {
        v = v * 10 + (s.charAt(k) - '0');
      }
      if (negative) {
        v = -v;
      }
      return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
    }
    BigInteger b = new BigInteger(s.substring(start, i));
    return b.bitLength() <= 63 ? LongNode.valueOf(b.longValue()) : BigIntegerNode.valueOf(b);
  }

  private int digits(int i) {
    while (i < end) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      i++;
    }
    return i;
  }

  private int requiredDigits(int i) {
    char c = at(i);
    if (c < '0' || c > '9') {
      throw NOT_FAST;
    }
    return digits(i);
  }
}
