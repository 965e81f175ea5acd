package io.emrlaunch.stepfunctions.local.internal;

import com.dashjoin.jsonata.Jsonata.Frame;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * JSONata for the engine, evaluated by {@code com.dashjoin:jsonata}: {@code {% expr %}} strings in
 * templates, {@code $states} (input, result, errorOutput, context) and variables as {@code $name}.
 */
public final class Jsonata {
  /** Compiled expressions, least recently used dropped beyond {@link #CACHE_SIZE}. */
  static final int CACHE_SIZE = 512;

  private static final Map<String, com.dashjoin.jsonata.Jsonata> COMPILED =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(
                Map.Entry<String, com.dashjoin.jsonata.Jsonata> eldest) {
              return size() > CACHE_SIZE;
            }
          });

  private Jsonata() {}

  /** Whether a string is a {@code {% ... %}} expression. */
  public static boolean isExpression(JsonNode n) {
    return n != null && n.isTextual() && isExpression(n.asText());
  }

  public static boolean isExpression(String t) {
    String s = t.strip();
    return s.startsWith("{%") && s.endsWith("%}") && s.length() >= 4;
  }

  /** Resolves every {@code {% %}} string of a template (objects and arrays recursively). */
  public static JsonNode template(JsonNode template, JsonNode states, Scope vars, String field) {
    if (template == null) {
      return null;
    }
    if (isExpression(template)) {
      return eval(template.asText(), states, vars, field);
    }
    if (template.isObject()) {
      ObjectNode out = Paths.NODES.objectNode();
      Iterator<Map.Entry<String, JsonNode>> it = template.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = template(e.getValue(), states, vars, field + "." + e.getKey());
        if (v != null && !v.isMissingNode()) {
          out.set(e.getKey(), v);
        }
      }
      return out;
    }
    if (template.isArray()) {
      ArrayNode out = Paths.NODES.arrayNode();
      for (JsonNode x : template) {
        JsonNode v = template(x, states, vars, field);
        if (v != null && !v.isMissingNode()) {
          out.add(v);
        }
      }
      return out;
    }
    return template.deepCopy();
  }

  /** Evaluates {@code {% expr %}} (or a bare expression); an undefined result is a missing node. */
  public static JsonNode eval(String text, JsonNode states, Scope vars, String field) {
    String expr = text.strip();
    if (isExpression(expr)) {
      expr = expr.substring(2, expr.length() - 2);
    }
    try {
      com.dashjoin.jsonata.Jsonata compiled =
          COMPILED.computeIfAbsent(expr, com.dashjoin.jsonata.Jsonata::jsonata);
      Frame frame = compiled.createFrame();
      if (vars != null) {
        for (Map.Entry<String, JsonNode> e : vars.all().entrySet()) {
          frame.bind(e.getKey(), toJava(e.getValue()));
        }
      }
      frame.bind("states", toJava(states));
      Functions.bind(frame, vars != null ? vars.random() : new java.util.Random(0));
      Object input = toJava(states.get("input"));
      Object result = compiled.evaluate(input, frame);
      return toJson(result);
    } catch (StatesError e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StatesError(
          "States.QueryEvaluationError",
          "The JSONata expression '"
              + expr
              + "' specified for the field '"
              + field
              + "' returned an error: "
              + e.getMessage());
    }
  }

  /** A number from a JSONata expression (TimeoutSeconds, Seconds, MaxConcurrency...). */
  public static long integer(String text, JsonNode states, Scope vars, String field) {
    JsonNode v = eval(text, states, vars, field);
    if (!v.isNumber()) {
      throw new StatesError(
          "States.QueryEvaluationError",
          "The JSONata expression for the field '" + field + "' returned " + v + ", not a number");
    }
    return v.asLong();
  }

  static Object toJava(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return null;
    }
    if (n.isNull()) {
      return com.dashjoin.jsonata.Jsonata.NULL_VALUE;
    }
    return Paths.MAPPER.convertValue(n, Object.class);
  }

  static JsonNode toJson(Object v) {
    if (v == null) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    if (v == com.dashjoin.jsonata.Jsonata.NULL_VALUE) {
      return NullNode.getInstance();
    }
    if (v instanceof Double d
        && !d.isInfinite()
        && !d.isNaN()
        && d == Math.rint(d)
        && Math.abs(d) < 1e15) {
      return IntrinsicEval.number(BigDecimal.valueOf(d.longValue()));
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode out = Paths.NODES.objectNode();
      m.forEach(
          (k, x) -> {
            // a key holding JSON null (JSONata stores it as Java null); undefined keys are absent
            JsonNode j = x == null ? NullNode.getInstance() : toJson(x);
            if (!j.isMissingNode()) {
              out.set(String.valueOf(k), j);
            }
          });
      return out;
    }
    if (v instanceof Iterable<?> it) {
      ArrayNode out = Paths.NODES.arrayNode();
      for (Object x : it) {
        JsonNode j = x == null ? NullNode.getInstance() : toJson(x);
        if (!j.isMissingNode()) {
          out.add(j);
        }
      }
      return out;
    }
    if (v instanceof com.dashjoin.jsonata.Jsonata.JFunction
        || v instanceof com.dashjoin.jsonata.Jsonata.JFunctionCallable) {
      throw new StatesError("States.QueryEvaluationError", "an expression returned a function");
    }
    return Paths.MAPPER.valueToTree(v);
  }
}
