package io.emrlaunch.testkit.sfn;

import java.util.List;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * What {@link FakeSfn} calls to interpret a definition when an execution starts.
 *
 * <p>The seam is deliberately made of JDK and AWS SDK types only (the definition and input as JSON
 * text, the execution ARN, and the SDK's own {@link HistoryEvent}s as the result) so that the
 * testkit needs no dependency on the module that holds an engine ({@code emr-launch-stepfunctions}
 * uses the testkit in its tests, so the reverse dependency would be a cycle), and an engine needs
 * no dependency on the testkit: any method with this shape plugs in by method reference, e.g.
 * {@code fakeSfn.executionEngine(localEngine::execute)}.
 *
 * <p>The returned history is the execution's whole history in Step Functions' shape: the first
 * event is {@code ExecutionStarted}, the last one is the terminal event ({@code
 * ExecutionSucceeded}, {@code ExecutionFailed}, {@code ExecutionTimedOut} or {@code
 * ExecutionAborted}) whose details give the output, error and cause {@link FakeSfn} then reports. A
 * stage that completes exceptionally ends the execution FAILED with {@code States.Runtime}. When
 * the execution is stopped first, FakeSfn cancels the stage (if it is a future) and ignores its
 * result.
 */
@FunctionalInterface
public interface ExecutionEngine {

  /**
   * Starts interpreting {@code definition} on {@code input}; must not block.
   *
   * @param definition the state machine's definition (ASL JSON) as stored
   * @param input the execution input (JSON text)
   * @param executionArn the execution's ARN (its name is the last segment)
   * @return the history, once the execution has ended
   */
  CompletionStage<List<HistoryEvent>> execute(String definition, String input, String executionArn);
}
