package io.emrlaunch.stepfunctions.emr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.StepFailureAction;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateMachineBuilder;
import io.emrlaunch.stepfunctions.asl.TaskState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random core steps with awkward strings (quotes, {@code $}, {@code .$}, <code>{% %}</code>,
 * non-ASCII) become addStep states whose Step renders the step's values exactly, stay data in
 * JSONPath states, round-trip through JSON, and are rejected when a JSONata state would evaluate
 * them.
 */
class EmrStepRandomTest {
  private static final String[] PIECES = {
    "a",
    "Z",
    "7",
    " ",
    "-",
    "_",
    "/",
    ".",
    "$",
    ".$",
    "$.x",
    "\"",
    "'",
    "\\",
    "{%",
    "%}",
    "{% $x %}",
    "é",
    "日本",
    "s3://b/k",
    "--conf",
    "="
  };

  private static String text(Random r, boolean nonBlank) {
    StringBuilder b = new StringBuilder();
    int n = (nonBlank ? 1 : 0) + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      b.append(PIECES[r.nextInt(PIECES.length)]);
    }
    String s = b.toString();
    return nonBlank && s.isBlank() ? "x" + s : s;
  }

  private static EmrStep step(Random r) {
    EmrStep.Builder b =
        EmrStep.builder()
            .name(text(r, true))
            .jar(r.nextBoolean() ? EmrStep.COMMAND_RUNNER : "s3://b/" + text(r, true))
            .actionOnFailure(StepFailureAction.values()[r.nextInt(4)]);
    for (int i = r.nextInt(5); i > 0; i--) {
      b.addArgs(text(r, false));
    }
    for (int i = r.nextInt(3); i > 0; i--) {
      b.putProperties(text(r, true) + i, text(r, false));
    }
    if (r.nextBoolean()) {
      b.mainClass(text(r, true));
    }
    return b.build();
  }

  private static boolean looksLikeJsonata(EmrStep s) {
    List<String> all = new ArrayList<>(s.args());
    all.add(s.name());
    all.add(s.jar());
    s.mainClass().ifPresent(all::add);
    all.addAll(s.properties().keySet());
    all.addAll(s.properties().values());
    return all.stream().map(String::strip).anyMatch(t -> t.startsWith("{%") && t.endsWith("%}"));
  }

  @Test
  void randomStepsRenderExactly() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    int rejected = 0;
    for (int i = 0; i < 300; i++) {
      EmrStep s = step(r);
      int kind = r.nextInt(3);
      Arg cluster =
          kind == 0
              ? Arg.of("j-" + i)
              : kind == 1 ? Arg.path("$.cluster.ClusterId") : Arg.jsonata("$clusterId");
      String ctx = "seed " + seed + " iteration " + i + " step " + s;
      EmrTask task;
      try {
        task = EmrTasks.addStep("Run", cluster, s);
      } catch (ValidationException e) {
        assertThat(kind == 2 && looksLikeJsonata(s)).as(ctx + " " + e.getMessage()).isTrue();
        assertThat(e.problems())
            .extracting(Problem::path)
            .allMatch(p -> p.startsWith("Arguments.Step."));
        rejected++;
        continue;
      }
      assertThat(kind == 2 && looksLikeJsonata(s)).as(ctx).isFalse();
      assertThat(task.queryLanguage())
          .as(ctx)
          .isEqualTo(kind == 2 ? QueryLanguage.JSONATA : QueryLanguage.JSONPATH);
      StateMachine m = StateMachineBuilder.startWith(task.sync()).build();
      assertThat(StateMachine.fromJson(m.toJson())).as(ctx).isEqualTo(m);
      assertThat(EmrDefinitionRules.check(m)).as(ctx).isEmpty();
      TaskState t = (TaskState) m.states().get("Run");
      JsonNode step = (kind == 2 ? t.arguments() : t.parameters()).orElseThrow().get("Step");
      assertThat(step.get("Name").asText()).as(ctx).isEqualTo(s.name());
      assertThat(step.get("ActionOnFailure").asText())
          .as(ctx)
          .isEqualTo(s.actionOnFailure().name());
      JsonNode jar = step.get("HadoopJarStep");
      assertThat(jar.get("Jar").asText()).as(ctx).isEqualTo(s.jar());
      List<String> args = new ArrayList<>();
      if (jar.has("Args")) {
        jar.get("Args").forEach(a -> args.add(a.asText()));
      }
      assertThat(args).as(ctx).isEqualTo(s.args());
      Map<String, String> props = new LinkedHashMap<>();
      if (jar.has("Properties")) {
        jar.get("Properties")
            .forEach(p -> props.put(p.get("Key").asText(), p.get("Value").asText()));
      }
      assertThat(props).as(ctx).isEqualTo(s.properties());
      assertThat(jar.has("MainClass") ? jar.get("MainClass").asText() : null)
          .as(ctx)
          .isEqualTo(s.mainClass().orElse(null));
    }
    assertThat(rejected)
        .as("seed " + seed + ": some JSONata tasks must meet look-alikes")
        .isPositive();
  }
}
