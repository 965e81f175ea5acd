package io.emrlaunch.stepfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.stepfunctions.asl.AslCorpus;
import io.emrlaunch.testkit.FakeAws;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Every definition of the ASL corpus runs in the local engine on FakeAws with a realistic input
 * ({@code local-engine/corpus-runs.json}), ends with the outcome recorded there (status and error),
 * and leaves a history in Step Functions' shape.
 */
class LocalCorpusTest {
  static final JsonNode RUNS = load();

  static JsonNode load() {
    try (InputStream in =
        LocalCorpusTest.class
            .getClassLoader()
            .getResourceAsStream("local-engine/corpus-runs.json")) {
      return LocalRuns.JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Path> files() {
    return AslCorpus.files().stream();
  }

  @Test
  void everyCorpusFileHasARunAndExpectedOutcome() {
    List<String> names = AslCorpus.files().stream().map(p -> p.getFileName().toString()).toList();
    assertThat(names).hasSize(35);
    assertThat(RUNS.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(names);
    for (String n : names) {
      assertThat(CorpusOutcomes.EXPECTED).containsKey(n);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void runsToItsRecordedOutcome(Path file) {
    String name = file.getFileName().toString();
    JsonNode run = RUNS.get(name);
    FakeAws aws = FakeAws.create();
    String clusterId = run.path("cluster").asBoolean() ? startCluster(aws) : "";
    run.path("ssm")
        .fields()
        .forEachRemaining(
            e ->
                aws.ssm()
                    .putParameter(
                        r ->
                            r.name(e.getKey())
                                .type("String")
                                .value(e.getValue().asText().replace("${clusterId}", clusterId))));
    LocalRuns local =
        new LocalRuns(
            aws,
            b ->
                b.lambda((fn, in) -> CompletableFuture.completedFuture(in))
                    .activities((fn, in) -> CompletableFuture.completedFuture(in)));
    run.path("machines")
        .fields()
        .forEachRemaining(
            m ->
                aws.sfn()
                    .createStateMachine(
                        r ->
                            r.name(m.getKey())
                                .definition(m.getValue().toString())
                                .roleArn("arn:aws:iam::123456789012:role/sfn")));
    aws.sfnBackend().executionEngine(local.engine::execute);
    String input = run.get("input").toString().replace("${clusterId}", clusterId);
    LocalExecution e = local.run(AslCorpus.read(file), input);

    CorpusOutcomes.Expected expected = CorpusOutcomes.EXPECTED.get(name);
    assertThat(e.status()).as(e.toString()).isEqualTo(expected.status());
    if (expected.error() != null) {
      assertThat(e.error()).as(e.toString()).contains(expected.error());
    }
    if (expected.causeContains() != null) {
      assertThat(e.cause().orElse("")).contains(expected.causeContains());
    }
    List<HistoryEvent> h = e.history();
    assertThat(h.get(0).type()).isEqualTo(HistoryEventType.EXECUTION_STARTED);
    HistoryEventType last = h.get(h.size() - 1).type();
    assertThat(last)
        .isEqualTo(
            switch (e.status()) {
              case SUCCEEDED -> HistoryEventType.EXECUTION_SUCCEEDED;
              case TIMED_OUT -> HistoryEventType.EXECUTION_TIMED_OUT;
              default -> HistoryEventType.EXECUTION_FAILED;
            });
    for (int i = 0; i < h.size(); i++) {
      assertThat(h.get(i).id()).isEqualTo(i + 1L);
    }
  }

  static String startCluster(FakeAws aws) {
    String id =
        aws.emr()
            .runJobFlow(
                r ->
                    r.name("corpus")
                        .releaseLabel("emr-7.2.0")
                        .serviceRole("EMR_DefaultRole")
                        .jobFlowRole("EMR_EC2_DefaultRole")
                        .instances(
                            i ->
                                i.masterInstanceType("m5.xlarge")
                                    .slaveInstanceType("m5.xlarge")
                                    .instanceCount(3)
                                    .keepJobFlowAliveWhenNoSteps(true)))
            .jobFlowId();
    for (int i = 0; i < 120; i++) {
      if (aws.emr().describeCluster(r -> r.clusterId(id)).cluster().status().state()
          == ClusterState.WAITING) {
        return id;
      }
      aws.time().advance(Duration.ofMinutes(1));
    }
    throw new AssertionError("the cluster did not reach WAITING");
  }

  static ExecutionStatus status(String s) {
    return ExecutionStatus.fromValue(s);
  }
}
