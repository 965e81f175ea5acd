package io.emrlaunch.stepfunctions.asl;

/** The eight state types of the Amazon States Language. */
public enum StateType {
  /** Does work through a resource (service integration, activity, Lambda). */
  TASK("Task"),
  /** Passes (and optionally shapes) its input. */
  PASS("Pass"),
  /** Branches on rules. */
  CHOICE("Choice"),
  /** Delays. */
  WAIT("Wait"),
  /** Ends the execution (or branch) successfully. */
  SUCCEED("Succeed"),
  /** Ends the execution (or branch) with an error. */
  FAIL("Fail"),
  /** Runs branches in parallel. */
  PARALLEL("Parallel"),
  /** Runs a processor for each item (inline or distributed). */
  MAP("Map");

  /** The values, copied once ({@code values()} copies its array on every call). */
  private static final StateType[] ALL = values();

  private final String aslName;

  StateType(String aslName) {
    this.aslName = aslName;
  }

  /**
   * The {@code Type} value.
   *
   * @return e.g. {@code Task}
   */
  public String aslName() {
    return aslName;
  }

  /**
   * Looks a type up by its exact {@code Type} value.
   *
   * @param name e.g. {@code Map}
   * @return the type, or null when unknown
   */
  public static StateType fromAslName(String name) {
    for (StateType t : ALL) {
      if (t.aslName.equals(name)) {
        return t;
      }
    }
    return null;
  }
}
