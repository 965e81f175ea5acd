package io.emrlaunch.core.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.OverrideType;
import io.emrlaunch.core.model.internal.FieldPaths;
import io.emrlaunch.core.validation.Problems;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * aws-emr-launch's allowed-override map ({@code {Name: {JsonPath, Default, Minimum, Maximum}}}) to
 * and from allow-lists. The value type, absent there, follows from the target field; {@code
 * AllowedValues} and {@code Description} are extra keys aws-emr-launch ignores.
 */
public final class AwsOverrides {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private AwsOverrides() {}

  /**
   * Renders an allow-list.
   *
   * @param overrides the allow-list
   * @param layout group/fleet positions
   * @param cluster the stored RunJobFlow request, for {@code Default} (may be null)
   * @param p reports paths without an aws-emr-launch counterpart, under {@code
   *     allowedOverrides[i].path}
   */
  public static ObjectNode write(
      List<AllowedOverride> overrides, AwsPaths.Layout layout, JsonNode cluster, Problems p) {
    ObjectNode out = F.objectNode();
    for (int i = 0; i < overrides.size(); i++) {
      AllowedOverride o = overrides.get(i);
      Optional<String> path = AwsPaths.toAws(o.path(), layout);
      if (path.isEmpty()) {
        p.at("allowedOverrides", i)
            .add("path", "has no aws-emr-launch counterpart (was \"" + o.path() + "\")");
        continue;
      }
      ObjectNode e = out.putObject(o.name());
      e.put("JsonPath", path.get());
      e.set("Default", cluster == null ? F.nullNode() : at(cluster, path.get()));
      o.minimum().ifPresent(m -> e.set("Minimum", number(m)));
      o.maximum().ifPresent(m -> e.set("Maximum", number(m)));
      if (!o.allowedValues().isEmpty()) {
        ArrayNode values = e.putArray("AllowedValues");
        o.allowedValues().forEach(values::add);
      }
      o.description().ifPresent(d -> e.put("Description", d));
    }
    return out;
  }

  /**
   * Reads an allow-list.
   *
   * @param node the map (null or absent means none)
   * @param layout group/fleet positions
   * @param p reports problems under the override's name
   */
  public static List<AllowedOverride> read(JsonNode node, AwsPaths.Layout layout, Problems p) {
    List<AllowedOverride> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      p.add("must be an object of override name → {JsonPath, ...}");
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Problems at = p.at(e.getKey());
      JsonNode v = e.getValue();
      JsonNode jsonPath = v.get("JsonPath");
      if (jsonPath == null || !jsonPath.isTextual()) {
        at.add("JsonPath", "is required");
        continue;
      }
      Optional<String> ours = AwsPaths.fromAws(jsonPath.asText(), layout);
      if (ours.isEmpty()) {
        at.add(
            "JsonPath",
            "names no field of this library's cluster configuration (was \""
                + jsonPath.asText()
                + "\")");
        continue;
      }
      FieldPaths.Resolution r = FieldPaths.resolve(ClusterConfiguration.class, ours.get());
      if (!r.ok() || !FieldPaths.isScalar(r.target())) {
        at.add("JsonPath", "names no single-value field (was \"" + jsonPath.asText() + "\")");
        continue;
      }
      AllowedOverride.Builder b =
          AllowedOverride.builder().name(e.getKey()).path(ours.get()).type(typeOf(r.target()));
      number(v, "Minimum", at).ifPresent(b::minimum);
      number(v, "Maximum", at).ifPresent(b::maximum);
      v.path("AllowedValues").forEach(a -> b.addAllowedValues(a.asText()));
      if (v.hasNonNull("Description")) {
        b.description(v.get("Description").asText());
      }
      out.add(b.build());
    }
    return out;
  }

  /** Positions of groups and fleets in a stored RunJobFlow request. */
  public static AwsPaths.Layout layoutOf(JsonNode cluster) {
    return new AwsPaths.Layout(
        roles(cluster.path("Instances").path("InstanceGroups"), "InstanceRole"),
        roles(cluster.path("Instances").path("InstanceFleets"), "InstanceFleetType"));
  }

  private static List<String> roles(JsonNode list, String field) {
    List<String> roles = new ArrayList<>();
    list.forEach(n -> roles.add(n.path(field).asText("")));
    return roles;
  }

  private static OverrideType typeOf(Class<?> c) {
    if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
      return OverrideType.INTEGER;
    }
    if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
      return OverrideType.NUMBER;
    }
    if (c == boolean.class || c == Boolean.class) {
      return OverrideType.BOOLEAN;
    }
    return OverrideType.STRING;
  }

  private static Optional<Double> number(JsonNode v, String field, Problems at) {
    JsonNode n = v.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isNumber()) {
      at.add(field, "must be a number");
      return Optional.empty();
    }
    return Optional.of(n.asDouble());
  }

  private static JsonNode number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? F.numberNode((long) d) : F.numberNode(d);
  }

  private static JsonNode at(JsonNode root, String path) {
    JsonNode n = root;
    for (String s : path.split("\\.")) {
      n =
          n.isArray() && s.chars().allMatch(Character::isDigit)
              ? n.path(Integer.parseInt(s))
              : n.path(s);
    }
    return n.isMissingNode() ? F.nullNode() : n.deepCopy();
  }
}
