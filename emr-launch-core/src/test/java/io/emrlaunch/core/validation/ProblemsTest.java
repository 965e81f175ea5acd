package io.emrlaunch.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.internal.ValueStyle;
import java.util.Optional;
import org.immutables.value.Value;
import org.junit.jupiter.api.Test;

class ProblemsTest {

  @Value.Immutable
  @ValueStyle
  interface Sample {
    String name();

    int count();

    Optional<String> note();
  }

  @Test
  void collectsEveryProblemWithNestedPaths() {
    Problems p = Problems.root();
    p.at("instances").at("coreGroup").min("instanceCount", -1, 0);
    p.at("bootstrapActions", 2).required("path", " ");
    p.range("stepConcurrencyLevel", 300, 1, 256);

    assertThatThrownBy(p::throwIfAny)
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).problems())
                    .extracting(Problem::toString)
                    .containsExactly(
                        "bootstrapActions[2].path: is required",
                        "instances.coreGroup.instanceCount: must be >= 0 (was -1)",
                        "stepConcurrencyLevel: must be between 1 and 256 (was 300)"));
  }

  @Test
  void noProblemsMeansNoException() {
    Problems p = Problems.root();
    p.required("name", "ok");
    p.ssmSafeName("name", "team-a_1.0", 64);
    assertThat(p.any()).isFalse();
    p.throwIfAny();
  }

  @Test
  void ssmSafeNamesRejectReservedAndOddCharacters() {
    Problems p = Problems.root();
    p.ssmSafeName("a", "has space", 64);
    p.ssmSafeName("b", "x..y", 64);
    p.ssmSafeName("c", "AwsThing", 64);
    p.ssmSafeName("d", "slash/name", 64);
    p.ssmSafeName("e", "x".repeat(65), 64);
    p.ssmSafeName("f", null, 64);
    assertThat(p.problems())
        .extracting(Problem::path)
        .containsExactly("a", "b", "c", "d", "e", "f");
  }

  @Test
  void builderMissingRequiredAttributesThrowsValidationExceptionNamingThem() {
    assertThatThrownBy(() -> ImmutableSample.builder().note("x").build())
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).problems())
                    .extracting(Problem::toString)
                    .contains("name: is required", "count: is required"));
  }
}
