package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.emr.Arg;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** Writing {@link Arg}s into request objects and reading request fields in either language. */
public final class Requests {
  private Requests() {}

  /** A new empty request object. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Writes an argument under its field: {@code "Field.$"} for paths, {@code "Field"} otherwise. */
  public static ObjectNode put(ObjectNode node, String field, Arg arg) {
    node.set(arg.kind() == Arg.Kind.PATH ? field + ".$" : field, arg.json());
    return node;
  }

  /**
   * Writes a list of ids from one argument: a literal string becomes a one-element list, a path
   * becomes {@code States.Array(path)}, a JSONata expression is wrapped in an array constructor,
   * and a literal array is written as is.
   */
  public static ObjectNode putList(ObjectNode node, String field, Arg arg) {
    JsonNode v = arg.json();
    switch (arg.kind()) {
      case LITERAL -> {
        if (v.isArray()) {
          node.set(field, v);
        } else {
          ArrayNode a = node.putArray(field);
          a.add(v);
        }
      }
      case PATH -> {
        String text = v.asText();
        // An intrinsic that already yields an array is used as is; a path to one id is wrapped.
        node.put(
            field + ".$",
            text.startsWith("States.Array(") || text.startsWith("States.StringSplit(")
                ? text
                : "States.Array(" + text + ")");
      }
      case JSONATA -> {
        String t = v.asText();
        String inner = t.substring(2, t.length() - 2).strip();
        node.put(field, "{% $append([], " + inner + ") %}");
      }
      default -> throw new IllegalStateException(arg.kind().toString());
    }
    return node;
  }

  /** Whether a field is given, literally or as a path ({@code Field.$}). */
  public static boolean has(ObjectNode node, String field) {
    return node.has(field) || node.has(field + ".$");
  }

  /** The literal value of a field, if it is given literally (not as a path or JSONata). */
  public static Optional<JsonNode> literal(ObjectNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || isJsonata(v)) {
      return Optional.empty();
    }
    return Optional.of(v);
  }

  /** Whether a value is a JSONata expression string. */
  public static boolean isJsonata(JsonNode v) {
    if (!v.isTextual()) {
      return false;
    }
    String t = v.asText().strip();
    return t.startsWith("{%") && t.endsWith("%}");
  }

  /**
   * The query language a request is written in: JSONata when any value is an expression, JSONPath
   * otherwise. Both at once is reported as a problem at the first JSONata value found.
   */
  public static QueryLanguage language(ObjectNode request, Problems problems) {
    String[] firstPath = {null};
    String[] firstJsonata = {null};
    scan(request, "", firstPath, firstJsonata);
    if (firstPath[0] != null && firstJsonata[0] != null) {
      problems.add(
          firstJsonata[0],
          "is a JSONata expression but "
              + firstPath[0]
              + " is a JSONPath field: one task cannot mix query languages");
      return QueryLanguage.JSONPATH;
    }
    return firstJsonata[0] != null ? QueryLanguage.JSONATA : QueryLanguage.JSONPATH;
  }

  private static void scan(JsonNode node, String at, String[] firstPath, String[] firstJsonata) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
        if (e.getKey().endsWith(".$") && firstPath[0] == null) {
          firstPath[0] = p;
        }
        scan(e.getValue(), p, firstPath, firstJsonata);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        scan(node.get(i), at + "[" + i + "]", firstPath, firstJsonata);
      }
    } else if (isJsonata(node) && firstJsonata[0] == null) {
      firstJsonata[0] = at;
    }
  }

  /**
   * Reports strings of a value that would be read as JSONata expressions in a JSONata state: data
   * from a typed value (a step's arguments) must not be evaluated.
   */
  public static void noJsonataLookalikes(JsonNode value, Problems problems) {
    String[] first = {null};
    String[] none = {null};
    scan(value, "", none, first);
    if (first[0] != null) {
      problems.add(
          first[0],
          "is data that looks like a JSONata expression ({% ... %}); in a JSONata state it would"
              + " be evaluated");
    }
  }
}
