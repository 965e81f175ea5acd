package io.emrlaunch.stepfunctions.asl.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.AslParseException;
import io.emrlaunch.stepfunctions.asl.Branch;
import io.emrlaunch.stepfunctions.asl.Catcher;
import io.emrlaunch.stepfunctions.asl.ChoiceRule;
import io.emrlaunch.stepfunctions.asl.ChoiceState;
import io.emrlaunch.stepfunctions.asl.ComparisonOperator;
import io.emrlaunch.stepfunctions.asl.Condition;
import io.emrlaunch.stepfunctions.asl.ExecutionType;
import io.emrlaunch.stepfunctions.asl.FailState;
import io.emrlaunch.stepfunctions.asl.ItemBatcher;
import io.emrlaunch.stepfunctions.asl.ItemProcessor;
import io.emrlaunch.stepfunctions.asl.ItemReader;
import io.emrlaunch.stepfunctions.asl.JitterStrategy;
import io.emrlaunch.stepfunctions.asl.JsonPath;
import io.emrlaunch.stepfunctions.asl.MapState;
import io.emrlaunch.stepfunctions.asl.NumberOrJsonata;
import io.emrlaunch.stepfunctions.asl.ParallelState;
import io.emrlaunch.stepfunctions.asl.PassState;
import io.emrlaunch.stepfunctions.asl.ProcessorConfig;
import io.emrlaunch.stepfunctions.asl.ProcessorMode;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.asl.ReaderConfig;
import io.emrlaunch.stepfunctions.asl.ResultWriter;
import io.emrlaunch.stepfunctions.asl.Retrier;
import io.emrlaunch.stepfunctions.asl.State;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateType;
import io.emrlaunch.stepfunctions.asl.SucceedState;
import io.emrlaunch.stepfunctions.asl.TaskState;
import io.emrlaunch.stepfunctions.asl.WaitState;
import io.emrlaunch.stepfunctions.asl.WriterConfig;
import io.emrlaunch.stepfunctions.asl.internal.LightJson.Arr;
import io.emrlaunch.stepfunctions.asl.internal.LightJson.NameTable;
import io.emrlaunch.stepfunctions.asl.internal.LightJson.Obj;
import io.emrlaunch.stepfunctions.internal.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Reads a definition into the typed model. Every structural problem (wrong JSON type, unknown
 * field, missing required field, malformed path, unknown enum value) is collected with the JSON
 * pointer of the offending value; semantic rules are left to the validator so a broken but
 * well-formed definition can still be loaded, inspected and fixed.
 */
public final class AslReader {
  /** "a Task state" and so on, by {@link StateType} ordinal. */
  private static final String[] STATE_WHAT =
      java.util.Arrays.stream(StateType.values())
          .map(t -> "a " + t.aslName() + " state")
          .toArray(String[]::new);

  /**
   * Every field name this reader asks for (and the Choice operators). Trees share these instances,
   * so {@link Fields} finds a field by identity; a name asked for but missing here is still found,
   * by text, only more slowly ({@code AslReaderNamesTest} keeps the list complete).
   */
  static final NameTable NAMES = new NameTable(names());

  private static List<String> names() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "Arguments",
                "Assign",
                "BackoffRate",
                "BatchInput",
                "Branches",
                "CSVDelimiter",
                "CSVHeaderLocation",
                "CSVHeaders",
                "Catch",
                "Cause",
                "CausePath",
                "Choices",
                "Comment",
                "Condition",
                "Credentials",
                "Default",
                "End",
                "Error",
                "ErrorEquals",
                "ErrorPath",
                "ExecutionType",
                "HeartbeatSeconds",
                "HeartbeatSecondsPath",
                "InputPath",
                "InputType",
                "IntervalSeconds",
                "ItemBatcher",
                "ItemProcessor",
                "ItemReader",
                "ItemSelector",
                "Items",
                "ItemsPath",
                "Iterator",
                "JitterStrategy",
                "Label",
                "ManifestType",
                "MaxAttempts",
                "MaxConcurrency",
                "MaxConcurrencyPath",
                "MaxDelaySeconds",
                "MaxInputBytesPerBatch",
                "MaxInputBytesPerBatchPath",
                "MaxItems",
                "MaxItemsPath",
                "MaxItemsPerBatch",
                "MaxItemsPerBatchPath",
                "Mode",
                "Next",
                "Not",
                "Output",
                "OutputPath",
                "OutputType",
                "Parameters",
                "ProcessorConfig",
                "QueryLanguage",
                "ReaderConfig",
                "Resource",
                "Result",
                "ResultPath",
                "ResultSelector",
                "ResultWriter",
                "Retry",
                "Seconds",
                "SecondsPath",
                "StartAt",
                "TimeoutSeconds",
                "TimeoutSecondsPath",
                "Timestamp",
                "TimestampPath",
                "ToleratedFailureCount",
                "ToleratedFailureCountPath",
                "ToleratedFailurePercentage",
                "ToleratedFailurePercentagePath",
                "Transformation",
                "Type",
                "Variable",
                "Version",
                "WriterConfig",
                "States",
                "And",
                "Or"));
    for (ComparisonOperator o : ComparisonOperator.values()) {
      names.add(o.aslName());
    }
    return names;
  }

  private final List<Problem> problems = new ArrayList<>();

  private AslReader() {}

  /**
   * Parses a definition.
   *
   * @param json the text
   * @return the machine
   * @throws AslParseException listing every problem
   */
  public static StateMachine read(String json) {
    if (json == null) {
      throw new AslParseException(List.of(Problem.of("", "must be a JSON object (was null)")));
    }
    Obj fast = LightJsonParser.parse(json, NAMES);
    if (fast != null) {
      return read((Object) fast);
    }
    // Outside what the fast parser is sure of: Jackson reads it (or says why it cannot)
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      // a limit of the parser (nesting depth, number length) has no location
      var loc = e.getLocation();
      throw new AslParseException(
          List.of(
              Problem.of(
                  "",
                  "is not valid JSON: "
                      + e.getOriginalMessage()
                      + (loc == null
                          ? ""
                          : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"))));
    }
    if (root == null || root.isMissingNode()) {
      throw new AslParseException(List.of(Problem.of("", "is empty")));
    }
    return read(root);
  }

  /**
   * Parses a definition already read as a tree.
   *
   * @param root the definition
   * @return the machine
   * @throws AslParseException listing every problem
   */
  public static StateMachine read(JsonNode root) {
    return read(LightJson.fromNode(root, NAMES));
  }

  private static StateMachine read(Object root) {
    AslReader r = new AslReader();
    StateMachine m = r.machine(root);
    if (!r.problems.isEmpty() || m == null) {
      throw new AslParseException(
          r.problems.isEmpty() ? List.of(Problem.of("", "is not a state machine")) : r.problems);
    }
    return m;
  }

  // ---- structure -------------------------------------------------------------------------------

  private StateMachine machine(Object root) {
    Fields f = fields(root, Ptr.ROOT, "state machine");
    if (f == null) {
      return null;
    }
    StateMachine.Builder b = StateMachine.builder();
    b.comment(f.str("Comment"));
    b.queryLanguage(f.enumValue("QueryLanguage", QueryLanguage::fromAslName));
    b.version(f.str("Version"));
    b.timeoutSeconds(f.integer("TimeoutSeconds"));
    Optional<String> startAt = f.requiredStr("StartAt");
    boolean states = states(f, "States", b::putStates);
    f.finish();
    if (startAt.isEmpty() || !states) {
      return null;
    }
    return build(() -> b.startAt(startAt.get()).build(), f.ptr);
  }

  /** Reads the states into {@code put} (the builder's own map: no copy); false on a problem. */
  private boolean states(Fields owner, String field, BiConsumer<String, State> put) {
    Object node = owner.raw(field);
    Ptr ptr = owner.ptr.child(field);
    if (node == null) {
      problem(ptr, "is required");
      return false;
    }
    if (!(node instanceof Obj o)) {
      problem(ptr, "must be an object of states");
      return false;
    }
    boolean ok = true;
    for (int i = 0; i < o.names.length; i++) {
      State s = state(o.values[i], ptr.child(escape(o.names[i])));
      if (s == null) {
        ok = false;
      } else if (ok) {
        put.accept(o.names[i], s);
      }
    }
    return ok;
  }

  private State state(Object node, Ptr ptr) {
    if (!(node instanceof Obj o)) {
      problem(ptr, "must be an object");
      return null;
    }
    Object typeNode = o.get("Type");
    if (!(typeNode instanceof String typeName)) {
      problem(ptr + "/Type", typeNode == null ? "is required" : "must be a string");
      return null;
    }
    StateType type = StateType.fromAslName(typeName);
    if (type == null) {
      problem(
          ptr + "/Type",
          "must be one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map (was "
              + typeName
              + ")");
      return null;
    }
    Fields f = new Fields(o, ptr, STATE_WHAT[type.ordinal()]);
    f.known("Type");
    int before = problems.size();
    State s =
        switch (type) {
          case TASK -> task(f);
          case PASS -> pass(f);
          case CHOICE -> choice(f);
          case WAIT -> waitState(f);
          case SUCCEED -> succeed(f);
          case FAIL -> fail(f);
          case PARALLEL -> parallel(f);
          case MAP -> map(f);
        };
    f.finish();
    return problems.size() == before ? s : null;
  }

  private TaskState task(Fields f) {
    TaskState.Builder b = TaskState.builder();
    b.comment(f.str("Comment"))
        .queryLanguage(f.enumValue("QueryLanguage", QueryLanguage::fromAslName));
    Optional<String> resource = f.requiredStr("Resource");
    b.credentials(f.node("Credentials"))
        .inputPath(f.path("InputPath"))
        .parameters(f.node("Parameters"))
        .arguments(f.node("Arguments"))
        .timeoutSeconds(f.num("TimeoutSeconds"))
        .timeoutSecondsPath(f.path("TimeoutSecondsPath"))
        .heartbeatSeconds(f.num("HeartbeatSeconds"))
        .heartbeatSecondsPath(f.path("HeartbeatSecondsPath"))
        .resultSelector(f.node("ResultSelector"))
        .resultPath(f.path("ResultPath"))
        .outputPath(f.path("OutputPath"))
        .output(f.node("Output"))
        .assign(assign(f))
        .retry(retriers(f))
        .catchers(catchers(f))
        .next(f.str("Next"))
        .end(f.bool("End").orElse(false));
    return resource.isEmpty() ? null : build(() -> b.resource(resource.get()).build(), f.ptr);
  }

  private PassState pass(Fields f) {
    PassState.Builder b = PassState.builder();
    b.comment(f.str("Comment"))
        .queryLanguage(f.enumValue("QueryLanguage", QueryLanguage::fromAslName))
        .inputPath(f.path("InputPath"))
        .parameters(f.node("Parameters"))
        .result(f.node("Result"))
        .resultPath(f.path("ResultPath"))
        .outputPath(f.path("OutputPath"))
        .output(f.node("Output"))
        .assign(assign(f))
        .next(f.str("Next"))
        .end(f.bool("End").orElse(false));
    return build(b::build, f.ptr);
  }

  private ChoiceState choice(Fields f) {
    ChoiceState.Builder b = ChoiceState.builder();
    b.comment(f.str("Comment"))
        .queryLanguage(f.enumValue("QueryLanguage", QueryLanguage::fromAslName))
        .inputPath(f.path("InputPath"))
        .defaultState(f.str("Default"))
        .outputPath(f.path("OutputPath"))
        .output(f.node("Output"))
        .assign(assign(f));
    List<ChoiceRule> rules = f.list("Choices", true, this::choiceRule);
    return rules == null ? null : build(() -> b.choices(rules).build(), f.ptr);
  }

  private ChoiceRule choiceRule(Object node, Ptr ptr) {
    Fields f = fields(node, ptr, "a Choice rule");
    if (f == null) {
      return null;
    }
    ChoiceRule.Builder b = ChoiceRule.builder();
    b.comment(f.str("Comment"))
        .jsonataCondition(f.node("Condition"))
        .output(f.node("Output"))
        .assign(assign(f));
    Optional<String> next = f.requiredStr("Next");
    Condition c = null;
    if (hasConditionFields(f.obj)) {
      c = condition(f);
      b.condition(Optional.ofNullable(c));
    }
    f.finish();
    return next.isEmpty() ? null : build(() -> b.next(next.get()).build(), ptr);
  }

  private static boolean hasConditionFields(Obj node) {
    for (String n : node.names) {
      if (n.equals("Variable")
          || n.equals("And")
          || n.equals("Or")
          || n.equals("Not")
          || ComparisonOperator.fromAslName(n) != null) {
        return true;
      }
    }
    return false;
  }

  private Condition nestedCondition(Object node, Ptr ptr) {
    Fields f = fields(node, ptr, "a nested Choice rule");
    if (f == null) {
      return null;
    }
    f.str("Comment");
    Condition c = condition(f);
    f.finish();
    return c;
  }

  /** Reads Variable + one operator, or one of And / Or / Not, from a rule object. */
  private Condition condition(Fields f) {
    List<String> combinators = new ArrayList<>();
    List<ComparisonOperator> ops = new ArrayList<>();
    for (String n : f.obj.names) {
      if (n.equals("And") || n.equals("Or") || n.equals("Not")) {
        combinators.add(n);
      } else {
        ComparisonOperator op = ComparisonOperator.fromAslName(n);
        if (op != null) {
          ops.add(op);
        }
      }
    }
    if (combinators.size() + ops.size() != 1) {
      problem(
          f.ptr,
          "must have exactly one comparison operator or And/Or/Not (found "
              + (combinators.size() + ops.size())
              + ")");
      combinators.forEach(f::known);
      ops.forEach(o -> f.known(o.aslName()));
      f.known("Variable");
      return null;
    }
    if (!combinators.isEmpty()) {
      String c = combinators.get(0);
      if (f.obj.get("Variable") != null) {
        problem(f.ptr + "/Variable", "must not be combined with " + c);
        f.known("Variable");
      }
      if (c.equals("Not")) {
        f.known("Not");
        Condition inner = nestedCondition(f.obj.get("Not"), f.ptr.child("Not"));
        return inner == null ? null : new Condition.Not(inner);
      }
      List<Condition> list = f.list(c, true, this::nestedCondition);
      if (list == null) {
        return null;
      }
      return c.equals("And") ? new Condition.And(list) : new Condition.Or(list);
    }
    ComparisonOperator op = ops.get(0);
    Optional<JsonPath> variable = f.path("Variable");
    if (f.obj.get("Variable") == null) {
      problem(f.ptr + "/Variable", "is required with " + op.aslName());
    }
    f.known(op.aslName());
    Object value = f.obj.get(op.aslName());
    String vptr = f.ptr + "/" + op.aslName();
    boolean ok =
        switch (op.operand()) {
          case STRING, TIMESTAMP -> value instanceof String || fail(vptr, "must be a string");
          case NUMBER -> LightJson.isNumber(value) || fail(vptr, "must be a number");
          case BOOLEAN -> value instanceof Boolean || fail(vptr, "must be a boolean");
          case PATH ->
              value instanceof String text
                  ? pathOk(text, vptr)
                  : fail(vptr, "must be a path string");
        };
    if (!ok || variable.isEmpty() || variable.get().isNull()) {
      if (variable.isPresent() && variable.get().isNull()) {
        problem(f.ptr + "/Variable", "must be a path");
      }
      return null;
    }
    return new Condition.Comparison(variable.get(), op, LightJson.toNode(value));
  }

  private boolean pathOk(String text, String ptr) {
    String why = PathSyntax.check(text);
    if (why != null) {
      problem(ptr, "is not a valid path: " + why + " (was " + text + ")");
      return false;
    }
    return true;
  }

  private WaitState waitState(Fields f) {
    WaitState.Builder b = WaitState.builder();
    b.comment(f.str("Comment"))
        .queryLanguage(f.enumValue("QueryLanguage", QueryLanguage::fromAslName))
        .inputPath(f.path("InputPath"))
        .seconds(f.num("Seconds"))
        .secondsPath(f.path("SecondsPath"))
        .timestamp(f.str("Timestamp"))
        .timestampPath(f.path("TimestampPath"))
        .outputPath(f.path("OutputPath"))
        .output(f.node("Output"))
        .assign(assign(f))
        .next(f.str("Next"))
        .end(f.bool("End").orElse(false));
    return build(b::build, f.ptr);
  }

  private SucceedState succeed(Fields f) {
    SucceedState.Builder b = SucceedState.builder();
    b.comment(f.str("Comment"))
        .queryLanguage(f.enumValue("QueryLanguage", QueryLanguage::fromAslName))
        .inputPath(f.path("InputPath"))
        .outputPath(f.path("OutputPath"))
        .output(f.node("Output"));
    return build(b::build, f.ptr);
  }

  private FailState fail(Fields f) {
    FailState.Builder b = FailState.builder();
    b.comment(f.str("Comment"))
        .queryLanguage(f.enumValue("QueryLanguage", QueryLanguage::fromAslName))
        .error(f.str("Error"))
        .errorPath(f.str("ErrorPath"))
        .cause(f.str("Cause"))
        .causePath(f.str("CausePath"));
    return build(b::build, f.ptr);
  }

  private ParallelState parallel(Fields f) {
    ParallelState.Builder b = ParallelState.builder();
    b.comment(f.str("Comment"))
        .queryLanguage(f.enumValue("QueryLanguage", QueryLanguage::fromAslName))
        .inputPath(f.path("InputPath"))
        .parameters(f.node("Parameters"))
        .arguments(f.node("Arguments"))
        .resultSelector(f.node("ResultSelector"))
        .resultPath(f.path("ResultPath"))
        .outputPath(f.path("OutputPath"))
        .output(f.node("Output"))
        .assign(assign(f))
        .retry(retriers(f))
        .catchers(catchers(f))
        .next(f.str("Next"))
        .end(f.bool("End").orElse(false));
    List<Branch> branches = f.list("Branches", true, this::branch);
    return branches == null ? null : build(() -> b.branches(branches).build(), f.ptr);
  }

  private Branch branch(Object node, Ptr ptr) {
    Fields f = fields(node, ptr, "a branch");
    if (f == null) {
      return null;
    }
    Branch.Builder b = Branch.builder().comment(f.str("Comment"));
    Optional<String> startAt = f.requiredStr("StartAt");
    boolean states = states(f, "States", b::putStates);
    f.finish();
    if (startAt.isEmpty() || !states) {
      return null;
    }
    return build(() -> b.startAt(startAt.get()).build(), ptr);
  }

  private MapState map(Fields f) {
    MapState.Builder b = MapState.builder();
    b.comment(f.str("Comment"))
        .queryLanguage(f.enumValue("QueryLanguage", QueryLanguage::fromAslName))
        .inputPath(f.path("InputPath"))
        .itemReader(f.object("ItemReader", this::itemReader))
        .itemsPath(f.path("ItemsPath"))
        .items(f.node("Items"))
        .itemSelector(f.node("ItemSelector"))
        .parameters(f.node("Parameters"))
        .itemBatcher(f.object("ItemBatcher", this::itemBatcher))
        .maxConcurrency(f.num("MaxConcurrency"))
        .maxConcurrencyPath(f.path("MaxConcurrencyPath"))
        .toleratedFailurePercentage(f.num("ToleratedFailurePercentage"))
        .toleratedFailurePercentagePath(f.path("ToleratedFailurePercentagePath"))
        .toleratedFailureCount(f.num("ToleratedFailureCount"))
        .toleratedFailureCountPath(f.path("ToleratedFailureCountPath"))
        .itemProcessor(f.object("ItemProcessor", this::itemProcessor))
        .iterator(f.object("Iterator", this::itemProcessor))
        .resultWriter(f.object("ResultWriter", this::resultWriter))
        .label(f.str("Label"))
        .resultSelector(f.node("ResultSelector"))
        .resultPath(f.path("ResultPath"))
        .outputPath(f.path("OutputPath"))
        .output(f.node("Output"))
        .assign(assign(f))
        .retry(retriers(f))
        .catchers(catchers(f))
        .next(f.str("Next"))
        .end(f.bool("End").orElse(false));
    return build(b::build, f.ptr);
  }

  private ItemProcessor itemProcessor(Fields f) {
    ItemProcessor.Builder b = ItemProcessor.builder().comment(f.str("Comment"));
    b.processorConfig(f.object("ProcessorConfig", this::processorConfig));
    Optional<String> startAt = f.requiredStr("StartAt");
    boolean states = states(f, "States", b::putStates);
    if (startAt.isEmpty() || !states) {
      return null;
    }
    return build(() -> b.startAt(startAt.get()).build(), f.ptr);
  }

  private ProcessorConfig processorConfig(Fields f) {
    return ProcessorConfig.builder()
        .mode(f.enumValue("Mode", n -> enumOf(ProcessorMode.class, n)))
        .executionType(f.enumValue("ExecutionType", n -> enumOf(ExecutionType.class, n)))
        .build();
  }

  private ItemReader itemReader(Fields f) {
    ItemReader.Builder b = ItemReader.builder();
    Optional<String> resource = f.requiredStr("Resource");
    b.readerConfig(f.object("ReaderConfig", this::readerConfig))
        .parameters(f.node("Parameters"))
        .arguments(f.node("Arguments"));
    return resource.isEmpty() ? null : build(() -> b.resource(resource.get()).build(), f.ptr);
  }

  private ReaderConfig readerConfig(Fields f) {
    ReaderConfig.Builder b =
        ReaderConfig.builder()
            .inputType(f.str("InputType"))
            .csvHeaderLocation(f.str("CSVHeaderLocation"))
            .csvDelimiter(f.str("CSVDelimiter"))
            .manifestType(f.str("ManifestType"))
            .maxItems(f.num("MaxItems"))
            .maxItemsPath(f.path("MaxItemsPath"));
    List<String> headers = f.list("CSVHeaders", false, this::string);
    if (headers != null) {
      b.csvHeaders(headers);
    }
    return b.build();
  }

  private ItemBatcher itemBatcher(Fields f) {
    return ItemBatcher.builder()
        .maxItemsPerBatch(f.num("MaxItemsPerBatch"))
        .maxItemsPerBatchPath(f.path("MaxItemsPerBatchPath"))
        .maxInputBytesPerBatch(f.num("MaxInputBytesPerBatch"))
        .maxInputBytesPerBatchPath(f.path("MaxInputBytesPerBatchPath"))
        .batchInput(f.node("BatchInput"))
        .build();
  }

  private ResultWriter resultWriter(Fields f) {
    ResultWriter.Builder b =
        ResultWriter.builder()
            .resource(f.str("Resource"))
            .parameters(f.node("Parameters"))
            .arguments(f.node("Arguments"));
    b.writerConfig(f.object("WriterConfig", this::writerConfig));
    return b.build();
  }

  private WriterConfig writerConfig(Fields f) {
    WriterConfig.Builder b =
        WriterConfig.builder()
            .outputType(f.str("OutputType"))
            .transformation(f.str("Transformation"));
    return b.build();
  }

  private List<Retrier> retriers(Fields f) {
    List<Retrier> l = f.list("Retry", false, this::retrier);
    return l == null ? List.of() : l;
  }

  private Retrier retrier(Object node, Ptr ptr) {
    Fields f = fields(node, ptr, "a Retrier");
    if (f == null) {
      return null;
    }
    Retrier.Builder b =
        Retrier.builder()
            .comment(f.str("Comment"))
            .intervalSeconds(f.integer("IntervalSeconds"))
            .maxAttempts(f.integer("MaxAttempts"))
            .backoffRate(f.decimal("BackoffRate"))
            .maxDelaySeconds(f.integer("MaxDelaySeconds"))
            .jitterStrategy(f.enumValue("JitterStrategy", n -> enumOf(JitterStrategy.class, n)));
    List<String> errors = f.list("ErrorEquals", true, this::string);
    f.finish();
    return errors == null ? null : build(() -> b.errorEquals(errors).build(), ptr);
  }

  private List<Catcher> catchers(Fields f) {
    List<Catcher> l = f.list("Catch", false, this::catcher);
    return l == null ? List.of() : l;
  }

  private Catcher catcher(Object node, Ptr ptr) {
    Fields f = fields(node, ptr, "a Catcher");
    if (f == null) {
      return null;
    }
    Catcher.Builder b =
        Catcher.builder()
            .comment(f.str("Comment"))
            .resultPath(f.path("ResultPath"))
            .output(f.node("Output"))
            .assign(assign(f));
    List<String> errors = f.list("ErrorEquals", true, this::string);
    Optional<String> next = f.requiredStr("Next");
    f.finish();
    if (errors == null || next.isEmpty()) {
      return null;
    }
    return build(() -> b.errorEquals(errors).next(next.get()).build(), ptr);
  }

  private Map<String, JsonNode> assign(Fields f) {
    Object n = f.raw("Assign");
    if (n == null) {
      return Map.of();
    }
    if (!(n instanceof Obj o)) {
      problem(f.ptr + "/Assign", "must be an object of variable names to values");
      return Map.of();
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (int i = 0; i < o.names.length; i++) {
      out.put(o.names[i], LightJson.toNode(o.values[i]));
    }
    return out;
  }

  private String string(Object node, Ptr ptr) {
    if (!(node instanceof String s)) {
      problem(ptr, "must be a string");
      return null;
    }
    return s;
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private <T> T build(java.util.function.Supplier<T> build, Object ptr) {
    try {
      return build.get();
    } catch (ValidationException e) {
      for (Problem p : e.problems()) {
        problem(ptr + (p.path().isEmpty() ? "" : "/" + p.path()), p.message());
      }
      return null;
    }
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private void problem(Object ptr, String message) {
    problems.add(Problem.of(ptr.toString(), message));
  }

  private boolean fail(Object ptr, String message) {
    problem(ptr, message);
    return false;
  }

  static String escape(String name) {
    if (name.indexOf('~') < 0 && name.indexOf('/') < 0) {
      return name;
    }
    return name.replace("~", "~0").replace("/", "~1");
  }

  private Fields fields(Object node, Ptr ptr, String what) {
    if (!(node instanceof Obj o)) {
      problem(ptr, "must be an object (" + what + ")");
      return null;
    }
    return new Fields(o, ptr, what);
  }

  /**
   * A JSON object being read: typed field access, with every field read marked as known. A state
   * has a handful of fields, and a scan by identity (trees share the {@link #NAMES} instances, the
   * literals asked for here) beats a hash lookup for each of the twenty-odd names a state type may
   * have.
   */
  private final class Fields {
    final Obj obj;
    final Ptr ptr;
    final String what;
    private final String[] names;
    private final Object[] values;

    /** Bit i: field i was read (or declared known); beyond 64 fields, {@link #markedMore}. */
    private long marked;

    private final boolean[] markedMore;

    Fields(Obj obj, Ptr ptr, String what) {
      this.obj = obj;
      this.ptr = ptr;
      this.what = what;
      this.names = obj.names;
      this.values = obj.values;
      this.markedMore = names.length > 64 ? new boolean[names.length] : null;
    }

    private int index(String name) {
      if (!obj.mayHave(name)) {
        return -1;
      }
      for (int i = 0; i < names.length; i++) {
        if (names[i] == name) {
          return i;
        }
      }
      // A name in NAMES is in a tree only as that instance: absent. (Most names asked are.)
      if (NAMES.isCanonical(name)) {
        return -1;
      }
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }

    /** Marks a field as one of this object's (whether or not it is present). */
    void known(String name) {
      int i = index(name);
      if (i >= 0) {
        mark(i);
      }
    }

    private void mark(int i) {
      if (markedMore == null) {
        marked |= 1L << i;
      } else {
        markedMore[i] = true;
      }
    }

    Object raw(String name) {
      int i = index(name);
      if (i < 0) {
        return null;
      }
      mark(i);
      return values[i];
    }

    String at(String name) {
      return ptr + "/" + name;
    }

    Optional<String> str(String name) {
      Object n = raw(name);
      if (n == null) {
        return Optional.empty();
      }
      if (!(n instanceof String s)) {
        problem(at(name), "must be a string");
        return Optional.empty();
      }
      return Optional.of(s);
    }

    Optional<String> requiredStr(String name) {
      if (index(name) < 0) {
        problem(at(name), "is required in " + what);
        return Optional.empty();
      }
      return str(name);
    }

    Optional<Boolean> bool(String name) {
      Object n = raw(name);
      if (n == null) {
        return Optional.empty();
      }
      if (!(n instanceof Boolean b)) {
        problem(at(name), "must be a boolean");
        return Optional.empty();
      }
      return Optional.of(b);
    }

    /** A value the model keeps as JSON: only now made a Jackson node. */
    Optional<JsonNode> node(String name) {
      return Optional.ofNullable(LightJson.toNode(raw(name)));
    }

    Optional<JsonPath> path(String name) {
      Object n = raw(name);
      if (n == null) {
        return Optional.empty();
      }
      if (n == LightJson.NULL) {
        return Optional.of(JsonPath.NULL);
      }
      if (!(n instanceof String text)) {
        problem(at(name), "must be a path string or null");
        return Optional.empty();
      }
      String why = PathSyntax.check(text);
      if (why != null) {
        problem(at(name), "is not a valid path: " + why + " (was " + text + ")");
        return Optional.empty();
      }
      return Optional.of(JsonPath.of(text));
    }

    Optional<NumberOrJsonata> num(String name) {
      Object n = raw(name);
      if (n == null) {
        return Optional.empty();
      }
      if (LightJson.isNumber(n)) {
        BigDecimal d = finite((JsonNode) n, name);
        return d == null ? Optional.empty() : Optional.of(NumberOrJsonata.of(d));
      }
      if (n instanceof String text) {
        return Optional.of(NumberOrJsonata.jsonata(text));
      }
      problem(at(name), "must be a number or a JSONata expression");
      return Optional.empty();
    }

    Optional<Integer> integer(String name) {
      Object n = raw(name);
      if (n == null) {
        return Optional.empty();
      }
      if (!(n instanceof JsonNode j && j.isIntegralNumber() && j.canConvertToInt())) {
        problem(at(name), "must be an integer");
        return Optional.empty();
      }
      return Optional.of(j.intValue());
    }

    Optional<BigDecimal> decimal(String name) {
      Object n = raw(name);
      if (n == null) {
        return Optional.empty();
      }
      if (!LightJson.isNumber(n)) {
        problem(at(name), "must be a number");
        return Optional.empty();
      }
      return Optional.ofNullable(finite((JsonNode) n, name));
    }

    /** The number when it is one Step Functions can hold (a finite IEEE 754 double). */
    private BigDecimal finite(JsonNode n, String name) {
      BigDecimal d = Numbers.finiteDecimal(n);
      if (d == null) {
        problem(at(name), "is out of range (" + Numbers.RANGE + ")");
      }
      return d;
    }

    <E> Optional<E> enumValue(String name, Function<String, E> lookup) {
      Optional<String> s = str(name);
      if (s.isEmpty()) {
        return Optional.empty();
      }
      E e = lookup.apply(s.get());
      if (e == null) {
        problem(at(name), "has an unknown value " + s.get());
        return Optional.empty();
      }
      return Optional.of(e);
    }

    <T> Optional<T> object(String name, Function<Fields, T> reader) {
      Object n = raw(name);
      if (n == null) {
        return Optional.empty();
      }
      Fields inner = fields(n, ptr.child(name), name);
      if (inner == null) {
        return Optional.empty();
      }
      T value = reader.apply(inner);
      inner.finish();
      return Optional.ofNullable(value);
    }

    <T> List<T> list(String name, boolean required, ElementReader<T> reader) {
      Object n = raw(name);
      if (n == null) {
        if (required) {
          problem(at(name), "is required in " + what);
        }
        return null;
      }
      if (!(n instanceof Arr a)) {
        problem(at(name), "must be an array");
        return null;
      }
      List<T> out = new ArrayList<>(a.values.length);
      boolean ok = true;
      Ptr listPtr = ptr.child(name);
      for (int i = 0; i < a.values.length; i++) {
        T v = reader.read(a.values[i], listPtr.child(i));
        if (v == null) {
          ok = false;
        } else {
          out.add(v);
        }
      }
      return ok ? out : null;
    }

    void finish() {
      for (int i = 0; i < names.length; i++) {
        if (markedMore == null ? (marked & (1L << i)) == 0 : !markedMore[i]) {
          problem(ptr + "/" + escape(names[i]), "is not a field of " + what);
        }
      }
    }
  }

  /**
   * A JSON pointer, spelled out only when a problem is reported: every state, list element and
   * nested object gets one, and a valid definition reports nothing.
   */
  private static final class Ptr {
    static final Ptr ROOT = new Ptr(null, "", -1);

    private final Ptr parent;
    private final String name; // already escaped; null for an array index
    private final int index;
    private String text;

    private Ptr(Ptr parent, String name, int index) {
      this.parent = parent;
      this.name = name;
      this.index = index;
      if (parent == null) {
        this.text = name;
      }
    }

    Ptr child(String escapedName) {
      return new Ptr(this, escapedName, -1);
    }

    Ptr child(int i) {
      return new Ptr(this, null, i);
    }

    @Override
    public String toString() {
      String t = text;
      if (t == null) {
        t = parent + "/" + (name == null ? Integer.toString(index) : name);
        text = t;
      }
      return t;
    }
  }

  /** Reads one array element. */
  private interface ElementReader<T> {
    T read(Object node, Ptr ptr);
  }
}
