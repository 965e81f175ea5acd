package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.json.AwsEmrLaunchFormat;
import io.emrlaunch.core.json.EmrLaunchFormat;
import io.emrlaunch.core.json.EmrLaunchJson;
import io.emrlaunch.core.launch.internal.RunJobFlowExclusions;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.ManagedScalingPolicy;
import io.emrlaunch.core.model.PlacementGroupConfig;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * The whole {@code RunJobFlowRequest} of the SDK on the classpath is reachable from the model:
 * every member, at any depth (walked through the SDK's own field metadata), is either set in a
 * request {@link RunJobFlowRequests} produces from model values that set everything, or on the
 * documented exclusion list ({@link RunJobFlowExclusions}, mirrored in docs/model.md). A new SDK
 * member makes this test fail until it is modelled or excluded with a reason.
 */
class RunJobFlowSurfaceTest {

  /** Every member path of the SDK shape ({@code []} list element, {@code {}} map value). */
  static Set<String> schemaPaths() {
    Set<String> out = new TreeSet<>();
    schema("", RunJobFlowRequest.builder(), new ArrayDeque<>(), out);
    return out;
  }

  private static void schema(String prefix, SdkPojo pojo, Deque<Class<?>> seen, Set<String> out) {
    seen.push(pojo.getClass());
    for (SdkField<?> f : pojo.sdkFields()) {
      String path = prefix + f.memberName();
      out.add(path);
      SdkField<?> leaf = f;
      String suffix = "";
      while (leaf.marshallingType() == MarshallingType.LIST
          || leaf.marshallingType() == MarshallingType.MAP) {
        if (leaf.marshallingType() == MarshallingType.LIST) {
          leaf = leaf.getTrait(ListTrait.class).memberFieldInfo();
          suffix += "[]";
        } else {
          leaf = leaf.getTrait(MapTrait.class).valueFieldInfo();
          suffix += "{}";
        }
      }
      if (leaf.marshallingType() == MarshallingType.SDK_POJO) {
        SdkPojo child = (SdkPojo) leaf.constructor().get();
        // a recursive shape (Configuration.Configurations) is walked once
        if (!seen.contains(child.getClass())) {
          schema(path + suffix + ".", child, seen, out);
        }
      }
    }
    seen.pop();
  }

  /** The member paths a request actually sets (non-null, lists and maps non-empty). */
  static Set<String> setPaths(Collection<RunJobFlowRequest> requests) {
    Set<String> out = new TreeSet<>();
    requests.forEach(r -> set("", r, out));
    return out;
  }

  private static void set(String prefix, SdkPojo pojo, Set<String> out) {
    for (SdkField<?> f : pojo.sdkFields()) {
      value(prefix + f.memberName(), f, f.getValueOrDefault(pojo), true, out);
    }
  }

  private static void value(
      String path, SdkField<?> field, Object v, boolean record, Set<String> out) {
    if (v == null
        || v instanceof SdkAutoConstructList<?>
        || v instanceof SdkAutoConstructMap<?, ?>) {
      return;
    }
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.LIST) {
      List<?> list = (List<?>) v;
      if (list.isEmpty()) {
        return;
      }
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      list.forEach(item -> value(path + "[]", member, item, false, out));
    } else if (type == MarshallingType.MAP) {
      Map<?, ?> map = (Map<?, ?>) v;
      if (map.isEmpty()) {
        return;
      }
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      map.values().forEach(item -> value(path + "{}", member, item, false, out));
    } else if (type == MarshallingType.SDK_POJO) {
      set(path + ".", (SdkPojo) v, out);
    }
    if (record) {
      out.add(path);
    }
  }

  static boolean excluded(String path) {
    return RunJobFlowExclusions.EXCLUDED.keySet().stream()
        .anyMatch(e -> path.equals(e) || path.startsWith(e + ".") || path.startsWith(e + "["));
  }

  static List<RunJobFlowRequest> fullRequests() {
    return List.of(
        RunJobFlowRequests.from(
            RunJobFlowSurfaceFixtures.profile(),
            RunJobFlowSurfaceFixtures.groups(),
            "",
            Map.of("launch", "tag"),
            RunJobFlowSurfaceFixtures.steps()),
        RunJobFlowRequests.from(
            RunJobFlowSurfaceFixtures.profile(),
            RunJobFlowSurfaceFixtures.fleets(),
            "",
            Map.of("launch", "tag"),
            RunJobFlowSurfaceFixtures.steps()));
  }

  @Test
  void everySdkMemberIsReachableFromTheModelOrExcludedWithAReason() {
    Set<String> schema = schemaPaths();
    Set<String> reached = setPaths(fullRequests());
    assertThat(schema)
        .as("the walk sees nested members")
        .contains(
            "Instances.InstanceFleets[].ResizeSpecifications.OnDemandResizeSpecification"
                + ".CapacityReservationOptions.CapacityReservationResourceGroupArn",
            "Steps[].StepMonitoringConfiguration.S3MonitoringConfiguration.EncryptionKeyArn",
            "MonitoringConfiguration.S3LoggingConfiguration.LogTypeUploadPolicy");
    Set<String> missing = new TreeSet<>();
    for (String path : schema) {
      if (!reached.contains(path) && !excluded(path)) {
        missing.add(path);
      }
    }
    assertThat(missing)
        .as(
            "RunJobFlowRequest members neither set from the model nor in"
                + " RunJobFlowExclusions (model them, or exclude them with a reason)")
        .isEmpty();
  }

  @Test
  void exclusionsAreRealMembersThatTheModelDoesNotSet() {
    Set<String> schema = schemaPaths();
    Set<String> reached = setPaths(fullRequests());
    for (Map.Entry<String, String> e : RunJobFlowExclusions.EXCLUDED.entrySet()) {
      assertThat(schema).as("excluded member exists in the SDK").contains(e.getKey());
      assertThat(reached).as("excluded member is not set by the model").doesNotContain(e.getKey());
      assertThat(e.getValue()).as("reason of " + e.getKey()).isNotBlank();
    }
  }

  @Test
  void docsModelMdListsExactlyTheExclusions() throws Exception {
    String all = Files.readString(projectRoot().resolve("docs/model.md"));
    int table = all.indexOf("| Excluded member | Why |");
    assertThat(table).as("docs/model.md has the exclusion table").isPositive();
    String doc = all.substring(table);
    int end = doc.indexOf("\n\n");
    doc = end < 0 ? doc : doc.substring(0, end);
    Set<String> documented = new TreeSet<>();
    var m =
        java.util.regex.Pattern.compile("(?m)^\\| `([A-Za-z.\\[\\]]+)` \\| (.+) \\|$").matcher(doc);
    while (m.find()) {
      documented.add(m.group(1));
      assertThat(RunJobFlowExclusions.EXCLUDED.get(m.group(1)))
          .as("docs/model.md reason of " + m.group(1))
          .isEqualTo(m.group(2).strip());
    }
    assertThat(documented).isEqualTo(new TreeSet<>(RunJobFlowExclusions.EXCLUDED.keySet()));
  }

  @Test
  void theNewFieldsArriveWithTheirWireValues() {
    RunJobFlowRequest groups = fullRequests().get(0);
    RunJobFlowRequest fleets = fullRequests().get(1);
    assertThat(groups.additionalInfo())
        .isEqualTo("{\"instanceAwsClientConfiguration\":{\"proxyPort\":8099}}");
    assertThat(groups.repoUpgradeOnBootAsString()).isEqualTo("NONE");
    assertThat(groups.extendedSupport()).isTrue();
    assertThat(groups.sessionEnabled()).isTrue();
    assertThat(groups.stepExecutionRoleArn()).isEqualTo(RunJobFlowSurfaceFixtures.ROLE);
    assertThat(groups.placementGroupConfigs().get(0).instanceRoleAsString()).isEqualTo("MASTER");
    assertThat(groups.placementGroupConfigs().get(0).placementStrategyAsString())
        .isEqualTo("SPREAD");
    var spark = groups.applications().get(1);
    assertThat(spark.name()).isEqualTo("Spark");
    assertThat(spark.version()).isEqualTo("3.5.2");
    assertThat(spark.args()).containsExactly("--verbose");
    assertThat(spark.additionalInfo()).containsEntry("mode", "advanced");
    assertThat(groups.applications().get(0).version()).isNull();
    assertThat(groups.managedScalingPolicy().scalingStrategyAsString()).isEqualTo("ADVANCED");
    assertThat(groups.managedScalingPolicy().utilizationPerformanceIndex()).isEqualTo(75);
    var monitoring = groups.monitoringConfiguration();
    assertThat(monitoring.cloudWatchLogConfiguration().logTypes())
        .containsEntry("STEP_LOGS", List.of("STDOUT", "STDERR"));
    assertThat(monitoring.s3LoggingConfiguration().logTypeUploadPolicyAsStrings())
        .containsEntry("system-logs", "on-customer-s3only")
        .containsEntry("application-logs", "emr-managed");
    var step = groups.steps().get(0).stepMonitoringConfiguration().s3MonitoringConfiguration();
    assertThat(step.logUri()).isEqualTo("s3://step-logs/jar/");
    assertThat(step.encryptionKeyArn()).isEqualTo(RunJobFlowSurfaceFixtures.KEY);
    var core = fleets.instances().instanceFleets().get(1);
    var reservation =
        core.launchSpecifications().onDemandSpecification().capacityReservationOptions();
    assertThat(reservation.usageStrategyAsString()).isEqualTo("use-capacity-reservations-first");
    assertThat(reservation.capacityReservationPreferenceAsString()).isEqualTo("open");
    assertThat(core.resizeSpecifications().spotResizeSpecification().timeoutDurationMinutes())
        .isEqualTo(60);
    assertThat(
            core.resizeSpecifications().onDemandResizeSpecification().allocationStrategyAsString())
        .isEqualTo("prioritized");
    assertThat(core.context()).isEqualTo("reserved");
  }

  @Test
  void bothCodecsRoundTripEveryField() {
    for (ClusterConfiguration c :
        List.of(RunJobFlowSurfaceFixtures.groups(), RunJobFlowSurfaceFixtures.fleets())) {
      EmrLaunchFormat<ClusterConfiguration> ours = EmrLaunchFormat.of(ClusterConfiguration.class);
      assertThat(ours.read(ours.write(c))).isEqualTo(c);
      String record = AwsEmrLaunchFormat.configurations().write(c);
      assertThat(AwsEmrLaunchFormat.configurations().read(record)).isEqualTo(c);
      assertThat(
              AwsEmrLaunchFormat.configurations()
                  .write(AwsEmrLaunchFormat.configurations().read(record)))
          .isEqualTo(record);
    }
    EmrLaunchFormat<EmrStep> steps = EmrLaunchFormat.of(EmrStep.class);
    EmrStep step = RunJobFlowSurfaceFixtures.steps().get(0);
    assertThat(steps.read(steps.write(step))).isEqualTo(step);
  }

  @Test
  void theAwsRecordStoresTheNewFieldsInRunJobFlowCase() throws Exception {
    JsonNode cluster =
        EmrLaunchJson.reader()
            .readTree(AwsEmrLaunchFormat.configurations().write(RunJobFlowSurfaceFixtures.fleets()))
            .get("ClusterConfiguration");
    assertThat(cluster.get("RepoUpgradeOnBoot").asText()).isEqualTo("NONE");
    assertThat(cluster.get("AdditionalInfo").asText()).contains("proxyPort");
    assertThat(cluster.get("ExtendedSupport").asBoolean()).isTrue();
    assertThat(cluster.at("/PlacementGroupConfigs/0/PlacementStrategy").asText())
        .isEqualTo("SPREAD");
    assertThat(cluster.at("/Applications/1/Version").asText()).isEqualTo("3.5.2");
    assertThat(cluster.at("/ManagedScalingPolicy/ScalingStrategy").asText()).isEqualTo("DEFAULT");
    assertThat(
            cluster
                .at(
                    "/MonitoringConfiguration/S3LoggingConfiguration/LogTypeUploadPolicy/system-logs")
                .asText())
        .isEqualTo("on-customer-s3only");
    assertThat(
            cluster
                .at(
                    "/Instances/InstanceFleets/1/ResizeSpecifications/OnDemandResizeSpecification"
                        + "/CapacityReservationOptions/CapacityReservationPreference")
                .asText())
        .isEqualTo("open");
  }

  @Test
  void aPythonStyleRecordWithTheNewKeysLoads() {
    String record =
        """
        {"ConfigurationName": "py", "Namespace": "default", "Description": null,
         "ClusterConfiguration": {
           "AdditionalInfo": "{\\"a\\": 1}", "AmiVersion": null,
           "Applications": [{"Name": "Spark", "Version": "3.5.0", "Args": ["-x"]}],
           "ReleaseLabel": "emr-7.5.0", "RepoUpgradeOnBoot": "SECURITY",
           "ManagedScalingPolicy": {"ComputeLimits": {"UnitType": "Instances",
               "MinimumCapacityUnits": 1, "MaximumCapacityUnits": 4},
             "ScalingStrategy": "ADVANCED", "UtilizationPerformanceIndex": 25},
           "PlacementGroupConfigs": [{"InstanceRole": "MASTER"}],
           "Instances": {"InstanceGroups": [
             {"InstanceRole": "MASTER", "InstanceType": "m5.xlarge", "InstanceCount": 1}]},
           "Tags": []},
         "OverrideInterfaces": {"default": {}}, "ConfigurationArtifacts": [],
         "SecretConfigurations": null}
        """;
    ClusterConfiguration c = AwsEmrLaunchFormat.configurations().read(record);
    assertThat(c.additionalInfo()).contains("{\"a\": 1}");
    assertThat(c.applicationOptions().get("Spark").version()).contains("3.5.0");
    assertThat(c.applicationOptions().get("Spark").args()).containsExactly("-x");
    assertThat(c.repoUpgradeOnBoot())
        .hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("SECURITY"));
    assertThat(c.managedScaling().orElseThrow().scalingStrategy())
        .contains(ManagedScalingPolicy.ScalingStrategy.ADVANCED);
    assertThat(c.managedScaling().orElseThrow().utilizationPerformanceIndex()).contains(25);
    assertThat(c.placementGroupConfigs())
        .containsExactly(
            PlacementGroupConfig.builder().instanceRole(PlacementGroupConfig.Role.MASTER).build());
  }

  @Test
  void unknownEnumValuesInARecordAreReportedWithTheirPath() {
    String record =
        """
        {"ConfigurationName": "py", "ClusterConfiguration": {
           "ReleaseLabel": "emr-7.5.0", "RepoUpgradeOnBoot": "ALL",
           "PlacementGroupConfigs": [{"InstanceRole": "EDGE", "PlacementStrategy": "SPREAD"}],
           "MonitoringConfiguration": {"S3LoggingConfiguration":
             {"LogTypeUploadPolicy": {"system-logs": "sometimes"}}},
           "Instances": {"InstanceGroups": [
             {"InstanceRole": "MASTER", "InstanceType": "m5.xlarge", "InstanceCount": 1}]}}}
        """;
    assertThatThrownBy(() -> AwsEmrLaunchFormat.configurations().read(record))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::path)
                    .contains(
                        "ClusterConfiguration.RepoUpgradeOnBoot",
                        "ClusterConfiguration.PlacementGroupConfigs[0].InstanceRole",
                        "ClusterConfiguration.MonitoringConfiguration.S3LoggingConfiguration"
                            + ".LogTypeUploadPolicy.system-logs"));
  }

  @Test
  void badValuesOfTheNewFieldsAreRefusedWithTheirPaths() {
    ClusterConfiguration groups = RunJobFlowSurfaceFixtures.groups();
    ClusterConfiguration bad =
        groups
            .withAdditionalInfo("not json")
            .withApplicationOptions(Map.of("Hue", groups.applicationOptions().get("Spark")))
            .withPlacementGroupConfigs(
                PlacementGroupConfig.of(
                    PlacementGroupConfig.Role.MASTER, PlacementGroupConfig.Strategy.SPREAD),
                PlacementGroupConfig.of(
                    PlacementGroupConfig.Role.MASTER, PlacementGroupConfig.Strategy.CLUSTER))
            .withManagedScaling(
                groups
                    .managedScaling()
                    .orElseThrow()
                    .withScalingStrategy(ManagedScalingPolicy.ScalingStrategy.DEFAULT)
                    .withUtilizationPerformanceIndex(60));
    ClusterConfiguration fleets = RunJobFlowSurfaceFixtures.fleets();
    var core = fleets.instances().coreFleet().orElseThrow();
    ClusterConfiguration badFleets =
        fleets.withInstances(
            fleets
                .instances()
                .withCoreFleet(
                    core.withResizeSpecification(
                            core.resizeSpecification().orElseThrow().withSpotTimeoutMinutes(2))
                        .withLaunchSpecification(
                            core.launchSpecification()
                                .orElseThrow()
                                .withOnDemandAllocationStrategy(java.util.Optional.empty()))));
    EmrStep step =
        RunJobFlowSurfaceFixtures.steps()
            .get(0)
            .withLogUri("/tmp/logs")
            .withLogEncryptionKeyArn("k");
    assertThat(bad.validationProblems())
        .extracting(Problem::path)
        .containsExactlyInAnyOrder(
            "additionalInfo",
            "applicationOptions.Hue",
            "placementGroupConfigs[1].instanceRole",
            "managedScaling.utilizationPerformanceIndex",
            "managedScaling.utilizationPerformanceIndex");
    assertThat(badFleets.validationProblems())
        .extracting(Problem::path)
        .containsExactlyInAnyOrder(
            "instances.coreFleet.resizeSpecification.spotTimeoutMinutes",
            "instances.coreFleet.launchSpecification.onDemandAllocationStrategy");
    assertThat(step.validationProblems())
        .extracting(Problem::path)
        .containsExactlyInAnyOrder("logUri", "logEncryptionKeyArn");
  }

  @Test
  void stepsOfOneRequestShareTheirExecutionRole() {
    EmrStep first = RunJobFlowSurfaceFixtures.steps().get(0);
    EmrStep other =
        first.withName("other").withExecutionRoleArn("arn:aws:iam::123456789012:role/Other");
    assertThatThrownBy(
            () ->
                RunJobFlowRequests.from(
                    RunJobFlowSurfaceFixtures.profile(),
                    RunJobFlowSurfaceFixtures.groups(),
                    "",
                    Map.of(),
                    List.of(first, other)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::path)
                    .containsExactly("steps[1].executionRoleArn"));
    RunJobFlowRequest none =
        RunJobFlowRequests.from(
            RunJobFlowSurfaceFixtures.profile(),
            RunJobFlowSurfaceFixtures.groups(),
            "",
            Map.of(),
            List.of(EmrStep.command("c", "true")));
    assertThat(none.stepExecutionRoleArn()).isNull();
  }

  @Test
  void overridesOfTheNewScalarsHaveAnAwsEmrLaunchPath() {
    ClusterConfiguration c = RunJobFlowSurfaceFixtures.groups();
    Map<String, String> expected =
        Map.of(
            "repoUpgradeOnBoot", "RepoUpgradeOnBoot",
            "additionalInfo", "AdditionalInfo",
            "extendedSupport", "ExtendedSupport",
            "sessionEnabled", "SessionEnabled",
            "managedScaling.scalingStrategy", "ManagedScalingPolicy.ScalingStrategy",
            "managedScaling.utilizationPerformanceIndex",
                "ManagedScalingPolicy.UtilizationPerformanceIndex");
    expected.forEach(
        (ours, aws) -> {
          var o = io.emrlaunch.core.model.AllowedOverride.builder().name("X").path(ours).build();
          assertThat(AwsEmrLaunchFormat.runJobFlowPath(o, c)).as(ours).hasValue(aws);
        });
    // and the stored record with such overrides reads back with the same allow-list
    ClusterConfiguration withOverrides =
        c.withAllowedOverrides(
            io.emrlaunch.core.model.AllowedOverride.builder()
                .name("Repo")
                .path("repoUpgradeOnBoot")
                .addAllowedValues("SECURITY", "NONE")
                .build(),
            io.emrlaunch.core.model.AllowedOverride.builder()
                .name("Index")
                .path("managedScaling.utilizationPerformanceIndex")
                .type(io.emrlaunch.core.model.OverrideType.INTEGER)
                .build());
    String record = AwsEmrLaunchFormat.configurations().write(withOverrides);
    assertThat(AwsEmrLaunchFormat.configurations().read(record).allowedOverrides())
        .isEqualTo(withOverrides.allowedOverrides());
  }

  private static Path projectRoot() {
    for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        d != null;
        d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("docs/model.md"))) {
        return d;
      }
    }
    throw new IllegalStateException(
        "docs/model.md not found above " + System.getProperty("user.dir"));
  }
}
