package io.emrlaunch.stepfunctions.asl;

import java.util.List;

/** A state that can retry and catch errors (Task, Parallel, Map). */
public interface RetryAndCatch {

  /** The retriers, tried in order. */
  List<Retrier> retry();

  /** The catchers ({@code Catch}), tried in order. */
  List<Catcher> catchers();
}
