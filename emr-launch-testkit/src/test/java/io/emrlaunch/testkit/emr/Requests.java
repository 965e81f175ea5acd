package io.emrlaunch.testkit.emr;

import java.util.Arrays;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.HadoopJarStepConfig;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;

/** Request builders shared by the testkit's tests. */
public final class Requests {
  private Requests() {}

  /** A valid RunJobFlow: emr-6.15.0, 1 master + 2 core m5.xlarge, Spark, optional keep-alive. */
  public static RunJobFlowRequest.Builder cluster(String name, boolean keepAlive) {
    return RunJobFlowRequest.builder()
        .name(name)
        .releaseLabel("emr-6.15.0")
        .applications(Application.builder().name("Spark").build())
        .serviceRole("EMR_DefaultRole")
        .jobFlowRole("EMR_EC2_DefaultRole")
        .logUri("s3://my-logs/emr/")
        .instances(
            JobFlowInstancesConfig.builder()
                .keepJobFlowAliveWhenNoSteps(keepAlive)
                .ec2SubnetId("subnet-0abc")
                .instanceGroups(group(InstanceRoleType.MASTER, 1), group(InstanceRoleType.CORE, 2))
                .build());
  }

  /** One instance group config. */
  public static InstanceGroupConfig group(InstanceRoleType role, int count) {
    return InstanceGroupConfig.builder()
        .name(role.toString())
        .instanceRole(role)
        .instanceType("m5.xlarge")
        .instanceCount(count)
        .build();
  }

  /** A command-runner step. */
  public static StepConfig step(String name, ActionOnFailure onFailure, String... args) {
    return StepConfig.builder()
        .name(name)
        .actionOnFailure(onFailure)
        .hadoopJarStep(
            HadoopJarStepConfig.builder()
                .jar("command-runner.jar")
                .args(
                    args.length == 0
                        ? Arrays.asList("spark-submit", "job.py")
                        : Arrays.asList(args))
                .build())
        .build();
  }
}
