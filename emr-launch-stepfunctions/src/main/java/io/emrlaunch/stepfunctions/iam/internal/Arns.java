package io.emrlaunch.stepfunctions.iam.internal;

import io.emrlaunch.stepfunctions.iam.Partition;

/** Builds the ARNs the rules need, in one partition, region and account. */
public final class Arns {
  private final Partition partition;
  private final String region;
  private final String account;

  /**
   * Creates the builder.
   *
   * @param partition the partition
   * @param region the region
   * @param account the account id
   */
  public Arns(Partition partition, String region, String account) {
    this.partition = partition;
    this.region = region;
    this.account = account;
  }

  /** {@code arn:<p>:<service>:<region>:<account>:<resource>}. */
  String regional(String service, String resource) {
    return "arn:" + partition.id() + ":" + service + ":" + region + ":" + account + ":" + resource;
  }

  /** {@code arn:<p>:<service>::<account>:<resource>}. */
  String global(String service, String resource) {
    return "arn:" + partition.id() + ":" + service + "::" + account + ":" + resource;
  }

  String emrCluster(String id) {
    return regional("elasticmapreduce", "cluster/" + id);
  }

  String eventsRule(String name) {
    return regional("events", "rule/" + name);
  }

  String role(String nameOrArn) {
    return isArn(nameOrArn) ? nameOrArn : global("iam", "role/" + nameOrArn);
  }

  String ssmParameter(String nameOrArn) {
    if (isArn(nameOrArn)) {
      return nameOrArn;
    }
    String n = nameOrArn.startsWith("/") ? nameOrArn.substring(1) : nameOrArn;
    return regional("ssm", "parameter/" + n);
  }

  String stateMachine(String nameOrArn) {
    return isArn(nameOrArn) ? nameOrArn : regional("states", "stateMachine:" + nameOrArn);
  }

  /** Executions of a state machine ({@code execution:<name>:*}), from its ARN or name. */
  String executionsOf(String stateMachineArnOrName) {
    String arn = stateMachine(stateMachineArnOrName);
    int i = arn.indexOf(":stateMachine:");
    if (i < 0) {
      return arn;
    }
    String name = arn.substring(i + ":stateMachine:".length());
    int q = name.indexOf(':'); // drop a version or alias qualifier
    if (q >= 0) {
      name = name.substring(0, q);
    }
    return arn.substring(0, i) + ":execution:" + name + ":*";
  }

  String lambdaFunction(String nameOrArn) {
    return isArn(nameOrArn) ? nameOrArn : regional("lambda", "function:" + nameOrArn);
  }

  /** The queue ARN for a queue URL {@code https://sqs.<region>.<domain>/<account>/<name>}. */
  String sqsQueue(String urlOrArn) {
    if (isArn(urlOrArn)) {
      return urlOrArn;
    }
    String[] parts = urlOrArn.replaceFirst("^https?://", "").split("/");
    if (parts.length < 3) {
      return null;
    }
    String host = parts[0];
    String queueRegion = region;
    if (host.startsWith("sqs.")) {
      queueRegion = host.substring(4, host.indexOf('.', 4));
    }
    return "arn:" + partition.id() + ":sqs:" + queueRegion + ":" + parts[1] + ":" + parts[2];
  }

  String dynamoTable(String nameOrArn) {
    return isArn(nameOrArn) ? nameOrArn : regional("dynamodb", "table/" + nameOrArn);
  }

  String s3(String bucketAndKey) {
    return "arn:" + partition.id() + ":s3:::" + bucketAndKey;
  }

  String emrContainers(String resource) {
    return regional("emr-containers", resource);
  }

  String emrServerless(String resource) {
    return regional("emr-serverless", resource);
  }

  String glue(String resource) {
    return regional("glue", resource);
  }

  static boolean isArn(String s) {
    return s.startsWith("arn:");
  }

  /** The partition field of an ARN, or {@code null} when {@code s} is no ARN. */
  static String partitionOf(String s) {
    if (!isArn(s)) {
      return null;
    }
    int end = s.indexOf(':', 4);
    return end < 0 ? null : s.substring(4, end);
  }

  /** The last path segment of a role ARN or the name itself. */
  static String roleName(String nameOrArn) {
    int slash = nameOrArn.lastIndexOf('/');
    return slash >= 0 ? nameOrArn.substring(slash + 1) : nameOrArn;
  }
}
