package io.emrlaunch.stepfunctions.asl;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.internal.AslReader;
import io.emrlaunch.stepfunctions.asl.internal.AslValidation;
import io.emrlaunch.stepfunctions.asl.internal.AslWriter;
import io.emrlaunch.stepfunctions.asl.internal.MermaidRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A state machine definition: the top level of the Amazon States Language. Immutable; build one
 * with {@link StateMachineBuilder} (which validates) or {@link #builder()} (which does not), read
 * one with {@link #fromJson(String)}, check it with {@link #validate()}, write it with {@link
 * #toJson()} / {@link #toPrettyJson()} and draw it with {@link #toMermaid()}.
 */
@Value.Immutable
public interface StateMachine extends StateGraph, WithStateMachine {

  /** The service limit on the size of a definition, in bytes of UTF-8. */
  int MAX_DEFINITION_BYTES = 1_048_576;

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
   * Builds {@link StateMachine} values: obtained from {@link StateMachine#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableStateMachine.Builder {
    Builder() {}
  }

  /**
   * Parses a definition.
   *
   * @param json the definition text
   * @return the state machine
   * @throws AslParseException listing every structural problem, each at its JSON pointer
   */
  static StateMachine fromJson(String json) {
    return AslReader.read(json);
  }

  /** The machine's query language (JSONPath when absent). */
  Optional<QueryLanguage> queryLanguage();

  /** The States Language version ({@code 1.0} when absent). */
  Optional<String> version();

  /** The most seconds an execution may run. */
  Optional<Integer> timeoutSeconds();

  /**
   * The effective query language of the machine.
   *
   * @return {@link #queryLanguage()} or JSONPath
   */
  default QueryLanguage effectiveQueryLanguage() {
    return queryLanguage().orElse(QueryLanguage.JSONPATH);
  }

  /**
   * Every problem with this definition, each with its location ({@code
   * States.Launch.Catch[0].Next}).
   *
   * @return the problems, sorted by location; empty when the definition is valid
   */
  default List<Problem> validate() {
    return AslValidation.validate(this);
  }

  /**
   * Validates and throws when anything is wrong.
   *
   * @return this
   * @throws ValidationException listing every problem
   */
  default StateMachine validateOrThrow() {
    List<Problem> problems = validate();
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    return this;
  }

  /**
   * The compact JSON definition (computed once per instance).
   *
   * @return the JSON text
   */
  @Value.Lazy
  default String toJson() {
    // Computed once: validation needs it for the size limit, and callers usually emit after.
    return AslWriter.write(this, false);
  }

  /**
   * The indented JSON definition.
   *
   * @return the JSON text
   */
  default String toPrettyJson() {
    return AslWriter.write(this, true);
  }

  /**
   * A Mermaid flowchart of the machine ({@code flowchart TD}); Parallel branches and Map processors
   * are drawn as subgraphs.
   *
   * @return the Mermaid text
   */
  default String toMermaid() {
    return MermaidRenderer.render(this);
  }

  /**
   * Every state of the machine, nested ones included, in definition order (depth first).
   *
   * @return the states with their names and locations
   */
  default List<StateEntry> allStates() {
    List<StateEntry> out = new ArrayList<>();
    collect(this, "", 0, out);
    return List.copyOf(out);
  }

  private static void collect(StateGraph graph, String prefix, int depth, List<StateEntry> out) {
    for (Map.Entry<String, State> e : graph.states().entrySet()) {
      String location = prefix + "States." + e.getKey();
      out.add(new StateEntry(e.getKey(), e.getValue(), location, graph, depth));
      if (e.getValue() instanceof ParallelState p) {
        for (int i = 0; i < p.branches().size(); i++) {
          collect(p.branches().get(i), location + ".Branches[" + i + "].", depth + 1, out);
        }
      } else if (e.getValue() instanceof MapState m) {
        String field = m.itemProcessor().isPresent() ? ".ItemProcessor." : ".Iterator.";
        Optional<ItemProcessor> proc = m.processor();
        if (proc.isPresent()) {
          collect(proc.get(), location + field, depth + 1, out);
        }
      }
    }
  }

  /**
   * One state found by {@link #allStates()}.
   *
   * @param name the state name
   * @param state the state
   * @param location where it is, e.g. {@code States.Fan Out.Branches[0].States.Step}
   * @param graph the graph that holds it
   * @param depth 0 for top-level states, 1 inside a branch or processor, and so on
   */
  record StateEntry(String name, State state, String location, StateGraph graph, int depth) {}
}
