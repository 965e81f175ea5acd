package io.emrlaunch.stepfunctions.emr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.SdkShapes;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.stepfunctions.emr.internal.Requests;
import io.emrlaunch.stepfunctions.emr.internal.Steps;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * Task states that call the EMR API directly through the AWS SDK integration ({@code
 * arn:aws:states:::aws-sdk:emr:*}): the plain API names and shapes ({@code JobFlowId}, {@code
 * Steps[]}, {@code JobFlowIds[]}), request-response only. Use these where the optimized {@link
 * EmrTasks} do not fit, e.g. to poll {@code describeCluster} yourself or where a tool only runs SDK
 * integrations.
 */
public final class EmrSdkTasks {
  private static final String SERVICE = "aws-sdk:emr:";

  private EmrSdkTasks() {}

  /**
   * {@code RunJobFlow}: starts a cluster (steps allowed; the cluster may end when they finish).
   *
   * @param name the state name
   * @param request RunJobFlow-shaped parameters
   * @return the task
   * @throws io.emrlaunch.core.validation.ValidationException when Name or Instances is missing
   */
  public static EmrTask runJobFlow(String name, ObjectNode request) {
    return EmrTask.checked(name, SERVICE + "runJobFlow", request.deepCopy());
  }

  /**
   * {@code RunJobFlow} from an SDK request.
   *
   * @param name the state name
   * @param request the request
   * @return the task
   */
  public static EmrTask runJobFlow(String name, RunJobFlowRequest request) {
    return EmrTask.checked(
        name, SERVICE + "runJobFlow", SdkShapes.toCompactJson(request), (r, p) -> {}, true);
  }

  /**
   * {@code DescribeCluster}.
   *
   * @param name the state name
   * @param clusterId the cluster
   * @return the task
   */
  public static EmrTask describeCluster(String name, Arg clusterId) {
    return EmrTask.checked(
        name, SERVICE + "describeCluster", Requests.put(Requests.object(), "ClusterId", clusterId));
  }

  /**
   * {@code AddJobFlowSteps}: adds steps; the result holds {@code StepIds}. A step execution role
   * applies to the whole call, so all steps must share it.
   *
   * @param name the state name
   * @param clusterId the cluster ({@code JobFlowId})
   * @param steps at least one step
   * @return the task
   * @throws io.emrlaunch.core.validation.ValidationException when steps are missing or invalid
   */
  public static EmrTask addJobFlowSteps(String name, Arg clusterId, List<EmrStep> steps) {
    ObjectNode request = Requests.put(Requests.object(), "JobFlowId", clusterId);
    Problems stepProblems = Problems.root();
    ArrayNode array = request.putArray("Steps");
    Optional<String> role = steps.isEmpty() ? Optional.empty() : steps.get(0).executionRoleArn();
    for (int i = 0; i < steps.size(); i++) {
      array.add(Steps.stepConfig(steps.get(i), stepProblems.at("Steps", i)));
      if (!steps.get(i).executionRoleArn().equals(role)) {
        stepProblems
            .at("Steps", i)
            .add("ExecutionRoleArn", "must equal the first step's execution role (one per call)");
      }
    }
    role.ifPresent(r -> request.put("ExecutionRoleArn", r));
    return EmrTask.checked(
        name,
        SERVICE + "addJobFlowSteps",
        request,
        (r, p) -> {
          p.addAll(stepProblems.problems());
          if (steps.isEmpty()) {
            p.add("Steps", "must contain at least one step");
          }
          if (clusterId.kind() == Arg.Kind.JSONATA) {
            for (int i = 0; i < array.size(); i++) {
              Requests.noJsonataLookalikes(array.get(i), p.at("Steps", i));
            }
          }
        },
        clusterId.kind() != Arg.Kind.JSONATA);
  }

  /**
   * {@code DescribeStep}.
   *
   * @param name the state name
   * @param clusterId the cluster
   * @param stepId the step
   * @return the task
   */
  public static EmrTask describeStep(String name, Arg clusterId, Arg stepId) {
    ObjectNode request = Requests.put(Requests.object(), "ClusterId", clusterId);
    Requests.put(request, "StepId", stepId);
    return EmrTask.checked(name, SERVICE + "describeStep", request);
  }

  /**
   * {@code CancelSteps}.
   *
   * @param name the state name
   * @param clusterId the cluster
   * @param stepIds one id or a list (a path to one id is wrapped in {@code States.Array})
   * @return the task
   */
  public static EmrTask cancelSteps(String name, Arg clusterId, Arg stepIds) {
    ObjectNode request = Requests.put(Requests.object(), "ClusterId", clusterId);
    Requests.putList(request, "StepIds", stepIds);
    return EmrTask.checked(name, SERVICE + "cancelSteps", request);
  }

  /**
   * {@code TerminateJobFlows}.
   *
   * @param name the state name
   * @param clusterIds one id or a list (a path to one id is wrapped in {@code States.Array})
   * @return the task
   */
  public static EmrTask terminateJobFlows(String name, Arg clusterIds) {
    ObjectNode request = Requests.putList(Requests.object(), "JobFlowIds", clusterIds);
    return EmrTask.checked(name, SERVICE + "terminateJobFlows", request);
  }

  /**
   * {@code SetTerminationProtection}.
   *
   * @param name the state name
   * @param clusterIds one id or a list
   * @param protect true to protect
   * @return the task
   */
  public static EmrTask setTerminationProtection(String name, Arg clusterIds, boolean protect) {
    ObjectNode request = Requests.putList(Requests.object(), "JobFlowIds", clusterIds);
    request.put("TerminationProtected", protect);
    return EmrTask.checked(name, SERVICE + "setTerminationProtection", request);
  }
}
