package io.emrlaunch.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.ClusterTimeline;
import software.amazon.awssdk.services.emr.model.Configuration;
import software.amazon.awssdk.services.emr.model.InstanceFleetConfig;
import software.amazon.awssdk.services.emr.model.InstanceFleetType;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.InstanceTypeConfig;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.Tag;

class SdkShapesTest {
  private static final ObjectMapper M = new ObjectMapper();

  private static RunJobFlowRequest request() {
    return RunJobFlowRequest.builder()
        .name("nightly")
        .releaseLabel("emr-7.5.0")
        .visibleToAllUsers(true)
        .stepConcurrencyLevel(4)
        .autoTerminationPolicy(a -> a.idleTimeout(3600L))
        .tags(Tag.builder().key("team").value("data").build(), Tag.builder().key("env").build())
        .configurations(
            Configuration.builder()
                .classification("spark")
                .properties(java.util.Map.of("maximizeResourceAllocation", "true"))
                .build(),
            Configuration.builder()
                .classification("hadoop-env")
                .configurations(
                    Configuration.builder()
                        .classification("export")
                        .properties(java.util.Map.of("JAVA_HOME", "/usr/lib/jvm/java-17"))
                        .build())
                .build())
        .instances(
            i ->
                i.ec2SubnetId("subnet-1")
                    .keepJobFlowAliveWhenNoSteps(true)
                    .instanceGroups(
                        InstanceGroupConfig.builder()
                            .name("Master")
                            .instanceRole(InstanceRoleType.MASTER)
                            .instanceType("m5.xlarge")
                            .instanceCount(1)
                            .build(),
                        InstanceGroupConfig.builder()
                            .instanceRole(InstanceRoleType.CORE)
                            .instanceType("r5.2xlarge")
                            .instanceCount(3)
                            .ebsConfiguration(
                                e ->
                                    e.ebsOptimized(true)
                                        .ebsBlockDeviceConfigs(
                                            d ->
                                                d.volumesPerInstance(2)
                                                    .volumeSpecification(
                                                        v -> v.volumeType("gp3").sizeInGB(128))))
                            .build())
                    .instanceFleets(
                        InstanceFleetConfig.builder()
                            .instanceFleetType(InstanceFleetType.TASK)
                            .targetSpotCapacity(8)
                            .instanceTypeConfigs(
                                InstanceTypeConfig.builder()
                                    .instanceType("c5.4xlarge")
                                    .weightedCapacity(4)
                                    .bidPriceAsPercentageOfOnDemandPrice(60.5)
                                    .build())
                            .launchSpecifications(
                                l ->
                                    l.spotSpecification(
                                        s ->
                                            s.timeoutDurationMinutes(20)
                                                .timeoutAction("SWITCH_TO_ON_DEMAND")))
                            .build()))
        .build();
  }

  @Test
  void writesWireNamesAndRoundTripsANestedRunJobFlowRequest() throws Exception {
    RunJobFlowRequest original = request();
    ObjectNode json = SdkShapes.toJson(original);

    assertThat(json.path("ReleaseLabel").asText()).isEqualTo("emr-7.5.0");
    assertThat(json.at("/Instances/InstanceGroups/1/InstanceRole").asText()).isEqualTo("CORE");
    assertThat(
            json.at(
                    "/Instances/InstanceGroups/1/EbsConfiguration/EbsBlockDeviceConfigs/0"
                        + "/VolumeSpecification/SizeInGB")
                .asInt())
        .isEqualTo(128);
    assertThat(
            json.at("/Instances/InstanceFleets/0/InstanceTypeConfigs/0/WeightedCapacity").asInt())
        .isEqualTo(4);
    assertThat(json.at("/Configurations/1/Configurations/0/Properties/JAVA_HOME").asText())
        .isEqualTo("/usr/lib/jvm/java-17");
    assertThat(json.at("/Tags/1").toString()).isEqualTo("{\"Key\":\"env\"}");
    // a Long that fits an int is an int node, so the tree equals the parsed text
    assertThat(json.at("/AutoTerminationPolicy/IdleTimeout").isInt()).isTrue();
    assertThat(M.readTree(json.toString())).isEqualTo(json);
    // never-set members are absent, not null
    assertThat(json.has("LogUri")).isFalse();
    assertThat(json.has("Steps")).isFalse();
    assertThat(json.path("Instances").has("Ec2KeyName")).isFalse();

    RunJobFlowRequest back =
        SdkShapes.fromJson(M.readTree(json.toString()), RunJobFlowRequest.builder()).build();
    assertThat(back).isEqualTo(original);
    assertThat(SdkShapes.toJson(back)).isEqualTo(json);
  }

  @Test
  void emptyCollectionsAreKeptByToJsonAndDroppedByToCompactJson() {
    RunJobFlowRequest r =
        RunJobFlowRequest.builder()
            .name("c")
            .tags(java.util.List.of())
            .applications(java.util.List.of())
            .configurations(
                Configuration.builder()
                    .classification("spark")
                    .properties(java.util.Map.of())
                    .configurations(java.util.List.of())
                    .build())
            .build();

    ObjectNode full = SdkShapes.toJson(r);
    assertThat(full.toString())
        .isEqualTo(
            "{\"Name\":\"c\",\"Applications\":[],\"Configurations\":[{\"Classification\":\"spark\","
                + "\"Configurations\":[],\"Properties\":{}}],\"Tags\":[]}");

    ObjectNode compact = SdkShapes.toCompactJson(r);
    assertThat(compact.toString())
        .isEqualTo("{\"Name\":\"c\",\"Configurations\":[{\"Classification\":\"spark\"}]}");

    // both renderings read back to requests the service treats alike
    assertThat(SdkShapes.fromJson(full, RunJobFlowRequest.builder()).build()).isEqualTo(r);
    RunJobFlowRequest fromCompact =
        SdkShapes.fromJson(compact, RunJobFlowRequest.builder()).build();
    assertThat(fromCompact.hasTags()).isFalse();
    assertThat(fromCompact.configurations().get(0).classification()).isEqualTo("spark");
  }

  @Test
  void instantsAreIsoTextBothWays() {
    ClusterTimeline t =
        ClusterTimeline.builder().creationDateTime(Instant.parse("2026-01-31T12:00:00Z")).build();
    ObjectNode json = SdkShapes.toJson(t);
    assertThat(json.toString()).isEqualTo("{\"CreationDateTime\":\"2026-01-31T12:00:00Z\"}");
    assertThat(SdkShapes.fromJson(json, ClusterTimeline.builder()).build()).isEqualTo(t);
  }

  @Test
  void wrongTypesAreAllReportedUnderTheirJsonPath() throws Exception {
    JsonNode bad =
        M.readTree(
            "{\"Name\":\"c\",\"VisibleToAllUsers\":\"yes\",\"Unknown\":1,\"LogUri\":null,"
                + "\"Tags\":{\"Key\":\"k\"},"
                + "\"Instances\":{\"InstanceGroups\":[{\"InstanceCount\":1},"
                + "{\"InstanceCount\":2.5,\"InstanceType\":[\"m5\"]}]},"
                + "\"Configurations\":[{\"Configurations\":[{\"Properties\":\"x\"}]}]}");

    assertThatThrownBy(() -> SdkShapes.fromJson(bad, RunJobFlowRequest.builder()))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).problems())
                    .extracting(Problem::path)
                    .containsExactly(
                        "Configurations[0].Configurations[0].Properties",
                        "Instances.InstanceGroups[1].InstanceCount",
                        "Instances.InstanceGroups[1].InstanceType",
                        "Tags",
                        "VisibleToAllUsers"));

    // the collecting variant reports under the caller's path and keeps the good members
    Problems p = Problems.root();
    RunJobFlowRequest.Builder b =
        SdkShapes.fromJson(bad, RunJobFlowRequest.builder(), p.at("Cluster"));
    assertThat(p.problems()).hasSize(5);
    assertThat(p.problems().get(0).path())
        .isEqualTo("Cluster.Configurations[0].Configurations[0].Properties");
    RunJobFlowRequest partial = b.build();
    assertThat(partial.name()).isEqualTo("c");
    assertThat(partial.instances().instanceGroups().get(0).instanceCount()).isEqualTo(1);
  }
}
