package io.emrlaunch.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.StepConfig;

/** The --local journal: saved, replayed, the same simulation comes back. */
class LocalAwsTest {
  @TempDir Path dir;

  static String launch(FakeAws aws, String name) {
    return aws.emr()
        .runJobFlow(
            r ->
                r.name(name)
                    .releaseLabel("emr-7.5.0")
                    .serviceRole("EMR_DefaultRole")
                    .jobFlowRole("EMR_EC2_DefaultRole")
                    .instances(
                        i ->
                            i.keepJobFlowAliveWhenNoSteps(true)
                                .instanceGroups(
                                    g ->
                                        g.instanceRole(InstanceRoleType.MASTER)
                                            .instanceType("m5.xlarge")
                                            .instanceCount(1))))
        .jobFlowId();
  }

  static String state(FakeAws aws) {
    StringBuilder b = new StringBuilder(aws.clock().instant().toString());
    aws.emr()
        .listClusters()
        .clusters()
        .forEach(
            c -> {
              b.append('|').append(c.id()).append(' ').append(c.status().state());
              aws.emr()
                  .listSteps(r -> r.clusterId(c.id()))
                  .steps()
                  .forEach(
                      s -> b.append(' ').append(s.id()).append(':').append(s.status().state()));
            });
    aws.ssm()
        .getParametersByPath(r -> r.path("/").recursive(true))
        .parameters()
        .forEach(
            p ->
                b.append('|')
                    .append(p.name())
                    .append('=')
                    .append(p.value())
                    .append(" v")
                    .append(p.version()));
    return b.toString();
  }

  /** The same calls at the same instants, without saving: what the replay must reproduce. */
  static void script(FakeAws aws) {
    String a = launch(aws, "first");
    aws.ssm().putParameter(r -> r.name("/emr_launch/x").value("1").type("String"));
    aws.time().advance(Duration.ofMinutes(9));
    aws.emr()
        .addJobFlowSteps(
            r ->
                r.jobFlowId(a)
                    .steps(
                        StepConfig.builder()
                            .name("s")
                            .hadoopJarStep(h -> h.jar("command-runner.jar").args("true"))
                            .build()));
    aws.ssm().putParameter(r -> r.name("/emr_launch/x").value("2").type("String").overwrite(true));
    aws.time().advance(Duration.ofMinutes(2));
    launch(aws, "second");
    aws.time().advance(Duration.ofMinutes(1));
  }

  @Test
  void replayRebuildsTheSameSimulation() throws Exception {
    FakeAws reference = FakeAws.builder().seed(LocalAws.SEED).build();
    script(reference);
    reference.time().advance(Duration.ofMinutes(30));

    LocalAws first = LocalAws.open(dir, 0);
    script(first.aws());
    first.save();
    assertThat(Files.readAllLines(dir.resolve("journal.jsonl")))
        .extracting(l -> l.replaceAll(".*\"operation\":\"(\\w+)\".*", "$1"))
        .containsExactly(
            "RunJobFlow", "PutParameter", "AddJobFlowSteps", "PutParameter", "RunJobFlow");

    LocalAws second = LocalAws.open(dir, 0);
    assertThat(second.replayed()).isEqualTo(5);
    second.aws().time().advance(Duration.ofMinutes(30));
    assertThat(state(second.aws())).isEqualTo(state(reference));
    assertThat(state(second.aws())).contains("COMPLETED").contains("/emr_launch/x=2 v2");

    // a third invocation adds to the journal; reads are not journaled
    String third = launch(second.aws(), "third");
    second.aws().emr().describeCluster(r -> r.clusterId(third));
    second.save();
    LocalAws again = LocalAws.open(dir, 0);
    assertThat(again.replayed()).isEqualTo(6);
    assertThat(again.aws().emr().describeCluster(r -> r.clusterId(third)).cluster().name())
        .isEqualTo("third");
    again.aws().time().advance(Duration.ofMinutes(30));
    assertThat(
            again.aws().emr().listClusters().clusters().stream()
                .filter(c -> c.status().state() == ClusterState.WAITING)
                .map(c -> c.name())
                .toList())
        .containsExactlyInAnyOrderElementsOf(List.of("first", "second", "third"));

    assertThat(LocalAws.reset(dir)).isTrue();
    assertThat(state(LocalAws.open(dir, 0).aws())).doesNotContain("j-");
  }

  @Test
  void theClockMovesOnWithWallTimeTimesSpeed() throws Exception {
    LocalAws a = LocalAws.open(dir, 1000);
    launch(a.aws(), "c");
    a.save();
    Thread.sleep(50);
    java.time.Instant saved = a.aws().clock().instant();
    LocalAws b = LocalAws.open(dir, 1000);
    assertThat(Duration.between(saved, b.aws().clock().instant()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(50));
    LocalAws frozen = LocalAws.open(dir, 0);
    assertThat(frozen.aws().clock().instant()).isEqualTo(saved);
  }
}
