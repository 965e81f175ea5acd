package io.emrlaunch.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
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
 * Converts AWS SDK v2 model objects ({@link SdkPojo}: requests and shapes) to and from the JSON
 * shape of the AWS API: the wire member names ({@code ReleaseLabel}, {@code
 * Instances.InstanceFleets[0].TargetOnDemandCapacity}) that boto3, aws-emr-launch records and Step
 * Functions task {@code Parameters} use. It walks the SDK's own field metadata, so every member of
 * every service shape is covered without per-shape code.
 *
 * <p>Rendering rules: unset members (and lists/maps the SDK auto-constructed because they were
 * never set) are left out; a {@code Long} that fits an {@code int} is written as an int node so the
 * tree equals the one Jackson parses from the same text; a {@code Float} is written as the double
 * with the same decimal text; an {@code Instant} as ISO-8601 text; {@code SdkBytes} as UTF-8 text.
 * {@link #toJson(SdkPojo)} keeps explicitly set empty lists and maps ({@code "Tags": []}); {@link
 * #toCompactJson(SdkPojo)} leaves them out too, for requests meant to be read by people.
 *
 * <pre>{@code
 * ObjectNode json = SdkShapes.toJson(request);
 * RunJobFlowRequest back = SdkShapes.fromJson(json, RunJobFlowRequest.builder()).build();
 * }</pre>
 */
public final class SdkShapes {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SdkShapes() {}

  /**
   * The API JSON of an SDK object; unset members are left out, explicitly set empty lists and maps
   * are kept.
   *
   * @param pojo a request or shape, e.g. a {@code RunJobFlowRequest}
   * @return a new JSON object
   */
  public static ObjectNode toJson(SdkPojo pojo) {
    return object(pojo, false);
  }

  /**
   * The API JSON of an SDK object with empty lists and maps left out as well (the services treat an
   * empty list like an absent one), so the result reads the way a person would write it.
   *
   * @param pojo a request or shape
   * @return a new JSON object
   */
  public static ObjectNode toCompactJson(SdkPojo pojo) {
    return object(pojo, true);
  }

  private static ObjectNode object(SdkPojo pojo, boolean compact) {
    ObjectNode node = F.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      JsonNode json = value(field, field.getValueOrDefault(pojo), compact);
      if (json != null) {
        node.set(field.locationName(), json);
      }
    }
    return node;
  }

  private static JsonNode value(SdkField<?> field, Object value, boolean compact) {
    if (value == null
        || value instanceof SdkAutoConstructList<?>
        || value instanceof SdkAutoConstructMap<?, ?>) {
      return null;
    }
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.SDK_POJO) {
      return object((SdkPojo) value, compact);
    }
    if (type == MarshallingType.LIST) {
      List<?> list = (List<?>) value;
      if (compact && list.isEmpty()) {
        return null;
      }
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      ArrayNode array = F.arrayNode();
      for (Object item : list) {
        JsonNode j = value(member, item, compact);
        array.add(j == null ? F.nullNode() : j);
      }
      return array;
    }
    if (type == MarshallingType.MAP) {
      Map<?, ?> map = (Map<?, ?>) value;
      if (compact && map.isEmpty()) {
        return null;
      }
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      ObjectNode out = F.objectNode();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        JsonNode j = value(member, e.getValue(), compact);
        out.set(String.valueOf(e.getKey()), j == null ? F.nullNode() : j);
      }
      return out;
    }
    return scalar(value);
  }

  private static JsonNode scalar(Object value) {
    if (value instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return F.numberNode(i);
    }
    if (value instanceof Long l) {
      // same JSON text either way; an int node makes the tree equal to a parsed one
      return l == l.intValue() ? F.numberNode(l.intValue()) : F.numberNode(l);
    }
    if (value instanceof Double d) {
      return F.numberNode(d);
    }
    if (value instanceof Float f) {
      // widen through the decimal text so 0.1f stays 0.1, not 0.10000000149011612
      return F.numberNode(Double.parseDouble(Float.toString(f)));
    }
    if (value instanceof SdkBytes b) {
      return F.textNode(b.asUtf8String());
    }
    // strings (enums are held as strings) and Instant, whose toString is ISO-8601
    return F.textNode(String.valueOf(value));
  }

  /**
   * Fills an SDK builder from API JSON, throwing on the first call if anything is malformed.
   * Unknown members and JSON nulls are ignored.
   *
   * @param json the JSON object
   * @param builder a builder, e.g. {@code RunJobFlowRequest.builder()}
   * @param <B> the builder type
   * @return the builder
   * @throws ValidationException naming the JSON path of every member of the wrong type
   */
  public static <B extends SdkPojo> B fromJson(JsonNode json, B builder) {
    Problems p = Problems.root();
    fromJson(json, builder, p);
    p.throwIfAny();
    return builder;
  }

  /**
   * Fills an SDK builder from API JSON, reporting members of the wrong JSON type into {@code p}
   * under their JSON path (e.g. {@code Instances.InstanceGroups[0].InstanceCount}) instead of
   * throwing, so a caller can collect them with its own findings. Unknown members and JSON nulls
   * are ignored; a wrongly typed member is left unset.
   *
   * @param json the JSON object
   * @param builder a builder, e.g. {@code RunJobFlowRequest.builder()}
   * @param p where to report
   * @param <B> the builder type
   * @return the builder
   */
  public static <B extends SdkPojo> B fromJson(JsonNode json, B builder, Problems p) {
    if (!json.isObject()) {
      p.add("must be an object");
      return builder;
    }
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
    return readScalar(type, json, p);
  }

  private static Object readScalar(MarshallingType<?> type, JsonNode json, Problems p) {
    if (type == MarshallingType.STRING) {
      if (!json.isTextual()) {
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
      return wholeNumber(json, type == MarshallingType.INTEGER, p);
    }
    if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT) {
      if (!json.isNumber()) {
        p.add("must be a number");
        return null;
      }
      double d = json.asDouble();
      if (!Double.isFinite(d) || (type == MarshallingType.FLOAT && !Float.isFinite((float) d))) {
        p.add("is out of range (was " + abbreviated(json) + ")");
        return null;
      }
      return type == MarshallingType.DOUBLE ? (Object) d : (Object) (float) d;
    }
    if (type == MarshallingType.INSTANT) {
      try {
        return json.isTextual() ? Instant.parse(json.asText()) : null;
      } catch (DateTimeParseException e) {
        // reported below
      }
      p.add("must be an ISO-8601 instant like 2026-01-31T12:00:00Z");
      return null;
    }
    if (type == MarshallingType.SDK_BYTES) {
      if (!json.isTextual()) {
        p.add("must be text");
        return null;
      }
      return SdkBytes.fromUtf8String(json.asText());
    }
    // documents and other exotic members do not occur in the shapes this library handles
    p.add("is not supported here");
    return null;
  }

  /**
   * A whole number that fits the member exactly: never wrapped ({@code 4294967298} is not 2),
   * truncated ({@code 2.7} is not 2) or saturated ({@code 1e300} is not {@code Integer.MAX_VALUE}).
   */
  private static Object wholeNumber(JsonNode json, boolean isInt, Problems p) {
    if (!json.isNumber()) {
      p.add("must be a whole number");
      return null;
    }
    java.math.BigDecimal d;
    if (json.isIntegralNumber()) {
      d = new java.math.BigDecimal(json.bigIntegerValue());
    } else {
      double v = json.asDouble();
      if (json.isBigDecimal()) {
        d = json.decimalValue();
      } else if (!Double.isFinite(v)) {
        p.add("is out of range (was " + abbreviated(json) + ")");
        return null;
      } else {
        d = java.math.BigDecimal.valueOf(v);
      }
      if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
        p.add("must be a whole number (was " + abbreviated(json) + ")");
        return null;
      }
    }
    java.math.BigDecimal min =
        java.math.BigDecimal.valueOf(isInt ? Integer.MIN_VALUE : Long.MIN_VALUE);
    java.math.BigDecimal max =
        java.math.BigDecimal.valueOf(isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      p.add(
          "is out of range (was "
              + abbreviated(json)
              + ", the most is "
              + max.toPlainString()
              + ")");
      return null;
    }
    return isInt ? (Object) d.intValueExact() : (Object) d.longValueExact();
  }

  private static String abbreviated(JsonNode json) {
    String t = json.toString();
    return t.length() <= 40 ? t : t.substring(0, 37) + "...";
  }
}
