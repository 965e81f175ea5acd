package io.emrlaunch.stepfunctions.asl;

import java.util.List;

/** Computes the transitions of the common state shapes. */
final class Transitions {
  private static final String[] CATCH_LOCATIONS = new String[16];

  static {
    for (int i = 0; i < CATCH_LOCATIONS.length; i++) {
      CATCH_LOCATIONS[i] = "Catch[" + i + "].Next";
    }
  }

  private Transitions() {}

  private static String catchLocation(int i) {
    return i < CATCH_LOCATIONS.length ? CATCH_LOCATIONS[i] : "Catch[" + i + "].Next";
  }

  static List<Transition> of(NextOrEnd state) {
    return state.next().map(n -> List.of(Transition.next(n))).orElse(List.of());
  }

  static List<Transition> of(NextOrEnd state, RetryAndCatch guarded) {
    if (guarded.catchers().isEmpty()) {
      return of(state);
    }
    int catchers = guarded.catchers().size();
    int next = state.next().isPresent() ? 1 : 0;
    Transition[] out = new Transition[next + catchers];
    if (next == 1) {
      out[0] = Transition.next(state.next().get());
    }
    for (int i = 0; i < catchers; i++) {
      out[next + i] =
          new Transition(
              Transition.Kind.CATCH, guarded.catchers().get(i).next(), catchLocation(i), i);
    }
    return List.of(out);
  }
}
