package io.emrlaunch.cli.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a wait: the JVM's shutdown hook raises a flag and gives the command up to {@link
 * #CLEAN_UP_BUDGET} to clean up (terminate what it launched, save the simulation) before the JVM
 * exits.
 */
public final class Interrupts {
  /**
   * How long the JVM waits for the clean-up. It covers the longest clean-up a command makes: a
   * launch waits up to 30 s for a RunJobFlow in flight and then up to 20 s for one
   * TerminateJobFlows of everything it launched; a state-machine run waits up to 30 s for
   * StopExecution and 30 s for TerminateJobFlows. A shorter wait would halt the JVM halfway and
   * leave exactly the orphan the clean-up exists to prevent.
   */
  static final java.time.Duration CLEAN_UP_BUDGET = java.time.Duration.ofSeconds(75);

  private static volatile boolean requested;
  private static final CountDownLatch CLEANED_UP = new CountDownLatch(1);
  private static volatile boolean installed;

  private Interrupts() {}

  /** Thrown by a wait when the user pressed Ctrl-C. */
  public static final class InterruptedByUser extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exception. */
    public InterruptedByUser() {
      super("interrupted (Ctrl-C)");
    }
  }

  /** Installs the hook once (main only; in-process tests never install it). */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  requested = true;
                  try {
                    CLEANED_UP.await(CLEAN_UP_BUDGET.toSeconds(), TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "emr-launch-ctrl-c"));
  }

  /** Whether Ctrl-C was pressed. */
  public static boolean requested() {
    return requested;
  }

  /** Throws when Ctrl-C was pressed. */
  public static void check() {
    if (requested) {
      throw new InterruptedByUser();
    }
  }

  /** The command has cleaned up; the JVM may exit. */
  public static void done() {
    CLEANED_UP.countDown();
  }
}
