package io.emrlaunch.stepfunctions.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness itself: one verdict per file, failures attributed to the right file. */
class AslValidatorCliTest {

  @Test
  void reportsEachFileSeparately() throws Exception {
    AslValidatorCli cli = AslValidatorCli.require();
    Map<String, String> defs = new LinkedHashMap<>();
    defs.put("a-good", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}");
    defs.put(
        "b-missing-target",
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"}}}");
    defs.put(
        "c-good",
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":1,\"End\":true}}}");
    defs.put(
        "d-bad-type", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Bogus\",\"End\":true}}}");

    AslValidatorCli.Result result = cli.validateDefinitions(defs);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.allValid()).isFalse();
    assertThat(result.files()).hasSize(4);
    assertThat(result.files().values())
        .extracting(f -> f.file().getFileName().toString(), AslValidatorCli.FileResult::valid)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a-good.json", true),
            org.assertj.core.groups.Tuple.tuple("b-missing-target.json", false),
            org.assertj.core.groups.Tuple.tuple("c-good.json", true),
            org.assertj.core.groups.Tuple.tuple("d-bad-type.json", false));
    List<AslValidatorCli.FileResult> invalid = result.invalid();
    assertThat(invalid.get(0).errors())
        .anySatisfy(e -> assertThat(e).contains("MISSING_TRANSITION_TARGET").contains("B"));
    assertThat(invalid.get(1).errors())
        .anySatisfy(e -> assertThat(e).contains("SCHEMA_VALIDATION_FAILED"));
  }

  @Test
  void allGoodExitsZero() throws Exception {
    AslValidatorCli.Result result =
        AslValidatorCli.require()
            .validateDefinitions(
                Map.of("only", "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Succeed\"}}}"));
    assertThat(result.allValid()).as(result.stderr()).isTrue();
  }

  @Test
  void refusesToRunOnNothing() {
    AslValidatorCli cli = AslValidatorCli.require();
    assertThatThrownBy(() -> cli.validateFiles(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exits 0 on none");
  }
}
