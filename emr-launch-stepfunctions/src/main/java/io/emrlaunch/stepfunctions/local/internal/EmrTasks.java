package io.emrlaunch.stepfunctions.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * The optimized Amazon EMR integration ({@code arn:aws:states:::elasticmapreduce:*}): each action
 * maps to the EMR API call(s) Step Functions makes; {@code .sync} polls the cluster or step on the
 * engine's scheduler. Errors of the EMR API are named {@code EMR.<Code>Exception}; a cluster or
 * step that ends badly is {@code States.TaskFailed} with the description as the cause.
 */
final class EmrTasks {
  private static final String PREFIX = "EMR";
  private final Dispatcher d;
  private final Dispatcher.Call c;
  private final String pattern;
  private final JsonNode p;

  EmrTasks(Dispatcher d, Dispatcher.Call c, String pattern) {
    this.d = d;
    this.c = c;
    this.pattern = pattern;
    this.p = c.parameters();
  }

  CompletableFuture<JsonNode> run(String action) {
    boolean sync = pattern.equals("sync");
    if (!pattern.isEmpty() && !sync) {
      throw StatesError.runtime("elasticmapreduce:" + action + "." + pattern + " is not supported");
    }
    return switch (action) {
      case "createCluster" -> createCluster(sync);
      case "addStep" -> addStep(sync);
      case "terminateCluster" -> terminateCluster(sync);
      case "cancelStep" -> noSync(sync, action, cancelStep());
      case "setClusterTerminationProtection" -> noSync(sync, action, protection());
      case "modifyInstanceFleetByName" -> noSync(sync, action, modifyFleet());
      case "modifyInstanceGroupByName" -> noSync(sync, action, modifyGroup());
      case "modifyCluster" -> noSync(sync, action, call("modifyCluster", p));
      default ->
          throw StatesError.runtime(
              "The resource 'elasticmapreduce:" + action + "' is not an EMR integration");
    };
  }

  private static CompletableFuture<JsonNode> noSync(
      boolean sync, String action, CompletableFuture<JsonNode> f) {
    if (sync) {
      throw StatesError.runtime("elasticmapreduce:" + action + " has no .sync pattern");
    }
    return f;
  }

  private CompletableFuture<JsonNode> call(String action, JsonNode params) {
    return d.sdk("emr", action, params, PREFIX);
  }

  private String clusterId() {
    JsonNode id = p.get("ClusterId");
    if (id == null || !id.isTextual()) {
      throw StatesError.runtime("The EMR integration needs a ClusterId string, got " + id);
    }
    return id.asText();
  }

  private CompletableFuture<JsonNode> createCluster(boolean sync) {
    CompletableFuture<JsonNode> created =
        call("runJobFlow", p)
            .thenApply(
                r -> {
                  ObjectNode o = Paths.NODES.objectNode();
                  o.set("ClusterId", r.get("JobFlowId"));
                  if (r.has("ClusterArn")) {
                    o.set("ClusterArn", r.get("ClusterArn"));
                  }
                  return o;
                });
    if (!sync) {
      return created;
    }
    return created.thenCompose(
        r -> {
          ObjectNode describe = Paths.NODES.objectNode();
          describe.set("ClusterId", r.get("ClusterId"));
          return d.pollUntil(
              c,
              () -> call("describeCluster", describe),
              x -> {
                String s = x.path("Cluster").path("Status").path("State").asText();
                return Dispatcher.clusterUp().contains(s) || Dispatcher.clusterDown().contains(s);
              },
              x -> {
                String s = x.path("Cluster").path("Status").path("State").asText();
                if (Dispatcher.clusterDown().contains(s)) {
                  throw new StatesError("States.TaskFailed", Paths.text(x.get("Cluster")));
                }
                // The .sync output is createCluster's own (ClusterId, ClusterArn).
                return r;
              });
        });
  }

  private CompletableFuture<JsonNode> addStep(boolean sync) {
    String cluster = clusterId();
    ObjectNode req = Paths.NODES.objectNode();
    req.put("JobFlowId", cluster);
    JsonNode step = p.get("Step");
    if (step == null) {
      throw StatesError.runtime("elasticmapreduce:addStep needs a Step");
    }
    req.set("Steps", Dispatcher.array(step));
    if (p.has("ExecutionRoleArn")) {
      req.set("ExecutionRoleArn", p.get("ExecutionRoleArn"));
    }
    CompletableFuture<JsonNode> added =
        call("addJobFlowSteps", req)
            .thenApply(
                r -> {
                  ObjectNode o = Paths.NODES.objectNode();
                  o.set("StepId", r.path("StepIds").path(0));
                  return o;
                });
    if (!sync) {
      return added;
    }
    return added.thenCompose(
        r -> {
          ObjectNode describe = Paths.NODES.objectNode();
          describe.put("ClusterId", cluster);
          describe.set("StepId", r.get("StepId"));
          return d.pollUntil(
              c,
              () -> call("describeStep", describe),
              x -> {
                String s = x.path("Step").path("Status").path("State").asText();
                return Dispatcher.stepDone().contains(s) || Dispatcher.stepFailed().contains(s);
              },
              x -> {
                String s = x.path("Step").path("Status").path("State").asText();
                if (Dispatcher.stepFailed().contains(s)) {
                  throw new StatesError("States.TaskFailed", Paths.text(x.get("Step")));
                }
                // The .sync output is addStep's own (StepId).
                return r;
              });
        });
  }

  private CompletableFuture<JsonNode> terminateCluster(boolean sync) {
    String cluster = clusterId();
    ObjectNode req = Paths.NODES.objectNode();
    req.set("JobFlowIds", Dispatcher.array(Paths.NODES.textNode(cluster)));
    CompletableFuture<JsonNode> done = call("terminateJobFlows", req);
    if (!sync) {
      return done;
    }
    ObjectNode describe = Paths.NODES.objectNode();
    describe.put("ClusterId", cluster);
    return done.thenCompose(
        r ->
            d.pollUntil(
                c,
                () -> call("describeCluster", describe),
                x ->
                    Dispatcher.clusterDown()
                        .contains(x.path("Cluster").path("Status").path("State").asText()),
                x -> r));
  }

  private CompletableFuture<JsonNode> cancelStep() {
    ObjectNode req = Paths.NODES.objectNode();
    req.put("ClusterId", clusterId());
    req.set("StepIds", Dispatcher.array(p.get("StepId")));
    return call("cancelSteps", req);
  }

  private CompletableFuture<JsonNode> protection() {
    ObjectNode req = Paths.NODES.objectNode();
    req.set("JobFlowIds", Dispatcher.array(Paths.NODES.textNode(clusterId())));
    req.set("TerminationProtected", p.get("TerminationProtected"));
    return call("setTerminationProtection", req);
  }

  private CompletableFuture<JsonNode> modifyFleet() {
    String cluster = clusterId();
    String name = p.path("InstanceFleetName").asText();
    ObjectNode list = Paths.NODES.objectNode();
    list.put("ClusterId", cluster);
    return call("listInstanceFleets", list)
        .thenCompose(
            r -> {
              for (JsonNode f : r.path("InstanceFleets")) {
                if (name.equals(f.path("Name").asText())) {
                  ObjectNode fleet = p.path("InstanceFleet").deepCopy();
                  fleet.set("InstanceFleetId", f.get("Id"));
                  ObjectNode req = Paths.NODES.objectNode();
                  req.put("ClusterId", cluster);
                  req.set("InstanceFleet", fleet);
                  return call("modifyInstanceFleet", req);
                }
              }
              throw new StatesError(
                  "States.TaskFailed", "No instance fleet named " + name + " in " + cluster);
            });
  }

  private CompletableFuture<JsonNode> modifyGroup() {
    String cluster = clusterId();
    String name = p.path("InstanceGroupName").asText();
    ObjectNode list = Paths.NODES.objectNode();
    list.put("ClusterId", cluster);
    return call("listInstanceGroups", list)
        .thenCompose(
            r -> {
              for (JsonNode g : r.path("InstanceGroups")) {
                if (name.equals(g.path("Name").asText())) {
                  ObjectNode group = p.path("InstanceGroup").deepCopy();
                  group.set("InstanceGroupId", g.get("Id"));
                  ObjectNode req = Paths.NODES.objectNode();
                  req.put("ClusterId", cluster);
                  req.set("InstanceGroups", Dispatcher.array(group));
                  return call("modifyInstanceGroups", req);
                }
              }
              throw new StatesError(
                  "States.TaskFailed", "No instance group named " + name + " in " + cluster);
            });
  }
}
