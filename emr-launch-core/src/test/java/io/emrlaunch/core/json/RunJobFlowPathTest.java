package io.emrlaunch.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.PresetOptions;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunJobFlowPathTest {

  private static AllowedOverride at(String path) {
    return AllowedOverride.builder().name("X").path(path).build();
  }

  @Test
  void translatesModelPathsToTheStoredRequest() {
    ClusterConfiguration groups =
        ClusterPresets.instanceGroups(PresetOptions.of("c", "subnet-0abc"));
    assertThat(AwsEmrLaunchFormat.runJobFlowPath(at("clusterName"), groups)).hasValue("Name");
    assertThat(AwsEmrLaunchFormat.runJobFlowPath(at("releaseLabel"), groups))
        .hasValue("ReleaseLabel");
    assertThat(AwsEmrLaunchFormat.runJobFlowPath(at("instances.coreGroup.instanceCount"), groups))
        .hasValue("Instances.InstanceGroups.1.InstanceCount");
    assertThat(AwsEmrLaunchFormat.runJobFlowPath(at("logsBucket"), groups)).isEmpty();
  }

  @Test
  void listPositionsFollowTheConfiguration() {
    ClusterConfiguration groups =
        ClusterPresets.instanceGroups(PresetOptions.of("c", "subnet-0abc"));
    ClusterConfiguration coreOnly =
        groups.withInstances(groups.instances().withMasterGroup(Optional.empty()));
    assertThat(AwsEmrLaunchFormat.runJobFlowPath(at("instances.coreGroup.instanceCount"), coreOnly))
        .hasValue("Instances.InstanceGroups.0.InstanceCount");
    assertThat(AwsEmrLaunchFormat.runJobFlowPath(at("instances.coreGroup.instanceCount"), null))
        .hasValue("Instances.InstanceGroups.1.InstanceCount");
  }
}
