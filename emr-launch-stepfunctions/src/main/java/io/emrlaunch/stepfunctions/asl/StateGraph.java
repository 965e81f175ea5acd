package io.emrlaunch.stepfunctions.asl;

import java.util.Map;
import java.util.Optional;

/**
 * A set of states with a start: the state machine itself, a Parallel branch or a Map item
 * processor. States can only transition within their own graph.
 */
public interface StateGraph {

  /** The first state. */
  String startAt();

  /** The states by name, in definition order. */
  Map<String, State> states();

  /** A human-readable note. */
  Optional<String> comment();
}
