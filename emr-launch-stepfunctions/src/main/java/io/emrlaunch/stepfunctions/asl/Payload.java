package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.stepfunctions.asl.internal.CompactFields;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic;
import io.emrlaunch.stepfunctions.internal.Json;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSONPath payload template ({@code Parameters}, {@code ResultSelector}, {@code ItemSelector},
 * {@code Assign}) built field by field: literal values, paths and intrinsic calls. Paths and
 * intrinsics are written under {@code "name.$"} as the language requires, and checked when added.
 *
 * <pre>{@code
 * Payload.object()
 *     .put("Name", "nightly")
 *     .path("ClusterId", "$.cluster.ClusterId")
 *     .intrinsic("Token", Intrinsics.uuid())
 *     .put("Tags", Payload.object().put("team", "data"))
 *     .toJson();
 * }</pre>
 */
public final class Payload {
  // Array-backed fields: a definition holds thousands of small templates (see CompactFields).
  private CompactFields fields = new CompactFields(4);
  private ObjectNode node = new ObjectNode(JsonNodeFactory.instance, fields);

  /**
   * Whether {@link #node} has been handed to a state or an enclosing template: it is then copied
   * before the next change (copy on write) instead of on every hand-over.
   */
  private boolean shared;

  private Payload() {}

  /**
   * An empty object template.
   *
   * @return the template
   */
  public static Payload object() {
    return new Payload();
  }

  /**
   * A literal string field.
   *
   * @param name the field name (without {@code .$})
   * @param value the text
   * @return this
   */
  public Payload put(String name, String value) {
    mutable().put(literal(name), value);
    return this;
  }

  /**
   * A literal integer field.
   *
   * @param name the field name
   * @param value the number
   * @return this
   */
  public Payload put(String name, long value) {
    // The node type a parser gives for this integer, so built and parsed payloads compare equal.
    if (value == (int) value) {
      mutable().put(literal(name), (int) value);
    } else {
      mutable().put(literal(name), value);
    }
    return this;
  }

  /**
   * A literal decimal field.
   *
   * @param name the field name
   * @param value the number
   * @return this
   */
  public Payload put(String name, BigDecimal value) {
    mutable().put(literal(name), value);
    return this;
  }

  /**
   * A literal boolean field.
   *
   * @param name the field name
   * @param value the boolean
   * @return this
   */
  public Payload put(String name, boolean value) {
    mutable().put(literal(name), value);
    return this;
  }

  /**
   * A nested template.
   *
   * @param name the field name
   * @param value the nested template
   * @return this
   */
  public Payload put(String name, Payload value) {
    mutable().set(literal(name), value.share());
    return this;
  }

  /**
   * Any JSON value (a record, list or map is converted with the library's mapper).
   *
   * @param name the field name
   * @param value the value
   * @return this
   */
  public Payload putValue(String name, Object value) {
    JsonNode v = value instanceof JsonNode j ? j.deepCopy() : Json.MAPPER.valueToTree(value);
    mutable().set(literal(name), v);
    return this;
  }

  /**
   * A list of literal strings.
   *
   * @param name the field name
   * @param values the strings
   * @return this
   */
  public Payload putStrings(String name, String... values) {
    ArrayNode a = mutable().putArray(literal(name));
    for (String v : values) {
      a.add(v);
    }
    return this;
  }

  /**
   * A field read from a path when the state runs ({@code "name.$": "$.a.b"}).
   *
   * @param name the field name (without {@code .$})
   * @param path the path, checked now
   * @return this
   */
  public Payload path(String name, String path) {
    return path(name, JsonPath.of(path));
  }

  /**
   * A field read from a path when the state runs.
   *
   * @param name the field name (without {@code .$})
   * @param path the path
   * @return this
   */
  public Payload path(String name, JsonPath path) {
    if (path.isNull()) {
      throw new IllegalArgumentException("a payload path cannot be null");
    }
    mutable().put(dynamic(name), path.value());
    return this;
  }

  /**
   * A field computed by an intrinsic function when the state runs ({@code "name.$":
   * "States.Format(...)"}).
   *
   * @param name the field name (without {@code .$})
   * @param call the call, already checked when built
   * @return this
   */
  public Payload intrinsic(String name, Intrinsic call) {
    mutable().put(dynamic(name), call.render());
    return this;
  }

  /**
   * The template as JSON (a copy).
   *
   * @return the object node
   */
  public ObjectNode toJson() {
    return node.deepCopy();
  }

  /**
   * The template itself, without a copy, for a state or an enclosing template to hold: this payload
   * copies it before its next change, so the holder keeps what it was given.
   */
  ObjectNode share() {
    shared = true;
    return node;
  }

  private ObjectNode mutable() {
    if (shared) {
      CompactFields copy = new CompactFields(fields.size() + 2);
      for (var e : fields.entrySet()) {
        copy.put(e.getKey(), e.getValue().deepCopy());
      }
      fields = copy;
      node = new ObjectNode(JsonNodeFactory.instance, copy);
      shared = false;
    }
    return node;
  }

  @Override
  public String toString() {
    return node.toString();
  }

  private String literal(String name) {
    Objects.requireNonNull(name, "name");
    if (name.endsWith(".$")) {
      throw new IllegalArgumentException(
          "use path(...) or intrinsic(...) for dynamic fields (was " + name + ")");
    }
    if (!node.isEmpty() && hasDynamic(name)) {
      throw new IllegalArgumentException(name + " is already a dynamic field");
    }
    return name;
  }

  /** Whether {@code name.$} is a field (without building that name). */
  private boolean hasDynamic(String name) {
    return fields.hasDynamic(name);
  }

  private String dynamic(String name) {
    Objects.requireNonNull(name, "name");
    if (fields.containsKey(name)) {
      throw new IllegalArgumentException(name + " is already a literal field");
    }
    return name.endsWith(".$") ? name : name + ".$";
  }
}
