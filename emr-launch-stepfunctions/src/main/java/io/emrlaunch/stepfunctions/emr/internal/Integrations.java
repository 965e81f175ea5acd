package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.validation.Problems;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Every EMR, EMR Serverless and EMR on EKS integration: whether it has {@code .sync} and the rules
 * its request must follow. Shared by the factories and by the check of whole definitions, so a
 * hand-written state and a built one are held to the same rules.
 */
public final class Integrations {
  /**
   * One integration.
   *
   * @param sync whether {@code .sync} is supported (request-response always is)
   * @param rules the request rules, reporting relative to the request
   */
  public record Spec(boolean sync, BiConsumer<ObjectNode, Problems> rules) {}

  private static final Map<String, Spec> SPECS =
      Map.ofEntries(
          Map.entry("elasticmapreduce:createCluster", new Spec(true, EmrRules::createCluster)),
          Map.entry("elasticmapreduce:addStep", new Spec(true, EmrRules::addStep)),
          Map.entry(
              "elasticmapreduce:cancelStep", new Spec(false, required("ClusterId", "StepId"))),
          Map.entry("elasticmapreduce:terminateCluster", new Spec(true, required("ClusterId"))),
          Map.entry(
              "elasticmapreduce:setClusterTerminationProtection",
              new Spec(false, EmrRules::terminationProtection)),
          Map.entry(
              "elasticmapreduce:modifyInstanceFleetByName",
              new Spec(false, required("ClusterId", "InstanceFleetName", "InstanceFleet"))),
          Map.entry(
              "elasticmapreduce:modifyInstanceGroupByName",
              new Spec(false, required("ClusterId", "InstanceGroupName", "InstanceGroup"))),
          Map.entry("aws-sdk:emr:runJobFlow", new Spec(false, required("Name", "Instances"))),
          Map.entry("aws-sdk:emr:describeCluster", new Spec(false, required("ClusterId"))),
          Map.entry("aws-sdk:emr:addJobFlowSteps", new Spec(false, required("JobFlowId", "Steps"))),
          Map.entry("aws-sdk:emr:describeStep", new Spec(false, required("ClusterId", "StepId"))),
          Map.entry("aws-sdk:emr:cancelSteps", new Spec(false, required("ClusterId", "StepIds"))),
          Map.entry("aws-sdk:emr:terminateJobFlows", new Spec(false, required("JobFlowIds"))),
          Map.entry(
              "aws-sdk:emr:setTerminationProtection",
              new Spec(false, required("JobFlowIds", "TerminationProtected"))),
          Map.entry(
              "emr-serverless:createApplication", new Spec(true, required("ReleaseLabel", "Type"))),
          Map.entry("emr-serverless:startApplication", new Spec(true, required("ApplicationId"))),
          Map.entry("emr-serverless:stopApplication", new Spec(true, required("ApplicationId"))),
          Map.entry("emr-serverless:deleteApplication", new Spec(true, required("ApplicationId"))),
          Map.entry(
              "emr-serverless:startJobRun",
              new Spec(true, required("ApplicationId", "ExecutionRoleArn", "JobDriver"))),
          Map.entry(
              "emr-serverless:cancelJobRun", new Spec(true, required("ApplicationId", "JobRunId"))),
          Map.entry(
              "emr-containers:createVirtualCluster",
              new Spec(false, required("Name", "ContainerProvider"))),
          Map.entry("emr-containers:deleteVirtualCluster", new Spec(true, required("Id"))),
          Map.entry(
              "emr-containers:startJobRun",
              new Spec(
                  true,
                  required("VirtualClusterId", "ExecutionRoleArn", "ReleaseLabel", "JobDriver"))));

  private Integrations() {}

  /** The spec of an integration ({@code service:api}), if it is one of ours. */
  public static Optional<Spec> find(String integration) {
    return Optional.ofNullable(SPECS.get(integration));
  }

  /** The spec of an integration the factories use (always known). */
  public static Spec of(String integration) {
    return find(integration)
        .orElseThrow(() -> new IllegalArgumentException("unknown integration " + integration));
  }

  private static BiConsumer<ObjectNode, Problems> required(String... fields) {
    return (request, problems) -> EmrRules.required(request, problems, fields);
  }
}
