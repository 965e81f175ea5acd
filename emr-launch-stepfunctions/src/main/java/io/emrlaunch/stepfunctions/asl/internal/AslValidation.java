package io.emrlaunch.stepfunctions.asl.internal;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.stepfunctions.asl.Catcher;
import io.emrlaunch.stepfunctions.asl.MapState;
import io.emrlaunch.stepfunctions.asl.NextOrEnd;
import io.emrlaunch.stepfunctions.asl.ParallelState;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.asl.RetryAndCatch;
import io.emrlaunch.stepfunctions.asl.State;
import io.emrlaunch.stepfunctions.asl.StateGraph;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateType;
import io.emrlaunch.stepfunctions.asl.Transition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * Where each state name is first defined (its graph's location prefix and the name); used to name
   * wrong targets. Locations are only spelled out when a problem is reported. Null for a machine
   * without Parallel or Map states, whose names are unique as the keys of one map.
   */
  private Map<String, String> graphOf;

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
    return validate(machine, false);
  }

  /**
   * Validates a machine.
   *
   * @param machine the machine
   * @param emit measure the size limit on {@link StateMachine#toJson()} (computed once per instance
   *     and kept, for callers that emit next) rather than by counting the bytes the writer produces
   *     without keeping them
   * @return every problem, sorted by location
   */
  public static List<Problem> validate(StateMachine machine, boolean emit) {
    AslValidation v = new AslValidation(machine);
    if (hasNestedGraphs(machine)) {
      v.graphOf = new HashMap<>(machine.states().size() * 4 / 3 + 16);
      v.indexNames(machine, "");
    } else {
      // One graph: its names are map keys, so unique; only their shape is checked.
      for (String name : machine.states().keySet()) {
        v.checkName(name, "");
      }
    }
    v.graph(machine, "");
    if (machine.timeoutSeconds().isPresent()) {
      v.root.min("TimeoutSeconds", machine.timeoutSeconds().get(), 1);
    }
    if (machine.version().isPresent() && !"1.0".equals(machine.version().get())) {
      v.root.add("Version", "must be 1.0 (was " + machine.version().get() + ")");
    }
    if (machine.states().size() > 0) {
      long bytes = emit ? AslWriter.utf8Length(machine.toJson()) : AslWriter.compactSize(machine);
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
      String first = graphOf.putIfAbsent(name, prefix);
      if (first != null) {
        root.add(
            prefix + "States." + name,
            "duplicates the state name of "
                + first
                + "States."
                + name
                + " (names are unique machine-wide)");
      }
      checkName(name, prefix);
      if (hasNested(e.getValue())) {
        String location = prefix + "States." + name;
        for (Map.Entry<String, StateGraph> nested : nested(e.getValue(), location).entrySet()) {
          indexNames(nested.getValue(), nested.getKey());
        }
      }
    }
  }

  private void checkName(String name, String prefix) {
    if (name.isEmpty()) {
      root.add(prefix + "States", "has a state with an empty name");
    } else if (name.length() > MAX_NAME_LENGTH
        && name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
      root.add(
          prefix + "States." + name,
          "name must be at most "
              + MAX_NAME_LENGTH
              + " characters (was "
              + name.codePointCount(0, name.length())
              + ")");
    }
  }

  private static boolean hasNestedGraphs(StateMachine machine) {
    for (State s : machine.states().values()) {
      if (hasNested(s)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasNested(State s) {
    StateType type = s.type();
    return type == StateType.PARALLEL || type == StateType.MAP;
  }

  /** Nested graphs of a state keyed by their location prefix (ending with a dot). */
  private static Map<String, StateGraph> nested(State s, String location) {
    Map<String, StateGraph> out = new java.util.LinkedHashMap<>();
    if (s.type() == StateType.PARALLEL) {
      ParallelState p = (ParallelState) s;
      for (int i = 0; i < p.branches().size(); i++) {
        out.put(location + ".Branches[" + i + "].", p.branches().get(i));
      }
    } else if (s.type() == StateType.MAP) {
      MapState m = (MapState) s;
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
    // States by position: transitions are resolved once to positions, reachability runs on arrays.
    int n = states.size();
    String[] names = new String[n];
    State[] all = new State[n];
    NameIndex position = new NameIndex(n);
    int k = 0;
    for (Map.Entry<String, State> e : states.entrySet()) {
      names[k] = e.getKey();
      all[k] = e.getValue();
      position.put(e.getKey(), k);
      k++;
    }
    int start = position.get(graph.startAt());
    if (start < 0) {
      here.add("StartAt", targetProblem(graph.startAt()));
    }
    Problems statesAt = here.at("States");
    int[][] successors = new int[n][];
    boolean[] dangling = new boolean[n];
    boolean anyTerminal = false;
    for (int i = 0; i < n; i++) {
      State s = all[i];
      anyTerminal |= s.isTerminal();
      Problems at = statesAt.at(names[i]);
      successors[i] = successors(s, position, at);
      dangling[i] = dangling(successors[i]);
      QueryLanguage language = s.queryLanguage().orElse(machineLanguage);
      StateRules.check(s, language, at);
      if (hasNested(s)) {
        String location = prefix + "States." + names[i];
        for (Map.Entry<String, StateGraph> nested : nested(s, location).entrySet()) {
          graph(nested.getValue(), nested.getKey());
        }
      }
    }
    if (!anyTerminal) {
      here.add("States", "has no terminal state (Succeed, Fail or \"End\": true)");
    }
    if (start >= 0) {
      reachability(graph.startAt(), start, names, all, successors, dangling, prefix, anyTerminal);
    }
  }

  /**
   * The positions a state can go to, in definition order; -1 for a target that does not exist
   * (reported here). Next-or-End states with catchers (most states of a large machine) are read
   * directly, without materialising their {@link Transition} list.
   */
  private int[] successors(State s, NameIndex position, Problems at) {
    StateType type = s.type();
    if (type == StateType.TASK || type == StateType.PARALLEL || type == StateType.MAP) {
      NextOrEnd n = (NextOrEnd) s;
      List<Catcher> catchers = ((RetryAndCatch) s).catchers();
      int next = n.next().isPresent() ? 1 : 0;
      int[] out = new int[next + catchers.size()];
      if (next == 1) {
        out[0] = target(n.next().get(), position, at, "Next");
      }
      for (int j = 0; j < catchers.size(); j++) {
        String target = catchers.get(j).next();
        int t = position.get(target);
        if (t < 0) {
          at.add("Catch[" + j + "].Next", targetProblem(target));
        }
        out[next + j] = t;
      }
      return out;
    }
    List<Transition> transitions = s.transitions();
    int[] out = new int[transitions.size()];
    for (int j = 0; j < out.length; j++) {
      Transition t = transitions.get(j);
      out[j] = target(t.target(), position, at, t.location());
    }
    return out;
  }

  private int target(String name, NameIndex position, Problems at, String location) {
    int t = position.get(name);
    if (t < 0) {
      at.add(location, targetProblem(name));
    }
    return t;
  }

  private static boolean dangling(int[] successors) {
    for (int t : successors) {
      if (t < 0) {
        return true;
      }
    }
    return false;
  }

  private String targetProblem(String target) {
    // Without nested graphs (graphOf == null) a missing target is in no graph at all.
    String elsewhere = graphOf == null ? null : graphOf.get(target);
    if (elsewhere != null) {
      return "must name a state of the same graph; "
          + target
          + " is at "
          + elsewhere
          + "States."
          + target
          + " (no transition into or out of a Parallel branch or Map processor)";
    }
    return "must name an existing state (was " + target + ")";
  }

  /**
   * Walks the graph from StartAt through Next, Default, Choice rules and Catchers: states never
   * reached are reported, and so are reached states from which no terminal state can be reached.
   */
  private void reachability(
      String startAt,
      int start,
      String[] names,
      State[] all,
      int[][] successors,
      boolean[] dangling,
      String prefix,
      boolean anyTerminal) {
    int n = names.length;
    boolean[] reached = new boolean[n];
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    reached[start] = true;
    queue[tail++] = start;
    int edges = 0;
    while (head < tail) {
      for (int t : successors[queue[head++]]) {
        if (t >= 0) {
          edges++;
          if (!reached[t]) {
            reached[t] = true;
            queue[tail++] = t;
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (!reached[i]) {
        root.add(prefix + "States." + names[i], "is not reachable from StartAt " + startAt);
      }
    }
    if (!anyTerminal) {
      return;
    }
    // The reversed edges out of reached states, as adjacency arrays (counting sort by target).
    int[] firstIn = new int[n + 1];
    for (int i = 0; i < n; i++) {
      if (reached[i]) {
        for (int t : successors[i]) {
          if (t >= 0) {
            firstIn[t + 1]++;
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      firstIn[i + 1] += firstIn[i];
    }
    int[] from = new int[edges];
    int[] fill = java.util.Arrays.copyOf(firstIn, n);
    for (int i = 0; i < n; i++) {
      if (reached[i]) {
        for (int t : successors[i]) {
          if (t >= 0) {
            from[fill[t]++] = i;
          }
        }
      }
    }
    boolean[] canEnd = new boolean[n];
    head = 0;
    tail = 0;
    for (int i = 0; i < n; i++) {
      // States with a dangling or missing transition are already reported: do not cascade them.
      if (reached[i] && (all[i].isTerminal() || dangling[i] || lacksTransition(all[i]))) {
        canEnd[i] = true;
        queue[tail++] = i;
      }
    }
    while (head < tail) {
      int to = queue[head++];
      for (int e = firstIn[to]; e < firstIn[to + 1]; e++) {
        if (!canEnd[from[e]]) {
          canEnd[from[e]] = true;
          queue[tail++] = from[e];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (reached[i] && !canEnd[i]) {
        root.add(
            prefix + "States." + names[i], "can never reach a terminal state (an endless loop)");
      }
    }
  }

  /** Whether states of this type have Next or End. */
  private static boolean hasNext(StateType type) {
    return switch (type) {
      case TASK, PASS, WAIT, PARALLEL, MAP -> true;
      case CHOICE, SUCCEED, FAIL -> false;
    };
  }

  private static boolean lacksTransition(State s) {
    return hasNext(s.type()) && ((NextOrEnd) s).next().isEmpty() && !((NextOrEnd) s).end();
  }
}
