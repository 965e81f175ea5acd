package io.emrlaunch.stepfunctions.asl.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharTypes;
import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A generator that writes nothing and counts the UTF-8 bytes Jackson's compact UTF-8 generator
 * would write for the same calls: the size limit check measures a definition this way without
 * encoding it. It knows Jackson's default output (standard escapes, quoted field names, no
 * indentation); anything else (a surrogate character, raw or binary content, a tree with POJOs)
 * raises {@link Unsupported} and the caller counts the real generator's output instead.
 */
final class ByteCounter extends MirroringGenerator {
  /** Thrown for a call this counter does not mirror exactly. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  private static final int[] ESCAPES = CharTypes.get7BitOutputEscapes();

  private final boolean fastDoubles;
  private long bytes;

  // One entry per open container: whether it is an array, whether it has an entry yet.
  private boolean[] array = new boolean[16];
  private boolean[] started = new boolean[16];
  private int depth;

  ByteCounter(int features, ObjectCodec codec) {
    super(features, codec);
    this.fastDoubles = isEnabled(JsonGenerator.Feature.USE_FAST_DOUBLE_WRITER);
    if (!isEnabled(JsonGenerator.Feature.QUOTE_FIELD_NAMES)
        || isEnabled(JsonGenerator.Feature.ESCAPE_NON_ASCII)
        || isEnabled(JsonGenerator.Feature.WRITE_NUMBERS_AS_STRINGS)) {
      throw new Unsupported();
    }
  }

  long bytes() {
    return bytes;
  }

  /** A value starts: a comma before every array element but the first. */
  private void value() {
    if (depth > 0 && array[depth - 1]) {
      if (started[depth - 1]) {
        bytes++;
      }
      started[depth - 1] = true;
    }
  }

  private void open(boolean isArray) {
    value();
    bytes++;
    if (depth == array.length) {
      array = Arrays.copyOf(array, depth * 2);
      started = Arrays.copyOf(started, depth * 2);
    }
    array[depth] = isArray;
    started[depth] = false;
    depth++;
  }

  private void end() {
    bytes++;
    depth--;
  }

  /** A field name: a comma before every field but the first, the quoted name and a colon. */
  private void name(long quotedLength) {
    if (started[depth - 1]) {
      bytes++;
    }
    started[depth - 1] = true;
    bytes += quotedLength + 1;
  }

  /** The length of a string once quoted and escaped as Jackson does, in UTF-8. */
  private static long quoted(String s) {
    long n = 2;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c < 128) {
        int e = ESCAPES[c];
        n += e == 0 ? 1 : e > 0 ? 2 : 6;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isSurrogate(c)) {
        throw new Unsupported();
      } else {
        n += 3;
      }
    }
    return n;
  }

  @Override
  public void writeStartArray() {
    open(true);
  }

  @Override
  public void writeEndArray() {
    end();
  }

  @Override
  public void writeStartObject() {
    open(false);
  }

  @Override
  public void writeEndObject() {
    end();
  }

  @Override
  public void writeFieldName(String name) {
    name(quoted(name));
  }

  @Override
  public void writeFieldName(SerializableString name) {
    name(name.asQuotedUTF8().length + 2L);
  }

  @Override
  public void writeString(String text) {
    value();
    bytes += text == null ? 4 : quoted(text);
  }

  @Override
  public void writeString(SerializableString text) {
    value();
    bytes += text.asQuotedUTF8().length + 2L;
  }

  @Override
  public void writeNumber(int v) {
    value();
    bytes += stringSize(v);
  }

  @Override
  public void writeNumber(long v) {
    value();
    bytes += Long.toString(v).length();
  }

  @Override
  public void writeNumber(BigInteger v) {
    value();
    bytes += v == null ? 4 : v.toString().length();
  }

  @Override
  public void writeNumber(double v) {
    if (!Double.isFinite(v)) {
      throw new Unsupported();
    }
    value();
    bytes += NumberOutput.toString(v, fastDoubles).length();
  }

  @Override
  public void writeNumber(float v) {
    if (!Float.isFinite(v)) {
      throw new Unsupported();
    }
    value();
    bytes += NumberOutput.toString(v, fastDoubles).length();
  }

  @Override
  public void writeNumber(BigDecimal v) throws IOException {
    value();
    bytes += v == null ? 4 : _asString(v).length();
  }

  @Override
  public void writeBoolean(boolean state) {
    value();
    bytes += state ? 4 : 5;
  }

  @Override
  public void writeNull() {
    value();
    bytes += 4;
  }

  private static int stringSize(int v) {
    if (v == Integer.MIN_VALUE) {
      return 11;
    }
    int n = v < 0 ? 2 : 1;
    int x = Math.abs(v);
    while (x >= 10) {
      x /= 10;
      n++;
    }
    return n;
  }
}
