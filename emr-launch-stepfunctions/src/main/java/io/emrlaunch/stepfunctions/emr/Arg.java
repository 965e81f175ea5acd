package io.emrlaunch.stepfunctions.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.emrlaunch.stepfunctions.asl.JsonPath;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic;
import io.emrlaunch.stepfunctions.internal.Json;
import java.util.Objects;

/**
 * One request field of an EMR task: a literal value known when the machine is built, a JSONPath
 * reference read when the state runs (written as {@code "Field.$"}), an intrinsic call, or a
 * JSONata expression (written as <code>{% ... %}</code>). A task whose fields use JSONata becomes a
 * JSONata state with {@code Arguments}; otherwise it is a JSONPath state with {@code Parameters}.
 *
 * <pre>{@code
 * Arg.of("j-2AXXXXXXGAPLF")                         // "ClusterId": "j-2AXXXXXXGAPLF"
 * Arg.path("$.LaunchClusterResult.ClusterId")       // "ClusterId.$": "$.LaunchClusterResult.ClusterId"
 * Arg.jsonata("$states.input.cluster.ClusterId")    // "ClusterId": "{% $states.input.cluster.ClusterId %}"
 * }</pre>
 */
public final class Arg {
  /** What kind of value an argument is. */
  public enum Kind {
    /** A literal JSON value. */
    LITERAL,
    /** A JSONPath reference or intrinsic call, written under {@code "Field.$"}. */
    PATH,
    /** A JSONata expression, written as <code>{% ... %}</code>. */
    JSONATA
  }

  private final Kind kind;
  private final JsonNode value;

  private Arg(Kind kind, JsonNode value) {
    this.kind = kind;
    this.value = value;
  }

  /**
   * A literal string.
   *
   * @param value the text sent as is
   * @return the argument
   */
  public static Arg of(String value) {
    return new Arg(Kind.LITERAL, TextNode.valueOf(Objects.requireNonNull(value, "value")));
  }

  /**
   * A literal JSON value (a record, list, map, number or boolean is converted with the library's
   * mapper).
   *
   * @param value the value
   * @return the argument
   */
  public static Arg value(Object value) {
    Objects.requireNonNull(value, "value");
    JsonNode node = value instanceof JsonNode j ? j.deepCopy() : Json.MAPPER.valueToTree(value);
    return new Arg(Kind.LITERAL, node);
  }

  /**
   * A JSONPath reference into the input, the Context Object or a variable.
   *
   * @param path e.g. {@code $.cluster.ClusterId}; its shape is checked now
   * @return the argument
   * @throws io.emrlaunch.core.validation.ValidationException when the path is malformed
   */
  public static Arg path(String path) {
    return new Arg(Kind.PATH, TextNode.valueOf(JsonPath.of(path).value()));
  }

  /**
   * An intrinsic function call evaluated when the state runs.
   *
   * @param call e.g. {@code Intrinsics.format(...)}
   * @return the argument
   */
  public static Arg intrinsic(Intrinsic call) {
    return new Arg(Kind.PATH, TextNode.valueOf(call.render()));
  }

  /**
   * A JSONata expression.
   *
   * @param expression with or without the surrounding <code>{% %}</code>
   * @return the argument
   */
  public static Arg jsonata(String expression) {
    String e = Objects.requireNonNull(expression, "expression").strip();
    if (e.startsWith("{%") && e.endsWith("%}") && e.length() >= 4) {
      e = e.substring(2, e.length() - 2).strip();
    }
    if (e.isEmpty()) {
      throw new IllegalArgumentException("a JSONata expression cannot be empty");
    }
    return new Arg(Kind.JSONATA, TextNode.valueOf("{% " + e + " %}"));
  }

  /**
   * What kind of argument this is.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The literal value, the path or intrinsic text, or the <code>{% ... %}</code> expression.
   *
   * @return a copy of the JSON value
   */
  public JsonNode json() {
    return value.deepCopy();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Arg a && a.kind == kind && a.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, value);
  }

  @Override
  public String toString() {
    return kind + " " + value;
  }
}
