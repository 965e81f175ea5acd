package io.emrlaunch.stepfunctions.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.stepfunctions.asl.internal.AslValidation;
import io.emrlaunch.stepfunctions.asl.internal.AslWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The size limit is measured without building the text (a byte count of what the writer produces)
 * and gives the same figure as the text; payload templates are shared with the states that hold
 * them and copied only when changed afterwards.
 */
class AslSizeAndSharingTest {

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void countedSizeIsTheUtf8LengthOfTheCompactTextForEveryCorpusDefinition() {
    List<Path> files = AslCorpus.files();
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      StateMachine m = StateMachine.fromJson(AslCorpus.read(f));
      assertThat(AslWriter.compactSize(m)).as(f.toString()).isEqualTo(utf8(m.toJson()));
    }
  }

  @Test
  void countedSizeCoversEscapesNonAsciiAndEveryNumberType() {
    ObjectNode extra = JsonNodeFactory.instance.objectNode();
    extra.put("double", 1e22).put("float", 0.1f).put("long", Long.MIN_VALUE);
    extra.put("big", new BigInteger("123456789012345678901234567890"));
    extra.put("decimal", new BigDecimal("1E-7")).put("bool", false).putNull("nothing");
    extra.putArray("list").add("é").add("\u2028").add("😀").add(3);
    StateMachine m =
        StateMachineBuilder.startWith(
                Flow.task("Tâche 1", "arn:aws:states:::lambda:invoke")
                    .comment("tab\tnewline\ncontrol\u0001 quote\" slash/ 日本")
                    .parameters(
                        Payload.object()
                            .put("Name", "ünïcödé ☃ 😀")
                            .put("Rate", new BigDecimal("2.50"))
                            .put("Big", 12_345_678_901L)
                            .putValue("Extra", extra))
                    .retry(r -> r.addErrorEquals("States.ALL").backoffRate(new BigDecimal("1e2"))))
            .then(Flow.succeed("Fin ✓"))
            .comment("a machine with every kind of text")
            .timeoutSeconds(60)
            .build();
    assertThat(AslWriter.compactSize(m)).isEqualTo(utf8(m.toJson()));
    assertThat(AslWriter.compactSize(m)).isLessThan(utf8(m.toPrettyJson()));
  }

  @Test
  void overTheLimitTheCountedAndTheEmittedSizeGiveTheSameProblem() {
    String big = "x".repeat(400_000);
    StateMachine m =
        StateMachineBuilder.startWith(Flow.pass("A").comment(big))
            .then(Flow.pass("B").comment(big))
            .then(Flow.pass("C").comment(big + "é"))
            .then(Flow.succeed("Done"))
            .buildUnvalidated();
    List<Problem> counted = m.validate();
    int bytes = utf8(m.toJson());
    assertThat(bytes).isGreaterThan(StateMachine.MAX_DEFINITION_BYTES);
    assertThat(counted)
        .containsExactly(
            Problem.of(
                "",
                "the definition is "
                    + bytes
                    + " bytes; the service limit is "
                    + StateMachine.MAX_DEFINITION_BYTES));
    assertThat(AslValidation.validate(m, true)).isEqualTo(counted);
  }

  @Test
  void aPayloadChangedAfterItWasHandedOverLeavesTheStateAsItWas() {
    Payload step = Payload.object().put("Name", "first");
    Payload params = Payload.object().path("ClusterId", "$.cluster.ClusterId").put("Step", step);
    TaskBuilder task = Flow.task("Run", "arn:aws:states:::elasticmapreduce:addStep.sync");
    task.parameters(params);
    String before = params.toString();
    // changed after the hand-over: the outer template, and the nested one it holds
    params.put("Extra", 1);
    step.put("Name", "second").put("ActionOnFailure", "CONTINUE");
    StateMachine m = StateMachineBuilder.startWith(task).build();
    TaskState built = (TaskState) m.states().get("Run");
    assertThat(built.parameters().orElseThrow().toString()).isEqualTo(before);
    assertThat(params.toString())
        .isEqualTo(
            "{\"ClusterId.$\":\"$.cluster.ClusterId\",\"Step\":{\"Name\":\"first\"},\"Extra\":1}");
    assertThat(step.toString()).isEqualTo("{\"Name\":\"second\",\"ActionOnFailure\":\"CONTINUE\"}");
    // toJson() is still a copy of its own
    params.toJson().put("Other", true);
    assertThat(params.toString()).doesNotContain("Other");
  }

  @Test
  void aLiteralFieldNamedLikeADynamicOneIsRefusedInSmallAndLargeTemplates() {
    Payload small = Payload.object().put("A", 1).path("Cluster", "$.c");
    assertThatThrownBy(() -> small.put("Cluster", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cluster is already a dynamic field");
    small.put("Clust", "x").put("Cluster.x", "y");
    Payload large = Payload.object();
    for (int i = 0; i < 20; i++) {
      large.put("F" + i, i);
    }
    large.path("Cluster", "$.c");
    assertThatThrownBy(() -> large.put("Cluster", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cluster is already a dynamic field");
  }
}
