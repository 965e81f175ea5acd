package io.emrlaunch.testkit.emr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.StepState;

/**
 * One event Amazon EMR sends to Amazon EventBridge (source {@code aws.emr}): its detail-type
 * ({@value #CLUSTER_STATE_CHANGE} or {@value #STEP_STATUS_CHANGE}), its {@code detail} JSON with
 * EMR's fields ({@code clusterId}, {@code name}, {@code state}, {@code severity}, {@code message},
 * and {@code stateChangeReason} — a JSON string, as EMR sends it — for clusters; {@code stepId},
 * {@code actionOnFailure} for steps), the resources and the instant of the change.
 *
 * @param detailType the detail-type
 * @param detail the detail, JSON
 * @param resources the event's resources (EMR sends none)
 * @param time when the change happened
 */
public record EmrServiceEvent(
    String detailType, String detail, List<String> resources, Instant time) {
  /** The source of every EMR event. */
  public static final String SOURCE = "aws.emr";

  /** Detail-type of a cluster state change. */
  public static final String CLUSTER_STATE_CHANGE = "EMR Cluster State Change";

  /** Detail-type of a step status change. */
  public static final String STEP_STATUS_CHANGE = "EMR Step Status Change";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter MESSAGE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** Checks the fields. */
  public EmrServiceEvent {
    Objects.requireNonNull(detailType, "detailType");
    Objects.requireNonNull(detail, "detail");
    resources = List.copyOf(resources);
    Objects.requireNonNull(time, "time");
  }

  static EmrServiceEvent clusterStateChange(ClusterRecord c, Instant at) {
    ObjectNode d = JSON.createObjectNode();
    ClusterState state = c.state;
    boolean failed = state == ClusterState.TERMINATED_WITH_ERRORS;
    d.put("severity", failed ? "CRITICAL" : "INFO");
    ObjectNode reason = JSON.createObjectNode();
    reason.put("code", c.reasonCode == null ? "" : c.reasonCode.toString());
    if (c.reasonMessage != null && c.reasonCode != null) {
      reason.put("message", c.reasonMessage);
    }
    d.put("stateChangeReason", reason.toString());
    d.put("name", c.name());
    d.put("clusterId", c.id);
    d.put("state", state.toString());
    d.put(
        "message",
        "Amazon EMR cluster "
            + c.id
            + " ("
            + c.name()
            + ") is "
            + state.toString().toLowerCase(java.util.Locale.ROOT)
            + " at "
            + MESSAGE_TIME.format(at)
            + ".");
    return new EmrServiceEvent(CLUSTER_STATE_CHANGE, d.toString(), List.of(), at);
  }

  static EmrServiceEvent stepStatusChange(ClusterRecord c, StepRecord s, Instant at) {
    ObjectNode d = JSON.createObjectNode();
    StepState state = s.state;
    d.put("severity", state == StepState.FAILED ? "ERROR" : "INFO");
    d.put("actionOnFailure", s.actionOnFailure == null ? "" : s.actionOnFailure.toString());
    d.put("stepId", s.id);
    d.put("name", s.name);
    d.put("clusterId", c.id);
    d.put("state", state.toString());
    d.put(
        "message",
        "Step "
            + s.id
            + " ("
            + s.name
            + ") in Amazon EMR cluster "
            + c.id
            + " ("
            + c.name()
            + ") is "
            + state.toString().toLowerCase(java.util.Locale.ROOT)
            + " at "
            + MESSAGE_TIME.format(at)
            + ".");
    return new EmrServiceEvent(STEP_STATUS_CHANGE, d.toString(), List.of(), at);
  }
}
