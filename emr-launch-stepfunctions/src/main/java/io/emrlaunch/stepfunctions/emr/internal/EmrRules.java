package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.validation.Problems;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service rules Step Functions applies to EMR requests, checked before a definition exists.
 * Values given as paths or JSONata expressions are only known when the state runs and are not
 * checked here.
 */
public final class EmrRules {
  private static final List<String> ACTIONS =
      List.of("TERMINATE_JOB_FLOW", "TERMINATE_CLUSTER", "CANCEL_AND_WAIT", "CONTINUE");

  private EmrRules() {}

  /** Reports each missing field ({@code Field} or {@code Field.$}). */
  public static void required(ObjectNode request, Problems problems, String... fields) {
    for (String f : fields) {
      if (!Requests.has(request, f)) {
        problems.add(f, "is required");
      }
    }
  }

  /**
   * {@code elasticmapreduce:createCluster}: the RunJobFlow shape, with the cluster kept alive for
   * later {@code addStep} calls and no steps of its own; instance fleet and group names unique, as
   * the {@code *ByName} integrations look them up by name.
   */
  public static void createCluster(ObjectNode request, Problems problems) {
    required(request, problems, "Name", "Instances");
    if (Requests.has(request, "Steps")) {
      problems.add(
          "Steps",
          "is not allowed in createCluster: Step Functions starts the cluster without steps; add"
              + " them with addStep states");
    }
    Optional<JsonNode> instances = Requests.literal(request, "Instances");
    if (instances.isEmpty()) {
      return;
    }
    Problems at = problems.at("Instances");
    if (!instances.get().isObject()) {
      at.add("must be an object");
      return;
    }
    ObjectNode inst = (ObjectNode) instances.get();
    if (!inst.has("KeepJobFlowAliveWhenNoSteps.$")) {
      JsonNode keep = inst.get("KeepJobFlowAliveWhenNoSteps");
      if (keep == null) {
        at.add(
            "KeepJobFlowAliveWhenNoSteps",
            "is required and must be true for createCluster (the cluster waits for addStep)");
      } else if (!Requests.isJsonata(keep) && !(keep.isBoolean() && keep.booleanValue())) {
        at.add(
            "KeepJobFlowAliveWhenNoSteps",
            "must be true for createCluster (the cluster waits for addStep; end it with"
                + " terminateCluster) (was "
                + keep
                + ")");
      }
    }
    uniqueNames(inst, "InstanceFleets", at);
    uniqueNames(inst, "InstanceGroups", at);
  }

  /** {@code elasticmapreduce:addStep}: one step with a name, a jar step and a known action. */
  public static void addStep(ObjectNode request, Problems problems) {
    required(request, problems, "ClusterId", "Step");
    Optional<JsonNode> step = Requests.literal(request, "Step");
    if (step.isEmpty()) {
      return;
    }
    if (!step.get().isObject()) {
      problems.add(
          "Step", "must be an object (one step; use aws-sdk:emr:addJobFlowSteps for many)");
      return;
    }
    ObjectNode s = (ObjectNode) step.get();
    Problems at = problems.at("Step");
    required(s, at, "Name", "HadoopJarStep");
    Requests.literal(s, "ActionOnFailure")
        .filter(a -> !ACTIONS.contains(a.asText()))
        .ifPresent(
            a -> at.add("ActionOnFailure", "must be one of " + ACTIONS + " (was " + a + ")"));
  }

  /** {@code setClusterTerminationProtection}: a cluster and a boolean. */
  public static void terminationProtection(ObjectNode request, Problems problems) {
    required(request, problems, "ClusterId", "TerminationProtected");
    Requests.literal(request, "TerminationProtected")
        .filter(v -> !v.isBoolean())
        .ifPresent(v -> problems.add("TerminationProtected", "must be a boolean (was " + v + ")"));
  }

  private static void uniqueNames(ObjectNode instances, String list, Problems problems) {
    JsonNode items = instances.get(list);
    if (items == null || !items.isArray()) {
      return;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode n = items.get(i).get("Name");
      if (n == null || !n.isTextual() || Requests.isJsonata(n)) {
        continue;
      }
      Integer first = seen.putIfAbsent(n.asText(), i);
      if (first != null) {
        problems
            .at(list, i)
            .add(
                "Name",
                "duplicates "
                    + list
                    + "["
                    + first
                    + "].Name \""
                    + n.asText()
                    + "\": modify*ByName needs unique names");
      }
    }
  }
}
