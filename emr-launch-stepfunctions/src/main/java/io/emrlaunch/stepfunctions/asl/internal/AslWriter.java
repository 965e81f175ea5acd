package io.emrlaunch.stepfunctions.asl.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.emrlaunch.stepfunctions.asl.Branch;
import io.emrlaunch.stepfunctions.asl.Catcher;
import io.emrlaunch.stepfunctions.asl.ChoiceRule;
import io.emrlaunch.stepfunctions.asl.ChoiceState;
import io.emrlaunch.stepfunctions.asl.Condition;
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
import io.emrlaunch.stepfunctions.asl.ReaderConfig;
import io.emrlaunch.stepfunctions.asl.ResultWriter;
import io.emrlaunch.stepfunctions.asl.Retrier;
import io.emrlaunch.stepfunctions.asl.RetryAndCatch;
import io.emrlaunch.stepfunctions.asl.State;
import io.emrlaunch.stepfunctions.asl.StateGraph;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateType;
import io.emrlaunch.stepfunctions.asl.SucceedState;
import io.emrlaunch.stepfunctions.asl.TaskState;
import io.emrlaunch.stepfunctions.asl.WaitState;
import io.emrlaunch.stepfunctions.asl.internal.CompactGenerator.Name;
import io.emrlaunch.stepfunctions.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a state machine as JSON with a fixed field order: Type, QueryLanguage, Comment, what the
 * state does, then its data flow in processing order (InputPath, request, ResultSelector,
 * ResultPath, OutputPath, Output, Assign), then Retry, Catch and the transition.
 */
public final class AslWriter {
  private static final ObjectMapper MAPPER = Json.MAPPER;

  // Field names with their quoted, escaped UTF-8 bytes computed once instead of at every write.
  private static final SerializableString F_AND = new Name("And");
  private static final SerializableString F_ARGUMENTS = new Name("Arguments");
  private static final SerializableString F_ASSIGN = new Name("Assign");
  private static final SerializableString F_BACKOFF_RATE = new Name("BackoffRate");
  private static final SerializableString F_BATCH_INPUT = new Name("BatchInput");
  private static final SerializableString F_BRANCHES = new Name("Branches");
  private static final SerializableString F_CSVDELIMITER = new Name("CSVDelimiter");
  private static final SerializableString F_CSVHEADER_LOCATION = new Name("CSVHeaderLocation");
  private static final SerializableString F_CSVHEADERS = new Name("CSVHeaders");
  private static final SerializableString F_CATCH = new Name("Catch");
  private static final SerializableString F_CAUSE = new Name("Cause");
  private static final SerializableString F_CAUSE_PATH = new Name("CausePath");
  private static final SerializableString F_CHOICES = new Name("Choices");
  private static final SerializableString F_COMMENT = new Name("Comment");
  private static final SerializableString F_CONDITION = new Name("Condition");
  private static final SerializableString F_CREDENTIALS = new Name("Credentials");
  private static final SerializableString F_DEFAULT = new Name("Default");
  private static final SerializableString F_END = new Name("End");
  private static final SerializableString F_ERROR = new Name("Error");
  private static final SerializableString F_ERROR_EQUALS = new Name("ErrorEquals");
  private static final SerializableString F_ERROR_PATH = new Name("ErrorPath");
  private static final SerializableString F_EXECUTION_TYPE = new Name("ExecutionType");
  private static final SerializableString F_HEARTBEAT_SECONDS = new Name("HeartbeatSeconds");
  private static final SerializableString F_HEARTBEAT_SECONDS_PATH =
      new Name("HeartbeatSecondsPath");
  private static final SerializableString F_INPUT_PATH = new Name("InputPath");
  private static final SerializableString F_INPUT_TYPE = new Name("InputType");
  private static final SerializableString F_INTERVAL_SECONDS = new Name("IntervalSeconds");
  private static final SerializableString F_ITEM_BATCHER = new Name("ItemBatcher");
  private static final SerializableString F_ITEM_PROCESSOR = new Name("ItemProcessor");
  private static final SerializableString F_ITEM_READER = new Name("ItemReader");
  private static final SerializableString F_ITEM_SELECTOR = new Name("ItemSelector");
  private static final SerializableString F_ITEMS = new Name("Items");
  private static final SerializableString F_ITEMS_PATH = new Name("ItemsPath");
  private static final SerializableString F_ITERATOR = new Name("Iterator");
  private static final SerializableString F_JITTER_STRATEGY = new Name("JitterStrategy");
  private static final SerializableString F_LABEL = new Name("Label");
  private static final SerializableString F_MANIFEST_TYPE = new Name("ManifestType");
  private static final SerializableString F_MAX_ATTEMPTS = new Name("MaxAttempts");
  private static final SerializableString F_MAX_CONCURRENCY = new Name("MaxConcurrency");
  private static final SerializableString F_MAX_CONCURRENCY_PATH = new Name("MaxConcurrencyPath");
  private static final SerializableString F_MAX_DELAY_SECONDS = new Name("MaxDelaySeconds");
  private static final SerializableString F_MAX_INPUT_BYTES_PER_BATCH =
      new Name("MaxInputBytesPerBatch");
  private static final SerializableString F_MAX_INPUT_BYTES_PER_BATCH_PATH =
      new Name("MaxInputBytesPerBatchPath");
  private static final SerializableString F_MAX_ITEMS = new Name("MaxItems");
  private static final SerializableString F_MAX_ITEMS_PATH = new Name("MaxItemsPath");
  private static final SerializableString F_MAX_ITEMS_PER_BATCH = new Name("MaxItemsPerBatch");
  private static final SerializableString F_MAX_ITEMS_PER_BATCH_PATH =
      new Name("MaxItemsPerBatchPath");
  private static final SerializableString F_MODE = new Name("Mode");
  private static final SerializableString F_NEXT = new Name("Next");
  private static final SerializableString F_NOT = new Name("Not");
  private static final SerializableString F_OR = new Name("Or");
  private static final SerializableString F_OUTPUT = new Name("Output");
  private static final SerializableString F_OUTPUT_PATH = new Name("OutputPath");
  private static final SerializableString F_OUTPUT_TYPE = new Name("OutputType");
  private static final SerializableString F_PARAMETERS = new Name("Parameters");
  private static final SerializableString F_PROCESSOR_CONFIG = new Name("ProcessorConfig");
  private static final SerializableString F_QUERY_LANGUAGE = new Name("QueryLanguage");
  private static final SerializableString F_READER_CONFIG = new Name("ReaderConfig");
  private static final SerializableString F_RESOURCE = new Name("Resource");
  private static final SerializableString F_RESULT = new Name("Result");
  private static final SerializableString F_RESULT_PATH = new Name("ResultPath");
  private static final SerializableString F_RESULT_SELECTOR = new Name("ResultSelector");
  private static final SerializableString F_RESULT_WRITER = new Name("ResultWriter");
  private static final SerializableString F_RETRY = new Name("Retry");
  private static final SerializableString F_SECONDS = new Name("Seconds");
  private static final SerializableString F_SECONDS_PATH = new Name("SecondsPath");
  private static final SerializableString F_START_AT = new Name("StartAt");
  private static final SerializableString F_STATES = new Name("States");
  private static final SerializableString F_TIMEOUT_SECONDS = new Name("TimeoutSeconds");
  private static final SerializableString F_TIMEOUT_SECONDS_PATH = new Name("TimeoutSecondsPath");
  private static final SerializableString F_TIMESTAMP = new Name("Timestamp");
  private static final SerializableString F_TIMESTAMP_PATH = new Name("TimestampPath");
  private static final SerializableString F_TOLERATED_FAILURE_COUNT =
      new Name("ToleratedFailureCount");
  private static final SerializableString F_TOLERATED_FAILURE_COUNT_PATH =
      new Name("ToleratedFailureCountPath");
  private static final SerializableString F_TOLERATED_FAILURE_PERCENTAGE =
      new Name("ToleratedFailurePercentage");
  private static final SerializableString F_TOLERATED_FAILURE_PERCENTAGE_PATH =
      new Name("ToleratedFailurePercentagePath");
  private static final SerializableString F_TRANSFORMATION = new Name("Transformation");
  private static final SerializableString F_TYPE = new Name("Type");
  private static final SerializableString F_VARIABLE = new Name("Variable");
  private static final SerializableString F_VERSION = new Name("Version");
  private static final SerializableString F_WRITER_CONFIG = new Name("WriterConfig");

  private AslWriter() {}

  /**
   * Writes the machine.
   *
   * @param machine the machine
   * @param pretty indent with two spaces
   * @return the JSON text
   */
  public static String write(StateMachine machine, boolean pretty) {
    if (!pretty) {
      // The compact form is what toJson() and the size limit use: written by CompactGenerator,
      // byte for byte what Jackson writes; Jackson itself for pretty output and the rare fallback.
      CompactGenerator fast = compact(machine);
      if (fast != null) {
        String text = fast.text();
        lastWritten = new Written(new WeakReference<>(text), fast.utf8Length());
        return text;
      }
    }
    // A UTF-8 byte generator is markedly faster than a char Writer for large definitions; the
    // segmented builder grows without copying what was written (a ByteArrayOutputStream doubles).
    ByteArrayBuilder out = new ByteArrayBuilder();
    write(machine, pretty, out);
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  /**
   * The compact text written by {@link CompactGenerator}, or null when the machine holds something
   * it does not mirror exactly (then Jackson writes it).
   */
  private static CompactGenerator compact(StateMachine machine) {
    if (COUNTER_FEATURES == -1 || !CompactGenerator.USABLE) {
      return null;
    }
    try {
      CompactGenerator g = new CompactGenerator(COUNTER_FEATURES, MAPPER, initialCapacity(machine));
      machine(g, machine);
      return g;
    } catch (ByteCounter.Unsupported | IOException e) {
      return null;
    }
  }

  /**
   * The buffer to start with, estimated from the machine itself (a state is a few hundred bytes),
   * so that a large definition is written without growing (and copying) the buffer, and a small one
   * after a large one does not get a large buffer. Nested states grow the buffer as needed.
   */
  private static int initialCapacity(StateMachine machine) {
    long estimate = 256L + 512L * machine.states().size();
    return (int) Math.min(estimate, StateMachine.MAX_DEFINITION_BYTES + 4096L);
  }

  /** Jackson's compact text, whatever the machine holds: the reference for the fast path. */
  static String jacksonCompact(StateMachine machine) {
    ByteArrayBuilder out = new ByteArrayBuilder();
    write(machine, false, out);
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  /** Whether {@link #write} takes the fast path for this machine. */
  static boolean writesFast(StateMachine machine) {
    return compact(machine) != null;
  }

  /**
   * The last text {@link #write} produced with its UTF-8 length, so that the size check right after
   * {@code toJson()} does not walk a megabyte of text again. Weak: it must not keep a large
   * definition alive; racy by design (a miss only costs the count).
   */
  private record Written(WeakReference<String> text, long utf8Length) {}

  private static volatile Written lastWritten;

  /**
   * The number of UTF-8 bytes of {@link #write(StateMachine, boolean) write(machine, false)},
   * counted as the generator produces them, without building the text.
   *
   * @param machine the machine
   * @return the size of the compact definition in bytes
   */
  public static long compactSize(StateMachine machine) {
    if (COUNTER_FEATURES != -1) {
      try {
        ByteCounter counter = new ByteCounter(COUNTER_FEATURES, MAPPER);
        machine(counter, machine);
        return counter.bytes();
      } catch (ByteCounter.Unsupported | IOException e) {
        // content the counter does not mirror exactly (rare): count the real generator's bytes
      }
    }
    ByteCount count = new ByteCount();
    write(machine, false, count);
    return count.bytes;
  }

  /**
   * The generator features of this module's mapper when {@link ByteCounter} can mirror its output
   * (no pretty printer, no custom escapes), otherwise -1.
   */
  private static final int COUNTER_FEATURES = counterFeatures();

  @SuppressWarnings("deprecation") // the generator features are the ones the generator reads
  private static int counterFeatures() {
    try (JsonGenerator g = MAPPER.createGenerator(OutputStream.nullOutputStream())) {
      boolean plain =
          g.getPrettyPrinter() == null
              && g.getCharacterEscapes() == null
              && g.getHighestEscapedChar() == 0
              && !g.isEnabled(JsonGenerator.Feature.ESCAPE_FORWARD_SLASHES)
              && !g.isEnabled(JsonGenerator.Feature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
      return plain ? g.getFeatureMask() : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Counts what is written to it and keeps nothing. */
  private static final class ByteCount extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  private static void write(StateMachine machine, boolean pretty, OutputStream out) {
    try (JsonGenerator g = MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
      if (pretty) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
        pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        g.setPrettyPrinter(pp);
      }
      machine(g, machine);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void machine(JsonGenerator g, StateMachine machine) throws IOException {
    g.writeStartObject();
    str(g, F_COMMENT, machine.comment());
    if (machine.queryLanguage().isPresent()) {
      stringField(g, F_QUERY_LANGUAGE, machine.queryLanguage().get().aslName());
    }
    stringField(g, F_START_AT, machine.startAt());
    if (machine.timeoutSeconds().isPresent()) {
      numberField(g, F_TIMEOUT_SECONDS, machine.timeoutSeconds().get());
    }
    str(g, F_VERSION, machine.version());
    states(g, machine.states());
    g.writeEndObject();
  }

  /**
   * The number of UTF-8 bytes of a text, without encoding it.
   *
   * @param text the text
   * @return its UTF-8 length
   */
  public static int utf8Length(String text) {
    Objects.requireNonNull(text, "text");
    Written last = lastWritten;
    // A cleared reference answers null, never a text: only the very text written is a hit.
    if (last != null && last.text().get() == text) {
      return (int) last.utf8Length();
    }
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static void states(JsonGenerator g, Map<String, State> states) throws IOException {
    objectField(g, F_STATES);
    for (Map.Entry<String, State> e : states.entrySet()) {
      g.writeFieldName(e.getKey());
      state(g, e.getValue());
    }
    g.writeEndObject();
  }

  private static void graph(JsonGenerator g, StateGraph graph) throws IOException {
    str(g, F_COMMENT, graph.comment());
    stringField(g, F_START_AT, graph.startAt());
    states(g, graph.states());
  }

  private static void state(JsonGenerator g, State s) throws IOException {
    g.writeStartObject();
    stringField(g, F_TYPE, s.type().aslName());
    if (s.queryLanguage().isPresent()) {
      stringField(g, F_QUERY_LANGUAGE, s.queryLanguage().get().aslName());
    }
    str(g, F_COMMENT, s.comment());
    // One method a kind: small methods inline their accessors, so no Optional is allocated. A
    // switch on the type, then one cast: failing instanceof tests against interfaces are slow.
    switch (s.type()) {
      case TASK -> task(g, (TaskState) s);
      case PASS -> pass(g, (PassState) s);
      case CHOICE -> choice(g, (ChoiceState) s);
      case WAIT -> await(g, (WaitState) s);
      case SUCCEED -> {
        SucceedState su = (SucceedState) s;
        path(g, F_INPUT_PATH, su.inputPath());
        path(g, F_OUTPUT_PATH, su.outputPath());
        node(g, F_OUTPUT, su.output());
      }
      case FAIL -> fail(g, (FailState) s);
      case PARALLEL -> parallel(g, (ParallelState) s);
      case MAP -> map(g, (MapState) s);
    }
    StateType type = s.type();
    if (type == StateType.TASK || type == StateType.PARALLEL || type == StateType.MAP) {
      retryAndCatch(g, (RetryAndCatch) s);
    }
    if (type != StateType.CHOICE && type != StateType.SUCCEED && type != StateType.FAIL) {
      NextOrEnd n = (NextOrEnd) s;
      str(g, F_NEXT, n.next());
      if (n.end()) {
        booleanField(g, F_END, true);
      }
    }
    g.writeEndObject();
  }

  private static void task(JsonGenerator g, TaskState t) throws IOException {
    stringField(g, F_RESOURCE, t.resource());
    node(g, F_CREDENTIALS, t.credentials());
    path(g, F_INPUT_PATH, t.inputPath());
    node(g, F_PARAMETERS, t.parameters());
    node(g, F_ARGUMENTS, t.arguments());
    num(g, F_TIMEOUT_SECONDS, t.timeoutSeconds());
    path(g, F_TIMEOUT_SECONDS_PATH, t.timeoutSecondsPath());
    num(g, F_HEARTBEAT_SECONDS, t.heartbeatSeconds());
    path(g, F_HEARTBEAT_SECONDS_PATH, t.heartbeatSecondsPath());
    node(g, F_RESULT_SELECTOR, t.resultSelector());
    path(g, F_RESULT_PATH, t.resultPath());
    path(g, F_OUTPUT_PATH, t.outputPath());
    node(g, F_OUTPUT, t.output());
    assign(g, t.assign());
  }

  private static void pass(JsonGenerator g, PassState p) throws IOException {
    path(g, F_INPUT_PATH, p.inputPath());
    node(g, F_PARAMETERS, p.parameters());
    node(g, F_RESULT, p.result());
    path(g, F_RESULT_PATH, p.resultPath());
    path(g, F_OUTPUT_PATH, p.outputPath());
    node(g, F_OUTPUT, p.output());
    assign(g, p.assign());
  }

  private static void choice(JsonGenerator g, ChoiceState c) throws IOException {
    path(g, F_INPUT_PATH, c.inputPath());
    arrayField(g, F_CHOICES);
    for (ChoiceRule r : c.choices()) {
      choiceRule(g, r);
    }
    g.writeEndArray();
    str(g, F_DEFAULT, c.defaultState());
    path(g, F_OUTPUT_PATH, c.outputPath());
    node(g, F_OUTPUT, c.output());
    assign(g, c.assign());
  }

  private static void await(JsonGenerator g, WaitState w) throws IOException {
    path(g, F_INPUT_PATH, w.inputPath());
    num(g, F_SECONDS, w.seconds());
    path(g, F_SECONDS_PATH, w.secondsPath());
    str(g, F_TIMESTAMP, w.timestamp());
    path(g, F_TIMESTAMP_PATH, w.timestampPath());
    path(g, F_OUTPUT_PATH, w.outputPath());
    node(g, F_OUTPUT, w.output());
    assign(g, w.assign());
  }

  private static void fail(JsonGenerator g, FailState f) throws IOException {
    str(g, F_ERROR, f.error());
    str(g, F_ERROR_PATH, f.errorPath());
    str(g, F_CAUSE, f.cause());
    str(g, F_CAUSE_PATH, f.causePath());
  }

  private static void parallel(JsonGenerator g, ParallelState p) throws IOException {
    path(g, F_INPUT_PATH, p.inputPath());
    node(g, F_PARAMETERS, p.parameters());
    node(g, F_ARGUMENTS, p.arguments());
    arrayField(g, F_BRANCHES);
    for (Branch b : p.branches()) {
      g.writeStartObject();
      graph(g, b);
      g.writeEndObject();
    }
    g.writeEndArray();
    node(g, F_RESULT_SELECTOR, p.resultSelector());
    path(g, F_RESULT_PATH, p.resultPath());
    path(g, F_OUTPUT_PATH, p.outputPath());
    node(g, F_OUTPUT, p.output());
    assign(g, p.assign());
  }

  private static void map(JsonGenerator g, MapState m) throws IOException {
    path(g, F_INPUT_PATH, m.inputPath());
    if (m.itemReader().isPresent()) {
      ItemReader r = m.itemReader().get();
      objectField(g, F_ITEM_READER);
      stringField(g, F_RESOURCE, r.resource());
      if (r.readerConfig().isPresent()) {
        ReaderConfig c = r.readerConfig().get();
        objectField(g, F_READER_CONFIG);
        str(g, F_INPUT_TYPE, c.inputType());
        str(g, F_CSVHEADER_LOCATION, c.csvHeaderLocation());
        if (!c.csvHeaders().isEmpty()) {
          arrayField(g, F_CSVHEADERS);
          for (String h : c.csvHeaders()) {
            g.writeString(h);
          }
          g.writeEndArray();
        }
        str(g, F_CSVDELIMITER, c.csvDelimiter());
        str(g, F_MANIFEST_TYPE, c.manifestType());
        num(g, F_MAX_ITEMS, c.maxItems());
        path(g, F_MAX_ITEMS_PATH, c.maxItemsPath());
        g.writeEndObject();
      }
      node(g, F_PARAMETERS, r.parameters());
      node(g, F_ARGUMENTS, r.arguments());
      g.writeEndObject();
    }
    path(g, F_ITEMS_PATH, m.itemsPath());
    node(g, F_ITEMS, m.items());
    node(g, F_ITEM_SELECTOR, m.itemSelector());
    node(g, F_PARAMETERS, m.parameters());
    if (m.itemBatcher().isPresent()) {
      ItemBatcher b = m.itemBatcher().get();
      objectField(g, F_ITEM_BATCHER);
      num(g, F_MAX_ITEMS_PER_BATCH, b.maxItemsPerBatch());
      path(g, F_MAX_ITEMS_PER_BATCH_PATH, b.maxItemsPerBatchPath());
      num(g, F_MAX_INPUT_BYTES_PER_BATCH, b.maxInputBytesPerBatch());
      path(g, F_MAX_INPUT_BYTES_PER_BATCH_PATH, b.maxInputBytesPerBatchPath());
      node(g, F_BATCH_INPUT, b.batchInput());
      g.writeEndObject();
    }
    num(g, F_MAX_CONCURRENCY, m.maxConcurrency());
    path(g, F_MAX_CONCURRENCY_PATH, m.maxConcurrencyPath());
    num(g, F_TOLERATED_FAILURE_PERCENTAGE, m.toleratedFailurePercentage());
    path(g, F_TOLERATED_FAILURE_PERCENTAGE_PATH, m.toleratedFailurePercentagePath());
    num(g, F_TOLERATED_FAILURE_COUNT, m.toleratedFailureCount());
    path(g, F_TOLERATED_FAILURE_COUNT_PATH, m.toleratedFailureCountPath());
    processor(g, F_ITEM_PROCESSOR, m.itemProcessor());
    processor(g, F_ITERATOR, m.iterator());
    if (m.resultWriter().isPresent()) {
      ResultWriter w = m.resultWriter().get();
      objectField(g, F_RESULT_WRITER);
      str(g, F_RESOURCE, w.resource());
      node(g, F_PARAMETERS, w.parameters());
      node(g, F_ARGUMENTS, w.arguments());
      if (w.writerConfig().isPresent()) {
        objectField(g, F_WRITER_CONFIG);
        str(g, F_OUTPUT_TYPE, w.writerConfig().get().outputType());
        str(g, F_TRANSFORMATION, w.writerConfig().get().transformation());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    str(g, F_LABEL, m.label());
    node(g, F_RESULT_SELECTOR, m.resultSelector());
    path(g, F_RESULT_PATH, m.resultPath());
    path(g, F_OUTPUT_PATH, m.outputPath());
    node(g, F_OUTPUT, m.output());
    assign(g, m.assign());
  }

  private static void processor(
      JsonGenerator g, SerializableString field, Optional<ItemProcessor> p) throws IOException {
    if (p.isEmpty()) {
      return;
    }
    objectField(g, field);
    ItemProcessor proc = p.get();
    if (proc.processorConfig().isPresent()) {
      objectField(g, F_PROCESSOR_CONFIG);
      if (proc.processorConfig().get().mode().isPresent()) {
        stringField(g, F_MODE, proc.processorConfig().get().mode().get().name());
      }
      if (proc.processorConfig().get().executionType().isPresent()) {
        stringField(g, F_EXECUTION_TYPE, proc.processorConfig().get().executionType().get().name());
      }
      g.writeEndObject();
    }
    graph(g, proc);
    g.writeEndObject();
  }

  private static void choiceRule(JsonGenerator g, ChoiceRule r) throws IOException {
    g.writeStartObject();
    str(g, F_COMMENT, r.comment());
    if (r.condition().isPresent()) {
      conditionFields(g, r.condition().get());
    }
    node(g, F_CONDITION, r.jsonataCondition());
    node(g, F_OUTPUT, r.output());
    assign(g, r.assign());
    stringField(g, F_NEXT, r.next());
    g.writeEndObject();
  }

  private static void conditionFields(JsonGenerator g, Condition c) throws IOException {
    if (c instanceof Condition.Comparison cmp) {
      stringField(g, F_VARIABLE, cmp.variable().value());
      g.writeFieldName(cmp.operator().aslName());
      tree(g, cmp.value());
    } else if (c instanceof Condition.And a) {
      conditions(g, F_AND, a.conditions());
    } else if (c instanceof Condition.Or o) {
      conditions(g, F_OR, o.conditions());
    } else if (c instanceof Condition.Not n) {
      objectField(g, F_NOT);
      conditionFields(g, n.condition());
      g.writeEndObject();
    }
  }

  private static void conditions(JsonGenerator g, SerializableString field, List<Condition> cs)
      throws IOException {
    arrayField(g, field);
    for (Condition c : cs) {
      g.writeStartObject();
      conditionFields(g, c);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void retryAndCatch(JsonGenerator g, RetryAndCatch rc) throws IOException {
    if (!rc.retry().isEmpty()) {
      arrayField(g, F_RETRY);
      for (Retrier r : rc.retry()) {
        retrier(g, r);
      }
      g.writeEndArray();
    }
    if (!rc.catchers().isEmpty()) {
      arrayField(g, F_CATCH);
      for (Catcher c : rc.catchers()) {
        catcher(g, c);
      }
      g.writeEndArray();
    }
  }

  private static void retrier(JsonGenerator g, Retrier r) throws IOException {
    g.writeStartObject();
    str(g, F_COMMENT, r.comment());
    errors(g, r.errorEquals());
    Integer interval = r.intervalSeconds().orElse(null);
    if (interval != null) {
      numberField(g, F_INTERVAL_SECONDS, interval);
    }
    Integer maxAttempts = r.maxAttempts().orElse(null);
    if (maxAttempts != null) {
      numberField(g, F_MAX_ATTEMPTS, maxAttempts);
    }
    BigDecimal backoffRate = r.backoffRate().orElse(null);
    if (backoffRate != null) {
      numberField(g, F_BACKOFF_RATE, backoffRate);
    }
    Integer maxDelay = r.maxDelaySeconds().orElse(null);
    if (maxDelay != null) {
      numberField(g, F_MAX_DELAY_SECONDS, maxDelay);
    }
    if (r.jitterStrategy().isPresent()) {
      stringField(g, F_JITTER_STRATEGY, r.jitterStrategy().get().name());
    }
    g.writeEndObject();
  }

  private static void catcher(JsonGenerator g, Catcher c) throws IOException {
    g.writeStartObject();
    str(g, F_COMMENT, c.comment());
    errors(g, c.errorEquals());
    path(g, F_RESULT_PATH, c.resultPath());
    node(g, F_OUTPUT, c.output());
    assign(g, c.assign());
    stringField(g, F_NEXT, c.next());
    g.writeEndObject();
  }

  private static void errors(JsonGenerator g, List<String> errors) throws IOException {
    arrayField(g, F_ERROR_EQUALS);
    for (String e : errors) {
      g.writeString(e);
    }
    g.writeEndArray();
  }

  private static void assign(JsonGenerator g, Map<String, JsonNode> assign) throws IOException {
    if (assign.isEmpty()) {
      return;
    }
    objectField(g, F_ASSIGN);
    for (Map.Entry<String, JsonNode> e : assign.entrySet()) {
      g.writeFieldName(e.getKey());
      tree(g, e.getValue());
    }
    g.writeEndObject();
  }

  /**
   * Writes a JSON tree straight to the generator: {@code writeTree} goes through the mapper's
   * serializer provider for every call, which costs more than the writing itself for small trees.
   */
  static void tree(JsonGenerator g, JsonNode node) throws IOException {
    // The two kinds most payloads are made of, by exact class: cheaper than the virtual
    // getNodeType() call, and the same decision (subclasses take the switch below).
    if (node.getClass() == TextNode.class) {
      g.writeString(node.textValue());
      return;
    }
    if (node.getClass() == ObjectNode.class) {
      g.writeStartObject();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        g.writeFieldName(e.getKey());
        tree(g, e.getValue());
      }
      g.writeEndObject();
      return;
    }
    switch (node.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          g.writeFieldName(e.getKey());
          tree(g, e.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (int i = 0, n = node.size(); i < n; i++) {
          tree(g, node.get(i));
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(node.textValue());
      case BOOLEAN -> g.writeBoolean(node.booleanValue());
      case NULL -> g.writeNull();
      case NUMBER -> number(g, node);
      default -> g.writeTree(node);
    }
  }

  private static void number(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.numberType()) {
      case INT -> g.writeNumber(node.intValue());
      case LONG -> g.writeNumber(node.longValue());
      case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
      case FLOAT -> g.writeNumber(node.floatValue());
      case DOUBLE -> g.writeNumber(node.doubleValue());
      default -> g.writeNumber(node.decimalValue());
    }
  }

  private static void stringField(JsonGenerator g, SerializableString field, String value)
      throws IOException {
    g.writeFieldName(field);
    g.writeString(value);
  }

  private static void numberField(JsonGenerator g, SerializableString field, int value)
      throws IOException {
    g.writeFieldName(field);
    g.writeNumber(value);
  }

  private static void numberField(JsonGenerator g, SerializableString field, BigDecimal value)
      throws IOException {
    g.writeFieldName(field);
    g.writeNumber(value);
  }

  private static void booleanField(JsonGenerator g, SerializableString field, boolean value)
      throws IOException {
    g.writeFieldName(field);
    g.writeBoolean(value);
  }

  private static void objectField(JsonGenerator g, SerializableString field) throws IOException {
    g.writeFieldName(field);
    g.writeStartObject();
  }

  private static void arrayField(JsonGenerator g, SerializableString field) throws IOException {
    g.writeFieldName(field);
    g.writeStartArray();
  }

  private static void str(JsonGenerator g, SerializableString field, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      stringField(g, field, value.get());
    }
  }

  private static void node(JsonGenerator g, SerializableString field, Optional<JsonNode> value)
      throws IOException {
    // kept tiny so that it inlines and the Optional is never allocated; the writing is out of line
    if (value.isPresent()) {
      nodeField(g, field, value.get());
    }
  }

  private static void nodeField(JsonGenerator g, SerializableString field, JsonNode value)
      throws IOException {
    g.writeFieldName(field);
    tree(g, value);
  }

  private static void path(JsonGenerator g, SerializableString field, Optional<JsonPath> value)
      throws IOException {
    if (value.isPresent()) {
      if (value.get().isNull()) {
        g.writeFieldName(field);
        g.writeNull();
      } else {
        stringField(g, field, value.get().value());
      }
    }
  }

  private static void num(
      JsonGenerator g, SerializableString field, Optional<NumberOrJsonata> value)
      throws IOException {
    if (value.isPresent()) {
      NumberOrJsonata v = value.get();
      if (v.isJsonata()) {
        stringField(g, field, v.expression());
      } else {
        numberField(g, field, v.number());
      }
    }
  }
}
