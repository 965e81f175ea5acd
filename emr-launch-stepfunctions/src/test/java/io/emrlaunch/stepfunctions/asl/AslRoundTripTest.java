package io.emrlaunch.stepfunctions.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.json.EmrLaunchJson;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every corpus definition parses into the typed model, is emitted again (compact and pretty) and
 * parses back to an equal model; the emitted JSON is the same JSON value as the original and is
 * accepted by asl-validator.
 */
class AslRoundTripTest {

  @Test
  void corpusRoundTripsThroughTheModel() throws Exception {
    List<Path> files = AslCorpus.files();
    assertThat(files).hasSize(35);
    Map<String, String> emitted = new LinkedHashMap<>();
    for (Path f : files) {
      String text = AslCorpus.read(f);
      String name = f.getFileName().toString();
      StateMachine parsed = StateMachine.fromJson(text);
      String compact = parsed.toJson();
      String pretty = parsed.toPrettyJson();
      assertThat(StateMachine.fromJson(compact)).as(name).isEqualTo(parsed);
      assertThat(StateMachine.fromJson(pretty)).as(name).isEqualTo(parsed);
      JsonNode original = EmrLaunchJson.newMapper().readTree(text);
      assertThat(EmrLaunchJson.newMapper().readTree(compact)).as(name).isEqualTo(original);
      assertThat(compact).doesNotContain("\n");
      assertThat(pretty).contains("\n  \"StartAt\"");
      assertThat(parsed.toJson()).as("emit is stable").isEqualTo(compact);
      emitted.put("roundtrip-" + name.replace(".json", ""), compact);
    }
    AslValidatorCli.Result result = AslValidatorCli.require().validateDefinitions(emitted);
    assertThat(result.invalid()).as(result.stdout()).isEmpty();
    assertThat(result.files()).hasSize(35);
  }

  @Test
  void emitFollowsTheSpecFieldOrder() {
    String json =
        "{\"States\":{\"A\":{\"End\":true,\"ResultPath\":\"$.r\",\"Resource\":\"arn:aws:states:::sns:publish\","
            + "\"Parameters\":{\"Message\":\"hi\"},\"Type\":\"Task\",\"Comment\":\"c\"}},"
            + "\"StartAt\":\"A\",\"Comment\":\"top\"}";
    assertThat(StateMachine.fromJson(json).toJson())
        .isEqualTo(
            "{\"Comment\":\"top\",\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\","
                + "\"Comment\":\"c\",\"Resource\":\"arn:aws:states:::sns:publish\","
                + "\"Parameters\":{\"Message\":\"hi\"},\"ResultPath\":\"$.r\",\"End\":true}}}");
  }

  @Test
  void nullPathsAreKeptDistinctFromAbsentOnes() {
    StateMachine m =
        StateMachine.fromJson(
            "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"ResultPath\":null,"
                + "\"InputPath\":null,\"End\":true}}}");
    PassState a = (PassState) m.states().get("A");
    assertThat(a.resultPath()).contains(JsonPath.NULL);
    assertThat(a.inputPath()).contains(JsonPath.NULL);
    assertThat(a.outputPath()).isEmpty();
    assertThat(m.toJson()).contains("\"InputPath\":null").contains("\"ResultPath\":null");
  }
}
