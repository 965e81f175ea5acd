package io.emrlaunch.core.overrides;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.internal.Json;
import io.emrlaunch.core.json.internal.JsonErrors;
import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.internal.OverrideRules;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Applies named runtime overrides to a cluster configuration, allowing only the names of an
 * allow-list. Compared with aws-emr-launch's override Lambda:
 *
 * <ul>
 *   <li>a field that is currently empty (no key name, no custom AMI) can be set;
 *   <li>a path may end in a list index ({@code applications.1});
 *   <li>a bound of {@code 0} counts; types, allowed values and enum values are checked;
 *   <li>every problem is reported at once ({@link InvalidOverrideException}) and nothing is applied
 *       unless all overrides are valid; the result is validated as a whole;
 *   <li>the cluster name is an ordinary override ({@code clusterName}), applied before the request
 *       is built, so the log location follows it.
 * </ul>
 *
 * <pre>{@code
 * ClusterConfiguration sized = Overrides.apply(config, config.allowedOverrides(),
 *     Map.of("CoreInstanceCount", 10, "CoreInstanceType", "r5.2xlarge"));
 * }</pre>
 */
public final class Overrides {
  private Overrides() {}

  /**
   * Applies overrides using the configuration's own allow-list.
   *
   * @param config the configuration
   * @param requested override name → value
   * @return the new, validated configuration
   * @throws InvalidOverrideException when a name is not allowed or a value is refused
   * @throws ValidationException when the overridden configuration is invalid
   */
  public static ClusterConfiguration apply(ClusterConfiguration config, Map<String, ?> requested) {
    return apply(config, config.allowedOverrides(), requested);
  }

  /**
   * Applies overrides for a launch the way aws-emr-launch's launch function did: the launch
   * function's cluster name (when not blank) is set on the configuration first, then the overrides
   * are applied with the launch function's allow-list (or the configuration's, when the launch
   * function declares none). A {@code ClusterName} override therefore wins over the launch
   * function's name; pass a blank cluster name to {@code RunJobFlowRequests.from} so the result's
   * {@code clusterName} (and the log location that follows it) is used.
   *
   * @param function the launch function
   * @param config its configuration
   * @param requested override name → value
   * @return the new, validated configuration
   */
  public static ClusterConfiguration apply(
      LaunchFunction function, ClusterConfiguration config, Map<String, ?> requested) {
    List<AllowedOverride> allowList =
        function.allowedOverrides().isEmpty()
            ? config.allowedOverrides()
            : function.allowedOverrides();
    ClusterConfiguration named =
        function.clusterName().isBlank() ? config : config.withClusterName(function.clusterName());
    if (requested.isEmpty()) {
      named.validate();
      return named;
    }
    return apply(named, allowList, requested);
  }

  /**
   * Applies overrides.
   *
   * @param config the configuration
   * @param allowList the overrides a caller may use
   * @param requested override name → value (String, Number, Boolean, or a Jackson {@code JsonNode})
   * @return the new, validated configuration; {@code config} itself when nothing was requested
   * @throws InvalidOverrideException when a name is not allowed or a value is refused
   * @throws ValidationException when the allow-list or the overridden configuration is invalid
   */
  public static ClusterConfiguration apply(
      ClusterConfiguration config,
      Collection<AllowedOverride> allowList,
      Map<String, ?> requested) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(allowList, "allowList");
    Objects.requireNonNull(requested, "requested");
    if (requested.isEmpty()) {
      return config;
    }
    Map<String, AllowedOverride> byName = new LinkedHashMap<>();
    allowList.forEach(o -> byName.putIfAbsent(o.name(), o));
    Problems p = Problems.root();
    Map<String, JsonNode> values = new LinkedHashMap<>();
    Map<String, AllowedOverride> used = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : new TreeMap<String, Object>(requested).entrySet()) {
      String name = e.getKey();
      Problems at = p.at("overrides").at(name);
      AllowedOverride o = byName.get(name);
      if (o == null) {
        at.add(unknown(name, byName));
        continue;
      }
      Optional<Class<?>> target = OverrideRules.target(o, at);
      if (target.isEmpty()) {
        continue;
      }
      OverrideRules.convert(o, target.get(), e.getValue(), at)
          .ifPresent(
              v -> {
                values.put(name, v);
                used.put(name, o);
              });
    }
    if (p.any()) {
      throw new InvalidOverrideException(p.problems());
    }
    ObjectNode tree = Json.MAPPER.valueToTree(config);
    for (Map.Entry<String, JsonNode> e : values.entrySet()) {
      set(tree, used.get(e.getKey()).path(), e.getValue(), p.at("overrides").at(e.getKey()));
    }
    if (p.any()) {
      throw new InvalidOverrideException(p.problems());
    }
    ClusterConfiguration result;
    try {
      result = Json.MAPPER.treeToValue(tree, ClusterConfiguration.class);
    } catch (JsonProcessingException ex) {
      throw JsonErrors.toValidationException(ex);
    }
    result.validate();
    return result;
  }

  private static String unknown(String name, Map<String, AllowedOverride> byName) {
    boolean isPath = byName.values().stream().anyMatch(o -> o.path().equals(name));
    if (isPath || name.contains(".")) {
      return "is a field path, not an override name: only allowed override names are accepted"
          + (byName.isEmpty() ? " (none are allowed)" : " (allowed: " + byName.keySet() + ")");
    }
    return byName.isEmpty()
        ? "is not allowed: this configuration allows no overrides"
        : "is not an allowed override (allowed: " + byName.keySet() + ")";
  }

  /** Writes {@code value} at {@code path}, creating objects for absent optional values. */
  private static void set(ObjectNode root, String path, JsonNode value, Problems at) {
    String[] segments = path.split("\\.");
    JsonNode node = root;
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      boolean last = i == segments.length - 1;
      if (node instanceof ArrayNode array) {
        int index = Integer.parseInt(segment);
        if (index >= array.size()) {
          at.add(
              "cannot be applied: \""
                  + String.join(".", java.util.Arrays.copyOf(segments, i))
                  + "\" has "
                  + array.size()
                  + " element(s), no index "
                  + index);
          return;
        }
        if (last) {
          array.set(index, value);
          return;
        }
        node = array.get(index);
      } else if (node instanceof ObjectNode object) {
        if (last) {
          object.set(segment, value);
          return;
        }
        JsonNode next = object.get(segment);
        if (next == null || next.isNull()) {
          // An empty optional value: create it, so overrides can fill fields that are unset.
          next = object.putObject(segment);
        }
        node = next;
      } else {
        at.add("cannot be applied: the path \"" + path + "\" does not lead to an object");
        return;
      }
    }
  }
}
