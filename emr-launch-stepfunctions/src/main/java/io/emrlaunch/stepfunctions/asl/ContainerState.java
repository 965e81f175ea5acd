package io.emrlaunch.stepfunctions.asl;

import java.util.List;

/** A state holding nested state graphs: Parallel branches or a Map item processor. */
public interface ContainerState {

  /**
   * The nested graphs.
   *
   * @return the branches of a Parallel, or the item processor of a Map
   */
  List<StateGraph> graphs();
}
