package io.emrlaunch.stepfunctions.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * How one moto execution ended, as {@code DescribeExecution} and {@code GetExecutionHistory} report
 * it.
 *
 * @param executionArn the execution
 * @param status its terminal status ({@code RUNNING} only when the harness gave up waiting)
 * @param output the output JSON; {@code null} unless it succeeded
 * @param error the error name of a failed execution; may be {@code null}
 * @param cause the cause text of a failed execution; may be {@code null}
 * @param history every history event, oldest first
 */
public record ExecutionOutcome(
    String executionArn,
    ExecutionStatus status,
    String output,
    String error,
    String cause,
    List<HistoryEvent> history) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Copies the history. */
  public ExecutionOutcome {
    history = List.copyOf(history);
  }

  /**
   * Whether the execution succeeded.
   *
   * @return true for {@code SUCCEEDED}
   */
  public boolean succeeded() {
    return status == ExecutionStatus.SUCCEEDED;
  }

  /**
   * The output parsed.
   *
   * @return the output tree
   * @throws IllegalStateException when there is no output (the execution did not succeed)
   */
  public JsonNode outputJson() {
    if (output == null) {
      throw new IllegalStateException("no output: " + this);
    }
    try {
      return MAPPER.readTree(output);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("output is not JSON: " + output, e);
    }
  }

  /**
   * The history's event types, oldest first, e.g. {@code ExecutionStarted, TaskStateEntered...}.
   *
   * @return the types
   */
  public List<String> eventTypes() {
    return history.stream().map(HistoryEvent::typeAsString).toList();
  }

  /**
   * The names of the states entered, oldest first (a state entered twice appears twice).
   *
   * @return the state names
   */
  public List<String> statesEntered() {
    return history.stream()
        .filter(e -> e.stateEnteredEventDetails() != null)
        .map(e -> e.stateEnteredEventDetails().name())
        .toList();
  }

  /** Status, error, cause and the event types: what a failing assertion should show. */
  @Override
  public String toString() {
    return "execution "
        + status
        + (error == null ? "" : " error=" + error)
        + (cause == null ? "" : " cause=" + cause)
        + (output == null ? "" : " output=" + output)
        + "\n  states entered: "
        + statesEntered()
        + "\n  failures: "
        + history.stream()
            .filter(e -> e.typeAsString().endsWith("Failed"))
            .map(HistoryEvent::toString)
            .collect(Collectors.joining("\n    ", "\n    ", ""));
  }
}
