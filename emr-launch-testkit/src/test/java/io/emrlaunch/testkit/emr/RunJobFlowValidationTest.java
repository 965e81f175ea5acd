package io.emrlaunch.testkit.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.testkit.FakeAws;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.emr.model.InstanceFleetConfig;
import software.amazon.awssdk.services.emr.model.InstanceFleetType;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.InstanceTypeConfig;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

class RunJobFlowValidationTest {
  private final FakeAws aws = FakeAws.create();
  private final EmrClient emr = aws.emr();

  private void rejects(RunJobFlowRequest request, String message) {
    assertThatThrownBy(() -> emr.runJobFlow(request))
        .isInstanceOfSatisfying(
            EmrException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.statusCode()).isEqualTo(400);
            })
        .hasMessageContaining(message);
    assertThat(aws.emrBackend().clusterCount()).as("nothing created").isZero();
  }

  private static RunJobFlowRequest withInstances(
      UnaryOperator<JobFlowInstancesConfig.Builder> change) {
    RunJobFlowRequest base = Requests.cluster("c", true).build();
    return base.toBuilder().instances(change.apply(base.instances().toBuilder()).build()).build();
  }

  private static InstanceFleetConfig fleet(InstanceFleetType type, int onDemand) {
    return InstanceFleetConfig.builder()
        .instanceFleetType(type)
        .targetOnDemandCapacity(onDemand)
        .instanceTypeConfigs(InstanceTypeConfig.builder().instanceType("m5.xlarge").build())
        .build();
  }

  @Test
  void masterCountMustBeOneOrThree() {
    rejects(
        withInstances(
            i ->
                i.instanceGroups(
                    Requests.group(InstanceRoleType.MASTER, 2),
                    Requests.group(InstanceRoleType.CORE, 2))),
        "must have 1 or 3 instances");
    emr.runJobFlow(
        withInstances(
            i ->
                i.instanceGroups(
                    Requests.group(InstanceRoleType.MASTER, 3),
                    Requests.group(InstanceRoleType.CORE, 2))));
    assertThat(aws.emrBackend().clusterCount()).isEqualTo(1);
  }

  @Test
  void multiMasterNeedsARecentRelease() {
    RunJobFlowRequest old =
        withInstances(i -> i.instanceGroups(Requests.group(InstanceRoleType.MASTER, 3))).toBuilder()
            .releaseLabel("emr-5.20.0")
            .build();
    rejects(old, "emr-5.23.0 or later");
  }

  @Test
  void exactlyOneMasterGroupIsRequired() {
    rejects(
        withInstances(i -> i.instanceGroups(Requests.group(InstanceRoleType.CORE, 2))),
        "Exactly one MASTER");
  }

  @Test
  void instanceGroupsAndFleetsAreExclusive() {
    rejects(
        withInstances(i -> i.instanceFleets(fleet(InstanceFleetType.MASTER, 1))),
        "Exactly one of InstanceGroups, InstanceFleets");
    rejects(
        withInstances(
            i ->
                i.instanceGroups(
                    (java.util.Collection<
                            software.amazon.awssdk.services.emr.model.InstanceGroupConfig>)
                        null)),
        "Exactly one of InstanceGroups, InstanceFleets");
  }

  @Test
  void fleetsNeedOneMasterFleetOfCapacityOneOrThree() {
    rejects(
        withInstances(
            i ->
                i.instanceGroups(
                        (java.util.Collection<
                                software.amazon.awssdk.services.emr.model.InstanceGroupConfig>)
                            null)
                    .instanceFleets(fleet(InstanceFleetType.MASTER, 2))),
        "target capacity of 1 or 3");
    String id =
        emr.runJobFlow(
                withInstances(
                    i ->
                        i.instanceGroups(
                                (java.util.Collection<
                                        software.amazon.awssdk.services.emr.model
                                            .InstanceGroupConfig>)
                                    null)
                            .instanceFleets(
                                fleet(InstanceFleetType.MASTER, 1),
                                fleet(InstanceFleetType.CORE, 4))))
            .jobFlowId();
    assertThat(emr.listInstanceFleets(r -> r.clusterId(id)).instanceFleets()).hasSize(2);
  }

  @Test
  void releaseLabelMustLookLikeOne() {
    rejects(
        Requests.cluster("c", true).releaseLabel("6.15").build(),
        "release label '6.15' is not valid");
    rejects(Requests.cluster("c", true).releaseLabel(null).build(), "ReleaseLabel is required");
  }

  @Test
  void nameAndInstancesAreRequired() {
    rejects(Requests.cluster("", true).build(), "Name is required");
    rejects(
        Requests.cluster("c", true).instances((JobFlowInstancesConfig) null).build(),
        "Instances is required");
  }

  @Test
  void aNamedSecurityConfigurationMustExist() {
    rejects(
        Requests.cluster("c", true).securityConfiguration("kerberos").build(),
        "'kerberos' does not exist");
    emr.createSecurityConfiguration(r -> r.name("kerberos").securityConfiguration("{}"));
    emr.runJobFlow(Requests.cluster("c", true).securityConfiguration("kerberos").build());
  }

  @Test
  void stepsNeedANameAndAJar() {
    rejects(
        Requests.cluster("c", true)
            .steps(Requests.step("s", null).toBuilder().hadoopJarStep(h -> h.jar(" ")).build())
            .build(),
        "HadoopJarStep.Jar is required");
  }

  @Test
  void keepAliveDecidesAutoTerminate() {
    String keep = emr.runJobFlow(Requests.cluster("a", true).build()).jobFlowId();
    String auto =
        emr.runJobFlow(withInstances(i -> i.keepJobFlowAliveWhenNoSteps((Boolean) null)))
            .jobFlowId();
    assertThat(emr.describeCluster(r -> r.clusterId(keep)).cluster().autoTerminate()).isFalse();
    assertThat(emr.describeCluster(r -> r.clusterId(auto)).cluster().autoTerminate()).isTrue();
  }
}
