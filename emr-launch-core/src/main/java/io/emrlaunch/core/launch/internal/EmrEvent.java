package io.emrlaunch.core.launch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.json.internal.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One EMR event as EventBridge delivers it to SQS (the message body is the event): "EMR Cluster
 * State Change" or "EMR Step Status Change" from source {@code aws.emr}. Only the fields the
 * monitor uses are kept.
 *
 * @param step whether it is a step event
 * @param eventId EventBridge's event id
 * @param time when the change happened (EventBridge's {@code time}, whole seconds)
 * @param clusterId {@code detail.clusterId}
 * @param stepId {@code detail.stepId} (step events)
 * @param state {@code detail.state}
 * @param name {@code detail.name} (cluster or step name)
 * @param reasonCode code of {@code detail.stateChangeReason} (cluster events; null when blank)
 * @param reasonMessage message of {@code detail.stateChangeReason}
 */
public record EmrEvent(
    boolean step,
    String eventId,
    Instant time,
    String clusterId,
    String stepId,
    String state,
    String name,
    String reasonCode,
    String reasonMessage) {

  /** Detail-type of cluster events. */
  public static final String CLUSTER_STATE_CHANGE = "EMR Cluster State Change";

  /** Detail-type of step events. */
  public static final String STEP_STATUS_CHANGE = "EMR Step Status Change";

  /**
   * Parses a message body. Anything else (another source or detail-type, a test message, broken
   * JSON) is empty: the caller deletes it and goes on.
   *
   * @param body the SQS message body
   * @return the event
   */
  public static Optional<EmrEvent> parse(String body) {
    if (body == null || body.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode e = Json.MAPPER.readTree(body);
      if (e == null || !"aws.emr".equals(e.path("source").asText())) {
        return Optional.empty();
      }
      String type = e.path("detail-type").asText();
      boolean step = STEP_STATUS_CHANGE.equals(type);
      if (!step && !CLUSTER_STATE_CHANGE.equals(type)) {
        return Optional.empty();
      }
      JsonNode d = e.path("detail");
      String clusterId = text(d, "clusterId");
      String state = text(d, "state");
      String stepId = text(d, "stepId");
      if (clusterId == null || state == null || (step && stepId == null)) {
        return Optional.empty();
      }
      Instant time;
      try {
        time = e.hasNonNull("time") ? Instant.parse(e.get("time").asText()) : null;
      } catch (DateTimeParseException ex) {
        time = null;
      }
      String code = null;
      String message = null;
      if (!step) {
        // EMR sends stateChangeReason as a JSON string ({"code":"USER_REQUEST","message":"..."});
        // accept an object too.
        JsonNode reason = d.path("stateChangeReason");
        if (reason.isTextual()) {
          try {
            reason = Json.MAPPER.readTree(reason.asText());
          } catch (IOException ex) {
            reason = null;
          }
        }
        if (reason != null && reason.isObject()) {
          code = text(reason, "code");
          message = text(reason, "message");
        }
      }
      return Optional.of(
          new EmrEvent(
              step,
              text(e, "id"),
              time,
              clusterId,
              step ? stepId : null,
              state,
              text(d, "name"),
              code,
              code == null ? null : message));
    } catch (IOException | RuntimeException ex) {
      return Optional.empty();
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (!v.isValueNode() || v.isNull()) {
      return null;
    }
    String s = v.asText();
    return s.isBlank() ? null : s;
  }
}
