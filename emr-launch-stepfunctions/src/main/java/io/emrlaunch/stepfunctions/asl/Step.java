package io.emrlaunch.stepfunctions.asl;

/**
 * Something the flow can go to: a state being built ({@link StateBuilder}), a {@link Chain} of
 * them, or a reference to a state defined elsewhere by name ({@link Flow#goTo(String)}).
 */
public interface Step {

  /**
   * The name of the state this step starts with.
   *
   * @return the state name
   */
  String startName();

  /**
   * A reference to a state defined elsewhere in the same graph.
   *
   * @param name the state name
   */
  record Ref(String name) implements Step {
    /**
     * Creates the reference.
     *
     * @param name the state name
     */
    public Ref {
      java.util.Objects.requireNonNull(name, "name");
    }

    @Override
    public String startName() {
      return name;
    }
  }
}
