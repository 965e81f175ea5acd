package io.emrlaunch.stepfunctions.asl;

import java.util.List;
import java.util.Optional;

/**
 * A state of a state machine. Every state knows its {@link #type()} and its {@link #transitions()}
 * (Next, Default, Choice rule and Catcher targets), so tools can walk a definition without knowing
 * each type. {@link ContainerState}s (Parallel, Map) also hold nested graphs.
 */
public sealed interface State
    permits TaskState,
        PassState,
        ChoiceState,
        WaitState,
        SucceedState,
        FailState,
        ParallelState,
        MapState {

  /** The state type. */
  StateType type();

  /** A human-readable note. */
  Optional<String> comment();

  /** The state's own query language, overriding the machine's. */
  Optional<QueryLanguage> queryLanguage();

  /**
   * Where this state can go within its graph, in definition order.
   *
   * @return the transitions; empty for terminal states
   */
  List<Transition> transitions();

  /**
   * Whether an execution can end in this state (Succeed, Fail, or {@code "End": true}).
   *
   * @return true for a terminal state
   */
  default boolean isTerminal() {
    // By type: instanceof tests against these interfaces are slow when they fail.
    return switch (type()) {
      case SUCCEED, FAIL -> true;
      default -> this instanceof NextOrEnd n && n.end();
    };
  }
}
