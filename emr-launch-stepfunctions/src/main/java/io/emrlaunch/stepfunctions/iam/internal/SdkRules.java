package io.emrlaunch.stepfunctions.iam.internal;

import io.emrlaunch.stepfunctions.iam.PolicyStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * AWS SDK integrations ({@code arn:<p>:states:::aws-sdk:<service>:<action>}): the IAM action is
 * {@code <prefix>:<Action>}; the resource comes from the request where this class knows the API,
 * otherwise from the caller's {@code bind(state, "Resource", arns...)}.
 */
final class SdkRules {
  /** SDK service names whose IAM prefix differs. */
  private static final Map<String, String> PREFIX =
      Map.of(
          "emr", "elasticmapreduce",
          "sfn", "states",
          "emrcontainers", "emr-containers",
          "emrserverless", "emr-serverless",
          "cloudwatchlogs", "logs",
          "eventbridge", "events",
          "mwaa", "airflow");

  /** EMR actions that support no resource type: IAM only accepts {@code *} for them. */
  private static final Set<String> EMR_NO_RESOURCE =
      Set.of(
          "RunJobFlow",
          "ListClusters",
          "ListReleaseLabels",
          "DescribeReleaseLabel",
          "ListSecurityConfigurations",
          "DescribeSecurityConfiguration",
          "CreateSecurityConfiguration",
          "DeleteSecurityConfiguration",
          "GetBlockPublicAccessConfiguration",
          "ListSupportedInstanceTypes");

  /** The request fields that name the cluster, in EMR's various spellings. */
  private static final List<String> EMR_CLUSTER_FIELDS =
      List.of("ClusterId", "JobFlowId", "JobFlowIds", "ResourceId");

  private SdkRules() {}

  static void apply(Derivation d, TaskSite site, String serviceAction) {
    d.integration("aws-sdk:" + serviceAction);
    String sa =
        serviceAction.endsWith(".waitForTaskToken")
            ? serviceAction.substring(0, serviceAction.length() - ".waitForTaskToken".length())
            : serviceAction;
    int colon = sa.indexOf(':');
    if (colon < 0) {
      d.problems.add(site.path() + ".Resource", "must be aws-sdk:<service>:<action>");
      return;
    }
    String service = sa.substring(0, colon).toLowerCase(Locale.ROOT);
    String api = sa.substring(colon + 1);
    String action = api.isEmpty() ? api : Character.toUpperCase(api.charAt(0)) + api.substring(1);
    String prefix = PREFIX.getOrDefault(service, service);
    switch (service) {
      case "emr" -> emr(d, site, action);
      case "ssm" -> ssm(d, site, action);
      case "s3" -> s3(d, site, api, action);
      case "glue" -> glue(d, site, action);
      case "sfn" -> {
        if (action.equals("StartExecution")) {
          List<String> machines = d.required(site, "StateMachineArn", "the state machine ARNs");
          if (machines != null) {
            emit(d, "states:StartExecution", machines.stream().map(d.arns::stateMachine).toList());
          }
        } else {
          generic(d, site, prefix + ":" + action);
        }
      }
      default -> generic(d, site, prefix + ":" + action);
    }
  }

  private static void emr(Derivation d, TaskSite site, String action) {
    if (action.equals("RunJobFlow")) {
      EmrRules.runJobFlow(d, site);
      return;
    }
    if (EMR_NO_RESOURCE.contains(action)) {
      emit(d, "elasticmapreduce:" + action, List.of("*"));
      return;
    }
    for (String field : EMR_CLUSTER_FIELDS) {
      if (site.has(field)) {
        emit(d, "elasticmapreduce:" + action, EmrRules.clusters(d, site, field));
        if (action.equals("AddJobFlowSteps")) {
          EmrRules.runtimeRole(d, site);
        }
        return;
      }
    }
    generic(d, site, "elasticmapreduce:" + action);
  }

  private static void ssm(Derivation d, TaskSite site, String action) {
    String field = site.has("Names") ? "Names" : site.has("Path") ? "Path" : "Name";
    List<String> names = d.required(site, field, "the parameter names (wildcards allowed)");
    if (names != null) {
      emit(d, "ssm:" + action, names.stream().map(d.arns::ssmParameter).toList());
    }
  }

  private static void s3(Derivation d, TaskSite site, String api, String action) {
    String iamAction =
        switch (api) {
          case "headObject" -> "s3:GetObject";
          case "listObjectsV2", "listObjects", "headBucket" -> "s3:ListBucket";
          default -> "s3:" + action;
        };
    List<String> buckets = d.required(site, "Bucket", "the bucket names");
    if (buckets == null) {
      return;
    }
    if (!site.has("Key")) {
      emit(d, iamAction, buckets.stream().map(d.arns::s3).toList());
      return;
    }
    List<String> keys = d.required(site, "Key", "the object keys (wildcards allowed)");
    if (keys == null) {
      return;
    }
    List<String> objects = new ArrayList<>();
    buckets.forEach(b -> keys.forEach(k -> objects.add(d.arns.s3(b + "/" + k))));
    emit(d, iamAction, objects);
  }

  /** Glue Data Catalog reads are authorized on the catalog, the database and the table. */
  private static void glue(Derivation d, TaskSite site, String action) {
    if (!site.has("DatabaseName")) {
      generic(d, site, "glue:" + action);
      return;
    }
    List<String> dbs = d.required(site, "DatabaseName", "the database names");
    List<String> resources = new ArrayList<>();
    resources.add(d.arns.glue("catalog"));
    if (dbs == null) {
      return;
    }
    dbs.forEach(db -> resources.add(d.arns.glue("database/" + db)));
    if (site.has("Name") || site.has("TableName")) {
      String field = site.has("TableName") ? "TableName" : "Name";
      List<String> tables = d.required(site, field, "the table names");
      if (tables == null) {
        return;
      }
      dbs.forEach(db -> tables.forEach(t -> resources.add(d.arns.glue("table/" + db + "/" + t))));
    }
    emit(d, "glue:" + action, resources);
  }

  private static void generic(Derivation d, TaskSite site, String iamAction) {
    List<String> resources = d.values(site, "Resource");
    if (resources == null) {
      d.problems.add(
          site.path() + ".Resource",
          "no built-in resource rule for "
              + iamAction
              + "; bind its IAM resource ARNs with ExecutionRolePolicy.Builder.bind(\""
              + site.stateName()
              + "\", \"Resource\", ...) or give custom(...) statements");
      return;
    }
    emit(d, iamAction, resources);
  }

  private static void emit(Derivation d, String action, List<String> resources) {
    d.emit(PolicyStatement.allow().actions(action).resources(resources).build());
  }
}
