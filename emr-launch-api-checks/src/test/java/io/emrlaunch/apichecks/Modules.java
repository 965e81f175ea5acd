package io.emrlaunch.apichecks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The published modules, their root packages and where their compiled classes are. */
public final class Modules {
  /** Published module artifact id to its root package, in dependency order. */
  public static final Map<String, String> ROOT_PACKAGES = new LinkedHashMap<>();

  static {
    ROOT_PACKAGES.put("emr-launch-testkit", "io.emrlaunch.testkit");
    ROOT_PACKAGES.put("emr-launch-core", "io.emrlaunch.core");
    ROOT_PACKAGES.put("emr-launch-ssm", "io.emrlaunch.ssm");
    ROOT_PACKAGES.put("emr-launch-stepfunctions", "io.emrlaunch.stepfunctions");
    ROOT_PACKAGES.put("emr-launch-provisioning", "io.emrlaunch.provisioning");
    ROOT_PACKAGES.put("emr-launch-cli", "io.emrlaunch.cli");
  }

  private Modules() {}

  /** The repository root (set by the POM; the working directory's parent otherwise). */
  public static Path root() {
    String configured = System.getProperty("emrlaunch.root");
    Path root =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of("").toAbsolutePath().getParent();
    if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("docs"))) {
      throw new IllegalStateException("not the repository root: " + root);
    }
    return root;
  }

  /** The module a class of the given fully qualified name belongs to, if it is one of ours. */
  public static Optional<String> moduleOf(String className) {
    for (Map.Entry<String, String> e : ROOT_PACKAGES.entrySet()) {
      if (className.startsWith(e.getValue() + ".")) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  /** True for a package (or class name) inside an {@code internal} package. */
  public static boolean isInternal(String packageOrClassName) {
    return packageOrClassName.contains(".internal.") || packageOrClassName.endsWith(".internal");
  }

  private static final Map<Path, Path> OPENED_JARS = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Where each published module's main classes are on the test class path: its {@code
   * target/classes} folder (a reactor build up to {@code test}) or its {@code target/*.jar} (a
   * reactor build up to {@code verify}).
   */
  public static Map<String, Path> classLocations() {
    Map<String, Path> found = new LinkedHashMap<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry).toAbsolutePath();
      Path target = p.getParent();
      if (target == null || !target.getFileName().toString().equals("target")) {
        continue;
      }
      String module = target.getParent().getFileName().toString();
      boolean classes = p.getFileName().toString().equals("classes") && Files.isDirectory(p);
      boolean jar =
          p.getFileName().toString().startsWith(module + "-")
              && p.toString().endsWith(".jar")
              && Files.isRegularFile(p);
      if (ROOT_PACKAGES.containsKey(module) && (classes || jar)) {
        found.put(module, p);
      }
    }
    return found;
  }

  /**
   * The root folder of each published module's main classes: the {@code target/classes} folder, or
   * the root of its jar opened as a file system.
   */
  public static Map<String, Path> classDirectories() {
    Map<String, Path> dirs = new LinkedHashMap<>();
    classLocations()
        .forEach(
            (module, location) -> {
              if (Files.isDirectory(location)) {
                dirs.put(module, location);
              } else {
                dirs.put(module, OPENED_JARS.computeIfAbsent(location, Modules::openJar));
              }
            });
    return dirs;
  }

  private static Path openJar(Path jar) {
    try {
      return java.nio.file.FileSystems.newFileSystem(jar).getPath("/");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Published modules that exist in the repository (a folder with a pom.xml) but whose classes are
   * not on this module's test class path.
   */
  public static List<String> missingFromClasspath() {
    List<String> missing = new ArrayList<>();
    Map<String, Path> dirs = classDirectories();
    for (String module : ROOT_PACKAGES.keySet()) {
      if (Files.isRegularFile(root().resolve(module).resolve("pom.xml"))
          && !dirs.containsKey(module)) {
        missing.add(module);
      }
    }
    return missing;
  }
}
