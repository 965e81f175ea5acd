package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** A Choice state: goes to the first rule that holds, else to {@link #defaultState()}. */
@Value.Immutable
public non-sealed interface ChoiceState extends State, WithChoiceState {

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
   * Builds {@link ChoiceState} values: obtained from {@link ChoiceState#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableChoiceState.Builder {
    Builder() {}
  }

  @Override
  default StateType type() {
    return StateType.CHOICE;
  }

  @Override
  @Value.Lazy
  default List<Transition> transitions() {
    List<Transition> out = new ArrayList<>(choices().size() + 1);
    for (int i = 0; i < choices().size(); i++) {
      out.add(
          new Transition(
              Transition.Kind.CHOICE, choices().get(i).next(), "Choices[" + i + "].Next", i));
    }
    defaultState()
        .ifPresent(d -> out.add(new Transition(Transition.Kind.DEFAULT, d, "Default", -1)));
    return List.copyOf(out);
  }

  /** The rules, tried in order. */
  List<ChoiceRule> choices();

  /** The state to go to when no rule holds ({@code Default}). */
  Optional<String> defaultState();

  /** Selects the effective input (JSONPath). */
  Optional<JsonPath> inputPath();

  /** Selects the effective output (JSONPath). */
  Optional<JsonPath> outputPath();

  /** The state output (JSONata). */
  Optional<JsonNode> output();

  /** Variables assigned by this state. */
  Map<String, JsonNode> assign();
}
