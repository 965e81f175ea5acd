package io.emrlaunch.stepfunctions.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSONPath for the engine: reads go to Jayway JsonPath (no evaluator of our own); ResultPath writes
 * walk the reference path's plain segments; payload templates resolve {@code .$} fields.
 */
public final class Paths {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Configuration CONF =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER))
          .mappingProvider(new JacksonMappingProvider(MAPPER))
          .build();
  private static final Configuration PATHS =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER))
          .mappingProvider(new JacksonMappingProvider(MAPPER))
          .options(com.jayway.jsonpath.Option.AS_PATH_LIST)
          .build();

  private Paths() {}

  /** What a path can read: the state's input, the context object and the variables in scope. */
  public record Sources(
      JsonNode input, JsonNode context, Scope variables, java.util.Random random) {
    public Sources withInput(JsonNode other) {
      return new Sources(other, context, variables, random);
    }
  }

  /**
   * Reads a path ({@code $...}, {@code $$...}, {@code $var...}); a path selecting nothing fails.
   */
  public static JsonNode read(String path, Sources s, String field) {
    if (path.startsWith("$$")) {
      return readIn(s.context(), path.substring(1), field, s.context());
    }
    if (path.length() > 1 && Character.isUnicodeIdentifierStart(path.codePointAt(1))) {
      int end = 1;
      while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
        end++;
      }
      String name = path.substring(1, end);
      JsonNode value = s.variables() == null ? null : s.variables().get(name);
      if (value == null) {
        throw StatesError.runtime(
            "The variable '$" + name + "' specified for the field '" + field + "' is not defined");
      }
      return readIn(value, "$" + path.substring(end), field, value);
    }
    return readIn(s.input(), path, field, s.input());
  }

  /** Reads a plain JSONPath against a document. */
  public static JsonNode readIn(JsonNode doc, String path, String field, JsonNode shown) {
    if ("$".equals(path)) {
      return doc;
    }
    try {
      Object v = com.jayway.jsonpath.JsonPath.using(CONF).parse(doc).read(path);
      if (v == null || v instanceof NullNode) {
        // A JSON null leaf, or an index past the end of an array: only the first is found.
        Object listed = com.jayway.jsonpath.JsonPath.using(PATHS).parse(doc).read(path);
        List<String> found = new ArrayList<>();
        if (listed instanceof JsonNode n) {
          n.forEach(f -> found.add(f.asText()));
        } else if (listed instanceof List<?> l) {
          l.forEach(f -> found.add(String.valueOf(f)));
        }
        // Jayway lists an index past the end of an array as a found path: check each one.
        if (found.stream().noneMatch(f -> exists(doc, f))) {
          throw new com.jayway.jsonpath.PathNotFoundException(path);
        }
        return NullNode.getInstance();
      }
      return MAPPER.valueToTree(v);
    } catch (InvalidPathException e) {
      if (e instanceof com.jayway.jsonpath.PathNotFoundException) {
        throw StatesError.runtime(
            "The JSONPath '"
                + path
                + "' specified for the field '"
                + field
                + "' could not be found in the input '"
                + shown
                + "'");
      }
      throw StatesError.runtime("Invalid JSONPath '" + path + "' for the field '" + field + "'");
    } catch (JsonPathException e) {
      throw StatesError.runtime(
          "The JSONPath '" + path + "' for the field '" + field + "' failed: " + e.getMessage());
    }
  }

  /** Whether a normalized path Jayway reported ({@code $['a'][0]}) really exists in a document. */
  private static boolean exists(JsonNode doc, String normalized) {
    if ("$".equals(normalized)) {
      return true;
    }
    List<Object> segs;
    try {
      segs = segments(normalized);
    } catch (RuntimeException e) {
      return true; // not a simple path: trust Jayway
    }
    JsonNode node = doc;
    for (Object seg : segs) {
      if (seg instanceof Integer i) {
        if (!node.isArray() || i < 0 || i >= node.size()) {
          return false;
        }
        node = node.get(i);
      } else {
        if (!node.isObject() || !node.has((String) seg)) {
          return false;
        }
        node = node.get((String) seg);
      }
    }
    return true;
  }

  /** Whether a path selects something (for the Choice rule IsPresent). */
  public static boolean present(String path, Sources s) {
    try {
      read(path, s, "Variable");
      return true;
    } catch (StatesError e) {
      return false;
    }
  }

  /**
   * Applies a payload template (Parameters, ResultSelector, ItemSelector): {@code name.$} fields
   * take the value of a path or intrinsic function, others are copied; nested objects and arrays
   * are resolved too.
   */
  public static JsonNode template(JsonNode template, Sources s) {
    if (template.isObject()) {
      ObjectNode out = NODES.objectNode();
      Iterator<Map.Entry<String, JsonNode>> it = template.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = e.getKey();
        if (name.endsWith(".$") && e.getValue().isTextual()) {
          String expr = e.getValue().asText();
          String plain = name.substring(0, name.length() - 2);
          out.set(plain, dynamic(expr, s, name));
        } else {
          out.set(name, template(e.getValue(), s));
        }
      }
      return out;
    }
    if (template.isArray()) {
      ArrayNode out = NODES.arrayNode();
      template.forEach(x -> out.add(template(x, s)));
      return out;
    }
    return template.deepCopy();
  }

  /** The value of one dynamic field: an intrinsic call or a path. */
  public static JsonNode dynamic(String expr, Sources s, String field) {
    if (Intrinsic.looksLikeIntrinsic(expr)) {
      Intrinsic call;
      try {
        call = Intrinsic.parse(expr);
      } catch (RuntimeException e) {
        throw new StatesError(
            "States.IntrinsicFailure", "Invalid intrinsic function call " + expr + ": " + e);
      }
      return IntrinsicEval.eval(call, s, field);
    }
    return read(expr, s, field);
  }

  /** A path that may be absent ({@code null} keeps the input as is) or the JSON null path. */
  public static JsonNode select(
      io.emrlaunch.stepfunctions.asl.JsonPath path, JsonNode doc, Sources s, String field) {
    if (path == null) {
      return doc;
    }
    if (path.isNull()) {
      return NODES.objectNode();
    }
    return read(path.value(), s.withInput(doc), field);
  }

  /**
   * ResultPath: {@code null} path keeps the input, {@code $} replaces it, else the result is
   * written at the reference path into a copy of the input.
   */
  public static JsonNode merge(
      io.emrlaunch.stepfunctions.asl.JsonPath resultPath, JsonNode input, JsonNode result) {
    if (resultPath == null || "$".equals(resultPath.value())) {
      return result;
    }
    if (resultPath.isNull()) {
      return input;
    }
    List<Object> segs = segments(resultPath.value());
    if (!input.isObject() && !(segs.get(0) instanceof Integer && input.isArray())) {
      throw new StatesError(
          "States.ResultPathMatchFailure",
          "Unable to apply ResultPath \""
              + resultPath.value()
              + "\" to input \""
              + input
              + "\" because it is not an object");
    }
    JsonNode root = input.deepCopy();
    JsonNode at = root;
    for (int i = 0; i < segs.size(); i++) {
      Object seg = segs.get(i);
      boolean last = i == segs.size() - 1;
      if (seg instanceof String name) {
        if (!at.isObject()) {
          throw mismatch(resultPath, input);
        }
        ObjectNode o = (ObjectNode) at;
        if (last) {
          o.set(name, result);
        } else {
          JsonNode next = o.get(name);
          if (next == null || next.isNull()) {
            next = o.putObject(name);
          }
          at = next;
        }
      } else {
        int index = (Integer) seg;
        if (!at.isArray() || index >= at.size()) {
          throw mismatch(resultPath, input);
        }
        if (last) {
          ((ArrayNode) at).set(index, result);
        } else {
          at = at.get(index);
        }
      }
    }
    return root;
  }

  private static StatesError mismatch(io.emrlaunch.stepfunctions.asl.JsonPath p, JsonNode input) {
    return new StatesError(
        "States.ResultPathMatchFailure",
        "Unable to apply ResultPath \"" + p.value() + "\" to input \"" + input + "\"");
  }

  /** The segments of a reference path: field names (String) and indexes (Integer). */
  static List<Object> segments(String path) {
    List<Object> out = new ArrayList<>();
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int j = i + 1;
        while (j < path.length() && path.charAt(j) != '.' && path.charAt(j) != '[') {
          j++;
        }
        out.add(path.substring(i + 1, j));
        i = j;
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        String inner = path.substring(i + 1, close).trim();
        if (inner.startsWith("'") || inner.startsWith("\"")) {
          out.add(inner.substring(1, inner.length() - 1));
        } else {
          out.add(Integer.parseInt(inner));
        }
        i = close + 1;
      } else {
        throw StatesError.runtime("Invalid reference path " + path);
      }
    }
    if (out.isEmpty()) {
      throw StatesError.runtime("Invalid reference path " + path);
    }
    return out;
  }

  /** Parses JSON text, or fails with a Runtime error naming what was being parsed. */
  public static JsonNode parse(String text, String what) {
    try {
      JsonNode n = MAPPER.readTree(text);
      if (n == null) {
        throw StatesError.runtime(what + " is empty");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw StatesError.runtime(what + " is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** JSON text of a node (compact). */
  public static String text(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
