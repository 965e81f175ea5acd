package io.emrlaunch.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.launch.LaunchWait;
import io.emrlaunch.core.launch.LaunchedCluster;
import io.emrlaunch.core.launch.MonitorCadence;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.PresetOptions;
import io.emrlaunch.core.repository.RecordStore;
import io.emrlaunch.ssm.SsmRecordStore;
import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;

/**
 * The whole story over HTTP against moto: apply, the profile is saved, ClusterLauncher launches
 * with it, a second apply makes no mutating call, a bucket change plans exactly that update,
 * destroy leaves nothing with the ownership tag. Calls are counted by an SDK interceptor.
 */
@MotoTest
class ProvisioningMotoTest {
  private final CountingInterceptor counter = new CountingInterceptor();
  private final List<software.amazon.awssdk.utils.SdkAutoCloseable> clients =
      new java.util.ArrayList<>();
  private MotoServer moto;
  private String vpcId;
  private String subnetId;
  private RecordStore store;
  private ProfileProvisioner provisioner;

  <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C counted(
      B builder) {
    C client =
        moto.configure(builder)
            .overrideConfiguration(o -> o.addExecutionInterceptor(counter))
            .build();
    clients.add((software.amazon.awssdk.utils.SdkAutoCloseable) client);
    return client;
  }

  @BeforeEach
  void setUp(MotoServer moto) {
    this.moto = moto;
    Ec2Client ec2 = moto.ec2();
    vpcId = ec2.createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
    subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.20.1.0/24")).subnet().subnetId();
    store = SsmRecordStore.builder().client(counted(SsmAsyncClient.builder())).build();
    provisioner =
        ProfileProvisioner.builder()
            .iam(counted(IamAsyncClient.builder()))
            .ec2(counted(Ec2AsyncClient.builder()))
            .emr(counted(EmrAsyncClient.builder()))
            .store(store)
            .region(Region.US_EAST_1)
            .accountId("123456789012")
            .retry(4, Duration.ofMillis(100), Duration.ofMillis(500))
            .build();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(software.amazon.awssdk.utils.SdkAutoCloseable::close);
  }

  ProvisioningSpec.Builder spec() {
    return ProvisioningSpec.builder()
        .namespace("team-a")
        .name("moto")
        .vpcId(vpcId)
        .logsBucket("team-a-logs")
        .logsPrefix("emr/")
        .artifactsBucket("team-a-code")
        .artifactsPrefix("jobs/")
        .addKmsKeyArn(Fixture.KEY)
        .glueCatalog(true)
        .securityConfiguration(Fixture.securityConfiguration(Fixture.KEY));
  }

  static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
    return f.get(120, TimeUnit.SECONDS);
  }

  @Test
  void applyLaunchNoOpChangeAndDestroyOverHttp() throws Exception {
    ProvisioningSpec spec = spec().build();

    ProvisioningResult applied = get(provisioner.apply(spec));
    List<String> freshCalls = counter.calls();
    EmrProfile profile = applied.profile().orElseThrow();
    assertThat(get(store.profiles().get(spec.ref())).value()).isEqualTo(profile);
    IamClient iam = moto.iam();
    Role service = iam.getRole(r -> r.roleName("team-a_moto-ServiceRole")).role();
    assertThat(service.arn()).isEqualTo(profile.serviceRole());
    assertThat(
            iam.getInstanceProfile(r -> r.instanceProfileName("team-a_moto-InstanceRole"))
                .instanceProfile()
                .roles())
        .extracting(Role::roleName)
        .containsExactly("team-a_moto-InstanceRole");
    assertThat(counter.mutating())
        .containsExactlyElementsOf(
            ProfileProvisionerTest.FRESH_APPLY_MUTATIONS.stream()
                .map(ProvisioningMotoTest::sdkName)
                .toList());

    // The profile launches a cluster: roles, groups and security configuration reach EMR.
    ClusterConfiguration configuration =
        ClusterPresets.instanceGroups(PresetOptions.of("spark-small", subnetId))
            .withReleaseLabel("emr-7.5.0");
    EmrProfile stored = get(store.profiles().get(spec.ref())).value();
    try (ClusterLauncher launcher =
        ClusterLauncher.builder()
            .emr(moto.emrAsync())
            .cadence(
                MonitorCadence.builder()
                    .startupPeriod(Duration.ofMillis(200))
                    .activePeriod(Duration.ofMillis(200))
                    .build())
            .build()) {
      LaunchedCluster launched =
          get(
              launcher.launch(
                  r ->
                      r.profile(stored)
                          .configuration(configuration)
                          .clusterName("provisioned")
                          .waitFor(LaunchWait.WAITING)
                          .timeout(Duration.ofSeconds(30))));
      Cluster cluster =
          moto.emr().describeCluster(r -> r.clusterId(launched.clusterId())).cluster();
      assertThat(cluster.status().state()).isEqualTo(ClusterState.WAITING);
      assertThat(cluster.serviceRole()).endsWith("team-a_moto-ServiceRole");
      assertThat(cluster.securityConfiguration())
          .isEqualTo(profile.securityConfigurationName().orElseThrow());
      assertThat(cluster.ec2InstanceAttributes().emrManagedMasterSecurityGroup())
          .isEqualTo(profile.masterSecurityGroup().orElseThrow());
      assertThat(cluster.ec2InstanceAttributes().emrManagedSlaveSecurityGroup())
          .isEqualTo(profile.workersSecurityGroup().orElseThrow());
      assertThat(cluster.ec2InstanceAttributes().serviceAccessSecurityGroup())
          .isEqualTo(profile.serviceAccessSecurityGroup().orElseThrow());
      assertThat(cluster.ec2InstanceAttributes().iamInstanceProfile())
          .isEqualTo("team-a_moto-InstanceRole");

      // While the cluster runs, destroy refuses and changes nothing.
      counter.reset();
      assertThatThrownBy(() -> get(provisioner.destroy(spec)))
          .hasCauseInstanceOf(ResourceInUseException.class);
      assertThat(counter.mutating()).isEmpty();
      launcher.terminate(launched.clusterId()).get(60, TimeUnit.SECONDS);
    }

    // A second apply: reads only.
    counter.reset();
    ProvisioningResult again = get(provisioner.apply(spec));
    List<String> noOpCalls = counter.calls();
    assertThat(again.plan().isNoOp()).as(again.plan().toString()).isTrue();
    assertThat(counter.mutating()).isEmpty();
    // The same calls as on the fakes.
    assertThat(freshCalls)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.Stream.concat(
                    ProfileProvisionerTest.FRESH_APPLY_READS.stream(),
                    ProfileProvisionerTest.FRESH_APPLY_MUTATIONS.stream())
                .map(ProvisioningMotoTest::sdkName)
                .toList());
    assertThat(noOpCalls)
        .containsExactlyInAnyOrderElementsOf(
            ProfileProvisionerTest.NO_OP_APPLY_CALLS.stream()
                .map(ProvisioningMotoTest::sdkName)
                .toList());

    // A new logs bucket: exactly the instance role's policy and the record change.
    ProvisioningSpec moved = spec().logsBucket("team-a-logs-v2").build();
    ProvisioningPlan plan = get(provisioner.plan(moved));
    assertThat(plan.mutations())
        .extracting(PlannedChange::kind, PlannedChange::action)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ResourceKind.INSTANCE_ROLE, ChangeAction.UPDATE),
            org.assertj.core.groups.Tuple.tuple(ResourceKind.PROFILE_RECORD, ChangeAction.UPDATE));
    counter.reset();
    get(provisioner.apply(moved));
    assertThat(counter.mutating()).containsExactly("Iam:PutRolePolicy", "Ssm:PutParameter");
    assertThat(get(provisioner.plan(moved)).isNoOp()).isTrue();

    // Destroy: nothing with the ownership tag is left.
    ProvisioningResult destroyed = get(provisioner.destroy(moved));
    assertThat(destroyed.plan().changes())
        .allMatch(c -> c.action() == ChangeAction.DELETE, "all deleted");
    assertThat(
            moto.ec2()
                .describeSecurityGroups(
                    r ->
                        r.filters(
                            Filter.builder()
                                .name("tag-key")
                                .values(ProfileProvisioner.OWNER_TAG)
                                .build()))
                .securityGroups())
        .isEmpty();
    assertThat(iam.listRoles().roles())
        .extracting(Role::roleName)
        .noneMatch(n -> n.startsWith("team-a_moto"));
    assertThatThrownBy(
            () -> iam.getInstanceProfile(r -> r.instanceProfileName("team-a_moto-InstanceRole")))
        .isInstanceOf(NoSuchEntityException.class);
    assertThat(get(store.profiles().find(spec.ref()))).isEmpty();
    assertThat(get(provisioner.planDestroy(moved)).changes())
        .allMatch(c -> c.action() == ChangeAction.UNCHANGED);
  }

  /** "iam:CreateRole" as the SDK's interceptor names it: "Iam:CreateRole". */
  static String sdkName(String call) {
    String service = call.substring(0, call.indexOf(':'));
    String name =
        switch (service) {
          case "iam" -> "Iam";
          case "ec2" -> "Ec2";
          case "emr" -> "Emr";
          case "ssm" -> "Ssm";
          default -> service;
        };
    return name + call.substring(call.indexOf(':'));
  }
}
