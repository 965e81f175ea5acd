package io.emrlaunch.testkit.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.BootstrapActionConfig;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.emr.model.InstanceFleetConfig;
import software.amazon.awssdk.services.emr.model.InstanceFleetState;
import software.amazon.awssdk.services.emr.model.InstanceFleetType;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.InstanceGroupModifyConfig;
import software.amazon.awssdk.services.emr.model.InstanceGroupState;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.InstanceTypeConfig;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;
import software.amazon.awssdk.services.emr.model.Tag;

class EmrApiTest {
  private static final Instant T0 = VirtualTime.DEFAULT_START;
  private final FakeAws aws = FakeAws.create();
  private final EmrClient emr = aws.emr();

  @Test
  void listClustersPagesAtFiftyNewestFirstAndFiltersByStateAndCreationTime() {
    for (int i = 0; i < 75; i++) {
      emr.runJobFlow(Requests.cluster("c" + i, i % 3 != 0).build()); // every third auto-terminates
      aws.time().advance(Duration.ofSeconds(10));
    }
    ListClustersResponse first = emr.listClusters();
    assertThat(first.clusters()).hasSize(50);
    assertThat(first.clusters().get(0).name()).isEqualTo("c74");
    ListClustersResponse second = emr.listClusters(r -> r.marker(first.marker()));
    assertThat(second.clusters()).hasSize(25);
    assertThat(second.clusters().get(24).name()).isEqualTo("c0");
    assertThat(second.marker()).isNull();

    Instant after = T0.plusSeconds(100);
    Instant before = T0.plusSeconds(190);
    assertThat(emr.listClusters(r -> r.createdAfter(after).createdBefore(before)).clusters())
        .extracting(ClusterSummary::name)
        .containsExactly("c19", "c18", "c17", "c16", "c15", "c14", "c13", "c12", "c11", "c10");

    aws.time()
        .advance(
            Duration.ofMinutes(10)); // all booted; auto-terminating ones are terminating/terminated
    List<ClusterSummary> waiting =
        emr.listClustersPaginator(r -> r.clusterStates(ClusterState.WAITING)).clusters().stream()
            .toList();
    assertThat(waiting).hasSize(50).allMatch(c -> Integer.parseInt(c.name().substring(1)) % 3 != 0);
    List<ClusterSummary> ended =
        emr
            .listClustersPaginator(
                r -> r.clusterStates(ClusterState.TERMINATING, ClusterState.TERMINATED))
            .clusters()
            .stream()
            .toList();
    assertThat(ended).hasSize(25);
    assertThat(ended.get(0).clusterArn()).contains(":cluster/j-");
  }

  @Test
  void aBadMarkerIsAnInvalidRequest() {
    assertThatThrownBy(() -> emr.listClusters(r -> r.marker("garbage")))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void tagsCanBeAddedReplacedAndRemoved() {
    String id =
        emr.runJobFlow(
                Requests.cluster("t", true)
                    .tags(Tag.builder().key("team").value("data").build())
                    .build())
            .jobFlowId();
    emr.addTags(
        r ->
            r.resourceId(id)
                .tags(
                    Tag.builder().key("env").value("dev").build(),
                    Tag.builder().key("team").value("ml").build()));
    assertThat(emr.describeCluster(r -> r.clusterId(id)).cluster().tags())
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactly("team=ml", "env=dev");
    emr.removeTags(r -> r.resourceId(id).tagKeys("team"));
    assertThat(emr.describeCluster(r -> r.clusterId(id)).cluster().tags())
        .extracting(Tag::key)
        .containsExactly("env");
    assertThatThrownBy(
            () -> emr.addTags(r -> r.resourceId("j-NOPE").tags(Tag.builder().key("a").build())))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void securityConfigurationsHaveACrudLifecycle() {
    String json = "{\"EncryptionConfiguration\":{\"EnableInTransitEncryption\":false}}";
    var created = emr.createSecurityConfiguration(r -> r.name("enc").securityConfiguration(json));
    assertThat(created.creationDateTime()).isEqualTo(T0);
    assertThatThrownBy(
            () -> emr.createSecurityConfiguration(r -> r.name("enc").securityConfiguration(json)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("already exists");
    assertThatThrownBy(
            () ->
                emr.createSecurityConfiguration(r -> r.name("bad").securityConfiguration("{oops")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("not valid JSON");

    assertThat(emr.describeSecurityConfiguration(r -> r.name("enc")).securityConfiguration())
        .isEqualTo(json);
    for (int i = 0; i < 55; i++) {
      int n = i;
      emr.createSecurityConfiguration(r -> r.name("sc" + n).securityConfiguration("{}"));
    }
    var page = emr.listSecurityConfigurations(r -> {});
    assertThat(page.securityConfigurations()).hasSize(50);
    assertThat(
            emr.listSecurityConfigurationsPaginator(r -> {}).securityConfigurations().stream()
                .count())
        .isEqualTo(56);

    emr.deleteSecurityConfiguration(r -> r.name("enc"));
    assertThatThrownBy(() -> emr.describeSecurityConfiguration(r -> r.name("enc")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void instanceGroupsResizeThroughResizing() {
    String id = emr.runJobFlow(Requests.cluster("g", true).build()).jobFlowId();
    List<InstanceGroup> groups = emr.listInstanceGroups(r -> r.clusterId(id)).instanceGroups();
    InstanceGroup core =
        groups.stream()
            .filter(g -> g.instanceGroupType().toString().equals("CORE"))
            .findFirst()
            .orElseThrow();
    InstanceGroup master =
        groups.stream()
            .filter(g -> g.instanceGroupType().toString().equals("MASTER"))
            .findFirst()
            .orElseThrow();

    assertThatThrownBy(
            () ->
                emr.modifyInstanceGroups(r -> r.clusterId(id).instanceGroups(modify(core.id(), 5))))
        .isInstanceOf(EmrException.class)
        .hasMessageContaining("cannot be resized"); // still provisioning
    aws.time().advance(Duration.ofMinutes(8));
    assertThatThrownBy(
            () ->
                emr.modifyInstanceGroups(
                    r -> r.clusterId(id).instanceGroups(modify(master.id(), 3))))
        .hasMessageContaining("master instance group cannot be resized");

    emr.modifyInstanceGroups(r -> r.clusterId(id).instanceGroups(modify(core.id(), 5)));
    InstanceGroup resizing = group(id, core.id());
    assertThat(resizing.status().state()).isEqualTo(InstanceGroupState.RESIZING);
    assertThat(resizing.requestedInstanceCount()).isEqualTo(5);
    assertThat(resizing.runningInstanceCount()).isEqualTo(2);

    aws.time().advance(Duration.ofMinutes(4));
    InstanceGroup resized = group(id, core.id());
    assertThat(resized.status().state()).isEqualTo(InstanceGroupState.RUNNING);
    assertThat(resized.runningInstanceCount()).isEqualTo(5);
    assertThatThrownBy(() -> emr.listInstanceFleets(r -> r.clusterId(id)))
        .isInstanceOf(InvalidRequestException.class);
  }

  private InstanceGroup group(String cluster, String groupId) {
    return emr.listInstanceGroups(r -> r.clusterId(cluster)).instanceGroups().stream()
        .filter(g -> g.id().equals(groupId))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void instanceFleetsResizeThroughResizing() {
    var base = Requests.cluster("f", true).build();
    var request =
        base.toBuilder()
            .instances(
                base.instances().toBuilder()
                    .instanceGroups(
                        (java.util.Collection<
                                software.amazon.awssdk.services.emr.model.InstanceGroupConfig>)
                            null)
                    .instanceFleets(
                        fleet(InstanceFleetType.MASTER, 1, 0), fleet(InstanceFleetType.CORE, 2, 4))
                    .build())
            .build();
    String id = emr.runJobFlow(request).jobFlowId();
    aws.time().advance(Duration.ofMinutes(8));
    var fleets = emr.listInstanceFleets(r -> r.clusterId(id)).instanceFleets();
    var core =
        fleets.stream()
            .filter(f -> f.instanceFleetType() == InstanceFleetType.CORE)
            .findFirst()
            .orElseThrow();
    assertThat(core.id()).matches("if-[0-9A-Z]{13}");
    assertThat(core.provisionedSpotCapacity()).isEqualTo(4);
    assertThat(emr.describeCluster(r -> r.clusterId(id)).cluster().instanceCollectionTypeAsString())
        .isEqualTo("INSTANCE_FLEET");

    emr.modifyInstanceFleet(
        r ->
            r.clusterId(id)
                .instanceFleet(f -> f.instanceFleetId(core.id()).targetSpotCapacity(10)));
    var resizing =
        emr.listInstanceFleets(r -> r.clusterId(id)).instanceFleets().stream()
            .filter(f -> f.id().equals(core.id()))
            .findFirst()
            .orElseThrow();
    assertThat(resizing.status().state()).isEqualTo(InstanceFleetState.RESIZING);
    aws.time().advance(Duration.ofMinutes(4));
    var resized =
        emr.listInstanceFleets(r -> r.clusterId(id)).instanceFleets().stream()
            .filter(f -> f.id().equals(core.id()))
            .findFirst()
            .orElseThrow();
    assertThat(resized.status().state()).isEqualTo(InstanceFleetState.RUNNING);
    assertThat(resized.provisionedSpotCapacity()).isEqualTo(10);
    assertThat(resized.provisionedOnDemandCapacity()).isEqualTo(2);
  }

  private static InstanceFleetConfig fleet(InstanceFleetType type, int onDemand, int spot) {
    return InstanceFleetConfig.builder()
        .name(type.toString())
        .instanceFleetType(type)
        .targetOnDemandCapacity(onDemand)
        .targetSpotCapacity(spot)
        .instanceTypeConfigs(InstanceTypeConfig.builder().instanceType("m5.xlarge").build())
        .build();
  }

  @Test
  void modifyClusterRaisesStepConcurrency() {
    String id = emr.runJobFlow(Requests.cluster("m", true).build()).jobFlowId();
    assertThat(
            emr.modifyCluster(r -> r.clusterId(id).stepConcurrencyLevel(4)).stepConcurrencyLevel())
        .isEqualTo(4);
    assertThat(emr.describeCluster(r -> r.clusterId(id)).cluster().stepConcurrencyLevel())
        .isEqualTo(4);
  }

  @Test
  void legacyInstanceTypesBecomeMasterAndCoreGroups() {
    var base = Requests.cluster("legacy", true).build();
    var request =
        base.toBuilder()
            .instances(
                i ->
                    i.masterInstanceType("m5.xlarge")
                        .slaveInstanceType("m5.2xlarge")
                        .instanceCount(4)
                        .keepJobFlowAliveWhenNoSteps(true))
            .build();
    String id = emr.runJobFlow(request).jobFlowId();
    assertThat(emr.listInstanceGroups(r -> r.clusterId(id)).instanceGroups())
        .extracting(
            g ->
                g.instanceGroupTypeAsString()
                    + ":"
                    + g.instanceType()
                    + "x"
                    + g.requestedInstanceCount())
        .containsExactly("MASTER:m5.xlargex1", "CORE:m5.2xlargex3");
    assertThat(InstanceRoleType.MASTER).isNotNull();
  }

  @Test
  void bootstrapActionsAreListedAsRequested() {
    String id =
        emr.runJobFlow(
                Requests.cluster("b", true)
                    .bootstrapActions(
                        BootstrapActionConfig.builder()
                            .name("install-deps")
                            .scriptBootstrapAction(
                                sc -> sc.path("s3://my-bucket/bootstrap.sh").args("--fast"))
                            .build())
                    .build())
            .jobFlowId();
    var actions = emr.listBootstrapActions(r -> r.clusterId(id)).bootstrapActions();
    assertThat(actions)
        .extracting(c -> c.name() + " " + c.scriptPath() + " " + c.args())
        .containsExactly("install-deps s3://my-bucket/bootstrap.sh [--fast]");
  }

  private static InstanceGroupModifyConfig modify(String groupId, int count) {
    return InstanceGroupModifyConfig.builder()
        .instanceGroupId(groupId)
        .instanceCount(count)
        .build();
  }
}
