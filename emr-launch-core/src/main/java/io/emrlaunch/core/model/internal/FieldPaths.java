package io.emrlaunch.core.model.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a dotted field path ({@code instances.coreGroup.instanceCount}, list elements as numeric
 * segments, map entries by key) against the JSON shape of a model type, without needing a value.
 * Overrides use it to reject paths that name no field and to learn the type of the target.
 *
 * <p>The JSON shape is read from the {@code @JsonProperty} accessors Immutables generates on each
 * model type's implementation (named by {@code @JsonSerialize(as = ..)}), by plain reflection:
 * every launch validates its allowed overrides, and building a Jackson {@code ObjectMapper} to
 * introspect them cost a short-lived process several hundred milliseconds of class loading before
 * its first {@code RunJobFlow}. {@code FieldPathsTest} checks that the answers equal Jackson's view
 * of the same types, path for path.
 */
public final class FieldPaths {
  private FieldPaths() {}

  /** The outcome of resolving a path: the target's class, or why the path is wrong. */
  public record Resolution(Class<?> target, String error) {
    /** Whether the path names a field. */
    public boolean ok() {
      return error == null;
    }
  }

  private static final Map<String, Resolution> CACHE = new ConcurrentHashMap<>();

  /** Per model type: JSON property name → the accessor's declared type. */
  private static final Map<Class<?>, Map<String, Type>> PROPERTIES = new ConcurrentHashMap<>();

  /** Resolves {@code path} from {@code root}; Optional wrappers are unwrapped. */
  public static Resolution resolve(Class<?> root, String path) {
    if (path == null) {
      return new Resolution(null, "is empty");
    }
    // the schema never changes: remember every answer
    return CACHE.computeIfAbsent(root.getName() + "#" + path, k -> compute(root, path));
  }

  private static Resolution compute(Class<?> root, String path) {
    if (path.isBlank()) {
      return new Resolution(null, "is empty");
    }
    String[] segments = path.split("\\.", -1);
    Type type = root;
    StringBuilder seen = new StringBuilder();
    for (String segment : segments) {
      type = unwrap(type);
      if (segment.isEmpty()) {
        return new Resolution(null, "has an empty segment after \"" + seen + "\"");
      }
      Class<?> raw = raw(type);
      if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
        if (!segment.chars().allMatch(Character::isDigit) || segment.length() > 6) {
          return new Resolution(
              null, "\"" + seen + "\" is a list: expected an index, found \"" + segment + "\"");
        }
        type = raw.isArray() ? elementOf(type) : argument(type, 0);
      } else if (Map.class.isAssignableFrom(raw)) {
        type = argument(type, 1);
      } else {
        Type property = properties(raw).get(segment);
        if (property == null) {
          return new Resolution(
              null,
              (seen.length() == 0 ? "the configuration" : "\"" + seen + "\"")
                  + " has no field \""
                  + segment
                  + "\"");
        }
        type = property;
      }
      seen.append(seen.length() == 0 ? "" : ".").append(segment);
    }
    return new Resolution(raw(unwrap(type)), null);
  }

  /** Whether a type is a single value an override can set (text, number, boolean or enum). */
  public static boolean isScalar(Class<?> c) {
    return c == String.class
        || c.isEnum()
        || c.isPrimitive()
        || Number.class.isAssignableFrom(c)
        || c == Boolean.class;
  }

  private static Type unwrap(Type t) {
    while (raw(t) == Optional.class) {
      t = argument(t, 0);
    }
    return t;
  }

  private static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (t instanceof GenericArrayType a) {
      return java.lang.reflect.Array.newInstance(raw(a.getGenericComponentType()), 0).getClass();
    }
    // type variables and wildcards: an unknown type, as Jackson's Object
    return Object.class;
  }

  private static Type argument(Type t, int index) {
    if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      Type a = p.getActualTypeArguments()[index];
      return a instanceof Class<?> || a instanceof ParameterizedType ? a : Object.class;
    }
    return Object.class;
  }

  private static Type elementOf(Type t) {
    return t instanceof GenericArrayType a
        ? a.getGenericComponentType()
        : raw(t).getComponentType();
  }

  private static Map<String, Type> properties(Class<?> type) {
    return PROPERTIES.computeIfAbsent(type, FieldPaths::readProperties);
  }

  private static Map<String, Type> readProperties(Class<?> type) {
    JsonSerialize as = type.getAnnotation(JsonSerialize.class);
    if (as == null || as.as() == Void.class) {
      return Map.of();
    }
    Map<String, Type> found = new HashMap<>();
    for (Method m : as.as().getDeclaredMethods()) {
      JsonProperty property = m.getAnnotation(JsonProperty.class);
      if (property == null
          || m.getParameterCount() != 0
          || Modifier.isStatic(m.getModifiers())
          || m.isSynthetic()
          || m.isBridge()
          || m.getReturnType() == void.class
          || ignored(type, m)) {
        continue;
      }
      String name = property.value().isEmpty() ? m.getName() : property.value();
      found.put(name, m.getGenericReturnType());
    }
    return Map.copyOf(found);
  }

  /** Jackson merges annotations of overridden methods: a {@code @JsonIgnore} above counts. */
  private static boolean ignored(Class<?> abstractType, Method m) {
    if (ignoredHere(m)) {
      return true;
    }
    try {
      return ignoredHere(abstractType.getMethod(m.getName()));
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static boolean ignoredHere(Method m) {
    JsonIgnore ignore = m.getAnnotation(JsonIgnore.class);
    return ignore != null && ignore.value();
  }
}
