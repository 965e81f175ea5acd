package io.emrlaunch.stepfunctions.iam.internal;

import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.stepfunctions.iam.PolicyStatement;
import java.util.ArrayList;
import java.util.List;

/** Statements for Amazon EMR, EMR on EKS and EMR Serverless integrations. */
final class EmrRules {
  private EmrRules() {}

  /** Which of a profile's roles a RunJobFlow field passes, and to which service. */
  enum RoleKind {
    SERVICE("ServiceRole", "elasticmapreduce.amazonaws.com*"),
    INSTANCE("JobFlowRole", "ec2.amazonaws.com*"),
    AUTOSCALING("AutoScalingRole", "application-autoscaling.amazonaws.com*");

    final String field;
    final String passedTo;

    RoleKind(String field, String passedTo) {
      this.field = field;
      this.passedTo = passedTo;
    }
  }

  // ---- Amazon EMR (emr-iam) ----

  static void createCluster(Derivation d, TaskSite site, boolean sync) {
    runJobFlow(d, site);
    d.emit(
        PolicyStatement.allow()
            .actions("elasticmapreduce:DescribeCluster", "elasticmapreduce:TerminateJobFlows")
            .resources(d.arns.emrCluster("*"))
            .build());
    if (sync) {
      OptimizedRules.events(d, "StepFunctionsGetEventForEMRRunJobFlowRule");
    }
  }

  /**
   * What RunJobFlow needs, for the optimized createCluster and for aws-sdk:emr:runJobFlow alike.
   * RunJobFlow has no resource type, so it is the one EMR action granted on {@code *}.
   */
  static void runJobFlow(Derivation d, TaskSite site) {
    d.emit(PolicyStatement.allow().actions("elasticmapreduce:RunJobFlow").resources("*").build());
    for (RoleKind kind : RoleKind.values()) {
      passRole(d, site, kind);
    }
    if (site.has("Tags")) {
      // EMR authorizes tags given to RunJobFlow as AddTags on the new cluster (since 2023-04).
      d.emit(
          PolicyStatement.allow()
              .actions("elasticmapreduce:AddTags")
              .resources(d.arns.emrCluster("*"))
              .build());
    }
    // The service-linked role EMR uses to clean up EC2 resources; created on first use.
    d.emit(
        PolicyStatement.allow()
            .actions("iam:CreateServiceLinkedRole")
            .resources(
                d.arns.global(
                    "iam",
                    "role/aws-service-role/elasticmapreduce.amazonaws.com*/AWSServiceRoleForEMRCleanup*"))
            .condition(
                "StringLike",
                "iam:AWSServiceName",
                "elasticmapreduce.amazonaws.com",
                "elasticmapreduce.amazonaws.com.cn")
            .build());
  }

  private static void passRole(Derivation d, TaskSite site, RoleKind kind) {
    TaskSite.Field f = site.field(kind.field);
    if (!f.present()) {
      return;
    }
    EmrProfile p = d.profile;
    String profileRole = p == null ? null : profileRole(p, kind);
    List<String> roles = new ArrayList<>();
    if (f.isStatic()) {
      String literal = f.literals().get(0);
      d.checkPartition(f.path(), literal);
      if (p == null) {
        // Without a profile the literal is the role (for JobFlowRole: an instance profile named
        // like its role, as EMR's default roles are).
        roles.add(d.arns.role(literal));
      } else if (profileRole == null) {
        d.problems.add(
            f.path(), "passes \"" + literal + "\" but the profile has no " + describe(kind));
      } else if (!Arns.roleName(literal).equals(expectedName(p, kind))) {
        d.problems.add(
            f.path(),
            "passes \""
                + literal
                + "\" but the profile's "
                + describe(kind)
                + " is \""
                + expectedName(p, kind)
                + "\"; iam:PassRole is limited to the profile's roles");
      } else {
        d.checkPartition("profile." + kind.field, profileRole);
        roles.add(d.arns.role(profileRole));
      }
    } else {
      List<String> bound = d.values(site, kind.field);
      if (bound != null) {
        bound.forEach(r -> roles.add(d.arns.role(r)));
      } else if (profileRole != null) {
        d.checkPartition("profile." + kind.field, profileRole);
        roles.add(d.arns.role(profileRole));
      } else {
        d.problems.add(
            f.path(),
            "is only known at run time; give the EmrProfile (or bind the role) so iam:PassRole"
                + " can be limited to its "
                + describe(kind));
      }
    }
    if (!roles.isEmpty()) {
      d.emit(
          PolicyStatement.allow()
              .actions("iam:PassRole")
              .resources(roles)
              .condition("StringLike", "iam:PassedToService", kind.passedTo)
              .build());
    }
  }

  private static String profileRole(EmrProfile p, RoleKind kind) {
    return switch (kind) {
      case SERVICE -> p.serviceRole();
      case INSTANCE -> p.instanceRole();
      case AUTOSCALING -> p.autoScalingRole().orElse(null);
    };
  }

  /** The name the definition must use: JobFlowRole names the instance profile. */
  private static String expectedName(EmrProfile p, RoleKind kind) {
    if (kind == RoleKind.INSTANCE) {
      return Arns.roleName(p.instanceProfile().orElse(p.instanceRole()));
    }
    return Arns.roleName(profileRole(p, kind));
  }

  private static String describe(RoleKind kind) {
    return switch (kind) {
      case SERVICE -> "service role";
      case INSTANCE -> "instance profile";
      case AUTOSCALING -> "autoscaling role";
    };
  }

  static void addStep(Derivation d, TaskSite site, boolean sync) {
    onCluster(d, site, "AddJobFlowSteps", "DescribeStep", "CancelSteps");
    runtimeRole(d, site);
    if (sync) {
      OptimizedRules.events(d, "StepFunctionsGetEventForEMRAddJobFlowStepsRule");
    }
  }

  /** A step's runtime role ({@code ExecutionRoleArn}) is passed to EMR by the caller. */
  static void runtimeRole(Derivation d, TaskSite site) {
    if (!site.has("ExecutionRoleArn")) {
      return;
    }
    List<String> roles = d.required(site, "ExecutionRoleArn", "the runtime role ARNs");
    if (roles != null) {
      d.emit(
          PolicyStatement.allow()
              .actions("iam:PassRole")
              .resources(roles.stream().map(d.arns::role).toList())
              .condition("StringLike", "iam:PassedToService", RoleKind.SERVICE.passedTo)
              .build());
    }
  }

  static void terminateCluster(Derivation d, TaskSite site, boolean sync) {
    onCluster(d, site, "TerminateJobFlows", "DescribeCluster");
    if (sync) {
      OptimizedRules.events(d, "StepFunctionsGetEventForEMRTerminateJobFlowsRule");
    }
  }

  /** EMR actions on the cluster named by {@code ClusterId}, or on any cluster when dynamic. */
  static void onCluster(Derivation d, TaskSite site, String... actions) {
    d.emit(
        PolicyStatement.allow()
            .actions(prefixed("elasticmapreduce:", actions))
            .resources(clusters(d, site, "ClusterId"))
            .build());
  }

  static List<String> clusters(Derivation d, TaskSite site, String field) {
    List<String> ids = d.values(site, field);
    if (ids == null || ids.isEmpty()) {
      return List.of(d.arns.emrCluster("*"));
    }
    return ids.stream().map(d.arns::emrCluster).toList();
  }

  // ---- EMR on EKS (emr-eks-iam) ----

  static void containersStartJobRun(Derivation d, TaskSite site, boolean sync) {
    List<String> vcs = virtualClusters(d, site, "VirtualClusterId");
    List<String> roles = d.required(site, "ExecutionRoleArn", "the job execution role ARNs");
    if (roles != null) {
      d.emit(
          PolicyStatement.allow()
              .actions("emr-containers:StartJobRun")
              .resources(vcs)
              .condition(
                  "StringEquals", "emr-containers:ExecutionRoleArn", roles.toArray(String[]::new))
              .build());
    }
    if (sync) {
      d.emit(
          PolicyStatement.allow()
              .actions("emr-containers:DescribeJobRun", "emr-containers:CancelJobRun")
              .resources(vcs.stream().map(v -> v + "/jobruns/*").toList())
              .build());
    }
  }

  static void containersCreateVirtualCluster(Derivation d) {
    d.emit(
        PolicyStatement.allow()
            .actions("emr-containers:CreateVirtualCluster")
            .resources("*")
            .build());
    d.emit(
        PolicyStatement.allow()
            .actions("iam:CreateServiceLinkedRole")
            .resources(
                d.arns.global(
                    "iam",
                    "role/aws-service-role/emr-containers.amazonaws.com/AWSServiceRoleForAmazonEMRContainers"))
            .condition("StringLike", "iam:AWSServiceName", "emr-containers.amazonaws.com")
            .build());
  }

  static void containersDeleteVirtualCluster(Derivation d, TaskSite site, boolean sync) {
    List<String> actions = new ArrayList<>(List.of("emr-containers:DeleteVirtualCluster"));
    if (sync) {
      actions.add("emr-containers:DescribeVirtualCluster");
    }
    d.emit(
        PolicyStatement.allow().actions(actions).resources(virtualClusters(d, site, "Id")).build());
  }

  private static List<String> virtualClusters(Derivation d, TaskSite site, String field) {
    List<String> ids = d.values(site, field);
    if (ids == null || ids.isEmpty()) {
      return List.of(d.arns.emrContainers("/virtualclusters/*"));
    }
    return ids.stream().map(id -> d.arns.emrContainers("/virtualclusters/" + id)).toList();
  }

  // ---- EMR Serverless (emr-serverless-iam) ----

  private static final String APP_RULE = "StepFunctionsGetEventsForEMRServerlessApplicationRule";
  private static final String JOB_RULE = "StepFunctionsGetEventsForEMRServerlessJobRule";

  static void serverlessCreateApplication(Derivation d, boolean sync) {
    d.emit(
        PolicyStatement.allow()
            .actions("emr-serverless:CreateApplication")
            .resources(d.arns.emrServerless("/*"))
            .build());
    d.emit(
        PolicyStatement.allow()
            .actions("iam:CreateServiceLinkedRole")
            .resources(
                d.arns.global(
                    "iam",
                    "role/aws-service-role/ops.emr-serverless.amazonaws.com/AWSServiceRoleForAmazonEMRServerless*"))
            .condition("StringLike", "iam:AWSServiceName", "ops.emr-serverless.amazonaws.com")
            .build());
    if (sync) {
      d.emit(
          PolicyStatement.allow()
              .actions("emr-serverless:GetApplication", "emr-serverless:DeleteApplication")
              .resources(d.arns.emrServerless("/applications/*"))
              .build());
      OptimizedRules.events(d, APP_RULE);
    }
  }

  /** start/stop/deleteApplication: the action; .sync adds GetApplication (and for start, Stop). */
  static void serverlessApplication(
      Derivation d, TaskSite site, boolean sync, String action, String... syncExtras) {
    List<String> actions = new ArrayList<>(List.of("emr-serverless:" + action));
    if (sync) {
      actions.add("emr-serverless:GetApplication");
      actions.addAll(prefixed("emr-serverless:", syncExtras));
    }
    d.emit(PolicyStatement.allow().actions(actions).resources(applications(d, site)).build());
    if (sync) {
      OptimizedRules.events(d, APP_RULE);
    }
  }

  static void serverlessStartJobRun(Derivation d, TaskSite site, boolean sync) {
    List<String> apps = applications(d, site);
    d.emit(PolicyStatement.allow().actions("emr-serverless:StartJobRun").resources(apps).build());
    List<String> roles = d.required(site, "ExecutionRoleArn", "the job execution role ARNs");
    if (roles != null) {
      d.emit(
          PolicyStatement.allow()
              .actions("iam:PassRole")
              .resources(roles.stream().map(d.arns::role).toList())
              .condition("StringEquals", "iam:PassedToService", "emr-serverless.amazonaws.com")
              .build());
    }
    if (sync) {
      d.emit(
          PolicyStatement.allow()
              .actions("emr-serverless:GetJobRun", "emr-serverless:CancelJobRun")
              .resources(apps.stream().map(a -> a + "/jobruns/*").toList())
              .build());
      OptimizedRules.events(d, JOB_RULE);
    }
  }

  static void serverlessCancelJobRun(Derivation d, TaskSite site, boolean sync) {
    List<String> runs = d.values(site, "JobRunId");
    List<String> resources = new ArrayList<>();
    for (String app : applications(d, site)) {
      if (runs == null || runs.isEmpty()) {
        resources.add(app + "/jobruns/*");
      } else {
        runs.forEach(r -> resources.add(app + "/jobruns/" + r));
      }
    }
    List<String> actions = new ArrayList<>(List.of("emr-serverless:CancelJobRun"));
    if (sync) {
      actions.add("emr-serverless:GetJobRun");
    }
    d.emit(PolicyStatement.allow().actions(actions).resources(resources).build());
    if (sync) {
      OptimizedRules.events(d, JOB_RULE);
    }
  }

  private static List<String> applications(Derivation d, TaskSite site) {
    List<String> ids = d.values(site, "ApplicationId");
    if (ids == null || ids.isEmpty()) {
      return List.of(d.arns.emrServerless("/applications/*"));
    }
    return ids.stream().map(id -> d.arns.emrServerless("/applications/" + id)).toList();
  }

  static List<String> prefixed(String prefix, String... actions) {
    List<String> out = new ArrayList<>();
    for (String a : actions) {
      out.add(prefix + a);
    }
    return out;
  }
}
