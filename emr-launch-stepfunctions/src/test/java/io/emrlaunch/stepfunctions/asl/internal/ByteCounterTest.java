package io.emrlaunch.stepfunctions.asl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.emrlaunch.stepfunctions.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The byte counter agrees with the mapper's compact UTF-8 generator, call for call. */
class ByteCounterTest {

  private interface Calls {
    void write(JsonGenerator g) throws IOException;
  }

  private static void sameCount(Calls calls) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = Json.MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
      calls.write(g);
    }
    ByteCounter counter =
        new ByteCounter(
            Json.MAPPER.createGenerator(OutputStream.nullOutputStream()).getFeatureMask(),
            Json.MAPPER);
    calls.write(counter);
    assertThat(counter.bytes()).as(out.toString("UTF-8")).isEqualTo(out.size());
  }

  @Test
  void countsWhatTheGeneratorWrites() throws IOException {
    sameCount(
        g -> {
          g.writeStartObject();
          g.writeFieldName(new SerializedString("Pre\"encoded"));
          g.writeString("plain");
          g.writeFieldName("esc\\aped\n\t\u0001\u001f\"/");
          g.writeStartArray();
          g.writeString("é ü ☃ 日本 \u07ff \u0800 \uffff");
          g.writeNumber(0);
          g.writeNumber(-7);
          g.writeNumber(Integer.MIN_VALUE);
          g.writeNumber(Integer.MAX_VALUE);
          g.writeNumber(Long.MIN_VALUE);
          g.writeNumber(new BigInteger("-123456789012345678901234567890"));
          g.writeNumber(1e22);
          g.writeNumber(2e23);
          g.writeNumber(0.1f);
          g.writeNumber(new BigDecimal("1E+2"));
          g.writeNumber(new BigDecimal("0.000001"));
          g.writeBoolean(true);
          g.writeBoolean(false);
          g.writeNull();
          g.writeStartArray();
          g.writeEndArray();
          g.writeStartObject();
          g.writeEndObject();
          g.writeStartArray();
          g.writeStartObject();
          g.writeFieldName("a");
          g.writeStartArray();
          g.writeNumber(1);
          g.writeNumber(2);
          g.writeEndArray();
          g.writeFieldName("b");
          g.writeNull();
          g.writeEndObject();
          g.writeEndArray();
          g.writeEndArray();
          g.writeFieldName("");
          g.writeString("");
          g.writeEndObject();
        });
  }

  @Test
  void refusesWhatItDoesNotMirror() {
    ByteCounter counter =
        new ByteCounter(Json.MAPPER.getFactory().getGeneratorFeatures(), Json.MAPPER);
    assertThatThrownBy(() -> counter.writeString("😀")).isInstanceOf(ByteCounter.Unsupported.class);
    assertThatThrownBy(() -> counter.writeNumber(Double.NaN))
        .isInstanceOf(ByteCounter.Unsupported.class);
    assertThatThrownBy(() -> counter.writeRaw("x")).isInstanceOf(ByteCounter.Unsupported.class);
  }
}
