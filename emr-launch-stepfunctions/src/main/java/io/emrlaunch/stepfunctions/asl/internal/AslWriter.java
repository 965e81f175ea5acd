package io.emrlaunch.stepfunctions.asl.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.emrlaunch.stepfunctions.asl.SucceedState;
import io.emrlaunch.stepfunctions.asl.TaskState;
import io.emrlaunch.stepfunctions.asl.WaitState;
import io.emrlaunch.stepfunctions.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a state machine as JSON with a fixed field order: Type, QueryLanguage, Comment, what the
 * state does, then its data flow in processing order (InputPath, request, ResultSelector,
 * ResultPath, OutputPath, Output, Assign), then Retry, Catch and the transition.
 */
public final class AslWriter {
  private static final ObjectMapper MAPPER = Json.MAPPER;

  private AslWriter() {}

  /**
   * Writes the machine.
   *
   * @param machine the machine
   * @param pretty indent with two spaces
   * @return the JSON text
   */
  public static String write(StateMachine machine, boolean pretty) {
    // A UTF-8 byte generator is markedly faster than a char Writer for large definitions.
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try (JsonGenerator g = MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
      if (pretty) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
        pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        g.setPrettyPrinter(pp);
      }
      g.writeStartObject();
      str(g, "Comment", machine.comment());
      if (machine.queryLanguage().isPresent()) {
        g.writeStringField("QueryLanguage", machine.queryLanguage().get().aslName());
      }
      g.writeStringField("StartAt", machine.startAt());
      if (machine.timeoutSeconds().isPresent()) {
        g.writeNumberField("TimeoutSeconds", machine.timeoutSeconds().get());
      }
      str(g, "Version", machine.version());
      states(g, machine.states());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * The number of UTF-8 bytes of a text, without encoding it.
   *
   * @param text the text
   * @return its UTF-8 length
   */
  public static int utf8Length(String text) {
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
    g.writeObjectFieldStart("States");
    for (Map.Entry<String, State> e : states.entrySet()) {
      g.writeFieldName(e.getKey());
      state(g, e.getValue());
    }
    g.writeEndObject();
  }

  private static void graph(JsonGenerator g, StateGraph graph) throws IOException {
    str(g, "Comment", graph.comment());
    g.writeStringField("StartAt", graph.startAt());
    states(g, graph.states());
  }

  private static void state(JsonGenerator g, State s) throws IOException {
    g.writeStartObject();
    g.writeStringField("Type", s.type().aslName());
    if (s.queryLanguage().isPresent()) {
      g.writeStringField("QueryLanguage", s.queryLanguage().get().aslName());
    }
    str(g, "Comment", s.comment());
    if (s instanceof TaskState t) {
      g.writeStringField("Resource", t.resource());
      node(g, "Credentials", t.credentials());
      path(g, "InputPath", t.inputPath());
      node(g, "Parameters", t.parameters());
      node(g, "Arguments", t.arguments());
      num(g, "TimeoutSeconds", t.timeoutSeconds());
      path(g, "TimeoutSecondsPath", t.timeoutSecondsPath());
      num(g, "HeartbeatSeconds", t.heartbeatSeconds());
      path(g, "HeartbeatSecondsPath", t.heartbeatSecondsPath());
      node(g, "ResultSelector", t.resultSelector());
      path(g, "ResultPath", t.resultPath());
      path(g, "OutputPath", t.outputPath());
      node(g, "Output", t.output());
      assign(g, t.assign());
    } else if (s instanceof PassState p) {
      path(g, "InputPath", p.inputPath());
      node(g, "Parameters", p.parameters());
      node(g, "Result", p.result());
      path(g, "ResultPath", p.resultPath());
      path(g, "OutputPath", p.outputPath());
      node(g, "Output", p.output());
      assign(g, p.assign());
    } else if (s instanceof ChoiceState c) {
      path(g, "InputPath", c.inputPath());
      g.writeArrayFieldStart("Choices");
      for (ChoiceRule r : c.choices()) {
        choiceRule(g, r);
      }
      g.writeEndArray();
      str(g, "Default", c.defaultState());
      path(g, "OutputPath", c.outputPath());
      node(g, "Output", c.output());
      assign(g, c.assign());
    } else if (s instanceof WaitState w) {
      path(g, "InputPath", w.inputPath());
      num(g, "Seconds", w.seconds());
      path(g, "SecondsPath", w.secondsPath());
      str(g, "Timestamp", w.timestamp());
      path(g, "TimestampPath", w.timestampPath());
      path(g, "OutputPath", w.outputPath());
      node(g, "Output", w.output());
      assign(g, w.assign());
    } else if (s instanceof SucceedState su) {
      path(g, "InputPath", su.inputPath());
      path(g, "OutputPath", su.outputPath());
      node(g, "Output", su.output());
    } else if (s instanceof FailState f) {
      str(g, "Error", f.error());
      str(g, "ErrorPath", f.errorPath());
      str(g, "Cause", f.cause());
      str(g, "CausePath", f.causePath());
    } else if (s instanceof ParallelState p) {
      path(g, "InputPath", p.inputPath());
      node(g, "Parameters", p.parameters());
      node(g, "Arguments", p.arguments());
      g.writeArrayFieldStart("Branches");
      for (Branch b : p.branches()) {
        g.writeStartObject();
        graph(g, b);
        g.writeEndObject();
      }
      g.writeEndArray();
      node(g, "ResultSelector", p.resultSelector());
      path(g, "ResultPath", p.resultPath());
      path(g, "OutputPath", p.outputPath());
      node(g, "Output", p.output());
      assign(g, p.assign());
    } else if (s instanceof MapState m) {
      map(g, m);
    }
    if (s instanceof RetryAndCatch rc) {
      retryAndCatch(g, rc);
    }
    if (s instanceof NextOrEnd n) {
      str(g, "Next", n.next());
      if (n.end()) {
        g.writeBooleanField("End", true);
      }
    }
    g.writeEndObject();
  }

  private static void map(JsonGenerator g, MapState m) throws IOException {
    path(g, "InputPath", m.inputPath());
    if (m.itemReader().isPresent()) {
      ItemReader r = m.itemReader().get();
      g.writeObjectFieldStart("ItemReader");
      g.writeStringField("Resource", r.resource());
      if (r.readerConfig().isPresent()) {
        ReaderConfig c = r.readerConfig().get();
        g.writeObjectFieldStart("ReaderConfig");
        str(g, "InputType", c.inputType());
        str(g, "CSVHeaderLocation", c.csvHeaderLocation());
        if (!c.csvHeaders().isEmpty()) {
          g.writeArrayFieldStart("CSVHeaders");
          for (String h : c.csvHeaders()) {
            g.writeString(h);
          }
          g.writeEndArray();
        }
        str(g, "CSVDelimiter", c.csvDelimiter());
        str(g, "ManifestType", c.manifestType());
        num(g, "MaxItems", c.maxItems());
        path(g, "MaxItemsPath", c.maxItemsPath());
        g.writeEndObject();
      }
      node(g, "Parameters", r.parameters());
      node(g, "Arguments", r.arguments());
      g.writeEndObject();
    }
    path(g, "ItemsPath", m.itemsPath());
    node(g, "Items", m.items());
    node(g, "ItemSelector", m.itemSelector());
    node(g, "Parameters", m.parameters());
    if (m.itemBatcher().isPresent()) {
      ItemBatcher b = m.itemBatcher().get();
      g.writeObjectFieldStart("ItemBatcher");
      num(g, "MaxItemsPerBatch", b.maxItemsPerBatch());
      path(g, "MaxItemsPerBatchPath", b.maxItemsPerBatchPath());
      num(g, "MaxInputBytesPerBatch", b.maxInputBytesPerBatch());
      path(g, "MaxInputBytesPerBatchPath", b.maxInputBytesPerBatchPath());
      node(g, "BatchInput", b.batchInput());
      g.writeEndObject();
    }
    num(g, "MaxConcurrency", m.maxConcurrency());
    path(g, "MaxConcurrencyPath", m.maxConcurrencyPath());
    num(g, "ToleratedFailurePercentage", m.toleratedFailurePercentage());
    path(g, "ToleratedFailurePercentagePath", m.toleratedFailurePercentagePath());
    num(g, "ToleratedFailureCount", m.toleratedFailureCount());
    path(g, "ToleratedFailureCountPath", m.toleratedFailureCountPath());
    processor(g, "ItemProcessor", m.itemProcessor());
    processor(g, "Iterator", m.iterator());
    if (m.resultWriter().isPresent()) {
      ResultWriter w = m.resultWriter().get();
      g.writeObjectFieldStart("ResultWriter");
      str(g, "Resource", w.resource());
      node(g, "Parameters", w.parameters());
      node(g, "Arguments", w.arguments());
      if (w.writerConfig().isPresent()) {
        g.writeObjectFieldStart("WriterConfig");
        str(g, "OutputType", w.writerConfig().get().outputType());
        str(g, "Transformation", w.writerConfig().get().transformation());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    str(g, "Label", m.label());
    node(g, "ResultSelector", m.resultSelector());
    path(g, "ResultPath", m.resultPath());
    path(g, "OutputPath", m.outputPath());
    node(g, "Output", m.output());
    assign(g, m.assign());
  }

  private static void processor(JsonGenerator g, String field, Optional<ItemProcessor> p)
      throws IOException {
    if (p.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart(field);
    ItemProcessor proc = p.get();
    if (proc.processorConfig().isPresent()) {
      g.writeObjectFieldStart("ProcessorConfig");
      if (proc.processorConfig().get().mode().isPresent()) {
        g.writeStringField("Mode", proc.processorConfig().get().mode().get().name());
      }
      if (proc.processorConfig().get().executionType().isPresent()) {
        g.writeStringField(
            "ExecutionType", proc.processorConfig().get().executionType().get().name());
      }
      g.writeEndObject();
    }
    graph(g, proc);
    g.writeEndObject();
  }

  private static void choiceRule(JsonGenerator g, ChoiceRule r) throws IOException {
    g.writeStartObject();
    str(g, "Comment", r.comment());
    if (r.condition().isPresent()) {
      conditionFields(g, r.condition().get());
    }
    node(g, "Condition", r.jsonataCondition());
    node(g, "Output", r.output());
    assign(g, r.assign());
    g.writeStringField("Next", r.next());
    g.writeEndObject();
  }

  private static void conditionFields(JsonGenerator g, Condition c) throws IOException {
    if (c instanceof Condition.Comparison cmp) {
      g.writeStringField("Variable", cmp.variable().value());
      g.writeFieldName(cmp.operator().aslName());
      g.writeTree(cmp.value());
    } else if (c instanceof Condition.And a) {
      conditions(g, "And", a.conditions());
    } else if (c instanceof Condition.Or o) {
      conditions(g, "Or", o.conditions());
    } else if (c instanceof Condition.Not n) {
      g.writeObjectFieldStart("Not");
      conditionFields(g, n.condition());
      g.writeEndObject();
    }
  }

  private static void conditions(JsonGenerator g, String field, List<Condition> cs)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (Condition c : cs) {
      g.writeStartObject();
      conditionFields(g, c);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void retryAndCatch(JsonGenerator g, RetryAndCatch rc) throws IOException {
    if (!rc.retry().isEmpty()) {
      g.writeArrayFieldStart("Retry");
      for (Retrier r : rc.retry()) {
        g.writeStartObject();
        str(g, "Comment", r.comment());
        errors(g, r.errorEquals());
        if (r.intervalSeconds().isPresent()) {
          g.writeNumberField("IntervalSeconds", r.intervalSeconds().get());
        }
        if (r.maxAttempts().isPresent()) {
          g.writeNumberField("MaxAttempts", r.maxAttempts().get());
        }
        if (r.backoffRate().isPresent()) {
          g.writeNumberField("BackoffRate", r.backoffRate().get());
        }
        if (r.maxDelaySeconds().isPresent()) {
          g.writeNumberField("MaxDelaySeconds", r.maxDelaySeconds().get());
        }
        if (r.jitterStrategy().isPresent()) {
          g.writeStringField("JitterStrategy", r.jitterStrategy().get().name());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (!rc.catchers().isEmpty()) {
      g.writeArrayFieldStart("Catch");
      for (Catcher c : rc.catchers()) {
        g.writeStartObject();
        str(g, "Comment", c.comment());
        errors(g, c.errorEquals());
        path(g, "ResultPath", c.resultPath());
        node(g, "Output", c.output());
        assign(g, c.assign());
        g.writeStringField("Next", c.next());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  private static void errors(JsonGenerator g, List<String> errors) throws IOException {
    g.writeArrayFieldStart("ErrorEquals");
    for (String e : errors) {
      g.writeString(e);
    }
    g.writeEndArray();
  }

  private static void assign(JsonGenerator g, Map<String, JsonNode> assign) throws IOException {
    if (assign.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart("Assign");
    for (Map.Entry<String, JsonNode> e : assign.entrySet()) {
      g.writeFieldName(e.getKey());
      g.writeTree(e.getValue());
    }
    g.writeEndObject();
  }

  private static void str(JsonGenerator g, String field, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeStringField(field, value.get());
    }
  }

  private static void node(JsonGenerator g, String field, Optional<JsonNode> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeFieldName(field);
      g.writeTree(value.get());
    }
  }

  private static void path(JsonGenerator g, String field, Optional<JsonPath> value)
      throws IOException {
    if (value.isPresent()) {
      if (value.get().isNull()) {
        g.writeNullField(field);
      } else {
        g.writeStringField(field, value.get().value());
      }
    }
  }

  private static void num(JsonGenerator g, String field, Optional<NumberOrJsonata> value)
      throws IOException {
    if (value.isPresent()) {
      NumberOrJsonata v = value.get();
      if (v.isJsonata()) {
        g.writeStringField(field, v.expression());
      } else {
        g.writeNumberField(field, v.number());
      }
    }
  }
}
