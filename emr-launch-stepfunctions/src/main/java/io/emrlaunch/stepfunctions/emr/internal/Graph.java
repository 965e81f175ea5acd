package io.emrlaunch.stepfunctions.emr.internal;

import io.emrlaunch.stepfunctions.asl.Chain;
import io.emrlaunch.stepfunctions.asl.Condition;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.PassBuilder;
import io.emrlaunch.stepfunctions.asl.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The states of one generated graph, each wired by name. Generated machines have many small
 * branches that join again, which reads more clearly as named transitions than as nested chains.
 */
final class Graph {
  private final List<Step> states = new ArrayList<>();

  /** Adds a state (its transitions are already set). */
  <S extends Step> S add(S state) {
    states.add(state);
    return state;
  }

  /** The graph as one step: the first state added starts it. */
  Chain chain() {
    Chain chain = Chain.of(states.get(0));
    states.subList(1, states.size()).forEach(chain::define);
    return chain;
  }

  /** A Choice that goes to {@code then} when {@code path} holds a non-null value. */
  void ifSet(String name, String path, String then, String otherwise) {
    add(
        Flow.choice(name)
            .when(Condition.isPresent(path, false), Flow.goTo(otherwise))
            .when(Condition.isNull(path, true), Flow.goTo(otherwise))
            .otherwise(Flow.goTo(then)));
  }

  /** A Pass that copies one value to another place. */
  PassBuilder copy(String name, String from, String to, String next) {
    return add(Flow.pass(name).inputPath(from).resultPath(to).next(next));
  }
}
