package io.emrlaunch.core.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.emrlaunch.core.json.internal.Json;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link FieldPaths} reads the model's JSON shape by reflection so that a launch needs no Jackson
 * mapper; this pins it to what Jackson itself sees: every path reachable in Jackson's view of the
 * model (to depth 6, lists entered at index 0, maps at a key), and wrong segments at every level,
 * resolve to the same target class or the same error.
 */
class FieldPathsTest {

  @Test
  void everyPathOfTheConfigurationResolvesAsJacksonSeesIt() {
    int compared = compareAll(ClusterConfiguration.class);
    assertThat(compared).isGreaterThan(300);
  }

  @Test
  void everyPathOfTheProfileResolvesAsJacksonSeesIt() {
    assertThat(compareAll(EmrProfile.class)).isGreaterThan(30);
  }

  @Test
  void wrongPathsNameTheirProblem() {
    assertThat(FieldPaths.resolve(ClusterConfiguration.class, "instances.nope").error())
        .isEqualTo("\"instances\" has no field \"nope\"");
    assertThat(FieldPaths.resolve(ClusterConfiguration.class, "nope").error())
        .isEqualTo("the configuration has no field \"nope\"");
    assertThat(FieldPaths.resolve(ClusterConfiguration.class, "applications.x").error())
        .isEqualTo("\"applications\" is a list: expected an index, found \"x\"");
    assertThat(FieldPaths.resolve(ClusterConfiguration.class, "instances..x").error())
        .isEqualTo("has an empty segment after \"instances\"");
    assertThat(FieldPaths.resolve(ClusterConfiguration.class, " ").error()).isEqualTo("is empty");
    assertThat(FieldPaths.resolve(ClusterConfiguration.class, null).error()).isEqualTo("is empty");
    FieldPaths.Resolution count =
        FieldPaths.resolve(ClusterConfiguration.class, "instances.coreGroup.instanceCount");
    assertThat(count.ok()).isTrue();
    assertThat(FieldPaths.isScalar(count.target())).isTrue();
  }

  private static int compareAll(Class<?> root) {
    Deque<String> queue = new ArrayDeque<>(List.of(""));
    int compared = 0;
    while (!queue.isEmpty()) {
      String prefix = queue.poll();
      List<String> children = new ArrayList<>(List.of("nope", "0", "key", "1000000", ""));
      Optional<JavaType> at =
          prefix.isEmpty() ? Optional.of(Jackson.type(root)) : Jackson.resolve(root, prefix);
      if (at.isPresent()) {
        JavaType t = Jackson.unwrap(at.get());
        if (!t.isContainerType() && t.getRawClass().getAnnotation(JsonSerialize.class) != null) {
          children.addAll(Jackson.propertyNames(t));
        }
      }
      for (String child : children) {
        String path = prefix.isEmpty() ? child : prefix + "." + child;
        FieldPaths.Resolution ours = FieldPaths.resolve(root, path);
        Jackson.Answer theirs = Jackson.answer(root, path);
        assertThat(ours.error()).as(path).isEqualTo(theirs.error());
        assertThat(ours.target()).as(path).isEqualTo(theirs.target());
        compared++;
        if (ours.ok() && path.split("\\.").length < 6 && !child.isEmpty()) {
          queue.add(path);
        }
      }
    }
    return compared;
  }

  /** The former, Jackson-based resolver, kept as the oracle. */
  private static final class Jackson {
    record Answer(Class<?> target, String error) {}

    static JavaType type(Class<?> c) {
      return Json.MAPPER.constructType(c);
    }

    static Optional<JavaType> resolve(Class<?> root, String path) {
      Answer a = answer(root, path);
      return a.error() == null ? Optional.of(last) : Optional.empty();
    }

    private static JavaType last;

    static Answer answer(Class<?> root, String path) {
      if (path == null || path.isBlank()) {
        return new Answer(null, "is empty");
      }
      JavaType type = type(root);
      StringBuilder seen = new StringBuilder();
      for (String segment : path.split("\\.", -1)) {
        type = unwrap(type);
        if (segment.isEmpty()) {
          return new Answer(null, "has an empty segment after \"" + seen + "\"");
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
          if (!segment.chars().allMatch(Character::isDigit) || segment.length() > 6) {
            return new Answer(
                null, "\"" + seen + "\" is a list: expected an index, found \"" + segment + "\"");
          }
          type = type.getContentType();
        } else if (type.isMapLikeType()) {
          type = type.getContentType();
        } else {
          Optional<JavaType> property = property(type, segment);
          if (property.isEmpty()) {
            return new Answer(
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
      last = type;
      return new Answer(unwrap(type).getRawClass(), null);
    }

    static JavaType unwrap(JavaType t) {
      while (t.getRawClass() == Optional.class) {
        t = t.containedTypeOrUnknown(0);
      }
      return t;
    }

    static List<String> propertyNames(JavaType type) {
      return properties(type).stream().map(BeanPropertyDefinition::getName).toList();
    }

    private static final java.util.Map<Class<?>, List<BeanPropertyDefinition>> SEEN =
        new java.util.HashMap<>();

    private static List<BeanPropertyDefinition> properties(JavaType type) {
      return SEEN.computeIfAbsent(type.getRawClass(), c -> introspect(type));
    }

    private static List<BeanPropertyDefinition> introspect(JavaType type) {
      JsonSerialize as = type.getRawClass().getAnnotation(JsonSerialize.class);
      if (as == null || as.as() == Void.class) {
        return List.of();
      }
      BeanDescription description =
          Json.MAPPER.getSerializationConfig().introspect(Json.MAPPER.constructType(as.as()));
      return description.findProperties().stream()
          .filter(BeanPropertyDefinition::hasGetter)
          .toList();
    }

    private static Optional<JavaType> property(JavaType type, String name) {
      return properties(type).stream()
          .filter(p -> p.getName().equals(name))
          .findFirst()
          .map(BeanPropertyDefinition::getPrimaryType);
    }
  }
}
