package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Writes an AWS SDK v2 request or shape as the JSON the service API names it: the wire names
 * ({@code ReleaseLabel}, {@code Instances.InstanceFleets[0].TargetOnDemandCapacity}), which are the
 * names Step Functions integrations take. Unset and empty lists and maps are left out (the service
 * treats them alike), so a request reads the way a person would write it.
 */
public final class SdkJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SdkJson() {}

  /** The shape as a JSON object. */
  public static ObjectNode toJson(SdkPojo pojo) {
    ObjectNode out = F.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      JsonNode v = value(field.getValueOrDefault(pojo));
      if (v != null) {
        out.set(field.locationName(), v);
      }
    }
    return out;
  }

  private static JsonNode value(Object v) {
    if (v == null
        || v instanceof SdkAutoConstructList<?>
        || v instanceof SdkAutoConstructMap<?, ?>) {
      return null;
    }
    if (v instanceof SdkPojo p) {
      return toJson(p);
    }
    if (v instanceof String s) {
      return F.textNode(s);
    }
    if (v instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (v instanceof Integer i) {
      return F.numberNode(i);
    }
    if (v instanceof Long l) {
      return l == l.intValue() ? F.numberNode(l.intValue()) : F.numberNode(l);
    }
    if (v instanceof Double d) {
      return F.numberNode(d);
    }
    if (v instanceof Float f) {
      return F.numberNode(f.doubleValue());
    }
    if (v instanceof Instant t) {
      return F.textNode(t.toString());
    }
    if (v instanceof SdkBytes b) {
      return F.textNode(b.asUtf8String());
    }
    if (v instanceof Collection<?> c) {
      if (c.isEmpty()) {
        return null;
      }
      ArrayNode a = F.arrayNode();
      for (Object e : c) {
        JsonNode j = value(e);
        a.add(j == null ? F.nullNode() : j);
      }
      return a;
    }
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        return null;
      }
      ObjectNode o = F.objectNode();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        JsonNode j = value(e.getValue());
        o.set(String.valueOf(e.getKey()), j == null ? F.nullNode() : j);
      }
      return o;
    }
    return F.textNode(v.toString());
  }
}
