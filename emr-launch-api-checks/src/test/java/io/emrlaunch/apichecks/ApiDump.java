package io.emrlaunch.apichecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of one module as text: for every public class outside {@code internal} packages
 * (nested classes only when every enclosing class is public) a header line, then one indented line
 * per public or protected constructor, method and field with its full generic signature, sorted.
 * Public members inherited from a superclass users cannot name (the package-private generated
 * {@code ImmutableX.Builder} behind {@code X.Builder}) are listed as members of the public class.
 */
final class ApiDump {
  private ApiDump() {}

  /** Orders class headers by the class name, then the whole header. */
  static final Comparator<String> BY_CLASS =
      Comparator.comparing(ApiDump::classNameOf).thenComparing(Comparator.naturalOrder());

  /** Orders member lines by the member name, then the whole line. */
  static final Comparator<String> BY_MEMBER =
      Comparator.comparing(ApiDump::memberNameOf).thenComparing(Comparator.naturalOrder());

  private static final Pattern CLASS_NAME = Pattern.compile("io\\.emrlaunch\\.[\\w.$]+");
  private static final Pattern MEMBER_NAME = Pattern.compile("([\\w<>$]+)(?:\\(|$)");

  static String classNameOf(String header) {
    Matcher m = CLASS_NAME.matcher(header);
    return m.find() ? m.group() : header;
  }

  static String memberNameOf(String line) {
    String head = line.contains("(") ? line.substring(0, line.indexOf('(')) : line;
    Matcher m = MEMBER_NAME.matcher(head.substring(head.lastIndexOf(' ') + 1));
    return m.find() ? m.group(1) : line;
  }

  /** Class header to its sorted member lines, by class name. */
  static Map<String, List<String>> of(Path classDirectory) {
    Map<String, List<String>> api = new TreeMap<>(BY_CLASS);
    try (Stream<Path> files = Files.walk(classDirectory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String relative = classDirectory.relativize(file).toString();
        String name =
            relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
        if (name.endsWith("package-info") || name.endsWith("module-info")) {
          continue;
        }
        Class<?> c = load(name);
        if (!isApi(c)) {
          continue;
        }
        api.put(header(c), members(c));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return api;
  }

  /** The dump file's text. */
  static String render(Map<String, List<String>> api) {
    StringBuilder out = new StringBuilder();
    api.forEach(
        (header, members) -> {
          out.append(header).append('\n');
          members.forEach(m -> out.append("  ").append(m).append('\n'));
          out.append('\n');
        });
    return out.toString();
  }

  /** Parses a dump file's text back into its map. */
  static Map<String, List<String>> parse(String text) {
    Map<String, List<String>> api = new TreeMap<>(BY_CLASS);
    List<String> current = null;
    for (String line : text.split("\n", -1)) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("  ")) {
        if (current == null) {
          throw new IllegalArgumentException("member line before any class: " + line);
        }
        current.add(line.substring(2));
      } else {
        current = new ArrayList<>();
        api.put(line, current);
      }
    }
    return api;
  }

  static boolean isApi(Class<?> c) {
    if (c.isSynthetic() || c.isAnonymousClass() || c.isLocalClass()) {
      return false;
    }
    if (Modules.isInternal(c.getPackageName())) {
      return false;
    }
    return isAccessible(c);
  }

  static boolean isAccessible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  static String header(Class<?> c) {
    StringBuilder h = new StringBuilder("public ");
    int mods = c.getModifiers();
    if (c.isMemberClass() && Modifier.isStatic(mods) && !c.isInterface() && !c.isEnum()) {
      h.append("static ");
    }
    if (c.isAnnotation()) {
      h.append("@interface ");
    } else if (c.isInterface()) {
      h.append(c.isSealed() ? "sealed " : "").append("interface ");
    } else if (c.isEnum()) {
      h.append("enum ");
    } else if (c.isRecord()) {
      h.append("record ");
    } else {
      if (Modifier.isAbstract(mods)) {
        h.append("abstract ");
      }
      if (Modifier.isFinal(mods)) {
        h.append("final ");
      }
      if (c.isSealed()) {
        h.append("sealed ");
      }
      h.append("class ");
    }
    h.append(c.getName()).append(typeParameters(c.getTypeParameters()));
    Type superclass = c.getGenericSuperclass();
    if (superclass != null
        && !c.isEnum()
        && !c.isRecord()
        && superclass != Object.class
        && isAccessible(c.getSuperclass())) {
      h.append(" extends ").append(superclass.getTypeName());
    }
    List<String> interfaces = new ArrayList<>();
    Type[] generic = c.getGenericInterfaces();
    Class<?>[] raw = c.getInterfaces();
    for (int i = 0; i < raw.length; i++) {
      if (isAccessible(raw[i])) {
        interfaces.add(generic[i].getTypeName());
      }
    }
    if (!interfaces.isEmpty() && !c.isAnnotation()) {
      h.append(c.isInterface() ? " extends " : " implements ")
          .append(String.join(", ", interfaces));
    }
    if (c.isAnnotationPresent(Deprecated.class)) {
      h.insert(0, "@Deprecated ");
    }
    return h.toString();
  }

  static List<String> members(Class<?> c) {
    TreeSet<String> lines = new TreeSet<>(BY_MEMBER);
    addMembers(c, lines, true);
    for (Class<?> hidden : hiddenSupertypes(c)) {
      addMembers(hidden, lines, false);
    }
    return new ArrayList<>(lines);
  }

  /**
   * Superclasses and superinterfaces of ours that users cannot name (the generated {@code
   * ImmutableX.Builder} and {@code WithX} of the Immutables sandwich): their public members are
   * part of the public subtype's API.
   */
  static List<Class<?>> hiddenSupertypes(Class<?> c) {
    List<Class<?>> hidden = new ArrayList<>();
    java.util.Deque<Class<?>> todo = new java.util.ArrayDeque<>();
    java.util.Set<Class<?>> seen = new java.util.HashSet<>();
    todo.add(c);
    while (!todo.isEmpty()) {
      Class<?> k = todo.poll();
      List<Class<?>> supers = new ArrayList<>(Arrays.asList(k.getInterfaces()));
      if (k.getSuperclass() != null) {
        supers.add(k.getSuperclass());
      }
      for (Class<?> s : supers) {
        if (seen.add(s)) {
          todo.add(s);
          if (!isAccessible(s) && s.getName().startsWith("io.emrlaunch.")) {
            hidden.add(s);
          }
        }
      }
    }
    return hidden;
  }

  private static void addMembers(Class<?> c, TreeSet<String> lines, boolean constructors) {
    for (Field f : c.getDeclaredFields()) {
      if (visible(f)) {
        lines.add(
            modifiers(f, f.getModifiers()) + f.getGenericType().getTypeName() + " " + f.getName());
      }
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (constructors && visible(k) && !c.isEnum()) {
        lines.add(
            modifiers(k, k.getModifiers())
                + typeParameters(k.getTypeParameters())
                + "<init>"
                + parameters(k));
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      if (visible(m) && !m.isBridge()) {
        String mods = modifiers(m, m.getModifiers() & ~(c.isInterface() ? Modifier.ABSTRACT : 0));
        String tps = typeParameters(m.getTypeParameters());
        lines.add(
            mods
                + (m.isDefault() ? "default " : "")
                + (tps.isEmpty() ? "" : tps + " ")
                + m.getGenericReturnType().getTypeName()
                + " "
                + m.getName()
                + parameters(m));
      }
    }
  }

  private static boolean visible(Member m) {
    int mods = m.getModifiers();
    return !m.isSynthetic() && (Modifier.isPublic(mods) || Modifier.isProtected(mods));
  }

  private static String modifiers(java.lang.reflect.AnnotatedElement e, int mods) {
    String text =
        Modifier.toString(
            mods
                & ~(Modifier.SYNCHRONIZED
                    | Modifier.NATIVE
                    | Modifier.TRANSIENT
                    | Modifier.VOLATILE
                    | Modifier.STRICT));
    String deprecated = e.isAnnotationPresent(Deprecated.class) ? "@Deprecated " : "";
    return deprecated + (text.isEmpty() ? "" : text + " ");
  }

  private static String parameters(Executable e) {
    String params =
        Arrays.stream(e.getGenericParameterTypes())
            .map(Type::getTypeName)
            .collect(Collectors.joining(", ", "(", ")"));
    if (e.isVarArgs()) {
      params = params.replaceFirst("\\[\\]\\)$", "...)");
    }
    Type[] exceptions = e.getGenericExceptionTypes();
    if (exceptions.length > 0) {
      params +=
          Arrays.stream(exceptions)
              .map(Type::getTypeName)
              .sorted()
              .collect(Collectors.joining(", ", " throws ", ""));
    }
    return params;
  }

  private static String typeParameters(TypeVariable<?>[] variables) {
    if (variables.length == 0) {
      return "";
    }
    return Arrays.stream(variables)
        .map(
            v -> {
              Type[] bounds = v.getBounds();
              if (bounds.length == 1 && bounds[0] == Object.class) {
                return v.getName();
              }
              return v.getName()
                  + " extends "
                  + Arrays.stream(bounds).map(Type::getTypeName).collect(Collectors.joining(" & "));
            })
        .collect(Collectors.joining(", ", "<", ">"));
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, ApiDump.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
