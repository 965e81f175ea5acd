package io.emrlaunch.stepfunctions.emr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.stepfunctions.emr.internal.Requests;

/**
 * Task states of the optimized EMR on EKS integration ({@code arn:aws:states:::emr-containers:*}):
 * {@code createVirtualCluster} (request-response), {@code deleteVirtualCluster} and {@code
 * startJobRun} (request-response or {@code .sync}).
 */
public final class EmrOnEksTasks {
  private static final String SERVICE = "emr-containers:";

  private EmrOnEksTasks() {}

  /**
   * {@code createVirtualCluster}.
   *
   * @param name the state name
   * @param request the CreateVirtualCluster shape: {@code Name}, {@code ContainerProvider}, ...
   * @return the task
   * @throws io.emrlaunch.core.validation.ValidationException when a required field is missing
   */
  public static EmrTask createVirtualCluster(String name, ObjectNode request) {
    return EmrTask.checked(name, SERVICE + "createVirtualCluster", request.deepCopy());
  }

  /**
   * {@code createVirtualCluster} on a namespace of an EKS cluster.
   *
   * @param name the state name
   * @param virtualClusterName the virtual cluster's name
   * @param eksClusterName the EKS cluster
   * @param namespace the Kubernetes namespace
   * @return the task
   */
  public static EmrTask createVirtualCluster(
      String name, Arg virtualClusterName, String eksClusterName, String namespace) {
    ObjectNode request = Requests.put(Requests.object(), "Name", virtualClusterName);
    ObjectNode provider = request.putObject("ContainerProvider");
    provider.put("Id", eksClusterName).put("Type", "EKS");
    provider.putObject("Info").putObject("EksInfo").put("Namespace", namespace);
    return createVirtualCluster(name, request);
  }

  /**
   * {@code deleteVirtualCluster}; {@code .sync} waits until it is deleted.
   *
   * @param name the state name
   * @param virtualClusterId the virtual cluster ({@code Id})
   * @return the task
   */
  public static EmrTask deleteVirtualCluster(String name, Arg virtualClusterId) {
    return EmrTask.checked(
        name,
        SERVICE + "deleteVirtualCluster",
        Requests.put(Requests.object(), "Id", virtualClusterId));
  }

  /**
   * {@code startJobRun}; {@code .sync} waits for the run to finish.
   *
   * @param name the state name
   * @param request the StartJobRun shape: {@code VirtualClusterId}, {@code ExecutionRoleArn},
   *     {@code ReleaseLabel}, {@code JobDriver}, ...
   * @return the task
   * @throws io.emrlaunch.core.validation.ValidationException when a required field is missing
   */
  public static EmrTask startJobRun(String name, ObjectNode request) {
    return EmrTask.checked(name, SERVICE + "startJobRun", request.deepCopy());
  }
}
