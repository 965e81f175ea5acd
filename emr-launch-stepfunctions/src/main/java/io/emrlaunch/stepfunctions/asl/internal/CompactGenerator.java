package io.emrlaunch.stepfunctions.asl.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.emrlaunch.stepfunctions.internal.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A generator that produces the same text as Jackson's compact UTF-8 generator over {@link
 * Json#MAPPER} followed by a UTF-8 decode, with less work: it appends Latin-1 bytes to one growable
 * array (the final {@code String} is a copy of it, no decode), keeps no context stack (a comma flag
 * is all compact output needs) and knows the UTF-8 length as it writes. Characters at or above
 * 0x100 are rare in definitions: each one takes a placeholder byte and is patched into a UTF-16
 * copy at the end. What it does not mirror exactly (a surrogate, raw or binary content, a tree with
 * POJOs, nesting beyond the mapper's limit, generator features other than the defaults) raises
 * {@link ByteCounter.Unsupported}, and the caller writes the whole document with Jackson.
 */
final class CompactGenerator extends MirroringGenerator {

  /**
   * How Jackson writes each character below 0x100 inside a string, learned from the mapper's own
   * generator at class load (so the escapes, hex case included, are Jackson's by construction):
   * null when written as itself, otherwise the escape sequence. Null as a whole when the probe
   * failed or saw something this class cannot reproduce.
   */
  private static final byte[][] ESCAPES = learnEscapes();

  /**
   * Per character below 0x100: 0 plain ASCII, 1 written as itself in two UTF-8 bytes, 2 escaped.
   */
  private static final byte[] KIND = kinds();

  private static final int MAX_DEPTH =
      Json.MAPPER.getFactory().streamWriteConstraints().getMaxNestingDepth();

  /** Whether this class can stand in for the mapper's generator at all. */
  static final boolean USABLE = ESCAPES != null;

  /**
   * A field name of ASCII letters and digits (which no escaping touches) with its quoted form
   * {@code "Name":} kept as bytes.
   */
  static final class Name extends SerializedString {
    private static final long serialVersionUID = 1L;
    private final transient byte[] field;

    Name(String name) {
      super(name);
      this.field =
          name.chars().allMatch(c -> c < 0x80 && Character.isLetterOrDigit(c))
              ? ('"' + name + "\":").getBytes(StandardCharsets.ISO_8859_1)
              : null;
    }
  }

  private final boolean fastDoubles;
  private final boolean quoteNonFinite;

  private byte[] buf;
  private int len;

  /** The last thing written was a value or a closed container: the next entry needs a comma. */
  private boolean comma;

  private int depth;

  /** UTF-8 bytes beyond one per character written. */
  private long extraUtf8;

  // Characters at or above 0x100: where their placeholder byte is, and the character.
  private int[] widePos;
  private char[] wideChar;
  private int wides;

  CompactGenerator(int features, ObjectCodec codec, int capacity) {
    super(features, codec);
    if (!USABLE
        || !isEnabled(JsonGenerator.Feature.QUOTE_FIELD_NAMES)
        || isEnabled(JsonGenerator.Feature.ESCAPE_NON_ASCII)
        || isEnabled(JsonGenerator.Feature.WRITE_NUMBERS_AS_STRINGS)
        || isEnabled(JsonGenerator.Feature.STRICT_DUPLICATE_DETECTION)) {
      throw new ByteCounter.Unsupported();
    }
    this.fastDoubles = isEnabled(JsonGenerator.Feature.USE_FAST_DOUBLE_WRITER);
    this.quoteNonFinite = isEnabled(JsonGenerator.Feature.QUOTE_NON_NUMERIC_NUMBERS);
    this.buf = new byte[Math.max(capacity, 256)];
  }

  /** The text written. */
  String text() {
    if (wides == 0) {
      return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
    }
    char[] chars = new char[len];
    for (int i = 0; i < len; i++) {
      chars[i] = (char) (buf[i] & 0xFF);
    }
    for (int i = 0; i < wides; i++) {
      chars[widePos[i]] = wideChar[i];
    }
    return new String(chars);
  }

  /** The number of characters written. */
  int length() {
    return len;
  }

  /** The UTF-8 length of the text written. */
  long utf8Length() {
    return len + extraUtf8;
  }

  private void ensure(int more) {
    if (more > buf.length - len) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  /** Room for a value of up to {@code size} bytes, and its comma. */
  private void value(int size) {
    ensure(size + 1);
    if (comma) {
      buf[len++] = ',';
    }
    comma = true;
  }

  private void open(byte c) {
    if (++depth > MAX_DEPTH) {
      throw new ByteCounter.Unsupported(); // Jackson refuses it; let it say so
    }
    value(1);
    buf[len++] = c;
    comma = false;
  }

  private void close(byte c) {
    ensure(1);
    buf[len++] = c;
    depth--;
    comma = true;
  }

  /** Appends {@code s} quoted and escaped; the caller made room for its length plus 2. */
  private void quoted(String s) {
    int n = s.length();
    byte[] b = buf;
    int p = len;
    b[p++] = '"';
    int i = 0;
    // The common case: plain ASCII, one byte per character.
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || KIND[c] != 0) {
        break;
      }
      b[p++] = (byte) c;
    }
    len = p;
    if (i < n) {
      rest(s, i);
    }
    buf[len++] = '"';
  }

  /** The rest of a string from its first character that is not plain ASCII. */
  private void rest(String s, int from) {
    int n = s.length();
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x100) {
        byte[] escape = ESCAPES[c];
        if (escape == null) {
          buf[len++] = (byte) c;
          extraUtf8 += KIND[c];
        } else {
          // the escape is longer than the one byte reserved for this character
          ensure(escape.length + n - i + 1);
          System.arraycopy(escape, 0, buf, len, escape.length);
          len += escape.length;
        }
      } else if (Character.isSurrogate(c)) {
        throw new ByteCounter.Unsupported(); // Jackson escapes or combines them
      } else {
        wide(c);
      }
    }
  }

  private void wide(char c) {
    if (widePos == null) {
      widePos = new int[16];
      wideChar = new char[16];
    } else if (wides == widePos.length) {
      widePos = Arrays.copyOf(widePos, wides * 2);
      wideChar = Arrays.copyOf(wideChar, wides * 2);
    }
    widePos[wides] = len;
    wideChar[wides++] = c;
    buf[len++] = '?';
    extraUtf8 += c < 0x800 ? 1 : 2;
  }

  @Override
  public void writeStartArray() {
    open((byte) '[');
  }

  @Override
  public void writeEndArray() {
    close((byte) ']');
  }

  @Override
  public void writeStartObject() {
    open((byte) '{');
  }

  @Override
  public void writeEndObject() {
    close((byte) '}');
  }

  @Override
  public void writeFieldName(String name) {
    value(name.length() + 3);
    quoted(name);
    buf[len++] = ':';
    comma = false;
  }

  @Override
  public void writeFieldName(SerializableString name) {
    byte[] field = name instanceof Name n ? n.field : null;
    if (field == null) {
      throw new ByteCounter.Unsupported(); // Jackson writes its own pre-quoted bytes
    }
    value(field.length);
    System.arraycopy(field, 0, buf, len, field.length);
    len += field.length;
    comma = false;
  }

  @Override
  public void writeString(String text) {
    if (text == null) {
      writeNull();
      return;
    }
    value(text.length() + 2);
    quoted(text);
  }

  @Override
  public void writeString(SerializableString text) {
    throw new ByteCounter.Unsupported(); // Jackson writes its own pre-quoted bytes
  }

  private void raw(String s) {
    value(s.length());
    for (int i = 0, n = s.length(); i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  @Override
  public void writeNumber(int v) {
    value(11);
    len = NumberOutput.outputInt(v, buf, len);
  }

  @Override
  public void writeNumber(long v) {
    value(20);
    len = NumberOutput.outputLong(v, buf, len);
  }

  @Override
  public void writeNumber(BigInteger v) {
    if (v == null) {
      writeNull();
    } else {
      raw(v.toString());
    }
  }

  @Override
  public void writeNumber(double v) {
    if (Double.isFinite(v)) {
      raw(NumberOutput.toString(v, fastDoubles));
    } else if (quoteNonFinite) {
      writeString(NumberOutput.toString(v, fastDoubles));
    } else {
      throw new ByteCounter.Unsupported();
    }
  }

  @Override
  public void writeNumber(float v) {
    if (Float.isFinite(v)) {
      raw(NumberOutput.toString(v, fastDoubles));
    } else if (quoteNonFinite) {
      writeString(NumberOutput.toString(v, fastDoubles));
    } else {
      throw new ByteCounter.Unsupported();
    }
  }

  @Override
  public void writeNumber(BigDecimal v) throws IOException {
    if (v == null) {
      writeNull();
    } else {
      raw(_asString(v));
    }
  }

  @Override
  public void writeBoolean(boolean state) {
    raw(state ? "true" : "false");
  }

  @Override
  public void writeNull() {
    raw("null");
  }

  /**
   * Writes every character below 0x100 as a one-character string with the mapper's generator and
   * reads back what it wrote. Returns null when an output is neither the character itself nor an
   * ASCII escape sequence starting with a backslash.
   */
  private static byte[][] learnEscapes() {
    try {
      ByteArrayBuilder out = new ByteArrayBuilder();
      int[] ends = new int[256];
      try (JsonGenerator g = Json.MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
        g.writeStartArray();
        for (int c = 0; c < 256; c++) {
          g.writeString(String.valueOf((char) c));
          g.flush();
          ends[c] = out.size();
        }
        g.writeEndArray();
      }
      byte[] bytes = out.toByteArray();
      byte[][] escapes = new byte[256][];
      int start = 1; // after '['
      for (int c = 0; c < 256; c++) {
        int from = start + (c == 0 ? 0 : 1); // the comma
        if (bytes[from] != '"' || bytes[ends[c] - 1] != '"') {
          return null;
        }
        String written = new String(bytes, from + 1, ends[c] - from - 2, StandardCharsets.UTF_8);
        if (!written.equals(String.valueOf((char) c))) {
          if (written.length() < 2 || written.charAt(0) != '\\' || !isAscii(written)) {
            return null;
          }
          escapes[c] = written.getBytes(StandardCharsets.ISO_8859_1);
        }
        start = ends[c];
      }
      return escapes;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static byte[] kinds() {
    byte[] kinds = new byte[256];
    for (int c = 0; c < 256; c++) {
      kinds[c] = (byte) (ESCAPES == null || ESCAPES[c] != null ? 2 : c < 0x80 ? 0 : 1);
    }
    return kinds;
  }
}
