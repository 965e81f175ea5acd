package io.emrlaunch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs the command in-process in a working directory, capturing its streams. */
final class Cli {
  static final ObjectMapper JSON = new ObjectMapper();

  record Result(int code, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private final Path dir;
  private final List<String> always;

  Cli(Path dir, String... always) {
    this.dir = dir;
    this.always = List.of(always);
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(always);
    int code =
        EmrLaunchCli.execute(
            dir,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  /** The repository root (holds examples/ and ./emr-launch). */
  static Path projectRoot() {
    String p = System.getProperty("emrlaunch.projectRoot");
    Path start = p != null ? Path.of(p) : Path.of("").toAbsolutePath();
    for (Path d = start.toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("examples"))
          && Files.isRegularFile(d.resolve("emr-launch"))) {
        return d;
      }
    }
    throw new IllegalStateException("no examples/ above " + start);
  }

  /** A working directory with a copy of examples/. */
  static void copyExamples(Path to) throws IOException {
    Path from = projectRoot().resolve("examples");
    Files.createDirectories(to.resolve("examples"));
    try (Stream<Path> s = Files.list(from)) {
      for (Path f : s.toList()) {
        Files.copy(f, to.resolve("examples").resolve(f.getFileName()));
      }
    }
  }
}
