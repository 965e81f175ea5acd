package io.emrlaunch.stepfunctions.emr.internal;

import io.emrlaunch.stepfunctions.asl.Chain;
import java.util.Objects;

/**
 * A piece of a pipeline's flow: where it starts, and the chain the next piece is appended to. The
 * two differ when the piece ends in a Choice (a polling loop): the flow then continues from the
 * Choice's "done" target, not from the Choice itself.
 *
 * @param entry the chain the piece starts with
 * @param tail the chain that continues after the piece
 */
public record Segment(Chain entry, Chain tail) {
  /** Checks the parts. */
  public Segment {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(tail, "tail");
  }

  /** A piece that is one straight chain. */
  public static Segment of(Chain chain) {
    return new Segment(chain, chain);
  }

  /** This piece followed by another (the chains are linked in place). */
  public Segment then(Segment next) {
    tail.then(next.entry);
    return new Segment(entry, next.tail);
  }
}
