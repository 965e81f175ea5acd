package io.emrlaunch.stepfunctions.asl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * States that run one after another: {@link #then(Step)} sets the {@code Next} of the previous
 * state, and the last state of a chain ends its graph ({@code "End": true}) unless it was given a
 * {@code Next}. A chain can be the target of a Choice rule or Catcher, a Parallel branch or a Map
 * item processor.
 */
public final class Chain implements Step {
  private final List<Step> steps = new ArrayList<>();
  private Step tail;

  private Chain(Step first) {
    steps.add(Objects.requireNonNull(first, "first"));
    tail = first;
  }

  /**
   * A chain starting with a step.
   *
   * @param first the first step
   * @return the chain
   */
  public static Chain of(Step first) {
    return new Chain(first);
  }

  /**
   * Continues with another step: the current last state goes there next.
   *
   * @param next the next step (a state, a chain or a reference)
   * @return this chain
   * @throws IllegalStateException when the last state cannot continue (Choice, Succeed, Fail, an
   *     explicit Next or End, or a reference)
   */
  public Chain then(Step next) {
    Objects.requireNonNull(next, "next");
    StateBuilder<?> last = lastState(tail);
    if (!(last instanceof NextBuilder<?> n)) {
      throw new IllegalStateException(
          "cannot continue after "
              + describe(tail)
              + ": only Task, Pass, Wait, Parallel and Map states have a Next");
    }
    n.chainTo(next.startName());
    steps.add(next);
    tail = next;
    return this;
  }

  /**
   * Adds states that belong to this chain's graph but are reached by name ({@code Next}, Choice or
   * Catch targets given as {@link Flow#goTo(String)}) rather than by chaining. The chain's tail
   * does not move, so {@link #then(Step)} still continues from the last chained state. Generators
   * that wire every transition themselves use this to put a whole graph in one branch.
   *
   * @param step a state or chain
   * @return this chain
   */
  public Chain define(Step step) {
    steps.add(Objects.requireNonNull(step, "step"));
    return this;
  }

  @Override
  public String startName() {
    return steps.get(0).startName();
  }

  List<Step> steps() {
    return steps;
  }

  private static StateBuilder<?> lastState(Step s) {
    if (s instanceof Chain c) {
      return lastState(c.tail);
    }
    return s instanceof StateBuilder<?> b ? b : null;
  }

  private static String describe(Step s) {
    StateBuilder<?> b = lastState(s);
    return b == null ? "a reference to " + s.startName() : b.type().aslName() + " " + b.name();
  }
}
