package io.emrlaunch.stepfunctions.asl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.stepfunctions.asl.AslCorpus;
import io.emrlaunch.stepfunctions.asl.AslParseException;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.internal.Json;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast parser gives exactly what {@code Json.MAPPER.readTree} gives (same node classes, same
 * field order) or gives up; either way {@link AslReader#read(String)} answers as Jackson's path
 * does: the same machine, or the same problems in the same order.
 */
class LightJsonParserTest {

  // ---- the oracle: Jackson's tree and the reader over it -------------------------------------

  /** What {@code AslReader.read(String)} answered before the fast parser, as text. */
  private static String jacksonPath(String json) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      return "problems [is not valid JSON: "
          + e.getOriginalMessage()
          + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")")
          + "]";
    }
    if (root == null || root.isMissingNode()) {
      return "problems [is empty]";
    }
    return outcome(() -> AslReader.read(root));
  }

  private static String fastPath(String json) {
    return outcome(() -> AslReader.read(json));
  }

  private static String outcome(java.util.function.Supplier<StateMachine> read) {
    try {
      return "machine " + read.get().toJson();
    } catch (AslParseException e) {
      return "problems " + e.problems().stream().map(Problem::toString).toList();
    }
  }

  /** Both paths give equal machines (payload nodes included), or the same problems. */
  private static void assertSameOutcome(String json) {
    String expected = jacksonPath(json);
    assertThat(fastPath(json)).as(json).isEqualTo(expected);
    if (expected.startsWith("machine ")) {
      try {
        assertThat(AslReader.read(json)).isEqualTo(AslReader.read(Json.MAPPER.readTree(json)));
      } catch (JsonProcessingException e) {
        fail("unreachable", e);
      }
    }
  }

  /** The fast tree, as Jackson nodes, is Jackson's tree node for node. */
  private static void assertSameTree(String json) throws JsonProcessingException {
    LightJson.Obj fast = LightJsonParser.parse(json, AslReader.NAMES);
    assertThat(fast).as("fast path refused %s", json).isNotNull();
    assertIdentical(LightJson.toNode(fast), Json.MAPPER.readTree(json), "");
  }

  private static void assertIdentical(JsonNode actual, JsonNode expected, String at) {
    assertThat(actual.getClass()).as("node class at %s", at).isEqualTo(expected.getClass());
    assertThat(actual).as("value at %s", at).isEqualTo(expected);
    if (expected.isObject()) {
      assertThat(iterable(actual.fieldNames()))
          .as("field order at %s", at)
          .containsExactlyElementsOf(iterable(expected.fieldNames()));
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        assertIdentical(actual.get(e.getKey()), e.getValue(), at + "/" + e.getKey());
      }
    } else if (expected.isArray()) {
      for (int i = 0; i < expected.size(); i++) {
        assertIdentical(actual.get(i), expected.get(i), at + "/" + i);
      }
    } else if (expected.isDouble()) {
      // DoubleNode.equals tells -0.0 from 0.0 and NaN from NaN by bits; say so explicitly
      assertThat(Double.doubleToRawLongBits(actual.doubleValue()))
          .isEqualTo(Double.doubleToRawLongBits(expected.doubleValue()));
    }
  }

  private static List<String> iterable(Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  // ---- the corpus and the benchmark definition ------------------------------------------------

  static Stream<Path> corpus() {
    return AslCorpus.files().stream();
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void corpusDefinitionsTakeTheFastPathWithJacksonsResult(Path file) throws Exception {
    String json = AslCorpus.read(file);
    assertSameTree(json);
    assertSameOutcome(json);
  }

  @Test
  void theBenchmarkDefinitionTakesTheFastPathWithJacksonsResult() throws Exception {
    String json = BenchmarkMachine.of(1000).toJson();
    assertSameTree(json);
    assertSameOutcome(json);
    assertThat(AslReader.read(json).states()).hasSize(1000);
  }

  // ---- numbers, strings, escapes ---------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "-0",
        "1",
        "-1",
        "10",
        "2147483647",
        "2147483648",
        "-2147483648",
        "-2147483649",
        "999999999",
        "1000000000",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "0.0",
        "-0.0",
        "0.1",
        "1.5",
        "1e5",
        "1E5",
        "1E+5",
        "1e-5",
        "-1.5e-300",
        "1e400",
        "-1e400",
        "4.9e-325",
        "1.7976931348623157e308",
        "2.0",
        "0e0",
        "123.456e-7"
      })
  void numbersBecomeTheNodeKindJacksonMakes(String number) throws Exception {
    assertSameTree("{\"n\":" + number + ",\"a\":[" + number + "]}");
    assertSameOutcome(
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":"
            + number
            + ",\"End\":true}}}");
    assertSameOutcome(
        "{\"StartAt\":\"T\",\"TimeoutSeconds\":"
            + number
            + ",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"r\",\"End\":true,"
            + "\"Retry\":[{\"ErrorEquals\":[\"E\"],\"MaxAttempts\":"
            + number
            + ",\"BackoffRate\":"
            + number
            + "}]}}}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain",
        "",
        "\\\"",
        "\\\\",
        "\\/",
        "\\b\\f\\n\\r\\t",
        "\\u0000\\u001f\\u001F",
        "\\uD83D\\uDE00",
        "\\ud83d\\ude00",
        "\\uD800",
        "\\uDC00x",
        "é€𝄞",
        "a\\u00e9b",
        "\u007f",
        "$.a\\u002eb"
      })
  void stringsAndNamesDecodeAsJacksonDecodes(String literal) throws Exception {
    assertSameTree("{\"v\":\"" + literal + "\",\"k\":[\"" + literal + "\"]}");
    String asName = "{\"" + literal + "\":1}";
    if (literal.matches("(?i).*\\\\ud[89a-f].*")) {
      // Jackson checks escaped surrogates in names (a lone one is an error): its call
      assertThat(LightJsonParser.parse(asName, AslReader.NAMES)).isNull();
      assertSameOutcome(asName);
    } else {
      assertSameTree(asName);
    }
    assertSameOutcome(
        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Comment\":\""
            + literal
            + "\",\"Result\":{\""
            + literal
            + "\":1},\"End\":true}}}");
  }

  @Test
  void anEscapedKnownNameIsStillThatName() throws Exception {
    String json =
        "{\"St\\u0061rtAt\":\"P\",\"States\":{\"P\":{\"\\u0054ype\":\"Pass\",\"End\":true}}}";
    assertSameTree(json);
    assertThat(fastPath(json)).startsWith("machine ");
    assertSameOutcome(json);
  }

  @Test
  void objectsOfManyFieldsReportEveryUnknownOneInOrder() {
    StringBuilder b = new StringBuilder("{\"StartAt\":\"P\",\"States\":{\"P\":{");
    for (int i = 0; i < 70; i++) {
      b.append("\"x").append(i).append("\":").append(i).append(',');
    }
    String json = b.append("\"Type\":\"Pass\",\"End\":true}}}").toString();
    assertSameOutcome(json);
    AslParseException e = catchThrowableOfType(() -> AslReader.read(json), AslParseException.class);
    assertThat(e.problems()).hasSize(70);
    assertThat(e.problems().get(69).path()).isEqualTo("/States/P/x69");
  }

  // ---- what the fast path leaves to Jackson ----------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        // syntax errors: Jackson's message, line and column
        "",
        "   ",
        "{",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":1",
        "{\"a\":1,}",
        "[1,]",
        "{\"a\":01}",
        "{\"a\":-}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":1e}",
        "{\"a\":+1}",
        "{\"a\":tru}",
        "{\"a\":truex}",
        "{\"a\":nul}",
        "{\"a\":\"x}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12G4\"}",
        "{\"a\":\"\u0001\"}",
        "{\"a\" 1}",
        "{a:1}",
        "{'a':1}",
        "{\"a\":NaN}",
        "{/*c*/}",
        "{\"a\":1}/",
        "\uFEFF{}",
        "{\u000b}",
        "{\"a\":[1 2]}",
        "{\"a\":{\"b\":1}]}",
        // not an object at the root; text after the root (Jackson's readTree ignores it)
        "[]",
        "\"s\"",
        "5",
        "null",
        "{} x",
        "{}}",
        "{\"StartAt\":\"P\"} {",
        // a duplicate name: Jackson keeps the last value at the first name's place
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}},\"StartAt\":\"B\"}",
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Type\":\"Succeed\"}}}",
        "{\"a\":{\"x\":1,\"y\":2,\"x\":3}}"
      })
  void leftToJackson(String json) {
    assertThat(LightJsonParser.parse(json, AslReader.NAMES)).as(json).isNull();
    assertSameOutcome(json);
  }

  @Test
  void limitsLeftToJackson() {
    String tooDeep =
        "[".repeat(LightJsonParser.MAX_DEPTH + 1) + "]".repeat(LightJsonParser.MAX_DEPTH + 1);
    String deeperThanJackson = "[".repeat(1500) + "]".repeat(1500);
    String longNumber = "1".repeat(LightJsonParser.MAX_NUMBER_LENGTH + 1);
    String longerThanJackson = "1".repeat(1001);
    String longString = "x".repeat(LightJsonParser.MAX_STRING_LENGTH + 1);
    String deepest =
        "[".repeat(LightJsonParser.MAX_DEPTH - 1) + "]".repeat(LightJsonParser.MAX_DEPTH - 1);
    assertThat(LightJsonParser.parse("{\"a\":" + deepest + "}", AslReader.NAMES)).isNotNull();
    for (String json :
        List.of(
            "{\"a\":" + tooDeep + "}",
            "{\"a\":" + deeperThanJackson + "}",
            "{\"a\":" + longNumber + "}",
            "{\"a\":" + longerThanJackson + "}",
            "{\"a\":\"" + longString + "\"}",
            "{\"" + longString + "\":1}")) {
      assertThat(LightJsonParser.parse(json, AslReader.NAMES)).isNull();
      assertSameOutcome(json);
    }
  }

  @Test
  void bigObjectsAreCheckedForDuplicateNames() {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < 500; i++) {
      b.append("\"Step ").append(i).append("\":").append(i).append(',');
    }
    String unique = b + "\"Step x\":0}";
    String repeated = b + "\"Step 123\":0}";
    assertThat(LightJsonParser.parse(unique, AslReader.NAMES)).isNotNull();
    assertThat(LightJsonParser.parse(repeated, AslReader.NAMES)).isNull();
  }

  // ---- seeded random texts ---------------------------------------------------------------------

  @Test
  void randomValidTextsGiveJacksonsTree() throws Exception {
    for (int seed = 0; seed < 400; seed++) {
      Random r = new Random(seed);
      String json = new RandomJson(r).object(0);
      assertSameTree(json);
    }
  }

  @Test
  void randomlyRewrittenCorpusDefinitionsGiveJacksonsOutcome() throws Exception {
    List<Path> files = AslCorpus.files();
    for (int seed = 0; seed < 300; seed++) {
      Random r = new Random(seed);
      JsonNode tree = Json.MAPPER.readTree(AslCorpus.read(files.get(seed % files.size())));
      RandomJson g = new RandomJson(r);
      if (seed % 3 == 0) {
        g.mutateModel((ObjectNode) tree); // broken definitions: the same problems, in order
      }
      String json = g.write(tree);
      assertSameTree(json);
      assertSameOutcome(json);
    }
  }

  @Test
  void randomlyDamagedTextsGiveJacksonsOutcome() throws Exception {
    List<Path> files = AslCorpus.files();
    int fallbacks = 0;
    for (int seed = 0; seed < 400; seed++) {
      Random r = new Random(seed);
      String json =
          seed % 2 == 0
              ? new RandomJson(r).object(0)
              : new RandomJson(r)
                  .write(Json.MAPPER.readTree(AslCorpus.read(files.get(seed % files.size()))));
      String damaged = RandomJson.damage(json, r);
      if (LightJsonParser.parse(damaged, AslReader.NAMES) == null) {
        fallbacks++;
      } else {
        assertSameTree(damaged);
      }
      assertSameOutcome(damaged);
    }
    // both branches are exercised (269 of 400 go to Jackson with these seeds)
    assertThat(fallbacks).as("damaged texts left to Jackson").isBetween(200, 350);
  }

  @Test
  void aCallersTreeStillReads() throws Exception {
    for (Path file : AslCorpus.files()) {
      JsonNode tree = Json.MAPPER.readTree(AslCorpus.read(file));
      String viaTree = outcome(() -> AslReader.read(tree));
      assertThat(viaTree).isEqualTo(fastPath(AslCorpus.read(file)));
    }
    AslParseException e =
        catchThrowableOfType(() -> AslReader.read((JsonNode) null), AslParseException.class);
    assertThat(e.problems())
        .map(Problem::toString)
        .containsExactly("must be an object (state machine)");
  }
}
