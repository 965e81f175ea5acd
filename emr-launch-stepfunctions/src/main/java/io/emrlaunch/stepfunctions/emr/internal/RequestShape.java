package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.SdkShapes;
import io.emrlaunch.core.launch.RunJobFlowRequests;
import io.emrlaunch.stepfunctions.asl.Flow;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * Which RunJobFlow fields the create task passes. Parameters keys are fixed in JSONPath ASL, so the
 * set comes from the design: the fields the Java mapping of the profile and configuration sets,
 * plus the fields allowed overrides write. Values are read from the records at run time; a field
 * the design leaves unset must be added by regenerating (as aws-emr-launch's fixed key list
 * required a new deployment). Missing fields are completed with {@code null} first, so a record
 * that lost a field still gives a request rather than a path error.
 */
final class RequestShape {
  private final Set<String> top = new TreeSet<>();
  private final Set<String> instances = new TreeSet<>();

  RequestShape(LaunchPlan plan) {
    RunJobFlowRequest design =
        RunJobFlowRequests.from(
            plan.profile(),
            plan.configuration(),
            plan.function().clusterName(),
            plan.function().clusterTags());
    ObjectNode json = SdkShapes.toCompactJson(design);
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      top.add(it.next());
    }
    json.path("Instances").fieldNames().forEachRemaining(instances::add);
    // Tags may come from the input alone; the merged list is always written.
    top.add("Tags");
    for (OverrideTarget t : plan.overrides()) {
      String[] segments = t.requestPath().split("\\.");
      top.add(segments[0]);
      if (segments[0].equals("Instances") && segments.length > 1) {
        instances.add(segments[1]);
      }
    }
    top.remove("Steps");
    top.add("Instances");
    instances.remove("KeepJobFlowAliveWhenNoSteps");
  }

  /** The top-level request fields passed (sorted; {@code Instances} among them). */
  Set<String> topFields() {
    return top;
  }

  /** The {@code Instances} fields passed (sorted), without KeepJobFlowAliveWhenNoSteps. */
  Set<String> instanceFields() {
    return instances;
  }

  /** The create task's Parameters: every field read from the assembled request. */
  ObjectNode parameters(String request) {
    return parameters(request, request + ".Instances");
  }

  /** The Parameters that read the top-level fields under one path, the Instances under another. */
  ObjectNode parameters(String request, String instancesPath) {
    ObjectNode p = PreparationBranch.object();
    for (String k : top) {
      if (!k.equals("Instances")) {
        p.put(k + ".$", request + "." + k);
      }
    }
    ObjectNode inst = p.putObject("Instances");
    for (String k : instances) {
      inst.put(k + ".$", instancesPath + "." + k);
    }
    // The cluster waits for steps: createCluster requires it and pipelines add steps later.
    inst.put("KeepJobFlowAliveWhenNoSteps", true);
    return p;
  }

  /**
   * Adds the states that complete the assembled request with {@code null} for each passed field it
   * lacks.
   *
   * @return the name of the first state
   */
  String add(Graph g, String next) {
    String cluster = PreparationBranch.CLUSTER;
    String work = PreparationBranch.WORK;
    // The roles, the autoscaling role, the log location and the tags were written to the work area
    // (empty
    // objects when the profile has none) and go over the request here, in one state.
    String merged = "States.JsonMerge(" + work + ".Shape.Request, " + cluster + ", false)";
    for (String part : new String[] {"Roles", "AutoScaling", "Log", "Merged"}) {
      merged = "States.JsonMerge(" + merged + ", " + work + "." + part + ", false)";
    }
    g.add(
        Flow.pass("Complete Request")
            .parameters(
                PreparationBranch.object()
                    .put("Cluster.$", merged)
                    .put(
                        "Instances.$",
                        "States.JsonMerge("
                            + work
                            + ".Shape.Instances, "
                            + cluster
                            + ".Instances, false)"))
            .resultPath(work + ".Completed")
            .next(next));
    return "Complete Request";
  }

  /** The null-valued templates the completion merges under the request ({@code WORK.Shape}). */
  ObjectNode templates() {
    ObjectNode shape = PreparationBranch.object();
    ObjectNode request = shape.putObject("Request");
    top.forEach(k -> request.putNull(k));
    request.putObject("Instances");
    ObjectNode inst = shape.putObject("Instances");
    instances.forEach(inst::putNull);
    return shape;
  }
}
