package io.emrlaunch.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * After Ctrl-C the JVM halts when the shutdown hook stops waiting: every clean-up path must fit the
 * hook's budget, or the JVM exits halfway and leaves the cluster the clean-up was for.
 */
class CleanUpBudgetTest {

  @Test
  void aLaunchCleanUpFitsTheShutdownHooksBudget() {
    // waits for a RunJobFlow in flight, then one TerminateJobFlows for everything launched
    assertThat(Launches.PENDING_WAIT.plus(Launches.TERMINATE_WAIT))
        .isLessThan(Interrupts.CLEAN_UP_BUDGET);
  }

  @Test
  void aStateMachineRunCleanUpFitsTheShutdownHooksBudget() {
    // StopExecution, then TerminateJobFlows of the clusters the execution launched
    assertThat(Root.QUIET_WAIT.multipliedBy(2)).isLessThan(Interrupts.CLEAN_UP_BUDGET);
  }
}
