package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ApplicationConfiguration;
import io.emrlaunch.core.model.BootstrapAction;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.core.model.OverrideType;
import io.emrlaunch.core.overrides.InvalidOverrideException;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, D10, D13 and redaction: garbage never reaches RunJobFlow, null override values are a
 * typed failure of the future, and secret values are never echoed.
 */
class HostileInputLaunchTest {
  static final String SECRET = "hunter2-s3cr3t-value";

  static ClusterConfiguration config(UnaryOperator<ClusterConfiguration> edit) {
    ClusterConfiguration base =
        ClusterConfiguration.builder()
            .from(ClusterLauncherTest.persistent())
            .addAllowedOverrides(
                AllowedOverride.builder()
                    .name("CoreInstanceCount")
                    .path("instances.coreGroup.instanceCount")
                    .type(OverrideType.INTEGER)
                    .build(),
                AllowedOverride.builder()
                    .name("CoreInstanceType")
                    .path("instances.coreGroup.instanceType")
                    .build(),
                AllowedOverride.builder()
                    .name("MetastorePassword")
                    .path("clusterName")
                    .addAllowedValues("a", "b")
                    .build())
            .build();
    return edit.apply(base);
  }

  private static Throwable launchFailure(FakeAws aws, ClusterConfiguration c, Map<String, ?> o) {
    ClusterLauncher launcher = ClusterLauncherFakeAwsTest.launcher(aws);
    CompletableFuture<LaunchedCluster> f =
        launcher.launch(
            r -> {
              r.profile(RunJobFlowRequestsTest.profile()).configuration(c).clusterName("etl");
              o.forEach(r::putOverrides);
            });
    aws.time().runUntil(f, Duration.ofMinutes(5));
    Throwable t = ClusterLauncherFakeAwsTest.failure(f);
    assertThat(aws.calls().count(FakeAws.EMR)).as("no EMR call").isZero();
    return t;
  }

  private static java.util.List<String> paths(Throwable t) {
    assertThat(t).isInstanceOf(ValidationException.class);
    return ((ValidationException) t).problems().stream().map(Problem::path).toList();
  }

  @Test
  void d10_nullOverrideValueFailsTheFutureWithATypedError() {
    FakeAws aws = FakeAws.builder().seed(1).build();
    Map<String, Object> o = new java.util.HashMap<>();
    o.put("CoreInstanceCount", null);
    Throwable t = launchFailure(aws, config(c -> c), o);
    // the launcher reports every problem of the request in one ValidationException
    assertThat(t).isInstanceOf(ValidationException.class);
    assertThat(paths(t)).containsExactly("overrides.CoreInstanceCount");
  }

  @Test
  void d13_garbageIdsAndPathsAreRefusedBeforeAnyCall() {
    record Case(String path, UnaryOperator<ClusterConfiguration> edit) {}
    InstanceGroupConfig master = InstanceGroupConfig.of("Master", "m5.xlarge", 1);
    var cases =
        java.util.List.of(
            new Case(
                "instances.masterGroup.instanceType",
                c ->
                    ClusterConfiguration.builder()
                        .from(c)
                        .instances(
                            ClusterInstances.builder()
                                .from(c.instances())
                                .masterGroup(InstanceGroupConfig.of("Master", "?", 1))
                                .build())
                        .build()),
            new Case(
                "instances.ec2SubnetId",
                c ->
                    ClusterConfiguration.builder()
                        .from(c)
                        .instances(
                            ClusterInstances.builder()
                                .from(c.instances())
                                .ec2SubnetId("s3://")
                                .build())
                        .build()),
            new Case(
                "instances.additionalMasterSecurityGroups[",
                c ->
                    ClusterConfiguration.builder()
                        .from(c)
                        .instances(
                            ClusterInstances.builder()
                                .from(c.instances())
                                .addAdditionalMasterSecurityGroups("*")
                                .build())
                        .build()),
            new Case(
                "instances.masterGroup.name",
                c ->
                    ClusterConfiguration.builder()
                        .from(c)
                        .instances(
                            ClusterInstances.builder()
                                .from(c.instances())
                                .masterGroup(
                                    InstanceGroupConfig.of("x".repeat(300), "m5.xlarge", 1))
                                .build())
                        .build()),
            new Case(
                "bootstrapActions[1].path",
                c ->
                    ClusterConfiguration.builder()
                        .from(c)
                        .addBootstrapActions(BootstrapAction.of("evil", "../x"))
                        .build()),
            new Case(
                "customAmiId",
                c ->
                    ClusterConfiguration.builder().from(c).customAmiId("s3://bucket/ami").build()));
    assertThat(master.instanceType()).isEqualTo("m5.xlarge");
    for (Case k : cases) {
      FakeAws aws = FakeAws.builder().seed(2).build();
      Throwable t = launchFailure(aws, config(k.edit()), Map.of());
      assertThat(paths(t)).as(k.path()).anyMatch(p -> p.startsWith("configuration." + k.path()));
    }
  }

  @Test
  void d13_overridesAreCheckedAgainstTheFieldsRulesAndBounded() {
    FakeAws aws = FakeAws.builder().seed(3).build();
    Throwable t = launchFailure(aws, config(c -> c), Map.of("CoreInstanceType", "\u0000"));
    assertThat(paths(t)).containsExactly("overrides.CoreInstanceType");
    Throwable huge =
        launchFailure(
            FakeAws.builder().seed(4).build(),
            config(c -> c),
            Map.of("CoreInstanceCount", Integer.MAX_VALUE));
    assertThat(paths(huge)).anyMatch(p -> p.endsWith("coreGroup.instanceCount"));
    Throwable odd =
        launchFailure(
            FakeAws.builder().seed(5).build(), config(c -> c), Map.of("CoreInstanceType", "?"));
    assertThat(paths(odd)).anyMatch(p -> p.endsWith("coreGroup.instanceType"));
  }

  @Test
  void secretValuesAreNeverEchoed() {
    ClusterConfiguration withPassword =
        config(
            c ->
                ClusterConfiguration.builder()
                    .from(c)
                    .configurations(
                        java.util.List.of(
                            ApplicationConfiguration.of(
                                "hive-site",
                                Map.of(
                                    "javax.jdo.option.ConnectionPassword",
                                    SECRET,
                                    "hive.metastore.uris",
                                    "thrift://m:9083"))))
                    .build());
    assertThat(withPassword.toString()).doesNotContain(SECRET);
    assertThat(withPassword.configurations().get(0).toString())
        .doesNotContain(SECRET)
        .contains("hive-site");
    LaunchRequest request =
        LaunchRequest.builder()
            .profile(RunJobFlowRequestsTest.profile())
            .configuration(withPassword)
            .build();
    assertThat(request.toString()).doesNotContain(SECRET);
    Throwable t =
        launchFailure(
            FakeAws.builder().seed(6).build(), withPassword, Map.of("MetastorePassword", SECRET));
    assertThat(t).isInstanceOf(ValidationException.class);
    assertThat(t.getMessage()).doesNotContain(SECRET).contains("overrides.MetastorePassword");
    InvalidOverrideException direct =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () ->
                io.emrlaunch.core.overrides.Overrides.apply(
                    withPassword, Map.of("MetastorePassword", SECRET)),
            InvalidOverrideException.class);
    assertThat(direct.getMessage()).doesNotContain(SECRET);
  }
}
