package io.emrlaunch.stepfunctions.asl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.emrlaunch.stepfunctions.asl.AslCorpus;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.PassState;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateMachineBuilder;
import io.emrlaunch.stepfunctions.asl.TaskState;
import io.emrlaunch.stepfunctions.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast compact writer produces exactly Jackson's text (and size) for every input, and hands the
 * whole document to Jackson for what it does not mirror.
 */
class CompactGeneratorTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Fast text, Jackson's text, the size counters and the fast-path decision, all checked. */
  private static void sameAsJackson(StateMachine m, boolean expectFast) {
    String jackson = AslWriter.jacksonCompact(m);
    long utf8 = jackson.getBytes(StandardCharsets.UTF_8).length;
    assertThat(AslWriter.writesFast(m)).as("fast path taken").isEqualTo(expectFast);
    String written = AslWriter.write(m, false);
    assertThat(written).isEqualTo(jackson);
    assertThat(AslWriter.compactSize(m)).isEqualTo(utf8);
    assertThat(AslWriter.utf8Length(written)).isEqualTo((int) utf8);
    // a copy is not the remembered instance: the size is counted, with the same answer
    assertThat(AslWriter.utf8Length(new String(written.toCharArray()))).isEqualTo((int) utf8);
  }

  private static StateMachine pass(String comment, String name, JsonNode result) {
    return StateMachine.builder()
        .comment(comment)
        .startAt(name)
        .putStates(name, PassState.builder().result(result).end(true).build())
        .build();
  }

  static Stream<Path> corpus() {
    return AslCorpus.files().stream();
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void corpusIsWrittenExactlyAsJacksonWritesIt(Path file) {
    StateMachine m = StateMachine.fromJson(AslCorpus.read(file));
    String jackson = AslWriter.jacksonCompact(m);
    assertThat(AslWriter.write(m, false)).isEqualTo(jackson);
    long utf8 = jackson.getBytes(StandardCharsets.UTF_8).length;
    assertThat(AslWriter.compactSize(m)).isEqualTo(utf8);
    assertThat(AslWriter.utf8Length(m.toJson())).isEqualTo((int) utf8);
  }

  @Test
  void corpusTakesTheFastPath() {
    // the corpus has no surrogate pairs: every file must be written by the fast generator
    for (Path file : AslCorpus.files()) {
      assertThat(AslWriter.writesFast(StateMachine.fromJson(AslCorpus.read(file))))
          .as(file.getFileName().toString())
          .isTrue();
    }
  }

  @Test
  void benchmarkMachineIsWrittenExactly() {
    StateMachine m = BenchmarkMachine.of(1000);
    sameAsJackson(m, true);
  }

  @Test
  void everyCharacterBelow0x100InEveryKindOfString() {
    for (char c = 0; c < 0x100; c++) {
      String s = "a" + c + "b";
      ObjectNode payload = F.objectNode();
      payload.put("k" + c, s);
      payload.putArray(String.valueOf(c)).add(s).add(String.valueOf(c));
      sameAsJackson(pass(s, "S" + c, payload), true);
    }
  }

  @Test
  void otherBmpCharactersAreWrittenFast() {
    String s = "\u0100 é ü ☃ 日本 \u07ff \u0800 \u2028 \ud7ff \ue000 \ufffd \uffff";
    ObjectNode payload = F.objectNode().put(s, s).put("x\"\n" + s, "\u0000" + s + "\u00ff");
    sameAsJackson(pass(s, s, payload), true);
  }

  @Test
  void everyNumberKindIsWrittenExactly() {
    ArrayNode numbers =
        F.arrayNode()
            .add(IntNode.valueOf(0))
            .add(IntNode.valueOf(Integer.MIN_VALUE))
            .add(IntNode.valueOf(Integer.MAX_VALUE))
            .add(ShortNode.valueOf((short) -32768))
            .add(LongNode.valueOf(Long.MIN_VALUE))
            .add(LongNode.valueOf(Long.MAX_VALUE))
            .add(BigIntegerNode.valueOf(new BigInteger("-123456789012345678901234567890")))
            .add(DoubleNode.valueOf(0.1))
            .add(DoubleNode.valueOf(-0.0))
            .add(DoubleNode.valueOf(1e22))
            .add(DoubleNode.valueOf(2e-300))
            .add(DoubleNode.valueOf(Double.MAX_VALUE))
            .add(DoubleNode.valueOf(Double.NaN))
            .add(DoubleNode.valueOf(Double.POSITIVE_INFINITY))
            .add(DoubleNode.valueOf(Double.NEGATIVE_INFINITY))
            .add(FloatNode.valueOf(0.1f))
            .add(FloatNode.valueOf(Float.NaN))
            .add(FloatNode.valueOf(Float.NEGATIVE_INFINITY))
            .add(DecimalNode.valueOf(new BigDecimal("1E+2")))
            .add(DecimalNode.valueOf(new BigDecimal("0.000001")))
            .add(DecimalNode.valueOf(new BigDecimal("-12345678901234567890.123456789")))
            .add(BooleanNode.TRUE)
            .add(BooleanNode.FALSE)
            .add(NullNode.instance)
            .add(F.arrayNode())
            .add(F.objectNode());
    sameAsJackson(pass("numbers", "N", numbers), true);
  }

  @Test
  void surrogatesFallBackToJackson() {
    sameAsJackson(pass("smile 😀", "S", TextNode.valueOf("x")), false);
    sameAsJackson(pass("c", "S", TextNode.valueOf("lone \ud83d high")), false);
    sameAsJackson(pass("c", "S", TextNode.valueOf("lone \ude00 low")), false);
    sameAsJackson(pass("c", "S\ud83d\ude00", NullNode.instance), false);
  }

  @Test
  void contentItDoesNotMirrorFallsBackToJackson() {
    sameAsJackson(pass("c", "S", new POJONode(List.of("a", 1))), false);
    sameAsJackson(pass("c", "S", BinaryNode.valueOf(new byte[] {1, 2, 3})), false);
  }

  @Test
  void nestingBeyondJacksonsLimitFailsAsJacksonFails() {
    JsonNode deep = F.arrayNode();
    for (int i = 0; i < 1100; i++) {
      deep = F.arrayNode().add(deep);
    }
    StateMachine m = pass("c", "S", deep);
    assertThat(AslWriter.writesFast(m)).isFalse();
    assertThatThrownBy(() -> AslWriter.jacksonCompact(m)).hasRootCauseMessage(rootMessage(m));
    assertThatThrownBy(() -> AslWriter.write(m, false)).hasRootCauseMessage(rootMessage(m));
  }

  private static String rootMessage(StateMachine m) {
    Throwable t = null;
    try {
      AslWriter.jacksonCompact(m);
    } catch (RuntimeException e) {
      t = e;
      while (t.getCause() != null) {
        t = t.getCause();
      }
    }
    assertThat(t).isNotNull();
    return t.getMessage();
  }

  @Test
  void randomModelsAreWrittenExactly() {
    Random random = new Random(42);
    for (int i = 0; i < 400; i++) {
      boolean[] surrogate = {false};
      String comment = text(random, surrogate);
      String name = text(random, surrogate);
      JsonNode result = tree(random, 0, surrogate);
      ObjectNode parameters = F.objectNode();
      parameters.set(text(random, surrogate), tree(random, 1, surrogate));
      StateMachine m =
          StateMachine.builder()
              .comment(comment)
              .startAt(name)
              .putStates(name, PassState.builder().result(result).next("T").build())
              .putStates(
                  "T",
                  TaskState.builder()
                      .resource("arn:aws:states:::lambda:invoke")
                      .parameters(parameters)
                      .end(true)
                      .build())
              .build();
      sameAsJackson(m, !surrogate[0]);
    }
  }

  private static JsonNode tree(Random r, int depth, boolean[] surrogate) {
    int kind = depth > 4 ? 2 + r.nextInt(11) : r.nextInt(13);
    return switch (kind) {
      case 0 -> {
        ObjectNode o = F.objectNode();
        for (int i = r.nextInt(4); i > 0; i--) {
          o.set(text(r, surrogate), tree(r, depth + 1, surrogate));
        }
        yield o;
      }
      case 1 -> {
        ArrayNode a = F.arrayNode();
        for (int i = r.nextInt(4); i > 0; i--) {
          a.add(tree(r, depth + 1, surrogate));
        }
        yield a;
      }
      case 2, 3 -> TextNode.valueOf(text(r, surrogate));
      case 4 -> IntNode.valueOf(r.nextInt());
      case 5 -> LongNode.valueOf(r.nextLong());
      case 6 -> BigIntegerNode.valueOf(new BigInteger(100, r).negate());
      case 7 -> DoubleNode.valueOf(r.nextInt(10) == 0 ? Double.NaN : r.nextGaussian() * 1e10);
      case 8 -> FloatNode.valueOf(r.nextFloat());
      case 9 -> DecimalNode.valueOf(new BigDecimal(new BigInteger(60, r), r.nextInt(40) - 20));
      case 10 -> ShortNode.valueOf((short) r.nextInt());
      case 11 -> BooleanNode.valueOf(r.nextBoolean());
      default -> NullNode.instance;
    };
  }

  /** A string drawn from ASCII, Latin-1, the rest of the BMP and (rarely) surrogates. */
  private static String text(Random r, boolean[] surrogate) {
    StringBuilder s = new StringBuilder();
    for (int i = r.nextInt(24); i > 0; i--) {
      int pick = r.nextInt(100);
      if (pick < 60) {
        s.append((char) r.nextInt(0x80));
      } else if (pick < 80) {
        s.append((char) (0x80 + r.nextInt(0x80)));
      } else if (pick < 97) {
        char c;
        do {
          c = (char) (0x100 + r.nextInt(0x10000 - 0x100));
        } while (Character.isSurrogate(c));
        s.append(c);
      } else if (pick < 99) {
        s.appendCodePoint(0x10000 + r.nextInt(0x100000));
        surrogate[0] = true;
      } else {
        s.append((char) (0xD800 + r.nextInt(0x800)));
        surrogate[0] = true;
      }
    }
    return s.toString();
  }

  private interface Calls {
    void write(JsonGenerator g) throws IOException;
  }

  /** Call for call, the generator writes the text the mapper's generator writes. */
  private static void sameText(Calls calls) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = Json.MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
      calls.write(g);
    }
    CompactGenerator fast = new CompactGenerator(features(), Json.MAPPER, 1);
    calls.write(fast);
    assertThat(fast.text()).isEqualTo(out.toString(StandardCharsets.UTF_8));
    assertThat(fast.utf8Length()).isEqualTo(out.size());
  }

  private static int features() throws IOException {
    return Json.MAPPER.createGenerator(OutputStream.nullOutputStream()).getFeatureMask();
  }

  @Test
  void writesWhatTheGeneratorWritesCallForCall() throws IOException {
    sameText(
        g -> {
          g.writeStartObject();
          g.writeFieldName(new CompactGenerator.Name("Type"));
          g.writeString("plain");
          g.writeFieldName("esc\\aped\n\t\u0001\u001f\u007f\"/");
          g.writeStartArray();
          g.writeString("é ü ☃ 日本 \u07ff \u0800 \uffff");
          g.writeString((String) null);
          g.writeNumber(0);
          g.writeNumber(-7L);
          g.writeNumber((BigInteger) null);
          g.writeNumber((BigDecimal) null);
          g.writeNumber(new BigDecimal("1E+2"));
          g.writeNumber(Double.NaN);
          g.writeNumber(2e23);
          g.writeNumber(0.1f);
          g.writeBoolean(false);
          g.writeNull();
          g.writeStartArray();
          g.writeEndArray();
          g.writeStartObject();
          g.writeEndObject();
          g.writeEndArray();
          g.writeFieldName("");
          g.writeString("");
          g.writeEndObject();
        });
  }

  @Test
  void refusesWhatItDoesNotMirror() throws IOException {
    CompactGenerator g = new CompactGenerator(features(), Json.MAPPER, 16);
    assertThat(CompactGenerator.USABLE).isTrue();
    assertThatThrownBy(() -> g.writeString("😀")).isInstanceOf(ByteCounter.Unsupported.class);
    assertThatThrownBy(() -> g.writeFieldName(new SerializedString("Pre\"quoted")))
        .isInstanceOf(ByteCounter.Unsupported.class);
    assertThatThrownBy(() -> g.writeFieldName(new CompactGenerator.Name("Not plain")))
        .isInstanceOf(ByteCounter.Unsupported.class);
    assertThatThrownBy(() -> g.writeRaw("x")).isInstanceOf(ByteCounter.Unsupported.class);
    assertThatThrownBy(() -> g.writeNumber("1")).isInstanceOf(ByteCounter.Unsupported.class);
    assertThatThrownBy(() -> g.writeTree(NullNode.instance))
        .isInstanceOf(ByteCounter.Unsupported.class);
  }

  /**
   * The length memo answers only for the very text last written: once that text is collected its
   * reference answers null, which must not pass for a null argument.
   */
  @Test
  void utf8LengthOfNullIsRefusedEvenWhenTheMemoIsCleared() {
    StateMachine m =
        StateMachineBuilder.startWith(Flow.succeed("Done")).comment("memo").buildUnvalidated();
    String text = AslWriter.write(m, false);
    assertThat(AslWriter.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    text = null;
    for (int i = 0; i < 5; i++) {
      System.gc();
    }
    assertThatThrownBy(() -> AslWriter.utf8Length(null)).isInstanceOf(NullPointerException.class);
  }
}
