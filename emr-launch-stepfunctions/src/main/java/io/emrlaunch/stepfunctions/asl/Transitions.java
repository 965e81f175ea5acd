package io.emrlaunch.stepfunctions.asl;

import java.util.ArrayList;
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
    List<Transition> out = new ArrayList<>(of(state));
    for (int i = 0; i < guarded.catchers().size(); i++) {
      out.add(
          new Transition(
              Transition.Kind.CATCH, guarded.catchers().get(i).next(), catchLocation(i), i));
    }
    return List.copyOf(out);
  }
}
