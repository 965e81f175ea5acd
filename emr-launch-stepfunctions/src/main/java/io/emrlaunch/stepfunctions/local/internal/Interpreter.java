package io.emrlaunch.stepfunctions.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.emrlaunch.stepfunctions.asl.Catcher;
import io.emrlaunch.stepfunctions.asl.ChoiceRule;
import io.emrlaunch.stepfunctions.asl.ChoiceState;
import io.emrlaunch.stepfunctions.asl.FailState;
import io.emrlaunch.stepfunctions.asl.ItemBatcher;
import io.emrlaunch.stepfunctions.asl.JitterStrategy;
import io.emrlaunch.stepfunctions.asl.JsonPath;
import io.emrlaunch.stepfunctions.asl.MapState;
import io.emrlaunch.stepfunctions.asl.NextOrEnd;
import io.emrlaunch.stepfunctions.asl.NumberOrJsonata;
import io.emrlaunch.stepfunctions.asl.ParallelState;
import io.emrlaunch.stepfunctions.asl.PassState;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.asl.Retrier;
import io.emrlaunch.stepfunctions.asl.RetryAndCatch;
import io.emrlaunch.stepfunctions.asl.State;
import io.emrlaunch.stepfunctions.asl.StateGraph;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.SucceedState;
import io.emrlaunch.stepfunctions.asl.TaskState;
import io.emrlaunch.stepfunctions.asl.WaitState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs one execution of a parsed state machine: every state type, JSONPath and JSONata, variables,
 * Retry and Catch, timeouts, Parallel and Map. Asynchronous throughout: a state that waits (Wait,
 * Task, a retry delay) continues on the engine's scheduler, so virtual time drives it in tests.
 */
public final class Interpreter {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

  private final EngineCore core;
  private final StateMachine machine;
  private final String executionArn;
  private final History history;
  private final ObjectNode contextBase;
  private final Random random;

  /** Stopped when the execution ends (stop, timeout, end); parent of every attempt's flag. */
  private final Stop rootStop = new Stop();

  Interpreter(
      EngineCore core,
      StateMachine machine,
      String executionArn,
      String roleArn,
      JsonNode input,
      History history,
      Random random) {
    this.core = core;
    this.machine = machine;
    this.executionArn = executionArn;
    this.history = history;
    this.random = random;
    this.contextBase = Paths.NODES.objectNode();
    String name = executionArn.substring(executionArn.lastIndexOf(':') + 1);
    ObjectNode ex = contextBase.putObject("Execution");
    ex.put("Id", executionArn);
    ex.set("Input", input);
    ex.put("Name", name);
    ex.put("RoleArn", roleArn);
    ex.put("StartTime", ISO.format(core.clock().instant()));
    ex.put("RedriveCount", 0);
    ObjectNode sm = contextBase.putObject("StateMachine");
    String machineArn = machineArn(executionArn);
    sm.put("Id", machineArn);
    sm.put("Name", machineArn.substring(machineArn.lastIndexOf(':') + 1));
  }

  static String machineArn(String executionArn) {
    // arn:aws:states:r:a:execution:machine:name -> arn:aws:states:r:a:stateMachine:machine
    String[] p = executionArn.split(":");
    if (p.length >= 8 && "execution".equals(p[5])) {
      return String.join(":", p[0], p[1], p[2], p[3], p[4], "stateMachine", p[6]);
    }
    return executionArn;
  }

  String executionArn() {
    return executionArn;
  }

  void stop() {
    rootStop.stop();
  }

  boolean finished() {
    return rootStop.stopped();
  }

  /** What work of a stopped attempt or execution fails with (never reported: its owner is done). */
  private static StatesError aborted() {
    return new StatesError("States.Runtime", "the work was stopped (its execution or state ended)");
  }

  /** Runs the machine from StartAt; completes with the output or a StatesError. */
  CompletableFuture<JsonNode> run(JsonNode input) {
    CompletableFuture<JsonNode> done = new CompletableFuture<>();
    Frame root = new Frame(machine, new Scope(null, random), null, rootStop);
    core.scheduler().execute(() -> drive(root, machine.startAt(), input, done));
    return done;
  }

  // ----- graphs --------------------------------------------------------------------------------

  /**
   * A graph being run: its states, its variable scope, the Map item it processes (if any), and the
   * flag that stops it (the execution's, or that of the Parallel/Map attempt running it).
   */
  private record Frame(StateGraph graph, Scope scope, ObjectNode mapItem, Stop stop) {}

  private void drive(Frame f, String name, JsonNode input, CompletableFuture<JsonNode> done) {
    while (true) {
      if (f.stop().stopped()) {
        done.completeExceptionally(aborted());
        return;
      }
      if (history.size() > History.MAX_EVENTS) {
        done.completeExceptionally(
            StatesError.runtime(
                "The execution reached the maximum number of history events ("
                    + History.MAX_EVENTS
                    + ")"));
        return;
      }
      State st = f.graph().states().get(name);
      CompletableFuture<Outcome> fut;
      if (st == null) {
        fut = CompletableFuture.failedFuture(StatesError.runtime("No state named " + name));
      } else {
        try {
          fut = step(f, name, st, input);
        } catch (RuntimeException e) {
          fut = CompletableFuture.failedFuture(e);
        }
      }
      if (fut.isDone()) {
        Outcome o;
        try {
          o = fut.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
          done.completeExceptionally(StatesError.of(e));
          return;
        }
        if (o.next() == null) {
          done.complete(o.output());
          return;
        }
        name = o.next();
        input = o.output();
        continue;
      }
      fut.whenComplete(
          (o, t) -> {
            if (t != null) {
              done.completeExceptionally(StatesError.of(t));
            } else if (o.next() == null) {
              done.complete(o.output());
            } else {
              drive(f, o.next(), o.output(), done);
            }
          });
      return;
    }
  }

  private CompletableFuture<JsonNode> runGraph(Frame f, JsonNode input) {
    CompletableFuture<JsonNode> done = new CompletableFuture<>();
    drive(f, f.graph().startAt(), input, done);
    return done;
  }

  // ----- states --------------------------------------------------------------------------------

  private QueryLanguage language(State st) {
    return st.queryLanguage().orElse(machine.effectiveQueryLanguage());
  }

  private String typeName(State st) {
    return switch (st.type()) {
      case TASK -> "Task";
      case PASS -> "Pass";
      case CHOICE -> "Choice";
      case WAIT -> "Wait";
      case SUCCEED -> "Succeed";
      case FAIL -> "Fail";
      case PARALLEL -> "Parallel";
      case MAP -> "Map";
    };
  }

  private CompletableFuture<Outcome> step(Frame f, String name, State st, JsonNode input) {
    String type = typeName(st);
    Instant entered = core.clock().instant();
    history.add(
        type + "StateEntered",
        b -> b.stateEnteredEventDetails(d -> d.name(name).input(Paths.text(input))));
    StateRun s = new StateRun(f, name, st, input, entered, language(st));
    CompletableFuture<Outcome> out;
    if (st instanceof PassState p) {
      out = CompletableFuture.completedFuture(pass(s, p));
    } else if (st instanceof ChoiceState c) {
      out = CompletableFuture.completedFuture(choice(s, c));
    } else if (st instanceof WaitState w) {
      out = waitState(s, w);
    } else if (st instanceof SucceedState x) {
      out = CompletableFuture.completedFuture(succeed(s, x));
    } else if (st instanceof FailState x) {
      out = CompletableFuture.failedFuture(fail(s, x));
    } else if (st instanceof TaskState t) {
      out = withRetryAndCatch(s, t, () -> task(s, t));
    } else if (st instanceof ParallelState p) {
      out = withRetryAndCatch(s, p, () -> parallel(s, p));
    } else {
      MapState m = (MapState) st;
      out = withRetryAndCatch(s, m, () -> map(s, m));
    }
    if (st.type() == io.emrlaunch.stepfunctions.asl.StateType.FAIL) {
      return out;
    }
    return out.thenApply(
        o -> {
          history.add(
              type + "StateExited",
              b -> b.stateExitedEventDetails(d -> d.name(name).output(Paths.text(o.output()))));
          return o;
        });
  }

  /** One state being run: what its expressions can see. */
  private final class StateRun {
    final Frame frame;
    final String name;
    final State state;
    final JsonNode input;
    final Instant entered;
    final QueryLanguage language;
    volatile int retryCount;
    volatile String taskToken;

    StateRun(
        Frame frame,
        String name,
        State state,
        JsonNode input,
        Instant entered,
        QueryLanguage language) {
      this.frame = frame;
      this.name = name;
      this.state = state;
      this.input = input;
      this.entered = entered;
      this.language = language;
    }

    boolean jsonata() {
      return language == QueryLanguage.JSONATA;
    }

    ObjectNode context() {
      ObjectNode c = contextBase.deepCopy();
      ObjectNode s = c.putObject("State");
      s.put("Name", name);
      s.put("EnteredTime", ISO.format(entered));
      s.put("RetryCount", retryCount);
      if (taskToken != null) {
        c.putObject("Task").put("Token", taskToken);
      }
      if (frame.mapItem() != null) {
        c.putObject("Map").set("Item", frame.mapItem());
      }
      return c;
    }

    Paths.Sources sources(JsonNode doc) {
      return new Paths.Sources(doc, context(), frame.scope(), random);
    }

    ObjectNode states(JsonNode result, JsonNode errorOutput) {
      ObjectNode st = Paths.NODES.objectNode();
      st.set("input", input);
      st.set("context", context());
      if (result != null) {
        st.set("result", result);
      }
      if (errorOutput != null) {
        st.set("errorOutput", errorOutput);
      }
      return st;
    }

    /** Assign: JSONPath fields see {@code doc} as $, JSONata ones see $states. */
    void assign(Map<String, JsonNode> assign, JsonNode doc, ObjectNode states) {
      if (assign.isEmpty()) {
        return;
      }
      Map<String, JsonNode> values = new java.util.LinkedHashMap<>();
      if (jsonata()) {
        JsonNode v =
            Jsonata.template(Paths.MAPPER.valueToTree(assign), states, frame.scope(), "Assign");
        v.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
      } else {
        Paths.Sources src = sources(doc);
        for (Map.Entry<String, JsonNode> e : assign.entrySet()) {
          String k = e.getKey();
          if (k.endsWith(".$") && e.getValue().isTextual()) {
            values.put(
                k.substring(0, k.length() - 2),
                Paths.dynamic(e.getValue().asText(), src, "Assign." + k));
          } else {
            values.put(k, Paths.template(e.getValue(), src));
          }
        }
      }
      // All values are computed before any is set: an Assign sees the variables as they were.
      values.forEach((k, v) -> frame.scope().set(k, v));
    }

    JsonNode select(JsonPath path, JsonNode doc, String field) {
      return Paths.select(path, doc, sources(doc), field);
    }

    String next() {
      NextOrEnd n = (NextOrEnd) state;
      return n.end() ? null : n.next().orElse(null);
    }
  }

  private Outcome pass(StateRun s, PassState p) {
    if (s.jsonata()) {
      ObjectNode states = s.states(null, null);
      JsonNode out =
          p.output().isPresent()
              ? Jsonata.template(p.output().get(), states, s.frame.scope(), "Output")
              : s.input;
      s.assign(p.assign(), null, states);
      return new Outcome(s.next(), orNull(out));
    }
    JsonNode eff = s.select(p.inputPath().orElse(null), s.input, "InputPath");
    JsonNode result =
        p.result().isPresent()
            ? p.result().get().deepCopy()
            : p.parameters().isPresent()
                ? Paths.template(p.parameters().get(), s.sources(eff))
                : eff;
    JsonNode out = Paths.merge(p.resultPath().orElse(null), s.input, result);
    out = s.select(p.outputPath().orElse(null), out, "OutputPath");
    s.assign(p.assign(), result, null);
    return new Outcome(s.next(), out);
  }

  private Outcome choice(StateRun s, ChoiceState c) {
    if (s.jsonata()) {
      ObjectNode states = s.states(null, null);
      for (ChoiceRule r : c.choices()) {
        JsonNode cond = r.jsonataCondition().orElse(null);
        if (cond == null) {
          throw StatesError.runtime("a JSONata Choice rule has no Condition");
        }
        JsonNode v =
            Jsonata.isExpression(cond)
                ? Jsonata.eval(cond.asText(), states, s.frame.scope(), "Condition")
                : cond;
        if (!v.isBoolean()) {
          throw new StatesError(
              "States.QueryEvaluationError",
              "The Condition of a Choice rule of state '"
                  + s.name
                  + "' returned "
                  + v
                  + ", not a boolean");
        }
        if (v.booleanValue()) {
          JsonNode out =
              r.output().isPresent()
                  ? Jsonata.template(r.output().get(), states, s.frame.scope(), "Output")
                  : c.output().isPresent()
                      ? Jsonata.template(c.output().get(), states, s.frame.scope(), "Output")
                      : s.input;
          s.assign(r.assign(), null, states);
          return new Outcome(r.next(), orNull(out));
        }
      }
      if (c.defaultState().isEmpty()) {
        throw noMatch(s);
      }
      JsonNode out =
          c.output().isPresent()
              ? Jsonata.template(c.output().get(), states, s.frame.scope(), "Output")
              : s.input;
      s.assign(c.assign(), null, states);
      return new Outcome(c.defaultState().get(), orNull(out));
    }
    JsonNode eff = s.select(c.inputPath().orElse(null), s.input, "InputPath");
    Paths.Sources src = s.sources(eff);
    for (ChoiceRule r : c.choices()) {
      if (r.condition().isEmpty()) {
        throw StatesError.runtime("a JSONPath Choice rule has no comparison");
      }
      if (Choices.test(r.condition().get(), src)) {
        s.assign(r.assign(), eff, null);
        return new Outcome(r.next(), s.select(c.outputPath().orElse(null), eff, "OutputPath"));
      }
    }
    if (c.defaultState().isEmpty()) {
      throw noMatch(s);
    }
    s.assign(c.assign(), eff, null);
    return new Outcome(
        c.defaultState().get(), s.select(c.outputPath().orElse(null), eff, "OutputPath"));
  }

  private static StatesError noMatch(StateRun s) {
    return new StatesError(
        "States.NoChoiceMatched",
        "No Choice Rules matched the input '"
            + Paths.text(s.input)
            + "' and the Choice state '"
            + s.name
            + "' has no Default");
  }

  private CompletableFuture<Outcome> waitState(StateRun s, WaitState w) {
    JsonNode eff;
    ObjectNode states = null;
    Instant until;
    Instant now = core.clock().instant();
    if (s.jsonata()) {
      eff = s.input;
      states = s.states(null, null);
      if (w.seconds().isPresent()) {
        until = now.plusSeconds(seconds(w.seconds().get(), states, s, "Seconds"));
      } else if (w.timestamp().isPresent()) {
        String t = w.timestamp().get();
        JsonNode v =
            Jsonata.isExpression(t)
                ? Jsonata.eval(t, states, s.frame.scope(), "Timestamp")
                : TextNode.valueOf(t);
        until = timestamp(v, "Timestamp");
      } else {
        throw StatesError.runtime("Wait state '" + s.name + "' has no Seconds or Timestamp");
      }
    } else {
      eff = s.select(w.inputPath().orElse(null), s.input, "InputPath");
      if (w.seconds().isPresent()) {
        until = now.plusSeconds(seconds(w.seconds().get(), null, s, "Seconds"));
      } else if (w.secondsPath().isPresent()) {
        JsonNode v = Paths.read(w.secondsPath().get().value(), s.sources(eff), "SecondsPath");
        if (!v.isIntegralNumber() || v.asLong() < 0) {
          throw StatesError.runtime(
              "The SecondsPath '"
                  + w.secondsPath().get()
                  + "' of state '"
                  + s.name
                  + "' must select a non-negative integer, got "
                  + v);
        }
        until = now.plusSeconds(v.asLong());
      } else if (w.timestamp().isPresent()) {
        until = timestamp(TextNode.valueOf(w.timestamp().get()), "Timestamp");
      } else if (w.timestampPath().isPresent()) {
        until =
            timestamp(
                Paths.read(w.timestampPath().get().value(), s.sources(eff), "TimestampPath"),
                "TimestampPath");
      } else {
        throw StatesError.runtime("Wait state '" + s.name + "' has no wait time");
      }
    }
    ObjectNode st = states;
    long delay = Math.max(0, Duration.between(now, until).toMillis());
    CompletableFuture<Outcome> out = new CompletableFuture<>();
    ScheduledFuture<?> timer =
        core.scheduler()
            .schedule(
                () -> {
                  try {
                    JsonNode o;
                    if (s.jsonata()) {
                      o =
                          w.output().isPresent()
                              ? orNull(
                                  Jsonata.template(w.output().get(), st, s.frame.scope(), "Output"))
                              : s.input;
                      s.assign(w.assign(), null, st);
                    } else {
                      o = s.select(w.outputPath().orElse(null), eff, "OutputPath");
                      s.assign(w.assign(), eff, null);
                    }
                    out.complete(new Outcome(s.next(), o));
                  } catch (RuntimeException e) {
                    out.completeExceptionally(e);
                  }
                },
                delay,
                TimeUnit.MILLISECONDS);
    Runnable unregister =
        s.frame
            .stop()
            .onStop(
                () -> {
                  timer.cancel(false);
                  out.completeExceptionally(aborted());
                });
    out.whenComplete((o, t) -> unregister.run());
    return out;
  }

  private long seconds(NumberOrJsonata n, ObjectNode states, StateRun s, String field) {
    long v;
    if (n.isJsonata()) {
      v = Jsonata.integer(n.expression(), states, s.frame.scope(), field);
    } else {
      v = n.number().longValue();
    }
    if (v < 0) {
      throw StatesError.runtime(field + " of state '" + s.name + "' is negative: " + v);
    }
    return v;
  }

  private static Instant timestamp(JsonNode v, String field) {
    OffsetDateTime t = Choices.timestamp(v);
    if (t == null) {
      throw StatesError.runtime("The " + field + " value " + v + " is not an RFC 3339 timestamp");
    }
    return t.toInstant();
  }

  private Outcome succeed(StateRun s, SucceedState x) {
    if (s.jsonata()) {
      JsonNode out =
          x.output().isPresent()
              ? Jsonata.template(x.output().get(), s.states(null, null), s.frame.scope(), "Output")
              : s.input;
      return new Outcome(null, orNull(out));
    }
    JsonNode eff = s.select(x.inputPath().orElse(null), s.input, "InputPath");
    return new Outcome(null, s.select(x.outputPath().orElse(null), eff, "OutputPath"));
  }

  private StatesError fail(StateRun s, FailState x) {
    String error = x.error().orElse(null);
    String cause = x.cause().orElse(null);
    if (s.jsonata()) {
      ObjectNode states = s.states(null, null);
      if (error != null && Jsonata.isExpression(error)) {
        error = textOf(Jsonata.eval(error, states, s.frame.scope(), "Error"));
      }
      if (cause != null && Jsonata.isExpression(cause)) {
        cause = textOf(Jsonata.eval(cause, states, s.frame.scope(), "Cause"));
      }
    } else {
      if (x.errorPath().isPresent()) {
        error = textOf(Paths.dynamic(x.errorPath().get(), s.sources(s.input), "ErrorPath"));
      }
      if (x.causePath().isPresent()) {
        cause = textOf(Paths.dynamic(x.causePath().get(), s.sources(s.input), "CausePath"));
      }
    }
    String e = error;
    String c = cause;
    history.add("FailStateEntered", null);
    return new StatesError(e == null ? "" : e, c == null ? "" : c);
  }

  private static String textOf(JsonNode n) {
    return n.isTextual() ? n.asText() : Paths.text(n);
  }

  private static JsonNode orNull(JsonNode n) {
    return n == null || n.isMissingNode()
        ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
        : n;
  }

  // ----- Retry and Catch -----------------------------------------------------------------------

  static boolean matches(List<String> errorEquals, String error) {
    for (String e : errorEquals) {
      if (e.equals(error)) {
        return true;
      }
      boolean terminal = error.equals("States.Runtime") || error.equals("States.DataLimitExceeded");
      if (e.equals("States.ALL") && !terminal) {
        return true;
      }
      // States.Timeout also names a missed heartbeat (States.HeartbeatTimeout).
      if (e.equals("States.Timeout") && error.equals("States.HeartbeatTimeout")) {
        return true;
      }
      if (e.equals("States.TaskFailed")
          && !terminal
          && !error.equals("States.Timeout")
          && !error.equals("States.HeartbeatTimeout")) {
        return true;
      }
    }
    return false;
  }

  private CompletableFuture<Outcome> withRetryAndCatch(
      StateRun s, RetryAndCatch rc, Supplier<CompletableFuture<Outcome>> body) {
    CompletableFuture<Outcome> out = new CompletableFuture<>();
    int[] attempts = new int[rc.retry().size()];
    attempt(s, rc, body, attempts, out);
    return out;
  }

  private void attempt(
      StateRun s,
      RetryAndCatch rc,
      Supplier<CompletableFuture<Outcome>> body,
      int[] attempts,
      CompletableFuture<Outcome> out) {
    if (s.frame.stop().stopped()) {
      out.completeExceptionally(aborted());
      return;
    }
    CompletableFuture<Outcome> f;
    try {
      f = body.get();
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.whenComplete(
        (o, t) -> {
          if (t == null) {
            out.complete(o);
            return;
          }
          StatesError err = StatesError.of(t);
          if (s.frame.stop().stopped()) {
            out.completeExceptionally(err);
            return;
          }
          for (int i = 0; i < rc.retry().size(); i++) {
            Retrier r = rc.retry().get(i);
            if (!matches(r.errorEquals(), err.error())) {
              continue;
            }
            int max = r.maxAttempts().orElse(3);
            if (attempts[i] >= max) {
              break;
            }
            double interval = r.intervalSeconds().orElse(1);
            double backoff = r.backoffRate().map(BigDecimal::doubleValue).orElse(2.0);
            double delay = interval * Math.pow(backoff, attempts[i]);
            if (r.maxDelaySeconds().isPresent()) {
              delay = Math.min(delay, r.maxDelaySeconds().get());
            }
            if (r.jitterStrategy().orElse(JitterStrategy.NONE) == JitterStrategy.FULL) {
              delay = random.nextDouble() * delay;
            }
            attempts[i]++;
            s.retryCount++;
            core.scheduler()
                .schedule(
                    () -> attempt(s, rc, body, attempts, out),
                    Math.round(delay * 1000),
                    TimeUnit.MILLISECONDS);
            return;
          }
          for (Catcher c : rc.catchers()) {
            if (!matches(c.errorEquals(), err.error())) {
              continue;
            }
            try {
              ObjectNode errorOutput = Paths.NODES.objectNode();
              errorOutput.put("Error", err.error());
              errorOutput.put("Cause", err.errorCause());
              JsonNode caught;
              if (s.jsonata()) {
                ObjectNode states = s.states(null, errorOutput);
                caught =
                    c.output().isPresent()
                        ? orNull(
                            Jsonata.template(c.output().get(), states, s.frame.scope(), "Output"))
                        : errorOutput;
                s.assign(c.assign(), null, states);
              } else {
                caught = Paths.merge(c.resultPath().orElse(null), s.input, errorOutput);
                s.assign(c.assign(), errorOutput, null);
              }
              out.complete(new Outcome(c.next(), caught));
            } catch (RuntimeException e) {
              out.completeExceptionally(e);
            }
            return;
          }
          out.completeExceptionally(err);
        });
  }

  // ----- Task ----------------------------------------------------------------------------------

  private CompletableFuture<Outcome> task(StateRun s, TaskState t) {
    String resource = t.resource();
    boolean tokenWait = resource.endsWith(".waitForTaskToken") || Dispatcher.isActivity(resource);
    if (tokenWait) {
      s.taskToken = core.newToken();
    }
    JsonNode eff;
    JsonNode params;
    ObjectNode states = null;
    if (s.jsonata()) {
      eff = s.input;
      states = s.states(null, null);
      params =
          t.arguments().isPresent()
              ? orNull(Jsonata.template(t.arguments().get(), states, s.frame.scope(), "Arguments"))
              : s.input;
    } else {
      eff = s.select(t.inputPath().orElse(null), s.input, "InputPath");
      params =
          t.parameters().isPresent() ? Paths.template(t.parameters().get(), s.sources(eff)) : eff;
    }
    Long timeout =
        number(s, t.timeoutSeconds(), t.timeoutSecondsPath(), eff, states, "TimeoutSeconds", false);
    Long heartbeat =
        number(
            s,
            t.heartbeatSeconds(),
            t.heartbeatSecondsPath(),
            eff,
            states,
            "HeartbeatSeconds",
            false);
    String resourceType = Dispatcher.resourceType(resource);
    String resourceName = Dispatcher.resourceName(resource);
    String paramText = Paths.text(params);
    history.add(
        "TaskScheduled",
        b ->
            b.taskScheduledEventDetails(
                d ->
                    d.resourceType(resourceType)
                        .resource(resourceName)
                        .region(core.region())
                        .parameters(paramText)
                        .timeoutInSeconds(timeout)
                        .heartbeatInSeconds(heartbeat)));
    history.add(
        "TaskStarted",
        b -> b.taskStartedEventDetails(d -> d.resourceType(resourceType).resource(resourceName)));
    // Stopped by a timeout, by the end of the Parallel/Map attempt or of the execution: .sync
    // polling ends and a token or activity waiter is forgotten.
    Stop call = new Stop(s.frame.stop());
    String token = s.taskToken;
    CompletableFuture<JsonNode> invoked;
    try {
      invoked =
          core.dispatcher()
              .invoke(
                  new Dispatcher.Call(
                      resource, params, token, heartbeat, executionArn, call::stopped));
    } catch (RuntimeException e) {
      invoked = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<JsonNode> guarded = new CompletableFuture<>();
    invoked.whenComplete(
        (v, e) -> {
          if (e != null) {
            guarded.completeExceptionally(e);
          } else {
            guarded.complete(v);
          }
        });
    call.onStop(
        () -> {
          if (token != null) {
            core.forgetToken(token);
          }
          guarded.completeExceptionally(aborted());
        });
    guarded.whenComplete((v, e) -> call.close());
    CompletableFuture<JsonNode> result = guarded;
    if (timeout != null) {
      result = within(result, timeout, "States.Timeout", "The task timed out.", call);
    }
    ObjectNode st = states;
    return result
        .handle(
            (r, e) -> {
              if (e != null) {
                StatesError err = StatesError.of(e);
                if (err.error().equals("States.Timeout")
                    || err.error().equals("States.HeartbeatTimeout")) {
                  history.add(
                      "TaskTimedOut",
                      b ->
                          b.taskTimedOutEventDetails(
                              d ->
                                  d.resourceType(resourceType)
                                      .resource(resourceName)
                                      .error(err.error())
                                      .cause(err.errorCause())));
                } else {
                  history.add(
                      "TaskFailed",
                      b ->
                          b.taskFailedEventDetails(
                              d ->
                                  d.resourceType(resourceType)
                                      .resource(resourceName)
                                      .error(err.error())
                                      .cause(err.errorCause())));
                }
                throw err;
              }
              history.add(
                  "TaskSucceeded",
                  b ->
                      b.taskSucceededEventDetails(
                          d ->
                              d.resourceType(resourceType)
                                  .resource(resourceName)
                                  .output(Paths.text(r))));
              return r;
            })
        .thenApply(
            r ->
                finishResult(
                    s,
                    t.resultSelector(),
                    t.resultPath(),
                    t.outputPath(),
                    t.output(),
                    t.assign(),
                    r,
                    st));
  }

  private Outcome finishResult(
      StateRun s,
      Optional<JsonNode> resultSelector,
      Optional<JsonPath> resultPath,
      Optional<JsonPath> outputPath,
      Optional<JsonNode> output,
      Map<String, JsonNode> assign,
      JsonNode result,
      ObjectNode statesBefore) {
    if (s.jsonata()) {
      ObjectNode states = s.states(result, null);
      JsonNode out =
          output.isPresent()
              ? orNull(Jsonata.template(output.get(), states, s.frame.scope(), "Output"))
              : result;
      s.assign(assign, null, states);
      return new Outcome(s.next(), out);
    }
    JsonNode selected =
        resultSelector.isPresent()
            ? Paths.template(resultSelector.get(), s.sources(result))
            : result;
    JsonNode out = Paths.merge(resultPath.orElse(null), s.input, selected);
    out = s.select(outputPath.orElse(null), out, "OutputPath");
    s.assign(assign, selected, null);
    return new Outcome(s.next(), out);
  }

  private Long number(
      StateRun s,
      Optional<NumberOrJsonata> value,
      Optional<JsonPath> path,
      JsonNode eff,
      ObjectNode states,
      String field,
      boolean zeroAllowed) {
    if (value.isPresent()) {
      NumberOrJsonata n = value.get();
      return n.isJsonata()
          ? Jsonata.integer(n.expression(), states, s.frame.scope(), field)
          : n.number().longValue();
    }
    if (path.isPresent()) {
      JsonNode v = Paths.read(path.get().value(), s.sources(eff), field + "Path");
      long min = zeroAllowed ? 0 : 1;
      if (!v.isIntegralNumber() || v.asLong() < min) {
        throw StatesError.runtime(
            field
                + "Path '"
                + path.get()
                + "' must select a "
                + (zeroAllowed ? "non-negative" : "positive")
                + " integer, got "
                + v);
      }
      return v.asLong();
    }
    return null;
  }

  /** ToleratedFailurePercentage(Path): a number from 0 to 100, fractions allowed. */
  private Double percentage(
      StateRun s,
      Optional<NumberOrJsonata> value,
      Optional<JsonPath> path,
      JsonNode eff,
      ObjectNode states) {
    String field = "ToleratedFailurePercentage";
    JsonNode v;
    if (value.isPresent()) {
      NumberOrJsonata n = value.get();
      if (!n.isJsonata()) {
        return n.number().doubleValue();
      }
      v = Jsonata.eval(n.expression(), states, s.frame.scope(), field);
    } else if (path.isPresent()) {
      v = Paths.read(path.get().value(), s.sources(eff), field + "Path");
      field = field + "Path '" + path.get() + "'";
    } else {
      return null;
    }
    if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 100) {
      throw StatesError.runtime(field + " must be a number from 0 to 100, got " + v);
    }
    return v.asDouble();
  }

  private <T> CompletableFuture<T> within(
      CompletableFuture<T> f, long seconds, String error, String cause, Stop work) {
    CompletableFuture<T> out = new CompletableFuture<>();
    ScheduledFuture<?> timer =
        core.scheduler()
            .schedule(
                () -> {
                  if (out.completeExceptionally(new StatesError(error, cause))) {
                    work.stop();
                  }
                },
                seconds,
                TimeUnit.SECONDS);
    f.whenComplete(
        (v, t) -> {
          timer.cancel(false);
          if (t != null) {
            out.completeExceptionally(t);
          } else {
            out.complete(v);
          }
        });
    return out;
  }

  // ----- Parallel ------------------------------------------------------------------------------

  private CompletableFuture<Outcome> parallel(StateRun s, ParallelState p) {
    JsonNode params;
    ObjectNode states = null;
    if (s.jsonata()) {
      states = s.states(null, null);
      params =
          p.arguments().isPresent()
              ? orNull(Jsonata.template(p.arguments().get(), states, s.frame.scope(), "Arguments"))
              : s.input;
    } else {
      JsonNode eff = s.select(p.inputPath().orElse(null), s.input, "InputPath");
      params =
          p.parameters().isPresent() ? Paths.template(p.parameters().get(), s.sources(eff)) : eff;
    }
    history.add("ParallelStateStarted", null);
    // This attempt's branches stop together when one fails (or the enclosing work stops).
    Stop attempt = new Stop(s.frame.stop());
    CompletableFuture<Outcome> out = new CompletableFuture<>();
    out.whenComplete(
        (o, t) -> {
          if (t != null) {
            attempt.stop();
          }
          attempt.close();
        });
    List<CompletableFuture<JsonNode>> branches = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicInteger left = new AtomicInteger(p.branches().size());
    ObjectNode st = states;
    if (p.branches().isEmpty()) {
      history.add("ParallelStateSucceeded", null);
      out.complete(
          finishResult(
              s,
              p.resultSelector(),
              p.resultPath(),
              p.outputPath(),
              p.output(),
              p.assign(),
              Paths.NODES.arrayNode(),
              st));
      return out;
    }
    for (StateGraph g : p.branches()) {
      if (out.isDone()) {
        break; // a branch already failed: the others are not started
      }
      CompletableFuture<JsonNode> b =
          runGraph(
              new Frame(g, new Scope(s.frame.scope()), s.frame.mapItem(), attempt),
              params.deepCopy());
      branches.add(b);
      b.whenComplete(
          (v, t) -> {
            if (t != null) {
              if (!out.isDone()) {
                history.add("ParallelStateFailed", null);
                out.completeExceptionally(StatesError.of(t));
              }
              return;
            }
            if (left.decrementAndGet() == 0 && !out.isDone()) {
              ArrayNode results = Paths.NODES.arrayNode();
              branches.forEach(x -> results.add(x.join()));
              history.add("ParallelStateSucceeded", null);
              try {
                out.complete(
                    finishResult(
                        s,
                        p.resultSelector(),
                        p.resultPath(),
                        p.outputPath(),
                        p.output(),
                        p.assign(),
                        results,
                        st));
              } catch (RuntimeException e) {
                out.completeExceptionally(e);
              }
            }
          });
    }
    return out;
  }

  // ----- Map -----------------------------------------------------------------------------------

  private CompletableFuture<Outcome> map(StateRun s, MapState m) {
    if (m.itemReader().isPresent()) {
      throw StatesError.runtime(
          "The Map state '"
              + s.name
              + "' reads items with an ItemReader ("
              + m.itemReader().get().resource()
              + "); the local engine does not read items from S3 yet: give the items inline"
              + " (ItemsPath or Items)");
    }
    if (m.resultWriter().isPresent()) {
      throw StatesError.runtime(
          "The Map state '"
              + s.name
              + "' has a ResultWriter; the local engine does not write"
              + " Map results to S3 yet");
    }
    JsonNode eff;
    JsonNode items;
    ObjectNode states = null;
    if (s.jsonata()) {
      eff = s.input;
      states = s.states(null, null);
      items =
          m.items().isPresent()
              ? orNull(Jsonata.template(m.items().get(), states, s.frame.scope(), "Items"))
              : s.input;
    } else {
      eff = s.select(m.inputPath().orElse(null), s.input, "InputPath");
      items =
          m.itemsPath().isPresent()
              ? Paths.read(m.itemsPath().get().value(), s.sources(eff), "ItemsPath")
              : m.items().isPresent() ? m.items().get() : eff;
    }
    if (!items.isArray()) {
      throw StatesError.runtime(
          "Items of the Map state '" + s.name + "' must be an array, got " + items);
    }
    List<JsonNode> list = new ArrayList<>();
    items.forEach(list::add);
    list = batch(s, m, list, eff, states);
    long maxConcurrency =
        Optional.ofNullable(
                number(
                    s,
                    m.maxConcurrency(),
                    m.maxConcurrencyPath(),
                    eff,
                    states,
                    "MaxConcurrency",
                    true))
            .orElse(0L);
    Long toleratedCount =
        number(
            s,
            m.toleratedFailureCount(),
            m.toleratedFailureCountPath(),
            eff,
            states,
            "ToleratedFailureCount",
            true);
    Double toleratedPct =
        percentage(
            s, m.toleratedFailurePercentage(), m.toleratedFailurePercentagePath(), eff, states);
    int total = list.size();
    history.add("MapStateStarted", b -> b.mapStateStartedEventDetails(d -> d.length(total)));
    ObjectNode st = states;
    CompletableFuture<Outcome> out = new CompletableFuture<>();
    JsonNode[] results = new JsonNode[total];
    int[] next = {0};
    int[] running = {0};
    int[] failures = {0};
    int[] completed = {0};
    boolean distributed = m.isDistributed();
    StateGraph processor =
        m.processor()
            .orElseThrow(
                () -> StatesError.runtime("Map state '" + s.name + "' has no ItemProcessor"));
    List<JsonNode> itemList = list;
    // This attempt's iterations stop together when the Map fails (or the enclosing work stops).
    Stop attempt = new Stop(s.frame.stop());
    out.whenComplete(
        (o, t) -> {
          if (t != null) {
            attempt.stop();
          }
          attempt.close();
        });
    // Records an ended iteration; false when the Map failed (nothing more to launch).
    java.util.function.BiPredicate<Integer, CompletableFuture<JsonNode>> settle =
        (index, it) -> {
          JsonNode v = null;
          Throwable t = null;
          try {
            v = it.join();
          } catch (CompletionException | java.util.concurrent.CancellationException e) {
            t = e;
          }
          synchronized (results) {
            running[0]--;
            completed[0]++;
            if (t == null) {
              history.add(
                  "MapIterationSucceeded",
                  b -> b.mapIterationSucceededEventDetails(d -> d.name(s.name).index(index)));
              results[index] = v;
              return true;
            }
            StatesError err = StatesError.of(t);
            history.add(
                "MapIterationFailed",
                b -> b.mapIterationFailedEventDetails(d -> d.name(s.name).index(index)));
            failures[0]++;
            ObjectNode eo = Paths.NODES.objectNode();
            eo.put("Error", err.error());
            eo.put("Cause", err.errorCause());
            results[index] = eo;
            boolean tolerated =
                distributed
                    && ((toleratedCount != null && failures[0] <= toleratedCount)
                        || (toleratedPct != null && failures[0] * 100.0 / total <= toleratedPct));
            if (tolerated) {
              return true;
            }
            if (!out.isDone()) {
              history.add("MapStateFailed", null);
              out.completeExceptionally(
                  distributed && (toleratedCount != null || toleratedPct != null)
                      ? new StatesError(
                          "States.ExceedToleratedFailureThreshold",
                          "The specified tolerated failure threshold was exceeded")
                      : err);
            }
            return false;
          }
        };
    Runnable[] launch = new Runnable[1];
    // A loop, not a recursion: iterations that end at once are settled here; only pending ones
    // call back (from the scheduler, on a fresh stack), so thousands of Pass-only iterations do
    // not grow the stack.
    launch[0] =
        () -> {
          while (true) {
            int index;
            synchronized (results) {
              if (out.isDone() || next[0] >= total) {
                if (!out.isDone() && completed[0] == total) {
                  finishMap(s, m, results, st, out);
                }
                return;
              }
              if (maxConcurrency > 0 && running[0] >= maxConcurrency) {
                return;
              }
              index = next[0]++;
              running[0]++;
            }
            JsonNode item = itemList.get(index);
            ObjectNode mapItem = Paths.NODES.objectNode();
            mapItem.put("Index", index);
            mapItem.set("Value", item);
            CompletableFuture<JsonNode> it;
            try {
              Frame f = new Frame(processor, new Scope(s.frame.scope()), mapItem, attempt);
              JsonNode itemInput = itemInput(s, m, item, mapItem, eff, st);
              history.add(
                  "MapIterationStarted",
                  b -> b.mapIterationStartedEventDetails(d -> d.name(s.name).index(index)));
              it = runGraph(f, itemInput);
            } catch (RuntimeException e) {
              it = CompletableFuture.failedFuture(e);
            }
            if (it.isDone()) {
              if (!settle.test(index, it)) {
                return;
              }
              continue;
            }
            CompletableFuture<JsonNode> pending = it;
            pending.whenComplete(
                (v, t) -> {
                  if (settle.test(index, pending)) {
                    launch[0].run();
                  }
                });
          }
        };
    if (total == 0) {
      finishMap(s, m, results, st, out);
    } else {
      launch[0].run();
    }
    return out;
  }

  private void finishMap(
      StateRun s,
      MapState m,
      JsonNode[] results,
      ObjectNode states,
      CompletableFuture<Outcome> out) {
    ArrayNode arr = Paths.NODES.arrayNode();
    for (JsonNode r : results) {
      arr.add(r);
    }
    history.add("MapStateSucceeded", null);
    try {
      out.complete(
          finishResult(
              s,
              m.resultSelector(),
              m.resultPath(),
              m.outputPath(),
              m.output(),
              m.assign(),
              arr,
              states));
    } catch (RuntimeException e) {
      out.completeExceptionally(e);
    }
  }

  private JsonNode itemInput(
      StateRun s, MapState m, JsonNode item, ObjectNode mapItem, JsonNode eff, ObjectNode states) {
    Optional<JsonNode> selector = m.itemSelector().or(m::parameters);
    if (selector.isEmpty()) {
      return item;
    }
    ObjectNode ctx = s.context();
    ctx.putObject("Map").set("Item", mapItem);
    if (s.jsonata()) {
      ObjectNode st = states.deepCopy();
      st.set("context", ctx);
      return orNull(Jsonata.template(selector.get(), st, s.frame.scope(), "ItemSelector"));
    }
    return Paths.template(selector.get(), new Paths.Sources(eff, ctx, s.frame.scope(), random));
  }

  private List<JsonNode> batch(
      StateRun s, MapState m, List<JsonNode> items, JsonNode eff, ObjectNode states) {
    if (m.itemBatcher().isEmpty()) {
      return items;
    }
    ItemBatcher b = m.itemBatcher().get();
    Long max =
        number(
            s,
            b.maxItemsPerBatch(),
            b.maxItemsPerBatchPath(),
            eff,
            states,
            "MaxItemsPerBatch",
            false);
    long per = max == null ? Long.MAX_VALUE : max;
    JsonNode batchInput = null;
    if (b.batchInput().isPresent()) {
      batchInput =
          s.jsonata()
              ? Jsonata.template(b.batchInput().get(), states, s.frame.scope(), "BatchInput")
              : Paths.template(b.batchInput().get(), s.sources(eff));
    }
    List<JsonNode> out = new ArrayList<>();
    ObjectNode cur = null;
    for (JsonNode item : items) {
      if (cur == null || cur.get("Items").size() >= per) {
        cur = Paths.NODES.objectNode();
        if (batchInput != null) {
          cur.set("BatchInput", batchInput);
        }
        cur.putArray("Items");
        out.add(cur);
      }
      ((ArrayNode) cur.get("Items")).add(item);
    }
    return out;
  }

  static JsonNode intNode(int i) {
    return IntNode.valueOf(i);
  }
}
