package io.emrlaunch.stepfunctions.asl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
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
import io.emrlaunch.stepfunctions.asl.JsonPath;
import io.emrlaunch.stepfunctions.asl.MapState;
import io.emrlaunch.stepfunctions.asl.NextOrEnd;
import io.emrlaunch.stepfunctions.asl.NumberOrJsonata;
import io.emrlaunch.stepfunctions.asl.ParallelState;
import io.emrlaunch.stepfunctions.asl.PassState;
import io.emrlaunch.stepfunctions.asl.ProcessorConfig;
import io.emrlaunch.stepfunctions.asl.ProcessorMode;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.asl.ReaderConfig;
import io.emrlaunch.stepfunctions.asl.ResultWriter;
import io.emrlaunch.stepfunctions.asl.Retrier;
import io.emrlaunch.stepfunctions.asl.RetryAndCatch;
import io.emrlaunch.stepfunctions.asl.State;
import io.emrlaunch.stepfunctions.asl.SucceedState;
import io.emrlaunch.stepfunctions.asl.TaskState;
import io.emrlaunch.stepfunctions.asl.WaitState;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The field rules of one state, given its effective query language. */
final class StateRules {
  /** The service's batch size limit for a distributed Map. */
  static final int MAX_INPUT_BYTES_PER_BATCH = 262_144;

  /** The longest Map Label. */
  static final int MAX_LABEL_LENGTH = 40;

  private static final String ALL = "States.ALL";
  private static final Pattern RFC3339 =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  private final QueryLanguage language;
  private final Problems at;

  private StateRules(QueryLanguage language, Problems at) {
    this.language = language;
    this.at = at;
  }

  static void check(State s, QueryLanguage language, Problems at) {
    StateRules r = new StateRules(language, at);
    // A switch on the type, then one cast: a chain of instanceof tests against the state
    // interfaces costs a scan of the class's interfaces for every test that fails.
    switch (s.type()) {
      case TASK -> {
        TaskState t = (TaskState) s;
        r.nextOrEnd(t);
        r.retryAndCatch(t);
        r.task(t);
      }
      case PASS -> {
        PassState p = (PassState) s;
        r.nextOrEnd(p);
        r.pass(p);
      }
      case CHOICE -> r.choice((ChoiceState) s);
      case WAIT -> {
        WaitState w = (WaitState) s;
        r.nextOrEnd(w);
        r.waitState(w);
      }
      case SUCCEED -> {
        SucceedState su = (SucceedState) s;
        r.paths(su.inputPath(), su.outputPath());
        r.jsonataOnly("Output", su.output());
      }
      case FAIL -> r.fail((FailState) s);
      case PARALLEL -> {
        ParallelState p = (ParallelState) s;
        r.nextOrEnd(p);
        r.retryAndCatch(p);
        r.parallel(p);
      }
      case MAP -> {
        MapState m = (MapState) s;
        r.nextOrEnd(m);
        r.retryAndCatch(m);
        r.map(m);
      }
    }
  }

  private boolean jsonPath() {
    return language == QueryLanguage.JSONPATH;
  }

  // ---- states ----------------------------------------------------------------------------------

  private void nextOrEnd(NextOrEnd n) {
    if (n.next().isPresent() && n.end()) {
      at.add("Next", "must not be set together with \"End\": true");
    } else if (n.next().isEmpty() && !n.end()) {
      at.add("must have Next or \"End\": true");
    }
  }

  private void task(TaskState t) {
    if (t.resource().isBlank()) {
      at.add("Resource", "must not be blank");
    } else if (!t.resource().startsWith("arn:") && !jsonata(t.resource())) {
      at.add("Resource", "must be an ARN (was " + t.resource() + ")");
    }
    paths(t.inputPath(), t.outputPath());
    payload("Parameters", t.parameters(), true);
    payload("ResultSelector", t.resultSelector(), true);
    resultPath("ResultPath", t.resultPath());
    jsonataOnly("Arguments", t.arguments());
    jsonataOnly("Output", t.output());
    assign(at, t.assign());
    exclusive("TimeoutSeconds", t.timeoutSeconds(), t.timeoutSecondsPath());
    exclusive("HeartbeatSeconds", t.heartbeatSeconds(), t.heartbeatSecondsPath());
    positiveInteger("TimeoutSeconds", t.timeoutSeconds());
    positiveInteger("HeartbeatSeconds", t.heartbeatSeconds());
    referencePath("TimeoutSecondsPath", t.timeoutSecondsPath());
    referencePath("HeartbeatSecondsPath", t.heartbeatSecondsPath());
    if (t.timeoutSeconds().isPresent()
        && t.heartbeatSeconds().isPresent()
        && !t.timeoutSeconds().get().isJsonata()
        && !t.heartbeatSeconds().get().isJsonata()
        && t.heartbeatSeconds().get().number().compareTo(t.timeoutSeconds().get().number()) >= 0) {
      at.add(
          "HeartbeatSeconds",
          "must be less than TimeoutSeconds ("
              + t.heartbeatSeconds().get()
              + " >= "
              + t.timeoutSeconds().get()
              + ")");
    }
    if (t.credentials().isPresent() && !t.credentials().get().isObject()) {
      at.add("Credentials", "must be an object (e.g. {\"RoleArn\": ...})");
    }
  }

  private void pass(PassState p) {
    paths(p.inputPath(), p.outputPath());
    payload("Parameters", p.parameters(), true);
    jsonPathOnly("Result", p.result().isPresent());
    resultPath("ResultPath", p.resultPath());
    jsonataOnly("Output", p.output());
    assign(at, p.assign());
  }

  private void choice(ChoiceState c) {
    paths(c.inputPath(), c.outputPath());
    jsonataOnly("Output", c.output());
    assign(at, c.assign());
    if (c.choices().isEmpty()) {
      at.add("Choices", "must have at least one rule");
    }
    for (int i = 0; i < c.choices().size(); i++) {
      ChoiceRule rule = c.choices().get(i);
      Problems r = at.at("Choices", i);
      assign(r, rule.assign());
      if (jsonPath()) {
        if (rule.jsonataCondition().isPresent()) {
          r.add("Condition", "is only allowed in JSONata states; use a Variable and an operator");
        }
        if (rule.output().isPresent()) {
          r.add("Output", "is only allowed in JSONata states");
        }
        if (rule.condition().isEmpty()) {
          r.add("must have a Variable and an operator, or And/Or/Not");
        } else {
          condition(rule.condition().get(), r);
        }
      } else {
        if (rule.condition().isPresent()) {
          r.add("Variable", "is only allowed in JSONPath states; use Condition");
        }
        if (rule.jsonataCondition().isEmpty()) {
          r.add("Condition", "is required in a JSONata Choice rule");
        } else {
          JsonNode cond = rule.jsonataCondition().get();
          if (!cond.isBoolean() && !(cond.isTextual() && jsonata(cond.asText()))) {
            r.add("Condition", "must be a boolean or a JSONata expression {% ... %}");
          }
        }
      }
    }
  }

  private void condition(Condition c, Problems r) {
    if (c instanceof Condition.Comparison cmp) {
      JsonNode v = cmp.value();
      String op = cmp.operator().aslName();
      switch (cmp.operator().operand()) {
        case STRING -> {
          if (!v.isTextual()) {
            r.add(op, "must be a string");
          }
        }
        case NUMBER -> {
          if (!v.isNumber()) {
            r.add(op, "must be a number");
          }
        }
        case BOOLEAN -> {
          if (!v.isBoolean()) {
            r.add(op, "must be a boolean");
          }
        }
        case TIMESTAMP -> {
          if (!v.isTextual() || !isTimestamp(v.asText())) {
            r.add(op, "must be an RFC 3339 timestamp like 2026-01-01T00:00:00Z (was " + v + ")");
          }
        }
        case PATH -> {
          String why = v.isTextual() ? PathSyntax.check(v.asText()) : "must be a path string";
          if (why != null) {
            r.add(op, why + " (was " + v + ")");
          }
        }
      }
      if (cmp.operator() == ComparisonOperator.STRING_MATCHES && v.isTextual()) {
        // The only escapes StringMatches knows are \* and \\.
        String p = v.asText();
        for (int i = 0; i < p.length(); i++) {
          if (p.charAt(i) == '\\') {
            if (i + 1 >= p.length() || (p.charAt(i + 1) != '*' && p.charAt(i + 1) != '\\')) {
              r.add(op, "may only escape * and \\ with a backslash");
              break;
            }
            i++;
          }
        }
      }
    } else if (c instanceof Condition.And a) {
      combination("And", a.conditions(), r);
    } else if (c instanceof Condition.Or o) {
      combination("Or", o.conditions(), r);
    } else if (c instanceof Condition.Not n) {
      condition(n.condition(), r.at("Not"));
    }
  }

  private void combination(String field, List<Condition> list, Problems r) {
    if (list.isEmpty()) {
      r.add(field, "must have at least one rule");
    }
    for (int i = 0; i < list.size(); i++) {
      condition(list.get(i), r.at(field, i));
    }
  }

  private void waitState(WaitState w) {
    paths(w.inputPath(), w.outputPath());
    jsonataOnly("Output", w.output());
    assign(at, w.assign());
    int set =
        (w.seconds().isPresent() ? 1 : 0)
            + (w.secondsPath().isPresent() ? 1 : 0)
            + (w.timestamp().isPresent() ? 1 : 0)
            + (w.timestampPath().isPresent() ? 1 : 0);
    if (set != 1) {
      at.add("must have exactly one of Seconds, SecondsPath, Timestamp and TimestampPath");
    }
    nonNegativeInteger("Seconds", w.seconds());
    referencePath("SecondsPath", w.secondsPath());
    referencePath("TimestampPath", w.timestampPath());
    if (w.timestamp().isPresent()) {
      String ts = w.timestamp().get();
      if (!jsonata(ts) && !isTimestamp(ts)) {
        at.add(
            "Timestamp",
            "must be an RFC 3339 timestamp like 2026-01-01T00:00:00Z (was " + ts + ")");
      } else if (jsonata(ts) && jsonPath()) {
        at.add("Timestamp", "is a JSONata expression in a JSONPath state");
      }
    }
  }

  private void fail(FailState f) {
    if (f.error().isPresent() && f.errorPath().isPresent()) {
      at.add("ErrorPath", "must not be set together with Error");
    }
    if (f.cause().isPresent() && f.causePath().isPresent()) {
      at.add("CausePath", "must not be set together with Cause");
    }
    pathOrIntrinsic("ErrorPath", f.errorPath());
    pathOrIntrinsic("CausePath", f.causePath());
  }

  private void parallel(ParallelState p) {
    if (p.branches().isEmpty()) {
      at.add("Branches", "must have at least one branch");
    }
    paths(p.inputPath(), p.outputPath());
    payload("Parameters", p.parameters(), true);
    payload("ResultSelector", p.resultSelector(), true);
    resultPath("ResultPath", p.resultPath());
    jsonataOnly("Arguments", p.arguments());
    jsonataOnly("Output", p.output());
    assign(at, p.assign());
  }

  private void map(MapState m) {
    paths(m.inputPath(), m.outputPath());
    payload("ResultSelector", m.resultSelector(), true);
    resultPath("ResultPath", m.resultPath());
    jsonataOnly("Output", m.output());
    assign(at, m.assign());
    if (m.itemProcessor().isPresent() == m.iterator().isPresent()) {
      at.add("must have exactly one of ItemProcessor and Iterator");
    }
    if (m.itemSelector().isPresent() && m.parameters().isPresent()) {
      at.add("Parameters", "must not be set together with ItemSelector (its deprecated name)");
    }
    payload("ItemSelector", m.itemSelector(), false);
    payload("Parameters", m.parameters(), true);
    referencePath("ItemsPath", m.itemsPath());
    if (m.items().isPresent()) {
      jsonataOnly("Items", m.items());
      JsonNode items = m.items().get();
      if (!items.isArray() && !(items.isTextual() && jsonata(items.asText()))) {
        at.add("Items", "must be an array or a JSONata expression {% ... %}");
      }
    }
    exclusive("MaxConcurrency", m.maxConcurrency(), m.maxConcurrencyPath());
    nonNegativeInteger("MaxConcurrency", m.maxConcurrency());
    referencePath("MaxConcurrencyPath", m.maxConcurrencyPath());
    exclusive(
        "ToleratedFailurePercentage",
        m.toleratedFailurePercentage(),
        m.toleratedFailurePercentagePath());
    referencePath("ToleratedFailurePercentagePath", m.toleratedFailurePercentagePath());
    m.toleratedFailurePercentage()
        .filter(v -> numeric("ToleratedFailurePercentage", v))
        .ifPresent(
            v -> {
              if (!v.isJsonata()
                  && (v.number().signum() < 0
                      || v.number().compareTo(BigDecimal.valueOf(100)) > 0)) {
                at.add("ToleratedFailurePercentage", "must be between 0 and 100 (was " + v + ")");
              }
            });
    exclusive("ToleratedFailureCount", m.toleratedFailureCount(), m.toleratedFailureCountPath());
    nonNegativeInteger("ToleratedFailureCount", m.toleratedFailureCount());
    referencePath("ToleratedFailureCountPath", m.toleratedFailureCountPath());
    m.processor().ifPresent(p -> processor(p, m.itemProcessor().isPresent()));
    boolean distributed = m.isDistributed();
    distributedOnly(distributed, "ItemReader", m.itemReader().isPresent());
    distributedOnly(distributed, "ItemBatcher", m.itemBatcher().isPresent());
    distributedOnly(distributed, "ResultWriter", m.resultWriter().isPresent());
    distributedOnly(
        distributed,
        "ToleratedFailurePercentage",
        m.toleratedFailurePercentage().isPresent()
            || m.toleratedFailurePercentagePath().isPresent());
    distributedOnly(
        distributed,
        "ToleratedFailureCount",
        m.toleratedFailureCount().isPresent() || m.toleratedFailureCountPath().isPresent());
    distributedOnly(distributed, "Label", m.label().isPresent());
    m.label()
        .filter(l -> l.length() > MAX_LABEL_LENGTH)
        .ifPresent(l -> at.add("Label", "must be at most " + MAX_LABEL_LENGTH + " characters"));
    m.itemReader().ifPresent(this::itemReader);
    m.itemBatcher().ifPresent(this::itemBatcher);
    m.resultWriter().ifPresent(this::resultWriter);
  }

  private void processor(ItemProcessor p, boolean named) {
    if (p.processorConfig().isEmpty()) {
      return;
    }
    Problems pc = at.at(named ? "ItemProcessor" : "Iterator").at("ProcessorConfig");
    ProcessorConfig c = p.processorConfig().get();
    ProcessorMode mode = c.mode().orElse(ProcessorMode.INLINE);
    if (mode == ProcessorMode.DISTRIBUTED && c.executionType().isEmpty()) {
      pc.add("ExecutionType", "is required in DISTRIBUTED mode (STANDARD or EXPRESS)");
    }
    if (mode == ProcessorMode.INLINE && c.executionType().isPresent()) {
      pc.add("ExecutionType", "is only allowed in DISTRIBUTED mode");
    }
    if (!named && mode == ProcessorMode.DISTRIBUTED) {
      pc.add("Mode", "DISTRIBUTED needs ItemProcessor, not the deprecated Iterator");
    }
    if (c.executionType().orElse(null) == ExecutionType.EXPRESS
        && mode != ProcessorMode.DISTRIBUTED) {
      pc.add("ExecutionType", "EXPRESS needs DISTRIBUTED mode");
    }
  }

  private void itemReader(ItemReader r) {
    Problems ir = at.at("ItemReader");
    if (r.resource().isBlank()) {
      ir.add("Resource", "must not be blank");
    }
    payload(ir, "Parameters", r.parameters(), true);
    jsonataOnly(ir, "Arguments", r.arguments());
    if (r.readerConfig().isPresent()) {
      ReaderConfig c = r.readerConfig().get();
      Problems rc = ir.at("ReaderConfig");
      if (c.maxItems().isPresent() && c.maxItemsPath().isPresent()) {
        rc.add("MaxItemsPath", "must not be set together with MaxItems");
      }
      if (c.maxItemsPath().isPresent() && !jsonPath()) {
        rc.add("MaxItemsPath", "is only allowed in JSONPath states");
      }
      c.maxItems()
          .ifPresent(
              v -> {
                if (!v.isJsonata() && (!v.isInteger() || v.number().signum() <= 0)) {
                  rc.add("MaxItems", "must be a positive integer (was " + v + ")");
                }
              });
      if (!c.csvHeaders().isEmpty() && !"GIVEN".equals(c.csvHeaderLocation().orElse(""))) {
        rc.add("CSVHeaders", "needs CSVHeaderLocation GIVEN");
      }
      if ("GIVEN".equals(c.csvHeaderLocation().orElse("")) && c.csvHeaders().isEmpty()) {
        rc.add("CSVHeaders", "is required when CSVHeaderLocation is GIVEN");
      }
    }
  }

  private void itemBatcher(ItemBatcher b) {
    Problems ib = at.at("ItemBatcher");
    if (b.maxItemsPerBatch().isEmpty()
        && b.maxItemsPerBatchPath().isEmpty()
        && b.maxInputBytesPerBatch().isEmpty()
        && b.maxInputBytesPerBatchPath().isEmpty()) {
      ib.add("must set MaxItemsPerBatch(Path) or MaxInputBytesPerBatch(Path)");
    }
    if (b.maxItemsPerBatch().isPresent() && b.maxItemsPerBatchPath().isPresent()) {
      ib.add("MaxItemsPerBatchPath", "must not be set together with MaxItemsPerBatch");
    }
    if (b.maxInputBytesPerBatch().isPresent() && b.maxInputBytesPerBatchPath().isPresent()) {
      ib.add("MaxInputBytesPerBatchPath", "must not be set together with MaxInputBytesPerBatch");
    }
    if (!jsonPath()) {
      if (b.maxItemsPerBatchPath().isPresent()) {
        ib.add("MaxItemsPerBatchPath", "is only allowed in JSONPath states");
      }
      if (b.maxInputBytesPerBatchPath().isPresent()) {
        ib.add("MaxInputBytesPerBatchPath", "is only allowed in JSONPath states");
      }
    }
    b.maxItemsPerBatch()
        .filter(v -> !v.isJsonata() && (!v.isInteger() || v.number().signum() <= 0))
        .ifPresent(v -> ib.add("MaxItemsPerBatch", "must be a positive integer (was " + v + ")"));
    b.maxInputBytesPerBatch()
        .filter(
            v ->
                !v.isJsonata()
                    && (!v.isInteger()
                        || v.number().signum() <= 0
                        || v.number().compareTo(BigDecimal.valueOf(MAX_INPUT_BYTES_PER_BATCH)) > 0))
        .ifPresent(
            v ->
                ib.add(
                    "MaxInputBytesPerBatch",
                    "must be between 1 and " + MAX_INPUT_BYTES_PER_BATCH + " (was " + v + ")"));
    if (b.batchInput().isPresent() && !b.batchInput().get().isObject()) {
      ib.add("BatchInput", "must be an object");
    }
  }

  private void resultWriter(ResultWriter w) {
    Problems rw = at.at("ResultWriter");
    if (w.resource().isEmpty() && w.writerConfig().isEmpty()) {
      rw.add("must have a Resource or a WriterConfig");
    }
    payload(rw, "Parameters", w.parameters(), true);
    jsonataOnly(rw, "Arguments", w.arguments());
  }

  private void retryAndCatch(RetryAndCatch rc) {
    List<Retrier> retry = rc.retry();
    for (int i = 0; i < retry.size(); i++) {
      Retrier r = retry.get(i);
      Problems p = at.at("Retry", i);
      errorEquals(r.errorEquals(), p, i == retry.size() - 1, "Retrier");
      if (r.intervalSeconds().isPresent()) {
        p.min("IntervalSeconds", r.intervalSeconds().get(), 1);
      }
      if (r.maxAttempts().isPresent()) {
        p.min("MaxAttempts", r.maxAttempts().get(), 0);
      }
      if (r.maxDelaySeconds().isPresent()) {
        p.min("MaxDelaySeconds", r.maxDelaySeconds().get(), 1);
      }
      if (r.backoffRate().isPresent() && r.backoffRate().get().compareTo(BigDecimal.ONE) < 0) {
        p.add("BackoffRate", "must be >= 1.0 (was " + r.backoffRate().get().toPlainString() + ")");
      }
    }
    List<Catcher> catchers = rc.catchers();
    for (int i = 0; i < catchers.size(); i++) {
      Catcher c = catchers.get(i);
      Problems p = at.at("Catch", i);
      errorEquals(c.errorEquals(), p, i == catchers.size() - 1, "Catcher");
      if (c.resultPath().isPresent()) {
        if (!jsonPath()) {
          p.add("ResultPath", "is only allowed in JSONPath states");
        } else {
          resultPath(p, "ResultPath", c.resultPath().get());
        }
      }
      if (c.output().isPresent() && jsonPath()) {
        p.add("Output", "is only allowed in JSONata states");
      }
      assign(p, c.assign());
    }
  }

  private static void errorEquals(List<String> errors, Problems p, boolean last, String what) {
    if (errors.isEmpty()) {
      p.add("ErrorEquals", "must name at least one error");
      return;
    }
    for (int i = 0; i < errors.size(); i++) {
      if (errors.get(i).isBlank()) {
        p.at("ErrorEquals", i).add("must not be blank");
      }
    }
    if (errors.contains(ALL)) {
      if (errors.size() > 1) {
        p.add("ErrorEquals", "States.ALL must appear alone");
      }
      if (!last) {
        p.add("ErrorEquals", "States.ALL must be in the last " + what);
      }
    }
  }

  // ---- field helpers ---------------------------------------------------------------------------

  private void paths(Optional<JsonPath> inputPath, Optional<JsonPath> outputPath) {
    jsonPathOnly("InputPath", inputPath.isPresent());
    jsonPathOnly("OutputPath", outputPath.isPresent());
  }

  private void jsonPathOnly(String field, boolean present) {
    if (present && !jsonPath()) {
      at.add(field, "is only allowed in JSONPath states");
    }
  }

  private void jsonataOnly(String field, Optional<JsonNode> value) {
    jsonataOnly(at, field, value);
  }

  private void jsonataOnly(Problems p, String field, Optional<JsonNode> value) {
    if (value.isPresent() && jsonPath()) {
      p.add(field, "is only allowed in JSONata states");
    }
  }

  private void resultPath(String field, Optional<JsonPath> path) {
    if (path.isPresent()) {
      jsonPathOnly(field, true);
      if (jsonPath()) {
        resultPath(at, field, path.get());
      }
    }
  }

  private static void resultPath(Problems p, String field, JsonPath path) {
    if (path.isNull()) {
      return;
    }
    switch (path.kind()) {
      case CONTEXT -> p.add(field, "must not start with $$ (was " + path + ")");
      case VARIABLE -> p.add(field, "must not reference a variable (was " + path + ")");
      default -> {
        if (!path.isReferencePath()) {
          p.add(field, "must be a reference path (a single node) (was " + path + ")");
        }
      }
    }
  }

  private void referencePath(String field, Optional<JsonPath> path) {
    if (path.isEmpty()) {
      return;
    }
    jsonPathOnly(field, true);
    if (path.get().isNull()) {
      at.add(field, "must be a path, not null");
    } else if (!path.get().isReferencePath()) {
      at.add(field, "must be a reference path (a single node) (was " + path.get() + ")");
    }
  }

  private void pathOrIntrinsic(String field, Optional<String> value) {
    if (value.isEmpty()) {
      return;
    }
    jsonPathOnly(field, true);
    String v = value.get();
    if (Intrinsic.looksLikeIntrinsic(v)) {
      try {
        Intrinsic.parse(v);
      } catch (ValidationException e) {
        at.add(field, "is not a valid intrinsic function: " + e.getMessage());
      }
    } else {
      String why = PathSyntax.check(v);
      if (why != null) {
        at.add(field, "must be a path or an intrinsic function: " + why + " (was " + v + ")");
      }
    }
  }

  private <T> void exclusive(String field, Optional<T> value, Optional<JsonPath> path) {
    if (value.isPresent() && path.isPresent()) {
      at.add(field + "Path", "must not be set together with " + field);
    }
  }

  /** Checks the literal/expression form of a numeric field; returns false when reported. */
  private boolean numeric(String field, NumberOrJsonata v) {
    if (v.isJsonata()) {
      if (jsonPath()) {
        at.add(field, "must be a number in a JSONPath state (was " + v + ")");
        return false;
      }
      if (!jsonata(v.expression())) {
        at.add(field, "must be a number or a JSONata expression {% ... %} (was " + v + ")");
        return false;
      }
    }
    return true;
  }

  private void positiveInteger(String field, Optional<NumberOrJsonata> value) {
    if (value.isPresent() && isLiteral(field, value.get())) {
      NumberOrJsonata v = value.get();
      if (!v.isInteger() || v.number().signum() <= 0) {
        at.add(field, "must be a positive integer (was " + v + ")");
      }
    }
  }

  private void nonNegativeInteger(String field, Optional<NumberOrJsonata> value) {
    if (value.isPresent() && isLiteral(field, value.get())) {
      NumberOrJsonata v = value.get();
      if (!v.isInteger() || v.number().signum() < 0) {
        at.add(field, "must be a non-negative integer (was " + v + ")");
      }
    }
  }

  /** A literal number (a well-placed expression is checked by {@link #numeric} and skipped). */
  private boolean isLiteral(String field, NumberOrJsonata v) {
    return numeric(field, v) && !v.isJsonata();
  }

  private void distributedOnly(boolean distributed, String field, boolean present) {
    if (present && !distributed) {
      at.add(field, "is only allowed in a DISTRIBUTED Map (ProcessorConfig.Mode)");
    }
  }

  private void payload(String field, Optional<JsonNode> value, boolean jsonPathField) {
    payload(at, field, value, jsonPathField);
  }

  /**
   * A JSONPath payload template: only in JSONPath states; every {@code key.$} value is a path or a
   * valid intrinsic call; no two keys collide once {@code .$} is stripped.
   */
  private void payload(Problems p, String field, Optional<JsonNode> value, boolean jsonPathField) {
    if (value.isEmpty()) {
      return;
    }
    if (jsonPathField && !jsonPath()) {
      p.add(field, "is only allowed in JSONPath states");
      return;
    }
    if (jsonPath()) {
      template(value.get(), p.at(field));
    }
  }

  private static void template(JsonNode node, Problems p) {
    if (node.isObject()) {
      // One pass over the fields; the names are kept to find "x" beside "x.$" afterwards.
      String[] names = new String[node.size()];
      int n = 0;
      boolean anyDynamic = false;
      for (var it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        JsonNode value = e.getValue();
        names[n++] = key;
        if (key.endsWith(".$")) {
          anyDynamic = true;
          dynamicValue(value, p, key);
        } else if (value.isContainerNode()) {
          template(value, p.at(key));
        }
      }
      if (anyDynamic) {
        collisions(names, n, p);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        if (node.get(i).isContainerNode()) {
          template(node.get(i), p.at("", i));
        }
      }
    }
  }

  /** Reports every {@code x} that is also written as {@code x.$}. */
  private static void collisions(String[] names, int n, Problems p) {
    if (n > 32) {
      // large templates: a set rather than comparing every pair
      java.util.Set<String> all = new java.util.HashSet<>(java.util.Arrays.asList(names));
      for (String key : names) {
        if (key.endsWith(".$") && all.contains(key.substring(0, key.length() - 2))) {
          String bare = key.substring(0, key.length() - 2);
          p.add(bare, "collides with another field named " + bare);
        }
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      String key = names[i];
      if (key.endsWith(".$")) {
        int bareLength = key.length() - 2;
        for (int j = 0; j < n; j++) {
          if (names[j].length() == bareLength && key.startsWith(names[j])) {
            p.add(names[j], "collides with another field named " + names[j]);
            break;
          }
        }
      }
    }
  }

  private static void dynamicValue(JsonNode v, Problems parent, String key) {
    String why = dynamicValueProblem(v);
    if (why != null) {
      parent.at(key).add(why);
    }
  }

  /** What is wrong with the value of a {@code key.$} field, or null. */
  private static String dynamicValueProblem(JsonNode v) {
    if (!v.isTextual()) {
      return "must be a path or intrinsic function string (the key ends in .$)";
    }
    String text = v.asText();
    if (Intrinsic.looksLikeIntrinsic(text)) {
      try {
        Intrinsic.parse(text);
      } catch (ValidationException e) {
        return "is not a valid intrinsic function: " + e.getMessage();
      }
    } else {
      String why = PathSyntax.check(text);
      if (why != null) {
        return "must be a path or an intrinsic function: " + why + " (was " + text + ")";
      }
    }
    return null;
  }

  private void assign(Problems p, Map<String, JsonNode> assign) {
    for (Map.Entry<String, JsonNode> e : assign.entrySet()) {
      String key = e.getKey();
      boolean dynamic = key.endsWith(".$");
      String name = dynamic ? key.substring(0, key.length() - 2) : key;
      Problems a = p.at("Assign");
      if (!isVariableName(name)) {
        a.add(
            key,
            "must be a variable name (a letter or _ first, then letters, digits or _; at most 80"
                + " characters; not states)");
      }
      if (dynamic) {
        if (!jsonPath()) {
          a.add(key, "uses .$ which is only meaningful in JSONPath states");
        } else {
          dynamicValue(e.getValue(), a, key);
        }
      }
    }
  }

  static boolean isVariableName(String name) {
    if (name.isEmpty()
        || name.codePointCount(0, name.length()) > 80
        || "states".equals(name)
        || !Character.isUnicodeIdentifierStart(name.codePointAt(0)) && name.charAt(0) != '_') {
      return false;
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (!Character.isUnicodeIdentifierPart(cp) || Character.isIdentifierIgnorable(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  static boolean jsonata(String text) {
    String t = text.strip();
    return t.startsWith("{%") && t.endsWith("%}");
  }

  static boolean isTimestamp(String text) {
    if (!RFC3339.matcher(text).matches()) {
      return false;
    }
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
