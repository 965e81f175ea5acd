package io.emrlaunch.stepfunctions.asl;

import java.util.Optional;
import org.immutables.value.Value;

/** A state that either goes on to {@link #next()} or ends ({@link #end()}). */
public interface NextOrEnd {

  /** The state to go to next. */
  Optional<String> next();

  /** Whether the state ends its graph. */
  @Value.Default
  default boolean end() {
    return false;
  }
}
