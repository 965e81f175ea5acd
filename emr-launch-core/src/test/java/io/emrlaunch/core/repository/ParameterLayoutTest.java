package io.emrlaunch.core.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParameterLayoutTest {

  @Test
  void defaultLayoutMatchesAwsEmrLaunch() {
    ParameterLayout l = ParameterLayout.defaultLayout();
    assertThat(l.parameterName(RecordKind.PROFILE, "default", "p"))
        .isEqualTo("/emr_launch/emr_profiles/default/p");
    assertThat(l.parameterName(RecordKind.CONFIGURATION, "team", "c"))
        .isEqualTo("/emr_launch/cluster_configurations/team/c");
    assertThat(l.parameterName(RecordKind.LAUNCH_FUNCTION, "default", "f"))
        .isEqualTo("/emr_launch/emr_launch_functions/default/f");
    assertThat(l.folder(RecordKind.PROFILE, "default"))
        .isEqualTo("/emr_launch/emr_profiles/default/");
  }

  @Test
  void customRootIsNormalisedAndChecked() {
    assertThat(ParameterLayout.withRoot("/platform/emr/").root()).isEqualTo("/platform/emr");
    assertThatThrownBy(() -> ParameterLayout.withRoot("relative"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ParameterLayout.withRoot("/"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ParameterLayout.withRoot("/aws/emr"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ParameterLayout.withRoot("/a b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ParameterLayout.withRoot("/a//b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ParameterLayout.withRoot("/1/2/3/4/5/6/7/8/9/10/11/12"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ParameterLayout.withRoot("/1/2/3/4/5/6/7/8/9/10/11").kindFolder(RecordKind.PROFILE))
        .isEqualTo("/1/2/3/4/5/6/7/8/9/10/11/emr_profiles");
    assertThat(ParameterLayout.defaultLayout().lockName(RecordKind.CONFIGURATION, "ns", "c"))
        .isEqualTo("/emr_launch/_locks/cluster_configurations/ns/c");
  }
}
