package io.emrlaunch.testkit.moto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/** How @MotoTest decides between running, skipping and failing; no moto needed. */
class MotoExtensionDecisionTest {
  static final Optional<String> MISSING =
      Optional.of("python3 -c 'import moto.server' failed (exit 1): ModuleNotFoundError");

  @Test
  void runsWhenMotoIsAvailable() {
    assertThat(MotoExtension.decide(null, Optional.empty(), false).isDisabled()).isFalse();
  }

  @Test
  void skipsWithTheReasonWhenMotoIsMissing() {
    ConditionEvaluationResult r = MotoExtension.decide(null, MISSING, false);
    assertThat(r.isDisabled()).isTrue();
    assertThat(r.getReason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("ModuleNotFoundError")
                    .contains("emrlaunch.requireMoto=true"));
  }

  @Test
  void runsAndThenFailsWhenMotoIsRequiredButMissing() {
    assertThat(MotoExtension.decide(null, MISSING, true).isDisabled()).isFalse();
    assertThatThrownBy(() -> MotoExtension.failIfUnavailable(MISSING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("required")
        .hasMessageContaining("ModuleNotFoundError");
    MotoExtension.failIfUnavailable(Optional.empty());
  }

  @Test
  void anExternalEndpointAlwaysRuns() {
    assertThat(MotoExtension.decide("http://127.0.0.1:5000", MISSING, false).isDisabled())
        .isFalse();
  }
}
