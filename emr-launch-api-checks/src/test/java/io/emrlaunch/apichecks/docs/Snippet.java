package io.emrlaunch.apichecks.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One {@code ```java} block of a Markdown file, with the {@code <!-- snippet: ... -->} markers on
 * the lines right above its fence. See docs/contributing-docs.md for the convention.
 */
record Snippet(
    String file,
    int fenceLine,
    List<String> lines,
    boolean run,
    boolean continues,
    String skipReason,
    List<String> given) {

  static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*snippet:\\s*(.*?)\\s*-->\\s*$");
  static final Pattern TYPE_DECLARATION =
      Pattern.compile(
          "^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|final|abstract|sealed|non-sealed)\\s+)*"
              + "(?:class|interface|enum|record|@interface)\\s+\\w+.*");

  /** The markdown line of the block's first code line. */
  int firstCodeLine() {
    return fenceLine + 1;
  }

  /** "README.md:42": where a reader finds the block. */
  String where() {
    return file + ":" + fenceLine;
  }

  /** A block that declares a top-level type is a compilation unit; otherwise statements. */
  boolean isCompilationUnit() {
    return lines.stream().anyMatch(l -> TYPE_DECLARATION.matcher(l).matches());
  }

  /** True when the block has its own import lines: then it gets no standard imports. */
  boolean hasImports() {
    return lines.stream().anyMatch(Snippet::isImport);
  }

  static boolean isImport(String line) {
    return line.startsWith("import ") || line.startsWith("package ");
  }

  /** Every java block of README.md and docs (recursively), in file and line order. */
  static List<Snippet> all(Path root) {
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Snippet> all = new ArrayList<>();
    for (Path f : files) {
      all.addAll(parse(root.relativize(f).toString().replace('\\', '/'), read(f)));
    }
    return all;
  }

  static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The java blocks of one file; a malformed marker throws naming the file and line. */
  static List<Snippet> parse(String file, List<String> text) {
    List<Snippet> found = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      String fenceLine = text.get(i).strip();
      if (fenceLine.startsWith("````")) {
        // An outer fence of four or more backticks shows Markdown literally: skip to its end.
        String fence = fenceLine.replaceAll("[^`].*$", "");
        i++;
        while (i < text.size() && !text.get(i).strip().equals(fence)) {
          i++;
        }
        continue;
      }
      if (!fenceLine.equals("```java")) {
        continue;
      }
      int fence = i + 1;
      List<String> code = new ArrayList<>();
      int j = i + 1;
      while (j < text.size() && !text.get(j).strip().startsWith("```")) {
        code.add(text.get(j));
        j++;
      }
      if (j == text.size()) {
        throw new IllegalArgumentException(file + ":" + fence + ": ```java block never closed");
      }
      boolean run = false;
      boolean continues = false;
      String skip = null;
      List<String> given = new ArrayList<>();
      for (int k = i - 1; k >= 0; k--) {
        Matcher m = MARKER.matcher(text.get(k));
        if (!m.matches()) {
          break;
        }
        String marker = m.group(1);
        String word = marker.split("\\s+", 2)[0];
        String rest = marker.substring(word.length()).strip();
        switch (word) {
          case "run" -> run = true;
          case "continue" -> continues = true;
          case "given" -> given.add(0, rest);
          case "skip" -> {
            if (rest.isEmpty()) {
              throw new IllegalArgumentException(
                  file + ":" + (k + 1) + ": <!-- snippet: skip --> needs a reason");
            }
            skip = rest;
          }
          default ->
              throw new IllegalArgumentException(
                  file
                      + ":"
                      + (k + 1)
                      + ": unknown snippet marker '"
                      + word
                      + "' (known: run, continue, given <declarations>, skip <reason>)");
        }
      }
      found.add(new Snippet(file, fence, List.copyOf(code), run, continues, skip, given));
      i = j;
    }
    return found;
  }
}
