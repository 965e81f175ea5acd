package io.emrlaunch.apichecks.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.emrlaunch.apichecks.docs.SnippetCompiler.Source;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Every {@code ```java} block of README.md and docs (recursively) compiles, and the blocks marked
 * {@code <!-- snippet: run -->} run against the testkit. The convention is in
 * docs/contributing-docs.md. A failure names the Markdown file and line.
 */
class DocsTest {
  static final Path ROOT = io.emrlaunch.apichecks.Modules.root();
  static final String PACKAGE = "docsnippets";

  /** Every statement block without imports of its own gets these. */
  static final List<String> STANDARD_IMPORTS = standardImports();

  @TempDir static Path output;

  @TestFactory
  Stream<DynamicTest> everyJavaBlockCompilesAndRunnableOnesRun() {
    List<Snippet> all = Snippet.all(ROOT);
    BATCH.clear();
    batchClean = null;
    assertThat(all).as("java blocks in README.md and docs/").hasSizeGreaterThanOrEqualTo(20);
    List<DynamicTest> tests = new ArrayList<>();
    Map<String, List<Snippet>> byFile = new LinkedHashMap<>();
    all.forEach(s -> byFile.computeIfAbsent(s.file(), f -> new ArrayList<>()).add(s));
    byFile.forEach(
        (file, snippets) -> {
          List<Snippet> units =
              snippets.stream()
                  .filter(s -> s.skipReason() == null && s.isCompilationUnit())
                  .toList();
          if (!units.isEmpty()) {
            BATCH.addAll(unitSources(file, units));
            tests.add(
                DynamicTest.dynamicTest(
                    file + " (classes at lines " + lines(units) + ")",
                    () -> checkCompilationUnits(file, units)));
          }
          List<List<Snippet>> groups = new ArrayList<>();
          for (Snippet s : snippets) {
            if (s.skipReason() != null || s.isCompilationUnit()) {
              continue;
            }
            if (s.continues()) {
              if (groups.isEmpty()) {
                tests.add(
                    DynamicTest.dynamicTest(
                        s.where(),
                        () -> fail(s.where() + ": 'continue' but no statement block before it")));
                continue;
              }
              groups.get(groups.size() - 1).add(s);
            } else {
              groups.add(new ArrayList<>(List.of(s)));
            }
          }
          for (List<Snippet> group : groups) {
            BATCH.add(statements(statementClass(file, group), group));
            tests.add(
                DynamicTest.dynamicTest(
                    file + ":" + lines(group), () -> checkStatements(file, group)));
          }
        });
    return tests.stream();
  }

  @Test
  void readmeQuickStartCompilesForAConsumerOfTheBom() throws IOException {
    List<String> readme = Snippet.read(ROOT.resolve("README.md"));
    int start = readme.indexOf("## Quick start");
    assertThat(start).as("README.md has a '## Quick start' section").isNotNegative();
    int end = start + 1;
    while (end < readme.size() && !readme.get(end).startsWith("## ")) {
      end++;
    }
    List<String> section = readme.subList(start, end);
    String xml = block(section, "```xml");
    assertThat(xml)
        .as("README.md quick start imports the BOM")
        .contains("<artifactId>emr-launch-bom</artifactId>")
        .contains("<type>pom</type>")
        .contains("<scope>import</scope>");
    Matcher artifact =
        Pattern.compile("<artifactId>(emr-launch-[a-z-]+)</artifactId>\\s*(<version>)?")
            .matcher(xml);
    Set<String> listed = new TreeSet<>();
    while (artifact.find()) {
      if (!artifact.group(1).equals("emr-launch-bom")) {
        assertThat(artifact.group(2))
            .as("README.md quick start: %s takes its version from the BOM", artifact.group(1))
            .isNull();
        listed.add(artifact.group(1));
      }
    }
    assertThat(BomTest.managedArtifacts()).containsAll(listed);

    Snippet quickStart =
        Snippet.parse("README.md", readme).stream()
            .filter(s -> s.fenceLine() > start)
            .findFirst()
            .orElseThrow();
    Set<String> modules = new TreeSet<>();
    for (String line : quickStart.lines()) {
      Matcher m = Pattern.compile("^import (?:static )?io\\.emrlaunch\\.(\\w+)\\.").matcher(line);
      if (m.find()) {
        modules.add("emr-launch-" + m.group(1));
      }
    }
    assertThat(listed)
        .as("the quick start lists every module its code imports")
        .containsAll(modules);

    // Only the published modules and what they bring: no test libraries, no fixtures, no standard
    // imports. This is the class path of a project that imports the BOM and declares them.
    Source source = new Source(PACKAGE + ".ConsumerQuickStart");
    source.add("package " + PACKAGE + ";", null);
    quickStart.lines().stream().filter(Snippet::isImport).forEach(l -> source.add(l, null));
    source.add("public class ConsumerQuickStart {", null);
    source.add("  public static void main(String[] args) throws Exception {", null);
    addCode(source, quickStart, false);
    source.add("  }", null);
    source.add("}", null);
    List<String> errors =
        SnippetCompiler.compile(List.of(source), consumerClasspath(), output.resolve("consumer"));
    assertThat(errors)
        .as("README.md:%d does not compile for a consumer of the BOM", quickStart.fenceLine())
        .isEmpty();
  }

  @Test
  void markersAreCheckedAndNamed() {
    List<String> text =
        List.of(
            "<!-- snippet: run -->",
            "<!-- snippet: given int x = 1; -->",
            "```java",
            "x++;",
            "```");
    Snippet s = Snippet.parse("t.md", text).get(0);
    assertThat(s.run()).isTrue();
    assertThat(s.given()).containsExactly("int x = 1;");
    assertThat(s.fenceLine()).isEqualTo(3);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Snippet.parse("t.md", List.of("<!-- snippet: runn -->", "```java", "```")))
        .hasMessageContaining("t.md:1: unknown snippet marker 'runn'");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Snippet.parse("t.md", List.of("<!-- snippet: skip -->", "```java", "```")))
        .hasMessageContaining("t.md:1: <!-- snippet: skip --> needs a reason");
  }

  @Test
  void blocksInsideAnOuterFenceAreShownNotCompiled() {
    List<String> text =
        List.of("````", "```java", "not java", "```", "````", "```java", "int x = 1;", "```");
    assertThat(Snippet.parse("t.md", text))
        .singleElement()
        .extracting(Snippet::fenceLine)
        .isEqualTo(6);
  }

  @Test
  void aBrokenBlockIsReportedAtItsMarkdownLine() {
    Snippet broken =
        Snippet.parse(
                "docs/x.md", List.of("text", "```java", "int a = 1;", "Strin b = \"\";", "```"))
            .get(0);
    Source source = statements("Broken", List.of(broken));
    List<String> errors =
        SnippetCompiler.compile(List.of(source), classpath(), output.resolve("broken"));
    assertThat(errors).singleElement().asString().startsWith("docs/x.md:4: cannot find symbol");
  }

  private static void checkStatements(String file, List<Snippet> group) throws Throwable {
    String name = statementClass(file, group);
    Source source = statements(name, group);
    Path out = batchCompiled() ? output.resolve("batch") : output.resolve(name);
    List<String> errors =
        batchCompiled() ? List.of() : SnippetCompiler.compile(List.of(source), classpath(), out);
    if (!errors.isEmpty()) {
      fail(
          "Java block at "
              + group.get(group.size() - 1).where()
              + " does not compile (conventions: docs/contributing-docs.md):\n"
              + String.join("\n", errors));
    }
    if (group.stream().anyMatch(Snippet::run)) {
      try (URLClassLoader loader = loader(out)) {
        Object instance = loader.loadClass(PACKAGE + "." + name).getConstructor().newInstance();
        withoutRealAws(
            () -> {
              try {
                instance.getClass().getMethod("snippet").invoke(instance);
              } catch (InvocationTargetException e) {
                throw new AssertionError(
                    "Java block at " + group.get(0).where() + " failed when run: " + e.getCause(),
                    e.getCause());
              }
              return null;
            });
      }
    }
  }

  private static void checkCompilationUnits(String file, List<Snippet> units) throws Throwable {
    List<Source> sources = unitSources(file, units);
    List<String> runnable = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      if (units.get(i).run()) {
        runnable.add(sources.get(i).className);
      }
    }
    Path out = batchCompiled() ? output.resolve("batch") : output.resolve("units-" + id(file));
    List<String> errors =
        batchCompiled() ? List.of() : SnippetCompiler.compile(sources, classpath(), out);
    if (!errors.isEmpty()) {
      fail(
          "Java classes in "
              + file
              + " (blocks at lines "
              + lines(units)
              + ") do not compile (conventions: docs/contributing-docs.md):\n"
              + String.join("\n", errors));
    }
    if (runnable.isEmpty()) {
      return;
    }
    try (URLClassLoader loader = loader(out)) {
      LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
      for (String c : runnable) {
        request.selectors(selectClass(loader.loadClass(c)));
      }
      LauncherDiscoveryRequest discovery = request.build();
      Launcher launcher = LauncherFactory.create();
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      withoutRealAws(
          () -> {
            launcher.execute(discovery, listener);
            return null;
          });
      TestExecutionSummary summary = listener.getSummary();
      StringBuilder failures = new StringBuilder();
      summary
          .getFailures()
          .forEach(
              f ->
                  failures
                      .append("  ")
                      .append(f.getTestIdentifier().getDisplayName())
                      .append(": ")
                      .append(f.getException())
                      .append('\n'));
      assertThat(summary.getTestsFoundCount())
          .as("%s: the blocks marked run at lines %s contain tests", file, lines(units))
          .isPositive();
      if (summary.getTotalFailureCount() > 0) {
        fail("Tests shown in " + file + " fail when run:\n" + failures);
      }
    }
  }

  /** The compilation-unit blocks of one file as sources in one package (one per block). */
  static List<Source> unitSources(String file, List<Snippet> units) {
    String pkg = PACKAGE + "." + id(file);
    List<Source> sources = new ArrayList<>();
    for (Snippet s : units) {
      Matcher declared =
          Pattern.compile("(?:class|interface|enum|record)\\s+(\\w+)")
              .matcher(String.join("\n", s.lines()));
      String type = declared.find() ? declared.group(1) : "Unit" + s.fenceLine();
      Source source = new Source(pkg + "." + type);
      boolean ownPackage = s.lines().stream().anyMatch(l -> l.startsWith("package "));
      if (!ownPackage) {
        source.add("package " + pkg + ";", null);
      }
      if (!s.hasImports()) {
        STANDARD_IMPORTS.forEach(i -> source.add(i, null));
      }
      for (int i = 0; i < s.lines().size(); i++) {
        source.add(s.lines().get(i), s.file() + ":" + (s.firstCodeLine() + i));
      }
      sources.add(source);
    }
    return sources;
  }

  /** Every source of every block, compiled in one javac run first (the fast path). */
  private static final List<Source> BATCH = new ArrayList<>();

  private static Boolean batchClean;

  /**
   * True when all blocks compiled together without an error (then every test uses that output);
   * false sends each test to compile its own block, so errors are reported per block.
   */
  private static synchronized boolean batchCompiled() {
    if (batchClean == null) {
      batchClean = SnippetCompiler.compile(BATCH, classpath(), output.resolve("batch")).isEmpty();
    }
    return batchClean;
  }

  /** A statement group wrapped in a method of a class that extends {@link DocFixtures}. */
  static Source statements(String name, List<Snippet> group) {
    Source source = new Source(PACKAGE + "." + name);
    source.add("package " + PACKAGE + ";", null);
    if (group.stream().noneMatch(Snippet::hasImports)) {
      STANDARD_IMPORTS.forEach(i -> source.add(i, null));
    }
    for (Snippet s : group) {
      for (int i = 0; i < s.lines().size(); i++) {
        if (Snippet.isImport(s.lines().get(i))) {
          source.add(s.lines().get(i), s.file() + ":" + (s.firstCodeLine() + i));
        }
      }
    }
    source.add("public class " + name + " extends " + DocFixtures.class.getName() + " {", null);
    source.add("  public void snippet() throws Throwable {", null);
    for (Snippet s : group) {
      for (String given : s.given()) {
        source.add(given, s.file() + ":" + (s.fenceLine() - 1) + " (given)");
      }
      addCode(source, s, true);
    }
    source.add("  }", null);
    source.add("}", null);
    return source;
  }

  private static void addCode(Source source, Snippet s, boolean mapLines) {
    for (int i = 0; i < s.lines().size(); i++) {
      String line = s.lines().get(i);
      source.add(Snippet.isImport(line) ? "" : line, s.file() + ":" + (s.firstCodeLine() + i));
    }
  }

  private interface Action {
    Object run() throws Throwable;
  }

  /**
   * Runs with every SDK client that a snippet might build itself pointed at a closed local port, so
   * a runnable block can never reach AWS; only the testkit's clients work.
   */
  private static void withoutRealAws(Action action) throws Throwable {
    String previous = System.getProperty("aws.endpointUrl");
    System.setProperty("aws.endpointUrl", "http://127.0.0.1:9");
    try {
      action.run();
    } finally {
      if (previous == null) {
        System.clearProperty("aws.endpointUrl");
      } else {
        System.setProperty("aws.endpointUrl", previous);
      }
    }
  }

  private static URLClassLoader loader(Path out) throws IOException {
    return new URLClassLoader(new URL[] {out.toUri().toURL()}, DocsTest.class.getClassLoader());
  }

  /** What a consumer of the BOM compiles against: the published modules and their dependencies. */
  static List<Path> consumerClasspath() throws IOException {
    String file = System.getProperty("emrlaunch.consumerClasspath");
    assertThat(file).as("system property emrlaunch.consumerClasspath (set by the POM)").isNotNull();
    return Stream.of(Files.readString(Path.of(file)).strip().split(File.pathSeparator))
        .map(Path::of)
        .toList();
  }

  /**
   * The consumer class path, the fixtures, the test libraries a consumer's tests use, and SDK
   * modules a reader adds for an example (test dependencies of this module, e.g. iam).
   */
  static List<Path> classpath() {
    Set<Path> cp;
    try {
      cp = new LinkedHashSet<>(consumerClasspath());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String e = entry.replace('\\', '/');
      if (e.contains("/org/assertj/")
          || e.contains("/software/amazon/awssdk/")
          || e.contains("/org/junit/")
          || e.contains("/org/opentest4j/")
          || e.contains("/org/apiguardian/")
          || e.endsWith("emr-launch-api-checks/target/test-classes")) {
        cp.add(Path.of(entry));
      }
    }
    return List.copyOf(cp);
  }

  /** On-demand imports of every public package of ours, the usual JDK ones, SDK clients, tests. */
  static List<String> standardImports() {
    Set<String> imports = new TreeSet<>();
    io.emrlaunch.apichecks.Modules.classDirectories()
        .values()
        .forEach(
            dir -> {
              try (Stream<Path> files = Files.walk(dir)) {
                files
                    .filter(f -> f.toString().endsWith(".class"))
                    .map(
                        f ->
                            dir.relativize(f.getParent())
                                .toString()
                                .replace(File.separatorChar, '.'))
                    .filter(p -> !io.emrlaunch.apichecks.Modules.isInternal(p))
                    .forEach(p -> imports.add("import " + p + ".*;"));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    for (String p :
        List.of(
            "java.nio.file",
            "java.time",
            "java.util",
            "software.amazon.awssdk.services.emr",
            "software.amazon.awssdk.services.emr.model",
            "software.amazon.awssdk.services.emr.waiters",
            "software.amazon.awssdk.services.ssm",
            "software.amazon.awssdk.services.sfn",
            "org.junit.jupiter.api")) {
      imports.add("import " + p + ".*;");
    }
    // Single types where an on-demand import would be ambiguous (java.util.concurrent.Flow vs
    // the ASL builder's Flow).
    for (String t :
        List.of(
            "java.util.concurrent.CompletableFuture",
            "java.util.concurrent.CompletionException",
            "java.util.concurrent.ScheduledExecutorService",
            "java.util.concurrent.TimeUnit",
            "software.amazon.awssdk.awscore.exception.AwsServiceException",
            "software.amazon.awssdk.regions.Region")) {
      imports.add("import " + t + ";");
    }
    imports.add("import static org.assertj.core.api.Assertions.*;");
    return List.copyOf(imports);
  }

  private static String block(List<String> section, String fence) {
    int open = -1;
    for (int i = 0; i < section.size(); i++) {
      if (section.get(i).strip().equals(fence)) {
        open = i;
        break;
      }
    }
    assertThat(open).as("a %s block in README.md's quick start", fence).isNotNegative();
    StringBuilder text = new StringBuilder();
    for (int i = open + 1; i < section.size() && !section.get(i).strip().startsWith("```"); i++) {
      text.append(section.get(i)).append('\n');
    }
    return text.toString();
  }

  private static String statementClass(String file, List<Snippet> group) {
    return "S_" + id(file) + "_" + group.get(0).fenceLine();
  }

  private static String lines(List<Snippet> snippets) {
    return String.join("+", snippets.stream().map(s -> String.valueOf(s.fenceLine())).toList());
  }

  private static String id(String file) {
    return file.replaceAll("[^A-Za-z0-9]", "_");
  }
}
