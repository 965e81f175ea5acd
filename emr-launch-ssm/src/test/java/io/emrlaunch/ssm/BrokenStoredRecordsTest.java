package io.emrlaunch.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.ParameterLayout;
import io.emrlaunch.core.repository.UnreadableRecordException;
import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, D4 through the store: an aws-emr-launch record with an object where a list belongs is
 * an {@link UnreadableRecordException}, never a {@code NullPointerException}; and a parameter root
 * with a {@code ..} segment is refused.
 */
class BrokenStoredRecordsTest {
  final FakeAws aws = FakeAws.create();
  final SsmRecordStore store = SsmRecordStore.builder().client(aws.ssmAsync()).build();

  void put(String name, String value) {
    aws.ssm().putParameter(r -> r.name(name).value(value).type("String").overwrite(true));
  }

  <T> Throwable failure(CompletableFuture<T> f) {
    return org.assertj.core.api.Assertions.catchThrowable(
        () -> aws.time().runUntil(f, Duration.ofSeconds(10)).join());
  }

  @Test
  void configurationArtifactsAsAnObjectIsUnreadable() {
    put(
        "/emr_launch/cluster_configurations/default/c",
        "{\"ConfigurationName\":\"c\",\"Namespace\":\"default\",\"ClusterConfiguration\":"
            + "{\"ReleaseLabel\":\"emr-7.5.0\",\"Instances\":{\"InstanceGroups\":[{\"Name\":\"M\","
            + "\"InstanceRole\":\"MASTER\",\"InstanceType\":\"m5.xlarge\",\"InstanceCount\":1}]}},"
            + "\"ConfigurationArtifacts\":{\"a\":1}}");
    Throwable t = failure(store.configurations().get(RecordRef.of("default", "c")));
    assertThat(t).hasRootCauseInstanceOf(io.emrlaunch.core.validation.ValidationException.class);
    assertThat(t.getCause()).isInstanceOf(UnreadableRecordException.class);
    assertThat(t.getCause().getMessage()).contains("ConfigurationArtifacts");
  }

  @Test
  void emrFsRoleMappingsAsAnObjectIsUnreadableThroughLoadLaunchInputs() {
    put(
        "/emr_launch/emr_profiles/default/p",
        "{\"ProfileName\":\"p\",\"Namespace\":\"default\",\"Roles\":{\"ServiceRole\":"
            + "\"EMR_DefaultRole\",\"InstanceRole\":\"EMR_EC2_DefaultRole\"},"
            + "\"EmrFsConfiguration\":{\"RoleMappings\":{\"a\":1}}}");
    put(
        "/emr_launch/cluster_configurations/default/c",
        "{\"ConfigurationName\":\"c\",\"Namespace\":\"default\",\"ClusterConfiguration\":"
            + "{\"ReleaseLabel\":\"emr-7.5.0\",\"Instances\":{\"InstanceGroups\":[{\"Name\":\"M\","
            + "\"InstanceRole\":\"MASTER\",\"InstanceType\":\"m5.xlarge\",\"InstanceCount\":1}]}}}");
    Throwable t =
        failure(store.loadLaunchInputs(RecordRef.of("default", "p"), RecordRef.of("default", "c")));
    assertThat(t.getCause()).isInstanceOf(UnreadableRecordException.class);
    assertThat(t.getCause().getMessage()).contains("EmrFsConfiguration.RoleMappings");
  }

  @Test
  void parameterRootWithDotDotIsRefused() {
    for (String root : new String[] {"/emr_launch/../x", "/..", "/a/./b"}) {
      assertThatThrownBy(() -> ParameterLayout.withRoot(root))
          .as(root)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'..'");
    }
    assertThat(ParameterLayout.withRoot("/platform/emr.launch").root())
        .isEqualTo("/platform/emr.launch");
  }
}
