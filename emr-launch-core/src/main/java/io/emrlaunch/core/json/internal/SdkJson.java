package io.emrlaunch.core.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.validation.Problems;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts AWS SDK model objects to and from the JSON shape of the AWS API (PascalCase member
 * names, as boto3 and aws-emr-launch records use), by walking the SDK's own field metadata.
 */
public final class SdkJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SdkJson() {}

  /** The API JSON of an SDK object; unset members are left out. */
  public static ObjectNode toJson(SdkPojo pojo) {
    ObjectNode node = F.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      JsonNode json = value(field, value);
      if (json != null) {
        node.set(field.locationName(), json);
      }
    }
    return node;
  }

  private static JsonNode value(SdkField<?> field, Object value) {
    if (value == null) {
      return null;
    }
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.SDK_POJO) {
      return toJson((SdkPojo) value);
    }
    if (type == MarshallingType.LIST) {
      if (value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList) {
        return null;
      }
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      ArrayNode array = F.arrayNode();
      for (Object item : (List<?>) value) {
        JsonNode j = value(member, item);
        array.add(j == null ? F.nullNode() : j);
      }
      return array;
    }
    if (type == MarshallingType.MAP) {
      if (value instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap) {
        return null;
      }
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      ObjectNode map = F.objectNode();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        JsonNode j = value(member, e.getValue());
        map.set(String.valueOf(e.getKey()), j == null ? F.nullNode() : j);
      }
      return map;
    }
    if (value instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return F.numberNode(i);
    }
    if (value instanceof Long l) {
      return F.numberNode(l);
    }
    if (value instanceof Double d) {
      return F.numberNode(d);
    }
    if (value instanceof Float f) {
      return F.numberNode(f);
    }
    return F.textNode(String.valueOf(value));
  }

  /**
   * Fills an SDK builder from API JSON. Unknown members are ignored; members of the wrong JSON type
   * are reported under their JSON path.
   *
   * @param json the JSON object
   * @param builder a builder, e.g. {@code RunJobFlowRequest.builder()}
   * @param p where to report
   * @param <B> the builder type
   * @return the builder
   */
  public static <B extends SdkPojo> B fromJson(JsonNode json, B builder, Problems p) {
    Map<String, SdkField<?>> fields = new LinkedHashMap<>();
    for (SdkField<?> f : builder.sdkFields()) {
      fields.put(f.locationName(), f);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      SdkField<?> field = fields.get(e.getKey());
      if (field == null || e.getValue().isNull()) {
        continue;
      }
      Object v = read(field, e.getValue(), p.at(e.getKey()));
      if (v != null) {
        field.set(builder, v);
      }
    }
    return builder;
  }

  private static Object read(SdkField<?> field, JsonNode json, Problems p) {
    MarshallingType<?> type = field.marshallingType();
    if (json.isNull()) {
      return null;
    }
    if (type == MarshallingType.SDK_POJO) {
      if (!json.isObject()) {
        p.add("must be an object");
        return null;
      }
      SdkPojo b = field.constructor().get();
      fromJson(json, b, p);
      return ((SdkBuilder<?, ?>) b).build();
    }
    if (type == MarshallingType.LIST) {
      if (!json.isArray()) {
        p.add("must be a list");
        return null;
      }
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < json.size(); i++) {
        Object item = read(member, json.get(i), p.index(i));
        if (item != null) {
          out.add(item);
        }
      }
      return out;
    }
    if (type == MarshallingType.MAP) {
      if (!json.isObject()) {
        p.add("must be an object");
        return null;
      }
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> out = new LinkedHashMap<>();
      json.fields()
          .forEachRemaining(
              e -> {
                Object v = read(member, e.getValue(), p.at(e.getKey()));
                if (v != null) {
                  out.put(e.getKey(), v);
                }
              });
      return out;
    }
    if (type == MarshallingType.STRING) {
      if (!json.isValueNode()) {
        p.add("must be text");
        return null;
      }
      return json.asText();
    }
    if (type == MarshallingType.BOOLEAN) {
      if (!json.isBoolean()) {
        p.add("must be true or false");
        return null;
      }
      return json.booleanValue();
    }
    if (type == MarshallingType.INTEGER || type == MarshallingType.LONG) {
      if (!json.isIntegralNumber()
          && !(json.isNumber() && json.asDouble() == Math.rint(json.asDouble()))) {
        p.add("must be a whole number");
        return null;
      }
      return type == MarshallingType.INTEGER ? (Object) json.asInt() : (Object) json.asLong();
    }
    if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT) {
      if (!json.isNumber()) {
        p.add("must be a number");
        return null;
      }
      return type == MarshallingType.DOUBLE
          ? (Object) json.asDouble()
          : (Object) (float) json.asDouble();
    }
    // instants, bytes and documents do not occur in the RunJobFlow resource surface
    p.add("is not supported here");
    return null;
  }
}
