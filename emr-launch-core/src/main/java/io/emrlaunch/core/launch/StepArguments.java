package io.emrlaunch.core.launch;

import io.emrlaunch.core.internal.ValueStyle;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.validation.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * Run-time changes to step arguments, applied when steps are submitted:
 *
 * <ul>
 *   <li><b>exact</b> (aws-emr-launch's {@code StepArgumentOverrides}): for the step of a given
 *       name, an argument equal to a key is replaced by its value — whole tokens only;
 *   <li><b>variables</b>: {@code ${name}} inside any argument of any step is replaced by the
 *       variable's value; placeholders of unknown names are left as they are (shell scripts use the
 *       same syntax).
 * </ul>
 *
 * <pre>{@code
 * StepArguments args = StepArguments.builder()
 *     .putExact("report", Map.of("--date", "--date=2024-01-02"))
 *     .putVariables("date", "2024-01-02")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ValueStyle
public interface StepArguments extends WithStepArguments {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this value's attributes, to change several of them at once.
   *
   * @return a new builder initialised from this value
   */
  default Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * Builds {@link StepArguments} values: obtained from {@link StepArguments#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableStepArguments.Builder {
    Builder() {}
  }

  /**
   * No changes.
   *
   * @return the empty value
   */
  static StepArguments none() {
    return builder().build();
  }

  /** Step name → (argument → replacement), whole tokens. */
  Map<String, Map<String, String>> exact();

  /** Values of {@code ${name}} placeholders. */
  Map<String, String> variables();

  /**
   * Applies the changes.
   *
   * @param steps the steps
   * @param problems where an exact override naming no step is reported (under {@code
   *     arguments.exact.<step>})
   * @return the changed steps, in order
   */
  default List<EmrStep> applyTo(List<EmrStep> steps, Problems problems) {
    Set<String> names = steps.stream().map(EmrStep::name).collect(Collectors.toSet());
    for (String step : exact().keySet()) {
      if (!names.contains(step)) {
        problems.at("arguments").at("exact").add(step, "no submitted step has this name");
      }
    }
    List<EmrStep> out = new ArrayList<>();
    for (EmrStep s : steps) {
      Map<String, String> swap = exact().getOrDefault(s.name(), Map.of());
      List<String> args = new ArrayList<>();
      for (String a : s.args()) {
        String v = swap.getOrDefault(a, a);
        for (Map.Entry<String, String> var : variables().entrySet()) {
          v = v.replace("${" + var.getKey() + "}", var.getValue());
        }
        args.add(v);
      }
      out.add(s.withArgs(args));
    }
    return out;
  }
}
