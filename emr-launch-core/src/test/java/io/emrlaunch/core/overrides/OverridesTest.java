package io.emrlaunch.core.overrides;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import io.emrlaunch.core.launch.RunJobFlowRequests;
import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.Market;
import io.emrlaunch.core.model.OverrideType;
import io.emrlaunch.core.model.PresetOptions;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

class OverridesTest {

  static ClusterConfiguration groups() {
    return ClusterPresets.instanceGroups(PresetOptions.of("groups", "subnet-0abc"));
  }

  static AllowedOverride over(String name, String path, OverrideType type) {
    return AllowedOverride.builder().name(name).path(path).type(type).build();
  }

  @Test
  void appliesNamedOverridesAndReturnsANewValidatedConfiguration() {
    ClusterConfiguration config = groups();
    ClusterConfiguration out =
        Overrides.apply(
            config,
            Map.of(
                "CoreInstanceCount", 10,
                "CoreInstanceType", "r5.2xlarge",
                "MasterInstanceMarket", "SPOT",
                "Subnet", "subnet-0def",
                "ReleaseLabel", "emr-7.5.0"));
    assertThat(out.instances().coreGroup().get().instanceCount()).isEqualTo(10);
    assertThat(out.instances().coreGroup().get().instanceType()).isEqualTo("r5.2xlarge");
    assertThat(out.instances().masterGroup().get().market()).isEqualTo(Market.SPOT);
    assertThat(out.instances().ec2SubnetId()).contains("subnet-0def");
    assertThat(out.releaseLabel()).isEqualTo("emr-7.5.0");
    // the input is untouched, everything else is kept
    assertThat(config.instances().coreGroup().get().instanceCount()).isEqualTo(2);
    assertThat(out.withReleaseLabel(config.releaseLabel()).withInstances(config.instances()))
        .isEqualTo(config);
  }

  @Test
  void nothingRequestedReturnsTheSameConfiguration() {
    ClusterConfiguration config = groups();
    assertThat(Overrides.apply(config, Map.of())).isSameAs(config);
  }

  @Test
  void unknownNamesAndRawPathsAreRejectedByName() {
    assertThatThrownBy(
            () ->
                Overrides.apply(
                    groups(),
                    Map.of(
                        "NoSuchThing", 1,
                        "instances.coreGroup.instanceCount", 3,
                        "releaseLabel", "emr-7.5.0")))
        .isInstanceOfSatisfying(
            InvalidOverrideException.class,
            e -> {
              assertThat(e.problems())
                  .extracting(Problem::path)
                  .containsExactly(
                      "overrides.NoSuchThing",
                      "overrides.instances.coreGroup.instanceCount",
                      "overrides.releaseLabel");
              assertThat(e.problems().get(0).message()).startsWith("is not an allowed override");
              assertThat(e.problems().get(1).message()).startsWith("is a field path");
              assertThat(e.problems().get(2).message()).startsWith("is a field path");
            });
  }

  @Test
  void noAllowListMeansNoOverrides() {
    assertThatThrownBy(() -> Overrides.apply(groups(), List.of(), Map.of("CoreInstanceCount", 3)))
        .isInstanceOf(InvalidOverrideException.class)
        .hasMessageContaining("overrides.CoreInstanceCount: is not allowed");
  }

  @Test
  void pythonDefectFixed_nullValuedFieldsCanBeSet() {
    // aws-emr-launch refused to override a key whose current value is null (Ec2KeyName,
    // CustomAmiId)
    List<AllowedOverride> allow =
        List.of(
            over("KeyName", "instances.ec2KeyName", OverrideType.STRING),
            over("Ami", "customAmiId", OverrideType.STRING),
            over("IdleTimeout", "autoTerminationIdleTimeoutSeconds", OverrideType.INTEGER),
            over("MinUnits", "managedScaling.minimumCapacityUnits", OverrideType.INTEGER));
    ClusterConfiguration out =
        Overrides.apply(
            groups(), allow, Map.of("KeyName", "ops", "Ami", "ami-0123", "IdleTimeout", 3600));
    assertThat(out.instances().ec2KeyName()).contains("ops");
    assertThat(out.customAmiId()).contains("ami-0123");
    assertThat(out.autoTerminationIdleTimeoutSeconds()).contains(3600L);
    // filling part of an absent object that has other required fields names what is missing
    assertThatThrownBy(() -> Overrides.apply(groups(), allow, Map.of("MinUnits", 2)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("managedScaling");
  }

  @Test
  void pythonDefectFixed_listTerminalPathsWork() {
    List<AllowedOverride> allow =
        List.of(
            over("SecondApp", "applications.1", OverrideType.STRING),
            over("TenthApp", "applications.9", OverrideType.STRING));
    ClusterConfiguration out = Overrides.apply(groups(), allow, Map.of("SecondApp", "Trino"));
    assertThat(out.applications()).containsExactly("Hadoop", "Trino", "Spark");
    assertThatThrownBy(() -> Overrides.apply(groups(), allow, Map.of("TenthApp", "Trino")))
        .isInstanceOf(InvalidOverrideException.class)
        .hasMessageContaining("overrides.TenthApp: cannot be applied: \"applications\" has 3");
  }

  @Test
  void pythonDefectFixed_aBoundOfZeroCounts() {
    AllowedOverride spot =
        AllowedOverride.builder()
            .name("CoreInstanceSpotCount")
            .path("instances.coreFleet.targetSpotCapacity")
            .type(OverrideType.INTEGER)
            .minimum(0.0)
            .maximum(0.0)
            .build();
    ClusterConfiguration fleets =
        ClusterPresets.instanceFleets(PresetOptions.of("fleets", "subnet-0abc"));
    assertThatThrownBy(
            () -> Overrides.apply(fleets, List.of(spot), Map.of("CoreInstanceSpotCount", -1)))
        .isInstanceOf(InvalidOverrideException.class)
        .hasMessageContaining("overrides.CoreInstanceSpotCount: must be >= 0 (was -1)");
    assertThatThrownBy(
            () -> Overrides.apply(fleets, List.of(spot), Map.of("CoreInstanceSpotCount", 4)))
        .hasMessageContaining("must be <= 0 (was 4)");
    assertThat(
            Overrides.apply(fleets, List.of(spot), Map.of("CoreInstanceSpotCount", 0))
                .instances()
                .coreFleet()
                .get()
                .targetSpotCapacity())
        .isZero();
  }

  @Test
  void pythonDefectFixed_typesAndEnumValuesAreChecked() {
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("CoreInstanceCount", "10"); // a string for a number
    bad.put("CoreInstanceMarket", "CHEAP"); // not a market
    bad.put("CoreInstanceType", 5); // a number for a string
    bad.put("StepConcurrencyLevel", true); // Python counted bool as int
    bad.put("MasterInstanceType", null);
    assertThatThrownBy(() -> Overrides.apply(groups(), bad))
        .isInstanceOfSatisfying(
            InvalidOverrideException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::toString)
                    .containsExactly(
                        "overrides.CoreInstanceCount: must be a whole number (was the string \"10\")",
                        "overrides.CoreInstanceMarket: must be one of [ON_DEMAND, SPOT] (was \"CHEAP\")",
                        "overrides.CoreInstanceType: must be a string (was 5)",
                        "overrides.MasterInstanceType: must not be null",
                        "overrides.StepConcurrencyLevel: must be a whole number (was true)"));
  }

  @Test
  void wholeDecimalsAndJsonNodesAreAcceptedForIntegers() {
    ClusterConfiguration out =
        Overrides.apply(
            groups(), Map.of("CoreInstanceCount", 4.0, "StepConcurrencyLevel", IntNode.valueOf(3)));
    assertThat(out.instances().coreGroup().get().instanceCount()).isEqualTo(4);
    assertThat(out.stepConcurrencyLevel()).contains(3);
    assertThatThrownBy(() -> Overrides.apply(groups(), Map.of("CoreInstanceCount", 4.5)))
        .hasMessageContaining("must be a whole number (was 4.5)");
  }

  @Test
  void allowedValuesAreEnforced() {
    AllowedOverride type =
        AllowedOverride.builder()
            .name("CoreInstanceType")
            .path("instances.coreGroup.instanceType")
            .addAllowedValues("m5.xlarge", "r5.xlarge")
            .build();
    assertThat(
            Overrides.apply(groups(), List.of(type), Map.of("CoreInstanceType", "r5.xlarge"))
                .instances()
                .coreGroup()
                .get()
                .instanceType())
        .isEqualTo("r5.xlarge");
    assertThatThrownBy(
            () ->
                Overrides.apply(groups(), List.of(type), Map.of("CoreInstanceType", "x1.32xlarge")))
        .hasMessageContaining(
            "overrides.CoreInstanceType: must be one of [m5.xlarge, r5.xlarge] (was the string \"x1.32xlarge\")");
  }

  @Test
  void resultIsValidatedAsAWhole() {
    assertThatThrownBy(() -> Overrides.apply(groups(), Map.of("ReleaseLabel", "6.6")))
        .isInstanceOf(ValidationException.class)
        .isNotInstanceOf(InvalidOverrideException.class)
        .hasMessageContaining("releaseLabel: must be an EMR release label");
    assertThatThrownBy(() -> Overrides.apply(groups(), Map.of("CoreInstanceCount", -2)))
        .hasMessageContaining("instances.coreGroup.instanceCount: must be >= 0 (was -2)");
  }

  @Test
  void badAllowListEntriesAreReportedByTheConfigurationAndNotApplied() {
    ClusterConfiguration bad =
        groups()
            .withAllowedOverrides(
                over("Nope", "instances.coreGroup.size", OverrideType.INTEGER),
                over("WrongType", "instances.coreGroup.instanceCount", OverrideType.STRING),
                over("Whole", "instances.coreGroup", OverrideType.STRING),
                over("Whole", "releaseLabel", OverrideType.STRING),
                AllowedOverride.builder()
                    .name("Bounds")
                    .path("stepConcurrencyLevel")
                    .type(OverrideType.INTEGER)
                    .minimum(5.0)
                    .maximum(1.0)
                    .build());
    assertThat(bad.validationProblems())
        .extracting(Problem::toString)
        .contains(
            "allowedOverrides[0].path: \"instances.coreGroup\" has no field \"size\" (path \"instances.coreGroup.size\")",
            "allowedOverrides[1].type: is STRING but \"instances.coreGroup.instanceCount\" holds a int",
            "allowedOverrides[2].path: must name a single value, not a InstanceGroupConfig (path \"instances.coreGroup\")",
            "allowedOverrides[3].name: is declared twice (\"Whole\")",
            "allowedOverrides[4].minimum: must be <= maximum (5.0 > 1.0)");
    assertThatThrownBy(() -> Overrides.apply(bad, Map.of("Nope", 3)))
        .isInstanceOf(InvalidOverrideException.class)
        .hasMessageContaining("overrides.Nope.path: \"instances.coreGroup\" has no field \"size\"");
  }

  @Test
  void clusterNameOverrideMovesTheLogUri() {
    // aws-emr-launch computed LogUri before the ClusterName override; here the name is applied
    // first
    EmrProfile profile =
        EmrProfile.builder()
            .name("p")
            .serviceRole("EMR_DefaultRole")
            .instanceRole("EMR_EC2_DefaultRole")
            .logsBucket("logs")
            .build();
    ClusterConfiguration out = Overrides.apply(groups(), Map.of("ClusterName", "nightly-2"));
    RunJobFlowRequest request = RunJobFlowRequests.from(profile, out, null, Map.of());
    assertThat(request.name()).isEqualTo("nightly-2");
    assertThat(request.logUri()).isEqualTo("s3://logs/elasticmapreduce/nightly-2/");
  }

  @Test
  void launchFunctionAllowListWinsWhenPresentElseTheConfigurations() {
    LaunchFunction open =
        LaunchFunction.builder()
            .name("f")
            .profile(RecordRef.of("p"))
            .configuration(RecordRef.of("groups"))
            .clusterName("c")
            .build();
    LaunchFunction narrow =
        LaunchFunction.builder()
            .from(open)
            .addAllowedOverrides(over("ClusterName", "clusterName", OverrideType.STRING))
            .build();
    assertThat(Overrides.apply(open, groups(), Map.of("CoreInstanceCount", 3)).instances())
        .satisfies(i -> assertThat(i.coreGroup().get().instanceCount()).isEqualTo(3));
    assertThatThrownBy(() -> Overrides.apply(narrow, groups(), Map.of("CoreInstanceCount", 3)))
        .isInstanceOf(InvalidOverrideException.class)
        .hasMessageContaining("allowed: [ClusterName]");
  }

  @Test
  void mapEntriesAndBooleansCanBeOverridden() {
    List<AllowedOverride> allow =
        List.of(
            over("Owner", "tags.Owner", OverrideType.STRING),
            over("Protect", "instances.terminationProtected", OverrideType.BOOLEAN));
    ClusterConfiguration out =
        Overrides.apply(groups(), allow, Map.of("Owner", "team-a", "Protect", true));
    assertThat(out.tags()).containsEntry("Owner", "team-a");
    assertThat(out.instances().terminationProtected()).isTrue();
    assertThatThrownBy(() -> Overrides.apply(groups(), allow, Map.of("Protect", "yes")))
        .hasMessageContaining("overrides.Protect: must be true or false (was the string \"yes\")");
  }

  @Test
  void launchFunctionNameIsAppliedFirstAndAClusterNameOverrideWins() {
    EmrProfile profile =
        EmrProfile.builder()
            .name("p")
            .serviceRole("EMR_DefaultRole")
            .instanceRole("EMR_EC2_DefaultRole")
            .logsBucket("logs")
            .build();
    LaunchFunction function =
        LaunchFunction.builder()
            .name("f")
            .profile(RecordRef.of("p"))
            .configuration(RecordRef.of("groups"))
            .clusterName("nightly")
            .build();
    ClusterConfiguration plain = Overrides.apply(function, groups(), Map.of());
    assertThat(RunJobFlowRequests.from(profile, plain, null, Map.of()).name()).isEqualTo("nightly");
    ClusterConfiguration renamed =
        Overrides.apply(function, groups(), Map.of("ClusterName", "nightly-rerun"));
    RunJobFlowRequest r = RunJobFlowRequests.from(profile, renamed, null, Map.of());
    assertThat(r.name()).isEqualTo("nightly-rerun");
    assertThat(r.logUri()).isEqualTo("s3://logs/elasticmapreduce/nightly-rerun/");
  }
}
