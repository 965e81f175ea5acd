package io.emrlaunch.core.model.internal;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.emrlaunch.core.json.internal.Json;
import java.util.Optional;

/**
 * Resolves a dotted field path ({@code instances.coreGroup.instanceCount}, list elements as numeric
 * segments, map entries by key) against the JSON shape of a model type, without needing a value.
 * Overrides use it to reject paths that name no field and to learn the type of the target.
 */
public final class FieldPaths {
  private FieldPaths() {}

  /** The outcome of resolving a path: the target's type, or why the path is wrong. */
  public record Resolution(JavaType target, String error) {
    /** Whether the path names a field. */
    public boolean ok() {
      return error == null;
    }
  }

  /** Resolves {@code path} from {@code root}; Optional wrappers are unwrapped. */
  public static Resolution resolve(Class<?> root, String path) {
    if (path == null) {
      return new Resolution(null, "is empty");
    }
    // Jackson introspection is costly and the schema never changes: remember every answer
    return CACHE.computeIfAbsent(root.getName() + "#" + path, k -> compute(root, path));
  }

  private static final java.util.Map<String, Resolution> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Resolution compute(Class<?> root, String path) {
    if (path.isBlank()) {
      return new Resolution(null, "is empty");
    }
    String[] segments = path.split("\\.", -1);
    JavaType type = Json.MAPPER.constructType(root);
    StringBuilder seen = new StringBuilder();
    for (String segment : segments) {
      type = unwrap(type);
      if (segment.isEmpty()) {
        return new Resolution(null, "has an empty segment after \"" + seen + "\"");
      }
      if (type.isCollectionLikeType() || type.isArrayType()) {
        if (!segment.chars().allMatch(Character::isDigit) || segment.length() > 6) {
          return new Resolution(
              null, "\"" + seen + "\" is a list: expected an index, found \"" + segment + "\"");
        }
        type = type.getContentType();
      } else if (type.isMapLikeType()) {
        type = type.getContentType();
      } else {
        Optional<JavaType> property = property(type, segment);
        if (property.isEmpty()) {
          return new Resolution(
              null,
              (seen.length() == 0 ? "the configuration" : "\"" + seen + "\"")
                  + " has no field \""
                  + segment
                  + "\"");
        }
        type = property.get();
      }
      seen.append(seen.length() == 0 ? "" : ".").append(segment);
    }
    return new Resolution(unwrap(type), null);
  }

  /** Whether a type is a single value an override can set (text, number, boolean or enum). */
  public static boolean isScalar(JavaType t) {
    Class<?> c = t.getRawClass();
    return c == String.class
        || c.isEnum()
        || c.isPrimitive()
        || Number.class.isAssignableFrom(c)
        || c == Boolean.class;
  }

  private static JavaType unwrap(JavaType t) {
    while (t.getRawClass() == Optional.class) {
      t = t.containedTypeOrUnknown(0);
    }
    return t;
  }

  private static Optional<JavaType> property(JavaType type, String name) {
    Class<?> raw = type.getRawClass();
    JsonSerialize as = raw.getAnnotation(JsonSerialize.class);
    if (as == null || as.as() == Void.class) {
      return Optional.empty();
    }
    JavaType impl = Json.MAPPER.constructType(as.as());
    BeanDescription description = Json.MAPPER.getSerializationConfig().introspect(impl);
    for (BeanPropertyDefinition p : description.findProperties()) {
      if (p.getName().equals(name) && p.hasGetter()) {
        return Optional.of(p.getPrimaryType());
      }
    }
    return Optional.empty();
  }
}
