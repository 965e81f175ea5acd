package io.emrlaunch.stepfunctions.local.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cancellation flag of one run of work: the execution, one attempt of a Parallel or Map state,
 * one Task call. Stopping a parent stops its children; listeners (token waiters, timers) run once
 * when it stops.
 */
final class Stop {
  private final Stop parent;
  private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
  private final Runnable fromParent = this::stop;
  private volatile boolean stopped;

  /** A root flag (the execution's). */
  Stop() {
    this.parent = null;
  }

  /** A flag stopped with {@code parent} (or on its own); {@link #close} detaches it. */
  Stop(Stop parent) {
    this.parent = parent;
    parent.onStop(fromParent);
  }

  boolean stopped() {
    return stopped;
  }

  /** Stops this flag and its children; runs the listeners once. */
  void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    for (Runnable r : List.copyOf(listeners)) {
      listeners.remove(r);
      r.run();
    }
  }

  /** Runs {@code r} when this stops (at once when it has); returns how to unregister it. */
  Runnable onStop(Runnable r) {
    listeners.add(r);
    if (stopped && listeners.remove(r)) {
      r.run();
    }
    return () -> listeners.remove(r);
  }

  /** Detaches this flag from its parent (the work it guards is over). */
  void close() {
    if (parent != null) {
      parent.listeners.remove(fromParent);
    }
  }
}
