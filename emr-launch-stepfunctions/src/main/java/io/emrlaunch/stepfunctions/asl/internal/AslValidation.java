package io.emrlaunch.stepfunctions.asl.internal;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.stepfunctions.asl.MapState;
import io.emrlaunch.stepfunctions.asl.NextOrEnd;
import io.emrlaunch.stepfunctions.asl.ParallelState;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.asl.State;
import io.emrlaunch.stepfunctions.asl.StateGraph;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.Transition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole-definition rules: names (unique across the machine, at most 80 characters), StartAt and
 * transition targets, no transition into or out of a Parallel branch or Map processor, true
 * reachability from StartAt, a terminal state in every graph and a way to reach one from every
 * state, and the 1 MB size limit. Field rules of each state are in {@link StateRules}.
 */
public final class AslValidation {
  /** The longest state name the service accepts. */
  public static final int MAX_NAME_LENGTH = 80;

  private final Problems root = Problems.root();

  /** Which graph (by its location prefix) holds each state name; used to name wrong targets. */
  private final Map<String, List<String>> graphOf = new HashMap<>();

  private final QueryLanguage machineLanguage;

  private AslValidation(StateMachine machine) {
    this.machineLanguage = machine.effectiveQueryLanguage();
  }

  /**
   * Validates a machine.
   *
   * @param machine the machine
   * @return every problem, sorted by location
   */
  public static List<Problem> validate(StateMachine machine) {
    AslValidation v = new AslValidation(machine);
    v.indexNames(machine, "");
    v.graph(machine, "");
    if (machine.timeoutSeconds().isPresent()) {
      v.root.min("TimeoutSeconds", machine.timeoutSeconds().get(), 1);
    }
    if (machine.version().isPresent() && !"1.0".equals(machine.version().get())) {
      v.root.add("Version", "must be 1.0 (was " + machine.version().get() + ")");
    }
    if (machine.states().size() > 0) {
      int bytes = AslWriter.utf8Length(machine.toJson());
      if (bytes > StateMachine.MAX_DEFINITION_BYTES) {
        v.root.add(
            "",
            "the definition is "
                + bytes
                + " bytes; the service limit is "
                + StateMachine.MAX_DEFINITION_BYTES);
      }
    }
    return v.root.problems();
  }

  private void indexNames(StateGraph graph, String prefix) {
    for (Map.Entry<String, State> e : graph.states().entrySet()) {
      String name = e.getKey();
      List<String> seen = graphOf.computeIfAbsent(name, k -> new ArrayList<>());
      String location = prefix + "States." + name;
      if (!seen.isEmpty()) {
        root.add(
            location,
            "duplicates the state name of " + seen.get(0) + " (names are unique machine-wide)");
      }
      seen.add(location);
      if (name.isEmpty()) {
        root.add(prefix + "States", "has a state with an empty name");
      } else if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
        root.add(
            location,
            "name must be at most "
                + MAX_NAME_LENGTH
                + " characters (was "
                + name.codePointCount(0, name.length())
                + ")");
      }
      for (Map.Entry<String, StateGraph> nested : nested(e.getValue(), location).entrySet()) {
        indexNames(nested.getValue(), nested.getKey());
      }
    }
  }

  /** Nested graphs of a state keyed by their location prefix (ending with a dot). */
  private static Map<String, StateGraph> nested(State s, String location) {
    Map<String, StateGraph> out = new java.util.LinkedHashMap<>();
    if (s instanceof ParallelState p) {
      for (int i = 0; i < p.branches().size(); i++) {
        out.put(location + ".Branches[" + i + "].", p.branches().get(i));
      }
    } else if (s instanceof MapState m) {
      if (m.itemProcessor().isPresent()) {
        out.put(location + ".ItemProcessor.", m.itemProcessor().get());
      }
      if (m.iterator().isPresent()) {
        out.put(location + ".Iterator.", m.iterator().get());
      }
    }
    return out;
  }

  private void graph(StateGraph graph, String prefix) {
    Problems here = prefix.isEmpty() ? root : root.at(prefix.substring(0, prefix.length() - 1));
    Map<String, State> states = graph.states();
    if (states.isEmpty()) {
      here.add("States", "must have at least one state");
      return;
    }
    if (!states.containsKey(graph.startAt())) {
      here.add("StartAt", targetProblem(graph.startAt()));
    }
    boolean anyTerminal = false;
    for (Map.Entry<String, State> e : states.entrySet()) {
      String location = prefix + "States." + e.getKey();
      State s = e.getValue();
      anyTerminal |= s.isTerminal();
      Problems at = root.at(location);
      for (Transition t : s.transitions()) {
        if (!states.containsKey(t.target())) {
          at.add(t.location(), targetProblem(t.target()));
        }
      }
      QueryLanguage language = s.queryLanguage().orElse(machineLanguage);
      StateRules.check(s, language, at);
      for (Map.Entry<String, StateGraph> nested : nested(s, location).entrySet()) {
        graph(nested.getValue(), nested.getKey());
      }
    }
    if (!anyTerminal) {
      here.add("States", "has no terminal state (Succeed, Fail or \"End\": true)");
    }
    if (states.containsKey(graph.startAt())) {
      reachability(graph, prefix, anyTerminal);
    }
  }

  private String targetProblem(String target) {
    List<String> elsewhere = graphOf.get(target);
    if (elsewhere != null && !elsewhere.isEmpty()) {
      return "must name a state of the same graph; "
          + target
          + " is at "
          + elsewhere.get(0)
          + " (no transition into or out of a Parallel branch or Map processor)";
    }
    return "must name an existing state (was " + target + ")";
  }

  /**
   * Walks the graph from StartAt through Next, Default, Choice rules and Catchers: states never
   * reached are reported, and so are reached states from which no terminal state can be reached.
   */
  private void reachability(StateGraph graph, String prefix, boolean anyTerminal) {
    Map<String, State> states = graph.states();
    Set<String> reached = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(graph.startAt());
    reached.add(graph.startAt());
    Map<String, List<String>> incoming = new HashMap<>();
    while (!todo.isEmpty()) {
      String name = todo.poll();
      for (Transition t : states.get(name).transitions()) {
        if (states.containsKey(t.target())) {
          incoming.computeIfAbsent(t.target(), k -> new ArrayList<>()).add(name);
          if (reached.add(t.target())) {
            todo.add(t.target());
          }
        }
      }
    }
    for (String name : states.keySet()) {
      if (!reached.contains(name)) {
        root.add(prefix + "States." + name, "is not reachable from StartAt " + graph.startAt());
      }
    }
    if (!anyTerminal) {
      return;
    }
    Set<String> canEnd = new HashSet<>();
    for (String name : reached) {
      // States with a dangling or missing transition are already reported: do not cascade them.
      State s = states.get(name);
      if (s.isTerminal() || hasDanglingTarget(s, states) || lacksTransition(s)) {
        canEnd.add(name);
        todo.add(name);
      }
    }
    while (!todo.isEmpty()) {
      for (String from : incoming.getOrDefault(todo.poll(), List.of())) {
        if (canEnd.add(from)) {
          todo.add(from);
        }
      }
    }
    for (String name : states.keySet()) {
      if (reached.contains(name) && !canEnd.contains(name)) {
        root.add(prefix + "States." + name, "can never reach a terminal state (an endless loop)");
      }
    }
  }

  private static boolean lacksTransition(State s) {
    return s instanceof NextOrEnd n && n.next().isEmpty() && !n.end();
  }

  private static boolean hasDanglingTarget(State s, Map<String, State> states) {
    for (Transition t : s.transitions()) {
      if (!states.containsKey(t.target())) {
        return true;
      }
    }
    return false;
  }
}
