package io.emrlaunch.stepfunctions.asl;

import static io.emrlaunch.stepfunctions.asl.Condition.and;
import static io.emrlaunch.stepfunctions.asl.Condition.booleanEquals;
import static io.emrlaunch.stepfunctions.asl.Condition.comparePaths;
import static io.emrlaunch.stepfunctions.asl.Condition.isBoolean;
import static io.emrlaunch.stepfunctions.asl.Condition.isNull;
import static io.emrlaunch.stepfunctions.asl.Condition.isNumeric;
import static io.emrlaunch.stepfunctions.asl.Condition.isPresent;
import static io.emrlaunch.stepfunctions.asl.Condition.isString;
import static io.emrlaunch.stepfunctions.asl.Condition.isTimestamp;
import static io.emrlaunch.stepfunctions.asl.Condition.not;
import static io.emrlaunch.stepfunctions.asl.Condition.numericEquals;
import static io.emrlaunch.stepfunctions.asl.Condition.numericGreaterThan;
import static io.emrlaunch.stepfunctions.asl.Condition.numericGreaterThanEquals;
import static io.emrlaunch.stepfunctions.asl.Condition.numericLessThan;
import static io.emrlaunch.stepfunctions.asl.Condition.numericLessThanEquals;
import static io.emrlaunch.stepfunctions.asl.Condition.or;
import static io.emrlaunch.stepfunctions.asl.Condition.stringEquals;
import static io.emrlaunch.stepfunctions.asl.Condition.stringGreaterThan;
import static io.emrlaunch.stepfunctions.asl.Condition.stringGreaterThanEquals;
import static io.emrlaunch.stepfunctions.asl.Condition.stringLessThan;
import static io.emrlaunch.stepfunctions.asl.Condition.stringLessThanEquals;
import static io.emrlaunch.stepfunctions.asl.Condition.stringMatches;
import static io.emrlaunch.stepfunctions.asl.Condition.timestampEquals;
import static io.emrlaunch.stepfunctions.asl.Condition.timestampGreaterThan;
import static io.emrlaunch.stepfunctions.asl.Condition.timestampGreaterThanEquals;
import static io.emrlaunch.stepfunctions.asl.Condition.timestampLessThan;
import static io.emrlaunch.stepfunctions.asl.Condition.timestampLessThanEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.emrlaunch.core.json.EmrLaunchJson;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.intrinsics.HashAlgorithm;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsics;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every state type and field built through the fluent API; every machine built here is valid by our
 * validator, round-trips through JSON, and is accepted by asl-validator (checked once for the whole
 * class).
 */
class StateMachineBuilderTest {
  private static final String CREATE = "arn:aws:states:::elasticmapreduce:createCluster.sync";
  private static final String ADD_STEP = "arn:aws:states:::elasticmapreduce:addStep.sync";
  private static final String TERMINATE = "arn:aws:states:::elasticmapreduce:terminateCluster";
  private static final Instant T = Instant.parse("2026-11-24T00:00:00Z");

  private static final Map<String, String> EMITTED = new LinkedHashMap<>();

  /** Emits a machine (pretty), checks it round-trips, and queues it for asl-validator. */
  private static JsonNode emit(String name, StateMachine m) throws Exception {
    String json = m.toPrettyJson();
    assertThat(StateMachine.fromJson(json)).as(name).isEqualTo(m);
    assertThat(m.validate()).as(name).isEmpty();
    EMITTED.put("builder-" + name, json);
    return EmrLaunchJson.newMapper().readTree(json);
  }

  @AfterAll
  static void everyEmittedDefinitionIsAcceptedByAslValidator() throws Exception {
    assertThat(EMITTED).isNotEmpty();
    AslValidatorCli.Result r = AslValidatorCli.require().validateDefinitions(EMITTED);
    assertThat(r.invalid()).as(r.stdout() + r.stderr()).isEmpty();
    assertThat(r.files()).hasSize(EMITTED.size());
  }

  @Test
  void emrPipelineReadsLikeTheFlow() throws Exception {
    TaskBuilder terminate =
        Flow.task("Terminate Cluster", TERMINATE)
            .parameters(Payload.object().path("ClusterId", "$.cluster.ClusterId"))
            .discardResult();
    StateMachine m =
        StateMachineBuilder.startWith(
                Flow.task("Create Cluster", CREATE)
                    .comment("a transient cluster")
                    .parameters(
                        Payload.object()
                            .intrinsic(
                                "Name",
                                Intrinsics.format(
                                    "nightly-{}", Intrinsics.path("$$.Execution.Name")))
                            .put("ReleaseLabel", "emr-7.5.0")
                            .path("LogUri", "$.logUri")
                            .put("VisibleToAllUsers", true)
                            .put(
                                "Instances",
                                Payload.object()
                                    .put("KeepJobFlowAliveWhenNoSteps", true)
                                    .put("InstanceCount", 3)))
                    .resultSelector(Payload.object().path("ClusterId", "$.ClusterId"))
                    .resultPath("$.cluster")
                    .timeoutSeconds(3600)
                    .heartbeatSeconds(600)
                    .retry(
                        r ->
                            r.addErrorEquals("EMR.AmazonElasticMapReduceException")
                                .intervalSeconds(5)
                                .maxAttempts(4)
                                .backoffRate(new BigDecimal("2.5"))
                                .maxDelaySeconds(120)
                                .jitterStrategy(JitterStrategy.FULL))
                    .catchErrors(
                        Flow.fail("Launch Failed")
                            .errorPath("$.error.Error")
                            .causePath(
                                Intrinsics.format(
                                    "cluster failed: {}", Intrinsics.path("$.error.Cause"))),
                        "$.error",
                        "States.ALL"))
            .then(
                Flow.task("Run Step", ADD_STEP)
                    .parameters(
                        Payload.object()
                            .path("ClusterId", "$.cluster.ClusterId")
                            .putValue(
                                "Step", Map.of("Name", "spark", "ActionOnFailure", "CONTINUE")))
                    .resultPath("$.step")
                    .timeoutSecondsPath("$.stepTimeout")
                    .heartbeatSecondsPath("$.stepHeartbeat")
                    .retry(Retrier.of("States.TaskFailed"))
                    .catchAll(
                        Chain.of(
                                Flow.task("Terminate After Failure", TERMINATE)
                                    .parameters(
                                        Payload.object().path("ClusterId", "$.cluster.ClusterId"))
                                    .discardResult())
                            .then(Flow.fail("Step Failed").error("StepFailed"))))
            .then(terminate)
            .then(Flow.succeed("Done").outputPath("$.step"))
            .comment("EMR pipeline")
            .timeoutSeconds(86_400)
            .version("1.0")
            .build();

    JsonNode json = emit("emr-pipeline", m);
    assertThat(m.startAt()).isEqualTo("Create Cluster");
    assertThat(m.states().keySet())
        .containsExactly(
            "Create Cluster",
            "Run Step",
            "Terminate Cluster",
            "Done",
            "Launch Failed",
            "Terminate After Failure",
            "Step Failed");
    JsonNode create = json.at("/States/Create Cluster");
    assertThat(create.at("/Next").asText()).isEqualTo("Run Step");
    assertThat(create.at("/Parameters/Name.$").asText())
        .isEqualTo("States.Format('nightly-{}', $$.Execution.Name)");
    assertThat(create.at("/Retry/0/JitterStrategy").asText()).isEqualTo("FULL");
    assertThat(create.at("/Retry/0/BackoffRate").decimalValue()).isEqualByComparingTo("2.5");
    assertThat(create.at("/Catch/0/ResultPath").asText()).isEqualTo("$.error");
    assertThat(json.at("/States/Launch Failed/ErrorPath").asText()).isEqualTo("$.error.Error");
    assertThat(json.at("/States/Launch Failed/CausePath").asText())
        .isEqualTo("States.Format('cluster failed: {}', $.error.Cause)");
    assertThat(json.at("/States/Run Step/Catch/0/Next").asText())
        .isEqualTo("Terminate After Failure");
    assertThat(json.at("/States/Terminate After Failure/Next").asText()).isEqualTo("Step Failed");
    assertThat(json.at("/States/Terminate Cluster/ResultPath").isNull()).isTrue();
    assertThat(json.at("/States/Terminate Cluster/Next").asText()).isEqualTo("Done");
    assertThat(json.at("/States/Terminate Cluster/End").isMissingNode()).isTrue();
    assertThat(json.at("/TimeoutSeconds").asInt()).isEqualTo(86_400);
    TaskState run = (TaskState) m.states().get("Run Step");
    assertThat(run.transitions())
        .extracting(Transition::kind, Transition::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Transition.Kind.NEXT, "Terminate Cluster"),
            org.assertj.core.groups.Tuple.tuple(Transition.Kind.CATCH, "Terminate After Failure"));
    assertThatThrownBy(() -> terminate.next("Elsewhere"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already goes to Done");
  }

  @Test
  void everyChoiceOperatorAndWaitVariant() throws Exception {
    ChoiceBuilder route =
        Flow.choice("Route")
            .when(stringEquals("$.s", "a"), Flow.goTo("Done"))
            .when(stringLessThan("$.s", "b"), Flow.goTo("Done"))
            .when(stringGreaterThan("$.s", "c"), Flow.goTo("Done"))
            .when(stringLessThanEquals("$.s", "d"), Flow.goTo("Done"))
            .when(stringGreaterThanEquals("$.s", "e"), Flow.goTo("Done"))
            .when(stringMatches("$.s", "log-*.txt"), Flow.goTo("Done"))
            .when(numericEquals("$.n", 1), Flow.goTo("Done"))
            .when(numericEquals("$.n", 1.5), Flow.goTo("Done"))
            .when(numericLessThan("$.n", 2), Flow.goTo("Done"))
            .when(numericGreaterThan("$.n", 3), Flow.goTo("Done"))
            .when(numericLessThanEquals("$.n", 4), Flow.goTo("Done"))
            .when(numericGreaterThanEquals("$.n", 5), Flow.goTo("Done"))
            .when(booleanEquals("$.b", true), Flow.goTo("Done"))
            .when(timestampEquals("$.t", T), Flow.goTo("Done"))
            .when(timestampLessThan("$.t", T), Flow.goTo("Done"))
            .when(timestampGreaterThan("$.t", T), Flow.goTo("Done"))
            .when(timestampLessThanEquals("$.t", T), Flow.goTo("Done"))
            .when(timestampGreaterThanEquals("$.t", T), Flow.goTo("Done"))
            .when(isNull("$.x", true), Flow.goTo("Done"))
            .when(isPresent("$.x", false), Flow.goTo("Done"))
            .when(isNumeric("$.x", true), Flow.goTo("Done"))
            .when(isString("$.x", true), Flow.goTo("Done"))
            .when(isBoolean("$.x", true), Flow.goTo("Done"))
            .when(isTimestamp("$.x", true), Flow.goTo("Done"))
            .when(
                and(isPresent("$.a", true), or(numericEquals("$.a", 1), not(isNull("$.a", true)))),
                Flow.waitSecondsPath("Wait Path", "$.delay").next("Wait Until"),
                Map.of("matched", "and"))
            .otherwise(Flow.waitSeconds("Wait Fixed", 10).next("Wait Until"))
            .inputPath("$.input")
            .outputPath("$.output")
            .assign("routed", true);
    ChoiceBuilder paths = Flow.choice("Paths");
    for (ComparisonOperator op : ComparisonOperator.values()) {
      if (op.operand() == ComparisonOperator.Operand.PATH) {
        paths.when(comparePaths("$.left", op, "$.right"), Flow.goTo("Done"));
      }
    }
    paths.otherwise(Flow.goTo("Done"));
    StateMachine m =
        StateMachineBuilder.startWith(route)
            .define(Flow.waitUntil("Wait Until", T).next("Wait Until Path"))
            .define(Flow.waitUntilPath("Wait Until Path", "$.when").next("Paths"))
            .define(paths)
            .define(Flow.succeed("Done"))
            .build();
    JsonNode json = emit("choice-operators", m);
    Set<String> keys = new TreeSet<>();
    json.at("/States/Route/Choices").forEach(c -> c.fieldNames().forEachRemaining(keys::add));
    json.at("/States/Paths/Choices").forEach(c -> c.fieldNames().forEachRemaining(keys::add));
    for (ComparisonOperator op : ComparisonOperator.values()) {
      assertThat(keys).as(op.aslName()).contains(op.aslName());
    }
    assertThat(json.at("/States/Route/Choices/13/TimestampEquals").asText())
        .isEqualTo("2026-11-24T00:00:00Z");
    assertThat(json.at("/States/Route/Choices/24/Assign/matched").asText()).isEqualTo("and");
    assertThat(json.at("/States/Route/Default").asText()).isEqualTo("Wait Fixed");
    assertThat(json.at("/States/Wait Until/Timestamp").asText()).isEqualTo("2026-11-24T00:00:00Z");
    assertThat(json.at("/States/Wait Path/SecondsPath").asText()).isEqualTo("$.delay");
    assertThat(json.at("/States/Route/Assign/routed").asBoolean()).isTrue();
  }

  @Test
  void parallelInlineMapDistributedMapAndPass() throws Exception {
    StateMachine m =
        StateMachineBuilder.startWith(
                Flow.pass("Defaults")
                    .result(Map.of("region", "eu-west-1"))
                    .resultPath("$.defaults")
                    .inputPath("$")
                    .outputPath("$")
                    .parameters(Payload.object().path("bucket", "$.bucket").path("defaults", "$"))
                    .assign("startedAt.$", "$$.Execution.StartTime"))
            .then(
                Flow.parallel("Fan Out")
                    .branch(
                        Chain.of(Flow.pass("Hive Prep"))
                            .then(
                                Flow.task("Hive", ADD_STEP).parameters(Map.of("ClusterId", "j-1"))))
                    .branch(Flow.task("Spark", ADD_STEP).parameters(Map.of("ClusterId", "j-1")))
                    .parameters(Payload.object().path("cluster", "$.cluster"))
                    .resultSelector(Payload.object().path("hive", "$[0]"))
                    .resultPath("$.results")
                    .retry(Retrier.of("States.BranchFailed"))
                    .catchAll(
                        Flow.fail("Branch Failed").error("BranchFailed").cause("a branch failed")))
            .then(
                Flow.map("Each Table")
                    .inline()
                    .itemsPath("$.tables")
                    .itemSelector(
                        Payload.object()
                            .path("table", "$$.Map.Item.Value")
                            .path("index", "$$.Map.Item.Index"))
                    .maxConcurrency(4)
                    .itemProcessor(
                        Flow.task("Compact", "arn:aws:states:::athena:startQueryExecution.sync")
                            .parameters(
                                Payload.object()
                                    .intrinsic(
                                        "QueryString",
                                        Intrinsics.format(
                                            "OPTIMIZE {}", Intrinsics.path("$.table")))))
                    .resultPath("$.compacted"))
            .then(
                Flow.map("Each Object")
                    .distributed(ExecutionType.EXPRESS)
                    .itemReader(
                        ItemReader.builder()
                            .resource("arn:aws:states:::s3:getObject")
                            .readerConfig(
                                ReaderConfig.builder()
                                    .inputType("CSV")
                                    .csvHeaderLocation("FIRST_ROW")
                                    .maxItems(NumberOrJsonata.of(1000))
                                    .build())
                            .parameters(
                                Payload.object()
                                    .put("Bucket", "acme")
                                    .put("Key", "list.csv")
                                    .toJson())
                            .build())
                    .itemBatcher(
                        ItemBatcher.builder()
                            .maxItemsPerBatch(NumberOrJsonata.of(50))
                            .maxInputBytesPerBatch(NumberOrJsonata.of(262_144))
                            .batchInput(Payload.object().put("run", "nightly").toJson())
                            .build())
                    .toleratedFailurePercentage(new BigDecimal("5"))
                    .toleratedFailureCount(10)
                    .label("objects")
                    .resultWriter(
                        ResultWriter.builder()
                            .resource("arn:aws:states:::s3:putObject")
                            .parameters(
                                Payload.object()
                                    .put("Bucket", "acme")
                                    .put("Prefix", "out/")
                                    .toJson())
                            .build())
                    .itemProcessor(
                        Flow.task("Hash", "arn:aws:states:::lambda:invoke")
                            .parameters(
                                Payload.object()
                                    .put("FunctionName", "hash")
                                    .intrinsic(
                                        "Payload",
                                        Intrinsics.hash(
                                            Intrinsics.path("$.Items"), HashAlgorithm.SHA_256))))
                    .catchAll(Flow.goTo("Branch Failed")))
            .then(
                Flow.map("Dynamic Limits")
                    .distributed(ExecutionType.STANDARD)
                    .itemsPath("$.items")
                    .maxConcurrencyPath("$.limits.concurrency")
                    .toleratedFailurePercentagePath("$.limits.percent")
                    .toleratedFailureCountPath("$.limits.count")
                    .itemProcessor(Flow.pass("Echo")))
            .then(Flow.succeed("Done"))
            .build();
    JsonNode json = emit("containers", m);
    assertThat(json.at("/States/Fan Out/Branches/0/States/Hive Prep/Next").asText())
        .isEqualTo("Hive");
    assertThat(json.at("/States/Fan Out/Branches/0/States/Hive/End").asBoolean()).isTrue();
    assertThat(json.at("/States/Fan Out/Branches/1/StartAt").asText()).isEqualTo("Spark");
    assertThat(json.at("/States/Each Table/ItemProcessor/ProcessorConfig/Mode").asText())
        .isEqualTo("INLINE");
    assertThat(json.at("/States/Each Object/ItemProcessor/ProcessorConfig/ExecutionType").asText())
        .isEqualTo("EXPRESS");
    assertThat(json.at("/States/Each Object/ItemBatcher/MaxInputBytesPerBatch").asInt())
        .isEqualTo(262_144);
    assertThat(json.at("/States/Defaults/Assign/startedAt.$").asText())
        .isEqualTo("$$.Execution.StartTime");
    EnumSet<StateType> types = EnumSet.noneOf(StateType.class);
    m.allStates().forEach(e -> types.add(e.state().type()));
    assertThat(types)
        .containsExactlyInAnyOrder(
            StateType.PASS,
            StateType.PARALLEL,
            StateType.TASK,
            StateType.MAP,
            StateType.FAIL,
            StateType.SUCCEED);
    assertThat(m.allStates()).hasSize(13);
  }

  @Test
  void jsonataMachine() throws Exception {
    StateMachine m =
        StateMachineBuilder.startWith(
                Flow.task("Describe", "arn:aws:states:::aws-sdk:emr:describeCluster")
                    .arguments(Map.of("ClusterId", "{% $states.input.clusterId %}"))
                    .output("{% $states.result.Cluster %}")
                    .assign("status", "{% $states.result.Cluster.Status.State %}")
                    .timeoutSeconds("{% $states.input.timeout %}")
                    .heartbeatSeconds(60)
                    .credentialsRoleArn("arn:aws:iam::123456789012:role/emr-reader")
                    .catchWith(
                        Flow.fail("Describe Failed")
                            .error("{% $lastError.Error %}")
                            .cause("{% $lastError.Cause %}"),
                        c ->
                            c.addErrorEquals("States.ALL")
                                .output(TextNode.valueOf("{% $states.errorOutput %}"))
                                .putAssign(
                                    "lastError", TextNode.valueOf("{% $states.errorOutput %}"))))
            .then(
                Flow.choice("Ready?")
                    .whenJsonata("{% $status = 'WAITING' %}", Flow.goTo("Fan Out"))
                    .otherwise(
                        Flow.waitSecondsJsonata("Back Off", "{% $states.input.delay %}")
                            .next("Describe"))
                    .output("{% $states.input %}"))
            .define(
                Chain.of(
                        Flow.parallel("Fan Out")
                            .arguments("{% $states.input %}")
                            .branch(Flow.pass("Noop").output("{% {'ok': true} %}")))
                    .then(
                        Flow.map("Each")
                            .items("{% [1, 2, 3] %}")
                            .itemSelector(Map.of("value", "{% $states.context.Map.Item.Value %}"))
                            .maxConcurrency("{% 2 %}")
                            .itemProcessor(Flow.succeed("Item Done").output("{% $states.input %}")))
                    .then(Flow.waitUntilJsonata("Until", "{% $states.input.when %}"))
                    .then(Flow.fail("Stop").error("{% 'Stopped' %}").cause("{% 'by design' %}")))
            .queryLanguage(QueryLanguage.JSONATA)
            .build();
    JsonNode json = emit("jsonata", m);
    assertThat(json.at("/QueryLanguage").asText()).isEqualTo("JSONata");
    assertThat(json.at("/States/Describe/TimeoutSeconds").asText())
        .isEqualTo("{% $states.input.timeout %}");
    assertThat(json.at("/States/Ready?/Choices/0/Condition").asText())
        .isEqualTo("{% $status = 'WAITING' %}");
    assertThat(json.at("/States/Describe/Credentials/RoleArn").asText()).endsWith("emr-reader");
    assertThat(json.at("/States/Describe/Catch/0/Output").asText())
        .isEqualTo("{% $states.errorOutput %}");
    assertThat(json.at("/States/Describe/Catch/0/Assign/lastError").asText())
        .isEqualTo("{% $states.errorOutput %}");
    assertThat(json.at("/States/Describe/Catch/0/Next").asText()).isEqualTo("Describe Failed");
  }

  @Test
  void chainsRefuseToContinueAfterTerminalAndChoiceStates() {
    assertThatThrownBy(() -> Chain.of(Flow.succeed("Done")).then(Flow.pass("After")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot continue after Succeed Done");
    assertThatThrownBy(() -> Chain.of(Flow.choice("C")).then(Flow.pass("After")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Choice C");
    assertThatThrownBy(() -> Chain.of(Flow.pass("A").end()).then(Flow.pass("B")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already has Next or End");
    assertThatThrownBy(() -> Chain.of(Flow.goTo("X")).then(Flow.pass("B")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a reference to X");
  }

  @Test
  void buildReportsEveryProblemAtOnce() {
    StateMachineBuilder b =
        StateMachineBuilder.startWith(
                Flow.task("Step", ADD_STEP)
                    .timeoutSeconds(60)
                    .heartbeatSeconds(60)
                    .catchAll(Flow.goTo("Missing")))
            .then(Flow.pass("Pass").resultPath("$$.nope"));
    assertThatThrownBy(b::build)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::toString)
                    .containsExactly(
                        "States.Pass.ResultPath: must not start with $$ (was $$.nope)",
                        "States.Step.Catch[0].Next: must name an existing state (was Missing)",
                        "States.Step.HeartbeatSeconds: must be less than TimeoutSeconds (60 >= 60)"));
    assertThat(b.buildUnvalidated().validate()).hasSize(3);
  }

  @Test
  void twoBuildersWithOneNameAreRejected() {
    assertThatThrownBy(
            () ->
                StateMachineBuilder.startWith(Flow.pass("Same"))
                    .then(Flow.pass("Other"))
                    .define(Flow.pass("Same"))
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("States.Same: is defined twice in the same graph");
  }

  @Test
  void pathsAndPayloadsAreCheckedWhenBuilt() {
    assertThatThrownBy(() -> Flow.pass("P").resultPath("result"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("must start with $");
    assertThatThrownBy(() -> Payload.object().put("a", 1).path("a", "$.a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already a literal field");
    assertThatThrownBy(() -> Intrinsics.format("{} and {}", Intrinsics.path("$.a")))
        .isInstanceOf(ValidationException.class);
    assertThat(List.of(Payload.object().path("x", "$.y").toJson().fieldNames().next()))
        .containsExactly("x.$");
  }

  /**
   * One builder built from two threads at once (e.g. a shared template machine): each build walks
   * the shared builders on its own, so neither sees the other's walk as a second definition.
   */
  @Test
  void theSameBuildersCanBeBuiltFromTwoThreadsAtOnce() throws Exception {
    FailBuilder shared = Flow.fail("Shared").error("Failed");
    StateMachineBuilder b = null;
    for (int i = 0; i < 200; i++) {
      TaskBuilder task = Flow.task("Step " + i, ADD_STEP).catchAll(shared);
      b = b == null ? StateMachineBuilder.startWith(task) : b.then(task);
    }
    StateMachineBuilder machine = b.then(Flow.succeed("Done"));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Integer>> builds = new java.util.ArrayList<>();
      for (int i = 0; i < 400; i++) {
        builds.add(pool.submit(() -> machine.build().states().size()));
      }
      for (java.util.concurrent.Future<Integer> f : builds) {
        assertThat(f.get()).isEqualTo(202);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
