package io.emrlaunch.apichecks.docs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources in process and reports errors at the Markdown lines they come from.
 */
final class SnippetCompiler {
  private SnippetCompiler() {}

  /** A generated source file: its lines and, for each, the Markdown line it came from (or null). */
  static final class Source {
    final String className;
    final List<String> lines = new ArrayList<>();
    final List<String> origins = new ArrayList<>();

    Source(String className) {
      this.className = className;
    }

    void add(String line, String origin) {
      lines.add(line);
      origins.add(origin);
    }

    String text() {
      return String.join("\n", lines) + "\n";
    }

    String originOf(long line) {
      int i = (int) line - 1;
      return i >= 0 && i < origins.size() ? origins.get(i) : null;
    }
  }

  private static final class InMemory extends SimpleJavaFileObject {
    final Source source;

    InMemory(Source source) {
      super(
          URI.create("string:///" + source.className.replace('.', '/') + Kind.SOURCE.extension),
          Kind.SOURCE);
      this.source = source;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return source.text();
    }
  }

  /**
   * Compiles the sources into {@code output} against {@code classpath}.
   *
   * @return the errors, each as "file.md:line: message" (empty when it compiled)
   */
  static List<String> compile(List<Source> sources, List<Path> classpath, Path output) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<InMemory> units = sources.stream().map(InMemory::new).toList();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      Files.createDirectories(output);
      List<String> options =
          List.of(
              "-d",
              output.toString(),
              "-classpath",
              String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()),
              "--release",
              "17",
              "-proc:none",
              "-Xlint:none",
              "-nowarn");
      javac.getTask(null, files, diagnostics, options, null, units).call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String where = "(generated code)";
      String line = "";
      if (d.getSource() instanceof InMemory m) {
        String origin = m.source.originOf(d.getLineNumber());
        where = origin != null ? origin : "(generated line " + d.getLineNumber() + ")";
        int i = (int) d.getLineNumber() - 1;
        line = i >= 0 && i < m.source.lines.size() ? m.source.lines.get(i).strip() : "";
      }
      errors.add(
          where + ": " + d.getMessage(Locale.ROOT) + (line.isEmpty() ? "" : "\n    " + line));
    }
    return errors;
  }
}
