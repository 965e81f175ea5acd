package io.emrlaunch.stepfunctions.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * SDK objects to and from the JSON Step Functions' AWS SDK integrations use: members named in
 * PascalCase (the model's member names) for every service, whatever its wire protocol (Step
 * Functions' own API is camelCase on the wire, yet {@code StateMachineArn} in a Task).
 */
final class SdkJson {
  private SdkJson() {}

  static ObjectNode toJson(SdkPojo pojo) {
    ObjectNode node = Paths.NODES.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      JsonNode json = value(field, field.getValueOrDefault(pojo));
      if (json != null) {
        node.set(name(field), json);
      }
    }
    return node;
  }

  private static String name(SdkField<?> f) {
    String n = f.memberName() == null ? f.locationName() : f.memberName();
    return n.isEmpty() ? n : Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }

  private static JsonNode value(SdkField<?> field, Object value) {
    if (value == null
        || value instanceof SdkAutoConstructList<?>
        || value instanceof SdkAutoConstructMap<?, ?>) {
      return null;
    }
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.SDK_POJO) {
      return toJson((SdkPojo) value);
    }
    if (type == MarshallingType.LIST) {
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      ArrayNode array = Paths.NODES.arrayNode();
      for (Object item : (List<?>) value) {
        JsonNode j = value(member, item);
        array.add(j == null ? Paths.NODES.nullNode() : j);
      }
      return array;
    }
    if (type == MarshallingType.MAP) {
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      ObjectNode out = Paths.NODES.objectNode();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        JsonNode j = value(member, e.getValue());
        out.set(String.valueOf(e.getKey()), j == null ? Paths.NODES.nullNode() : j);
      }
      return out;
    }
    if (value instanceof Boolean b) {
      return Paths.NODES.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return Paths.NODES.numberNode(i);
    }
    if (value instanceof Long l) {
      return l == l.intValue() ? Paths.NODES.numberNode(l.intValue()) : Paths.NODES.numberNode(l);
    }
    if (value instanceof Double d) {
      return Paths.NODES.numberNode(d);
    }
    if (value instanceof Float f) {
      return Paths.NODES.numberNode(Double.parseDouble(Float.toString(f)));
    }
    if (value instanceof SdkBytes b) {
      return Paths.NODES.textNode(b.asUtf8String());
    }
    return Paths.NODES.textNode(String.valueOf(value));
  }

  /** Fills a builder; a member of the wrong type fails naming its path. Unknown members fail. */
  static void fromJson(JsonNode json, SdkPojo builder, String path) {
    if (!json.isObject()) {
      throw new IllegalArgumentException(path + " must be an object");
    }
    Map<String, SdkField<?>> fields = new LinkedHashMap<>();
    for (SdkField<?> f : builder.sdkFields()) {
      fields.put(name(f), f);
    }
    json.fields()
        .forEachRemaining(
            e -> {
              SdkField<?> field = fields.get(e.getKey());
              String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
              if (field == null) {
                throw new IllegalArgumentException(
                    "The field " + at + " is not supported by the request");
              }
              Object v = read(field, e.getValue(), at);
              if (v != null) {
                field.set(builder, v);
              }
            });
  }

  private static Object read(SdkField<?> field, JsonNode json, String at) {
    MarshallingType<?> type = field.marshallingType();
    if (json.isNull()) {
      return null;
    }
    if (type == MarshallingType.SDK_POJO) {
      SdkPojo b = field.constructor().get();
      fromJson(json, b, at);
      return ((SdkBuilder<?, ?>) b).build();
    }
    if (type == MarshallingType.LIST) {
      if (!json.isArray()) {
        throw new IllegalArgumentException(at + " must be a list");
      }
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < json.size(); i++) {
        Object item = read(member, json.get(i), at + "[" + i + "]");
        if (item != null) {
          out.add(item);
        }
      }
      return out;
    }
    if (type == MarshallingType.MAP) {
      if (!json.isObject()) {
        throw new IllegalArgumentException(at + " must be an object");
      }
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> out = new LinkedHashMap<>();
      json.fields()
          .forEachRemaining(
              e -> {
                Object v = read(member, e.getValue(), at + "." + e.getKey());
                if (v != null) {
                  out.put(e.getKey(), v);
                }
              });
      return out;
    }
    if (type == MarshallingType.STRING) {
      if (!json.isValueNode()) {
        throw new IllegalArgumentException(at + " must be text");
      }
      return json.asText();
    }
    if (type == MarshallingType.BOOLEAN) {
      if (!json.isBoolean()) {
        throw new IllegalArgumentException(at + " must be true or false");
      }
      return json.booleanValue();
    }
    if (type == MarshallingType.INTEGER || type == MarshallingType.LONG) {
      if (!json.isIntegralNumber()
          && !(json.isNumber() && json.asDouble() == Math.rint(json.asDouble()))) {
        throw new IllegalArgumentException(at + " must be a whole number");
      }
      return type == MarshallingType.INTEGER ? (Object) json.asInt() : (Object) json.asLong();
    }
    if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT) {
      if (!json.isNumber()) {
        throw new IllegalArgumentException(at + " must be a number");
      }
      return type == MarshallingType.DOUBLE
          ? (Object) json.asDouble()
          : (Object) (float) json.asDouble();
    }
    if (type == MarshallingType.INSTANT) {
      try {
        if (json.isNumber()) {
          return Instant.ofEpochMilli(Math.round(json.asDouble() * 1000));
        }
        return Instant.parse(json.asText());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(at + " must be a timestamp");
      }
    }
    if (type == MarshallingType.SDK_BYTES) {
      return SdkBytes.fromUtf8String(json.asText());
    }
    throw new IllegalArgumentException(at + " is not supported by the local engine");
  }
}
