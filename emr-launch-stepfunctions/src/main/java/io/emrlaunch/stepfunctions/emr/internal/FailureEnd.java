package io.emrlaunch.stepfunctions.emr.internal;

import io.emrlaunch.stepfunctions.asl.ChoiceBuilder;
import io.emrlaunch.stepfunctions.asl.Condition;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsics;

/**
 * The last state of a generated machine's failure path: a Choice that fails with the caught error
 * and cause, except Step Functions' own {@code States.*} errors, which a Fail state may not raise;
 * those fail with a generator-specific error and a cause that starts with the original name.
 */
public final class FailureEnd {
  private FailureEnd() {}

  /**
   * The Choice, with its two Fail states inline.
   *
   * @param name the Choice state's name (the failure path's target)
   * @param wrappedName the Fail state for {@code States.*} errors
   * @param reRaisedName the Fail state that re-raises the original error
   * @param wrappedError the error raised for {@code States.*} errors
   * @param caught where the Catch put the error object, e.g. {@code $.Error}
   * @return the Choice state's builder
   */
  public static ChoiceBuilder of(
      String name, String wrappedName, String reRaisedName, String wrappedError, String caught) {
    String error = caught + ".Error";
    String cause = caught + ".Cause";
    return Flow.choice(name)
        .when(
            Condition.stringMatches(error, "States.*"),
            Flow.fail(wrappedName)
                .error(wrappedError)
                .causePath(
                    Intrinsics.format("{}: {}", Intrinsics.path(error), Intrinsics.path(cause))))
        .otherwise(Flow.fail(reRaisedName).errorPath(error).causePath(cause));
  }
}
