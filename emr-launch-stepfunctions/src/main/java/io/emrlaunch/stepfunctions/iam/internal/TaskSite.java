package io.emrlaunch.stepfunctions.iam.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One place in a definition that calls AWS on the execution role's behalf: a Task state, a
 * Distributed Map's ItemReader or ResultWriter, or the Distributed Map itself (child executions).
 *
 * @param kind what this site is
 * @param path JSON path of the state (or reader/writer) in the definition, e.g. {@code States.Fan
 *     Out.Branches[0].States.Run Step}
 * @param stateName the name of the state the site belongs to (unique in a state machine)
 * @param resource the {@code Resource} URI; empty for {@link Kind#DISTRIBUTED_MAP}
 * @param args the {@code Parameters} or {@code Arguments} object; {@code null} when absent
 * @param argsField {@code Parameters} or {@code Arguments}
 * @param credentials the Task's {@code Credentials} object; {@code null} when absent
 * @param node the whole state (or ItemReader / ResultWriter) object
 */
public record TaskSite(
    Kind kind,
    String path,
    String stateName,
    String resource,
    JsonNode args,
    String argsField,
    JsonNode credentials,
    JsonNode node) {

  private static final Pattern JSONATA = Pattern.compile("(?s)^\\s*\\{%.*%\\}\\s*$");

  /** What kind of site. */
  public enum Kind {
    /** A Task state. */
    TASK,
    /** A Distributed Map's ItemReader. */
    ITEM_READER,
    /** A Distributed Map's ResultWriter. */
    RESULT_WRITER,
    /** A Distributed Map state (runs child executions of this state machine). */
    DISTRIBUTED_MAP
  }

  /**
   * Reads a top-level argument field.
   *
   * @param name the field name without {@code .$}
   * @return the field
   */
  public Field field(String name) {
    String base = path + "." + argsField + ".";
    if (args == null) {
      return new Field(name, base + name, false, true, List.of());
    }
    if (args.isTextual()) {
      // JSONata: "Arguments": "{% ... %}" makes every field dynamic.
      return new Field(name, path + "." + argsField, true, true, List.of());
    }
    JsonNode dyn = args.get(name + ".$");
    if (dyn != null) {
      return new Field(name, base + name + ".$", true, true, List.of());
    }
    JsonNode v = args.get(name);
    if (v == null) {
      return new Field(name, base + name, false, false, List.of());
    }
    if (v.isTextual() && JSONATA.matcher(v.asText()).matches()) {
      return new Field(name, base + name, true, true, List.of());
    }
    List<String> values = new ArrayList<>();
    boolean dynamic = false;
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (e.isTextual() && JSONATA.matcher(e.asText()).matches()) {
          dynamic = true;
        } else if (e.isValueNode()) {
          values.add(e.asText());
        }
      }
    } else if (v.isValueNode()) {
      values.add(v.asText());
    } else {
      // An object or array value: present, literal, but not a scalar target.
      return new Field(name, base + name, true, false, List.of());
    }
    return new Field(name, base + name, true, dynamic, List.copyOf(values));
  }

  /**
   * Whether a {@code .$} or literal field of that name exists.
   *
   * @param name the field name without {@code .$}
   * @return true when present (or when all arguments are one JSONata expression)
   */
  public boolean has(String name) {
    return field(name).present();
  }

  /**
   * A field's value as found in the definition.
   *
   * @param name field name (no {@code .$})
   * @param path JSON path of the field for problem reports
   * @param present whether the definition sets it at all
   * @param dynamic whether (part of) the value is only known at run time
   * @param literals the literal values (one for a scalar; the literal elements of an array)
   */
  public record Field(
      String name, String path, boolean present, boolean dynamic, List<String> literals) {

    /**
     * Whether the value is fully known from the definition.
     *
     * @return true for a present, non-dynamic, non-empty literal
     */
    public boolean isStatic() {
      return present && !dynamic && !literals.isEmpty();
    }
  }
}
