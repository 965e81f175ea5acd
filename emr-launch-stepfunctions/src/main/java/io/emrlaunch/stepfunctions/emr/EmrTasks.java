package io.emrlaunch.stepfunctions.emr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.SdkShapes;
import io.emrlaunch.core.launch.RunJobFlowRequests;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.stepfunctions.emr.internal.Requests;
import io.emrlaunch.stepfunctions.emr.internal.Steps;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * Task states of the optimized Amazon EMR integration ({@code
 * arn:aws:states:::elasticmapreduce:*}). Each factory checks its request against the service rules
 * and returns an {@link EmrTask}; pick the pattern with {@link EmrTask#sync()} (createCluster,
 * addStep, terminateCluster) or {@link EmrTask#requestResponse()} (all).
 *
 * <pre>{@code
 * Arg cluster = Arg.path("$.cluster.ClusterId");
 * StateMachineBuilder.startWith(
 *         EmrTasks.createCluster("Launch", profile, configuration, "nightly", Map.of())
 *             .sync().resultPath("$.cluster"))
 *     .then(EmrTasks.addStep("Ingest", cluster, step).sync().resultPath("$.ingest"))
 *     .then(EmrTasks.terminateCluster("Terminate", cluster).sync().discardResult())
 *     .build();
 * }</pre>
 *
 * <p>For the plain EMR API calls ({@code aws-sdk:emr:*}) see {@link EmrSdkTasks}.
 */
public final class EmrTasks {
  private static final String SERVICE = "elasticmapreduce:";

  private EmrTasks() {}

  /**
   * Creates a cluster ({@code createCluster}, request-response or {@code .sync}, which waits for
   * WAITING). The request is the RunJobFlow shape; {@code Instances.KeepJobFlowAliveWhenNoSteps}
   * must be true and {@code Steps} is not allowed. The result holds {@code ClusterId}.
   *
   * @param name the state name
   * @param request RunJobFlow-shaped parameters (fields may be {@code "X.$"} paths or JSONata)
   * @return the task
   * @throws io.emrlaunch.core.validation.ValidationException naming each field that breaks a rule
   */
  public static EmrTask createCluster(String name, ObjectNode request) {
    return EmrTask.checked(name, SERVICE + "createCluster", request.deepCopy());
  }

  /**
   * Creates a cluster from an SDK request. An unset {@code KeepJobFlowAliveWhenNoSteps} is written
   * as true; false, or any steps, is rejected.
   *
   * @param name the state name
   * @param request the RunJobFlow request
   * @return the task
   * @throws io.emrlaunch.core.validation.ValidationException naming each field that breaks a rule
   */
  public static EmrTask createCluster(String name, RunJobFlowRequest request) {
    ObjectNode json = SdkShapes.toCompactJson(request);
    if (json.get("Instances") instanceof ObjectNode inst
        && !inst.has("KeepJobFlowAliveWhenNoSteps")) {
      inst.put("KeepJobFlowAliveWhenNoSteps", true);
    }
    return EmrTask.checked(name, SERVICE + "createCluster", json, (r, p) -> {}, true);
  }

  /**
   * Creates a cluster from a profile and a configuration, mapped exactly as {@link
   * RunJobFlowRequests#from(EmrProfile, ClusterConfiguration, String, Map)} maps them for {@code
   * ClusterLauncher}.
   *
   * @param name the state name
   * @param profile the security half
   * @param configuration the resource half (must keep the cluster alive when it has no steps)
   * @param clusterName the cluster name; blank means the configuration's name
   * @param tags launch tags
   * @return the task
   * @throws io.emrlaunch.core.validation.ValidationException when an input or a rule is broken
   */
  public static EmrTask createCluster(
      String name,
      EmrProfile profile,
      ClusterConfiguration configuration,
      String clusterName,
      Map<String, String> tags) {
    return createCluster(name, RunJobFlowRequests.from(profile, configuration, clusterName, tags));
  }

  /**
   * Adds one step to a cluster ({@code addStep}; {@code .sync} waits for the step to finish). The
   * step renders as {@code Step{Name, ActionOnFailure, HadoopJarStep{Jar, MainClass, Args,
   * Properties}}}, and its execution role, if any, as {@code ExecutionRoleArn}.
   *
   * @param name the state name
   * @param clusterId the cluster, e.g. {@code Arg.path("$.cluster.ClusterId")}
   * @param step the step
   * @return the task
   * @throws io.emrlaunch.core.validation.ValidationException when the step has no name or jar
   */
  public static EmrTask addStep(String name, Arg clusterId, EmrStep step) {
    Objects.requireNonNull(step, "step");
    Problems stepProblems = Problems.root();
    ObjectNode config = Steps.stepConfig(step, stepProblems);
    ObjectNode request = Requests.put(Requests.object(), "ClusterId", clusterId);
    request.set("Step", config);
    step.executionRoleArn().ifPresent(r -> request.put("ExecutionRoleArn", r));
    return EmrTask.checked(
        name,
        SERVICE + "addStep",
        request,
        (r, p) -> {
          p.at("Step").addAll(stepProblems.problems());
          if (clusterId.kind() == Arg.Kind.JSONATA) {
            Requests.noJsonataLookalikes(config, p.at("Step"));
          }
        },
        clusterId.kind() != Arg.Kind.JSONATA);
  }

  /**
   * Adds one step given in the EMR {@code StepConfig} shape (fields may be paths or JSONata).
   *
   * @param name the state name
   * @param clusterId the cluster
   * @param step {@code {Name, ActionOnFailure, HadoopJarStep{...}}}
   * @return the task
   * @throws io.emrlaunch.core.validation.ValidationException when Name or HadoopJarStep is missing
   */
  public static EmrTask addStep(String name, Arg clusterId, ObjectNode step) {
    ObjectNode request = Requests.put(Requests.object(), "ClusterId", clusterId);
    request.set("Step", step.deepCopy());
    return EmrTask.checked(name, SERVICE + "addStep", request);
  }

  /**
   * Cancels a pending or running step ({@code cancelStep}, request-response only).
   *
   * @param name the state name
   * @param clusterId the cluster
   * @param stepId the step
   * @return the task
   */
  public static EmrTask cancelStep(String name, Arg clusterId, Arg stepId) {
    ObjectNode request = Requests.put(Requests.object(), "ClusterId", clusterId);
    Requests.put(request, "StepId", stepId);
    return EmrTask.checked(name, SERVICE + "cancelStep", request);
  }

  /**
   * Terminates a cluster ({@code terminateCluster}; {@code .sync} waits until it is terminated).
   *
   * @param name the state name
   * @param clusterId the cluster
   * @return the task
   */
  public static EmrTask terminateCluster(String name, Arg clusterId) {
    ObjectNode request = Requests.put(Requests.object(), "ClusterId", clusterId);
    return EmrTask.checked(name, SERVICE + "terminateCluster", request);
  }

  /**
   * Locks or unlocks a cluster against termination ({@code setClusterTerminationProtection},
   * request-response only).
   *
   * @param name the state name
   * @param clusterId the cluster
   * @param protect true to protect
   * @return the task
   */
  public static EmrTask setClusterTerminationProtection(
      String name, Arg clusterId, boolean protect) {
    return setClusterTerminationProtection(name, clusterId, Arg.value(protect));
  }

  /**
   * Locks or unlocks a cluster against termination, the flag read when the state runs.
   *
   * @param name the state name
   * @param clusterId the cluster
   * @param protect a boolean value, path or expression
   * @return the task
   */
  public static EmrTask setClusterTerminationProtection(String name, Arg clusterId, Arg protect) {
    ObjectNode request = Requests.put(Requests.object(), "ClusterId", clusterId);
    Requests.put(request, "TerminationProtected", protect);
    return EmrTask.checked(name, SERVICE + "setClusterTerminationProtection", request);
  }

  /**
   * Resizes an instance fleet found by name ({@code modifyInstanceFleetByName}, request-response
   * only).
   *
   * @param name the state name
   * @param clusterId the cluster
   * @param fleetName the fleet's name, as given at createCluster
   * @param instanceFleet the change: {@code TargetOnDemandCapacity}, {@code TargetSpotCapacity},
   *     ...
   * @return the task
   * @throws io.emrlaunch.core.validation.ValidationException when the change is empty
   */
  public static EmrTask modifyInstanceFleetByName(
      String name, Arg clusterId, Arg fleetName, ObjectNode instanceFleet) {
    ObjectNode request = Requests.put(Requests.object(), "ClusterId", clusterId);
    Requests.put(request, "InstanceFleetName", fleetName);
    request.set("InstanceFleet", instanceFleet.deepCopy());
    return EmrTask.checked(
        name, SERVICE + "modifyInstanceFleetByName", request, EmrTasks::nonEmptyChange);
  }

  /**
   * Sets the target capacities of an instance fleet found by name.
   *
   * @param name the state name
   * @param clusterId the cluster
   * @param fleetName the fleet's name
   * @param onDemand the target On-Demand capacity (at least 0)
   * @param spot the target Spot capacity (at least 0)
   * @return the task
   * @throws io.emrlaunch.core.validation.ValidationException when a capacity is negative
   */
  public static EmrTask modifyInstanceFleetByName(
      String name, Arg clusterId, String fleetName, int onDemand, int spot) {
    Problems p = Problems.root().at("Parameters").at("InstanceFleet");
    p.min("TargetOnDemandCapacity", onDemand, 0);
    p.min("TargetSpotCapacity", spot, 0);
    p.throwIfAny();
    ObjectNode fleet = Requests.object();
    fleet.put("TargetOnDemandCapacity", onDemand).put("TargetSpotCapacity", spot);
    return modifyInstanceFleetByName(name, clusterId, Arg.of(fleetName), fleet);
  }

  /**
   * Changes an instance group found by name ({@code modifyInstanceGroupByName}, request-response
   * only); Step Functions looks the group id up with ListInstanceGroups.
   *
   * @param name the state name
   * @param clusterId the cluster
   * @param groupName the group's name, as given at createCluster
   * @param instanceGroup the change: {@code InstanceCount}, {@code ShrinkPolicy}, {@code
   *     Configurations}, ...
   * @return the task
   * @throws io.emrlaunch.core.validation.ValidationException when the change is empty
   */
  public static EmrTask modifyInstanceGroupByName(
      String name, Arg clusterId, Arg groupName, ObjectNode instanceGroup) {
    ObjectNode request = Requests.put(Requests.object(), "ClusterId", clusterId);
    Requests.put(request, "InstanceGroupName", groupName);
    request.set("InstanceGroup", instanceGroup.deepCopy());
    return EmrTask.checked(
        name, SERVICE + "modifyInstanceGroupByName", request, EmrTasks::nonEmptyChange);
  }

  /**
   * Resizes an instance group found by name.
   *
   * @param name the state name
   * @param clusterId the cluster
   * @param groupName the group's name
   * @param instanceCount the new number of instances (at least 0)
   * @return the task
   * @throws io.emrlaunch.core.validation.ValidationException when the count is negative
   */
  public static EmrTask modifyInstanceGroupByName(
      String name, Arg clusterId, String groupName, int instanceCount) {
    Problems p = Problems.root().at("Parameters").at("InstanceGroup");
    p.min("InstanceCount", instanceCount, 0);
    p.throwIfAny();
    ObjectNode group = Requests.object();
    group.put("InstanceCount", instanceCount);
    return modifyInstanceGroupByName(name, clusterId, Arg.of(groupName), group);
  }

  private static void nonEmptyChange(ObjectNode request, Problems problems) {
    String field = request.has("InstanceFleet") ? "InstanceFleet" : "InstanceGroup";
    if (request.get(field).isEmpty()) {
      problems.add(field, "must change at least one field");
    }
  }
}
