package io.emrlaunch.stepfunctions.asl;

/**
 * One way a state can hand over to another state of the same graph: its {@code Next}, a Choice's
 * {@code Default} or rule {@code Next}, or a Catcher's {@code Next}.
 *
 * @param kind how the transition is taken
 * @param target the name of the state transitioned to
 * @param location where the transition is written, relative to the state ({@code Next}, {@code
 *     Default}, {@code Choices[1].Next}, {@code Catch[0].Next})
 * @param index the rule or catcher index for {@link Kind#CHOICE} and {@link Kind#CATCH}, else -1
 */
public record Transition(Kind kind, String target, String location, int index) {

  /** How a transition is taken. */
  public enum Kind {
    /** The state's {@code Next}. */
    NEXT,
    /** A Choice's {@code Default}. */
    DEFAULT,
    /** A Choice rule's {@code Next}. */
    CHOICE,
    /** A Catcher's {@code Next}. */
    CATCH
  }

  static Transition next(String target) {
    return new Transition(Kind.NEXT, target, "Next", -1);
  }
}
