package io.emrlaunch.stepfunctions.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.json.EmrLaunchJson;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic;
import io.emrlaunch.stepfunctions.asl.intrinsics.IntrinsicArgument;
import io.emrlaunch.stepfunctions.asl.intrinsics.IntrinsicFunction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The corpus itself: large enough, accepted by the pinned asl-validator, covering every feature of
 * the language, and every intrinsic expression in it reads back through {@link Intrinsic#parse}.
 */
class AslCorpusTest {

  private static JsonNode json(Path file) throws Exception {
    return EmrLaunchJson.newMapper().readTree(AslCorpus.read(file));
  }

  @Test
  void everyCorpusFileIsAcceptedByAslValidator() throws Exception {
    List<Path> files = AslCorpus.files();
    assertThat(files).hasSizeGreaterThanOrEqualTo(30);
    AslValidatorCli.Result result = AslValidatorCli.require().validateFiles(files);
    assertThat(result.invalid()).as(result.stderr()).isEmpty();
    assertThat(result.files()).hasSize(files.size());
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void corpusCoversEveryFeature() throws Exception {
    Set<String> keys = new TreeSet<>();
    Set<String> values = new TreeSet<>();
    for (Path f : AslCorpus.files()) {
      collect(json(f), keys, values);
    }
    List<String> operators = new ArrayList<>();
    for (String t : List.of("String", "Numeric", "Timestamp")) {
      for (String op :
          List.of("Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals")) {
        operators.add(t + op);
        operators.add(t + op + "Path");
      }
    }
    assertThat(keys)
        .containsAll(operators)
        .contains(
            "BooleanEquals",
            "BooleanEqualsPath",
            "StringMatches",
            "IsNull",
            "IsPresent",
            "IsNumeric",
            "IsString",
            "IsBoolean",
            "IsTimestamp",
            "And",
            "Or",
            "Not",
            "Default",
            // top level
            "StartAt",
            "States",
            "Comment",
            "Version",
            "TimeoutSeconds",
            "QueryLanguage",
            // common and data flow
            "InputPath",
            "OutputPath",
            "Parameters",
            "ResultSelector",
            "ResultPath",
            "Result",
            "Arguments",
            "Output",
            "Assign",
            "Condition",
            "Items",
            "Credentials",
            // task
            "Resource",
            "HeartbeatSeconds",
            "TimeoutSecondsPath",
            "HeartbeatSecondsPath",
            // retry / catch
            "Retry",
            "Catch",
            "ErrorEquals",
            "IntervalSeconds",
            "MaxAttempts",
            "BackoffRate",
            "MaxDelaySeconds",
            "JitterStrategy",
            // wait / fail
            "Seconds",
            "SecondsPath",
            "Timestamp",
            "TimestampPath",
            "Error",
            "Cause",
            "ErrorPath",
            "CausePath",
            // parallel / map
            "Branches",
            "ItemProcessor",
            "Iterator",
            "ProcessorConfig",
            "Mode",
            "ExecutionType",
            "ItemReader",
            "ReaderConfig",
            "InputType",
            "CSVHeaderLocation",
            "MaxItems",
            "MaxItemsPath",
            "ItemSelector",
            "ItemsPath",
            "ItemBatcher",
            "MaxItemsPerBatch",
            "MaxItemsPerBatchPath",
            "MaxInputBytesPerBatch",
            "MaxInputBytesPerBatchPath",
            "BatchInput",
            "ResultWriter",
            "MaxConcurrency",
            "MaxConcurrencyPath",
            "ToleratedFailureCount",
            "ToleratedFailureCountPath",
            "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath",
            "Label");
    assertThat(values)
        .contains(
            "Task",
            "Pass",
            "Choice",
            "Wait",
            "Succeed",
            "Fail",
            "Parallel",
            "Map",
            "JSONata",
            "JSONPath",
            "INLINE",
            "DISTRIBUTED",
            "STANDARD",
            "EXPRESS",
            "CSV",
            "JSON",
            "MANIFEST",
            "FULL",
            "NONE",
            "arn:aws:states:::elasticmapreduce:createCluster.sync",
            "arn:aws:states:::elasticmapreduce:addStep.sync",
            "arn:aws:states:::elasticmapreduce:terminateCluster.sync",
            "arn:aws:states:::aws-sdk:emr:runJobFlow",
            "arn:aws:states:::aws-sdk:ssm:getParameter",
            "arn:aws:states:::sns:publish",
            "arn:aws:states:::states:startExecution.sync:2",
            "arn:aws:states:::s3:getObject",
            "arn:aws:states:::s3:listObjectsV2",
            "arn:aws:states:::s3:putObject");
  }

  @Test
  void everyIntrinsicInTheCorpusParsesAndRendersIdentically() throws Exception {
    EnumSet<IntrinsicFunction> seen = EnumSet.noneOf(IntrinsicFunction.class);
    int count = 0;
    for (Path f : AslCorpus.files()) {
      List<String> found = new ArrayList<>();
      intrinsics(json(f), found);
      for (String text : found) {
        Intrinsic parsed = Intrinsic.parse(text);
        assertThat(parsed.render()).as(f.getFileName() + ": " + text).isEqualTo(text);
        mark(parsed, seen);
        count++;
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(IntrinsicFunction.values());
    assertThat(count).isGreaterThanOrEqualTo(40);
  }

  private static void mark(Intrinsic call, Set<IntrinsicFunction> seen) {
    seen.add(call.function());
    for (IntrinsicArgument a : call.arguments()) {
      if (a instanceof Intrinsic i) {
        mark(i, seen);
      }
    }
  }

  private static void intrinsics(JsonNode node, List<String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().endsWith(".$")
            && e.getValue().isTextual()
            && Intrinsic.looksLikeIntrinsic(e.getValue().asText())) {
          out.add(e.getValue().asText());
        } else {
          intrinsics(e.getValue(), out);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> intrinsics(n, out));
    }
  }

  private static void collect(JsonNode node, Set<String> keys, Set<String> values) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        keys.add(e.getKey());
        collect(e.getValue(), keys, values);
      }
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, keys, values));
    } else if (node.isTextual()) {
      values.add(node.asText());
    }
  }
}
