package io.emrlaunch.stepfunctions.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic;
import org.junit.jupiter.api.Test;

/** Issue 14, D5-D8: hostile definitions give a located, typed error, never an NPE or an Error. */
class BrokenDefinitionsTest {

  private static AslParseException parseError(String json) {
    Throwable t = catchThrowable(() -> StateMachine.fromJson(json));
    assertThat(t).isInstanceOf(AslParseException.class);
    return (AslParseException) t;
  }

  private static String waitMachine(String waitField) {
    return "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\","
        + waitField
        + ",\"End\":true}}}";
  }

  @Test
  void d5_nestingBeyondTheParserLimitIsAParseError() {
    AslParseException e = parseError("[".repeat(10_000));
    assertThat(e.problems())
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .startsWith("is not valid JSON");
    parseError("{\"StartAt\":\"A\",\"Comment\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");
  }

  @Test
  void d6_deeplyNestedIntrinsicsAreRefusedNotAStackOverflow() {
    String deep = "States.Array(".repeat(1_500) + "1" + ")".repeat(1_500);
    Throwable t = catchThrowable(() -> Intrinsic.parse(deep));
    assertThat(t).isInstanceOf(ValidationException.class).hasMessageContaining("at most 10");
    String def =
        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Parameters\":{\"a.$\":\""
            + deep
            + "\"},\"End\":true}}}";
    Throwable t2 = catchThrowable(() -> StateMachine.fromJson(def).validateOrThrow());
    assertThat(t2).isInstanceOf(ValidationException.class).hasMessageContaining("at most 10");
    // 10 levels are still fine
    String ok = "States.Array(".repeat(10) + "1" + ")".repeat(10);
    assertThat(Intrinsic.parse(ok).render()).isEqualTo(ok);
  }

  @Test
  void d7_hugeNumbersAreLocatedParseErrors() {
    assertThat(parseError(waitMachine("\"Seconds\":1e400")).problems())
        .extracting(Problem::path)
        .containsExactly("/States/W/Seconds");
    String retry =
        "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":"
            + "\"arn:aws:states:::emr:addStep\",\"Retry\":[{\"ErrorEquals\":[\"States.ALL\"],"
            + "\"BackoffRate\":1e400}],\"End\":true}}}";
    assertThat(parseError(retry).problems())
        .extracting(Problem::path)
        .containsExactly("/States/T/Retry/0/BackoffRate");
    parseError(waitMachine("\"Seconds\":1e999999999"));
    parseError("1e999999999");
    Throwable t = catchThrowable(() -> Intrinsic.parse("States.MathAdd(1e9999999999, 1)"));
    assertThat(t).isInstanceOf(ValidationException.class).hasMessageContaining("out of range");
    Throwable t2 = catchThrowable(() -> Intrinsic.parse("States.MathAdd(1e999999999, 1)"));
    assertThat(t2).isInstanceOf(ValidationException.class).hasMessageContaining("out of range");
    assertThat(Intrinsic.parse("States.MathAdd(1e3, 1)").render())
        .isEqualTo("States.MathAdd(1000, 1)");
  }

  @Test
  void d8_nullTextIsAParseError() {
    parseError(null);
  }
}
