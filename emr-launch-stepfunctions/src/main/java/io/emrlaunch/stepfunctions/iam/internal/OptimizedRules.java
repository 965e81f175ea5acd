package io.emrlaunch.stepfunctions.iam.internal;

import io.emrlaunch.stepfunctions.iam.PolicyStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * The Step Functions optimized integrations ({@code arn:<p>:states:::<service>:<api>[.sync]}) and
 * the statements each needs, following the Step Functions developer guide's IAM pages, narrowed to
 * the region and account wherever the docs' dynamic variants use {@code *:*}.
 */
final class OptimizedRules {
  private OptimizedRules() {}

  static void apply(Derivation d, TaskSite site, String rest) {
    String api = rest;
    String suffix = "";
    for (String s : List.of(".sync:2", ".sync", ".waitForTaskToken")) {
      if (rest.endsWith(s)) {
        api = rest.substring(0, rest.length() - s.length());
        suffix = s;
        break;
      }
    }
    boolean sync = suffix.startsWith(".sync");
    d.integration(rest);
    switch (api) {
      case "elasticmapreduce:createCluster" -> EmrRules.createCluster(d, site, sync);
      case "elasticmapreduce:addStep" -> EmrRules.addStep(d, site, sync);
      case "elasticmapreduce:cancelStep" -> EmrRules.onCluster(d, site, "CancelSteps");
      case "elasticmapreduce:terminateCluster" -> EmrRules.terminateCluster(d, site, sync);
      case "elasticmapreduce:setClusterTerminationProtection" ->
          EmrRules.onCluster(d, site, "SetTerminationProtection");
      case "elasticmapreduce:modifyInstanceFleetByName" ->
          EmrRules.onCluster(d, site, "ModifyInstanceFleet", "ListInstanceFleets");
      case "elasticmapreduce:modifyInstanceGroupByName" ->
          EmrRules.onCluster(d, site, "ModifyInstanceGroups", "ListInstanceGroups");
      case "emr-containers:startJobRun" -> EmrRules.containersStartJobRun(d, site, sync);
      case "emr-containers:createVirtualCluster" -> EmrRules.containersCreateVirtualCluster(d);
      case "emr-containers:deleteVirtualCluster" ->
          EmrRules.containersDeleteVirtualCluster(d, site, sync);
      case "emr-serverless:createApplication" -> EmrRules.serverlessCreateApplication(d, sync);
      case "emr-serverless:startApplication" ->
          EmrRules.serverlessApplication(d, site, sync, "StartApplication", "StopApplication");
      case "emr-serverless:stopApplication" ->
          EmrRules.serverlessApplication(d, site, sync, "StopApplication");
      case "emr-serverless:deleteApplication" ->
          EmrRules.serverlessApplication(d, site, sync, "DeleteApplication");
      case "emr-serverless:startJobRun" -> EmrRules.serverlessStartJobRun(d, site, sync);
      case "emr-serverless:cancelJobRun" -> EmrRules.serverlessCancelJobRun(d, site, sync);
      case "states:startExecution" -> startExecution(d, site, sync);
      case "sns:publish" -> snsPublish(d, site);
      case "sqs:sendMessage" -> sqsSendMessage(d, site);
      case "lambda:invoke" -> lambdaInvoke(d, site);
      case "dynamodb:getItem" -> dynamo(d, site, "dynamodb:GetItem");
      case "dynamodb:putItem" -> dynamo(d, site, "dynamodb:PutItem");
      case "dynamodb:updateItem" -> dynamo(d, site, "dynamodb:UpdateItem");
      case "dynamodb:deleteItem" -> dynamo(d, site, "dynamodb:DeleteItem");
      default -> d.unsupported(site, rest);
    }
  }

  /** stepfunctions-iam: StartExecution on the child; .sync adds Describe/Stop and the rule. */
  private static void startExecution(Derivation d, TaskSite site, boolean sync) {
    List<String> machines = d.required(site, "StateMachineArn", "the state machine ARNs it starts");
    if (machines == null) {
      return;
    }
    List<String> arns = machines.stream().map(d.arns::stateMachine).toList();
    d.emit(PolicyStatement.allow().actions("states:StartExecution").resources(arns).build());
    if (sync) {
      d.emit(
          PolicyStatement.allow()
              .actions("states:DescribeExecution", "states:StopExecution")
              .resources(machines.stream().map(d.arns::executionsOf).toList())
              .build());
      events(d, "StepFunctionsGetEventsForStepFunctionsExecutionRule");
    }
  }

  private static void snsPublish(Derivation d, TaskSite site) {
    List<String> topics = d.required(site, "TopicArn", "the topic ARNs it publishes to");
    if (topics != null) {
      d.emit(PolicyStatement.allow().actions("sns:Publish").resources(topics).build());
    }
  }

  private static void sqsSendMessage(Derivation d, TaskSite site) {
    List<String> urls = d.required(site, "QueueUrl", "the queue URLs it sends to");
    if (urls == null) {
      return;
    }
    List<String> queues = new ArrayList<>();
    for (String u : urls) {
      String arn = d.arns.sqsQueue(u);
      if (arn == null) {
        d.problems.add(site.field("QueueUrl").path(), "is not a queue URL (was \"" + u + "\")");
      } else {
        queues.add(arn);
      }
    }
    if (!queues.isEmpty()) {
      d.emit(PolicyStatement.allow().actions("sqs:SendMessage").resources(queues).build());
    }
  }

  /** lambda-iam: the function, and its versions and aliases when given unqualified. */
  private static void lambdaInvoke(Derivation d, TaskSite site) {
    List<String> functions = d.required(site, "FunctionName", "the function names or ARNs");
    if (functions == null) {
      return;
    }
    List<String> resources = new ArrayList<>();
    for (String f : functions) {
      String arn = d.arns.lambdaFunction(f);
      resources.add(arn);
      int idx = arn.indexOf(":function:");
      boolean qualified = idx >= 0 && arn.substring(idx + ":function:".length()).contains(":");
      if (!qualified) {
        resources.add(arn + ":*");
      }
    }
    d.emit(PolicyStatement.allow().actions("lambda:InvokeFunction").resources(resources).build());
  }

  private static void dynamo(Derivation d, TaskSite site, String action) {
    List<String> tables = d.required(site, "TableName", "the table names");
    if (tables != null) {
      d.emit(
          PolicyStatement.allow()
              .actions(action)
              .resources(tables.stream().map(d.arns::dynamoTable).toList())
              .build());
    }
  }

  /** The EventBridge managed rule a .sync integration uses to learn of completion. */
  static void events(Derivation d, String rule) {
    d.emit(
        PolicyStatement.allow()
            .actions("events:PutTargets", "events:PutRule", "events:DescribeRule")
            .resources(d.arns.eventsRule(rule))
            .build());
  }
}
