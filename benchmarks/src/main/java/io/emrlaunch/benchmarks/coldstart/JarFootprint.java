package io.emrlaunch.benchmarks.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jar sizes and transitive runtime dependencies of each published module as a consumer sees them
 * (optional dependencies left out), beside the bare SDK {@code emr} module they build on. Reads the
 * verbose dependency tree Maven writes for each module ({@code dependency:tree -Dverbose}, which
 * keeps every edge, so shared dependencies are attributed correctly) and the jars in the local
 * repository.
 *
 * <p>Run (from the repository root, after {@code mvn package}): {@code mvn -B -q dependency:tree
 * -Dverbose -Dscope=runtime -DoutputFile=target/deps-tree.txt -pl
 * emr-launch-core,emr-launch-ssm,emr-launch-stepfunctions,emr-launch-provisioning && java -cp
 * benchmarks/target/benchmarks.jar io.emrlaunch.benchmarks.coldstart.JarFootprint}
 */
public final class JarFootprint {
  private static final List<String> MODULES =
      List.of(
          "emr-launch-core",
          "emr-launch-ssm",
          "emr-launch-stepfunctions",
          "emr-launch-provisioning");

  /** {@code +- group:artifact:type:version:scope} or the same in parentheses when omitted. */
  private static final Pattern NODE =
      Pattern.compile(
          "^((?:[| ]  )*)(?:[+\\\\]- )?\\(?([^:\\s()]+):([^:\\s]+):([^:\\s]+):([^:\\s]+)(?::([a-z]+))?");

  private static final Set<String> RUNTIME = Set.of("compile", "runtime");

  private JarFootprint() {}

  /**
   * Prints one row per module.
   *
   * @param args optional repository root (default: current directory)
   */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    Path repository = Path.of(System.getProperty("user.home"), ".m2", "repository");
    System.out.printf(
        Locale.ROOT,
        "%-26s %10s %6s %10s %18s%n",
        "module",
        "jar KiB",
        "deps",
        "deps MiB",
        "of which SDK emr");
    for (String module : MODULES) {
      Path dir = root.resolve(module);
      Graph graph = Graph.read(dir.resolve("target/deps-tree.txt"));
      Set<String> optional = optionalDependencies(dir.resolve("pom.xml"));
      Set<String> closure = graph.reachable(graph.root(), optional);
      closure.remove(graph.root());
      Set<String> emr = graph.reachable("software.amazon.awssdk:emr", Set.of());
      long bytes = 0;
      long emrBytes = 0;
      for (String key : closure) {
        long size = Files.size(graph.jar(repository, key));
        bytes += size;
        if (emr.contains(key)) {
          emrBytes += size;
        }
      }
      long own =
          Files.size(dir.resolve("target/" + module + "-" + graph.version(graph.root()) + ".jar"));
      long emrCount = closure.stream().filter(emr::contains).count();
      System.out.printf(
          Locale.ROOT,
          "%-26s %10d %6d %10.1f %9d / %5.1f MiB%n",
          module,
          own / 1024,
          closure.size(),
          bytes / 1048576.0,
          emrCount,
          emrBytes / 1048576.0);
      if (!optional.isEmpty()) {
        System.out.println("  optional, not counted: " + optional);
      }
    }
  }

  private static Set<String> optionalDependencies(Path pom) throws IOException {
    Set<String> optional = new LinkedHashSet<>();
    Matcher m =
        Pattern.compile(
                "<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>"
                    + "[^/]*?<optional>true</optional>",
                Pattern.DOTALL)
            .matcher(Files.readString(pom));
    while (m.find()) {
      optional.add(m.group(1) + ":" + m.group(2));
    }
    return optional;
  }

  /** The dependency graph of one module: every edge of the verbose tree, versions as resolved. */
  private record Graph(String root, Map<String, Set<String>> edges, Map<String, String[]> coords) {
    static Graph read(Path tree) throws IOException {
      Map<String, Set<String>> edges = new HashMap<>();
      Map<String, String[]> coords = new HashMap<>();
      Deque<String> path = new ArrayDeque<>();
      String root = null;
      for (String line : Files.readAllLines(tree)) {
        Matcher m = NODE.matcher(line);
        if (!m.find()) {
          continue;
        }
        int depth = root == null ? 0 : m.group(1).length() / 3 + 1;
        String key = m.group(2) + ":" + m.group(3);
        boolean omitted = line.contains("(" + m.group(2) + ":");
        if (root == null) {
          root = key;
          coords.put(key, new String[] {m.group(2), m.group(3), m.group(5)});
          path.push(key);
          continue;
        }
        while (path.size() > depth) {
          path.pop();
        }
        if (m.group(6) != null && !RUNTIME.contains(m.group(6))) {
          path.push(key + " (" + m.group(6) + ")"); // a subtree a consumer never gets
          continue;
        }
        edges.computeIfAbsent(path.peek(), k -> new LinkedHashSet<>()).add(key);
        if (!omitted) {
          coords.put(key, new String[] {m.group(2), m.group(3), m.group(5)});
        }
        path.push(key);
      }
      return new Graph(root, edges, coords);
    }

    Set<String> reachable(String from, Set<String> skip) {
      Set<String> seen = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>(List.of(from));
      while (!todo.isEmpty()) {
        String key = todo.pop();
        if (!seen.add(key)) {
          continue;
        }
        for (String next : edges.getOrDefault(key, Set.of())) {
          if (!(key.equals(root) && skip.contains(next))) {
            todo.push(next);
          }
        }
      }
      return seen;
    }

    String version(String key) {
      return coords.get(key)[2];
    }

    Path jar(Path repository, String key) {
      String[] c = coords.get(key);
      return repository
          .resolve(c[0].replace('.', '/'))
          .resolve(c[1])
          .resolve(c[2])
          .resolve(c[1] + "-" + c[2] + ".jar");
    }

    @Override
    public String toString() {
      return new ArrayList<>(coords.keySet()).toString();
    }
  }
}
