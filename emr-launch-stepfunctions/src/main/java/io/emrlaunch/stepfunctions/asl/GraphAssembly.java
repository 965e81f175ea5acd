package io.emrlaunch.stepfunctions.asl;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the states of one graph from its start step: the chain's states in order, then (depth
 * first) every state defined inline as a Choice rule or Catcher target.
 */
final class GraphAssembly {
  private GraphAssembly() {}

  static Map<String, State> states(Step start) {
    return states(List.of(start));
  }

  static Map<String, State> states(List<Step> roots) {
    List<StateBuilder<?>> ordered = new ArrayList<>();
    // A set local to this walk: the same builders may be walked by other builds at the same time.
    Set<StateBuilder<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Step> todo = new ArrayDeque<>();
    for (int i = roots.size() - 1; i >= 0; i--) {
      todo.push(roots.get(i));
    }
    while (!todo.isEmpty()) {
      Step s = todo.pop();
      if (s instanceof Chain c) {
        List<Step> steps = c.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
          todo.push(steps.get(i));
        }
      } else if (s instanceof StateBuilder<?> b && seen.add(b)) {
        ordered.add(b);
        List<Step> targets = b.inlineTargets();
        // Inline targets come after the chain: add them at the end of the current walk.
        for (Step t : targets) {
          todo.addLast(t);
        }
      }
    }
    Map<String, State> out = new LinkedHashMap<>(ordered.size() * 4 / 3 + 1);
    List<Problem> problems = new ArrayList<>();
    for (StateBuilder<?> b : ordered) {
      if (out.containsKey(b.name())) {
        problems.add(
            Problem.of(
                "States." + b.name(), "is defined twice in the same graph (by two builders)"));
        continue;
      }
      out.put(b.name(), b.build());
    }
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    return out;
  }
}
