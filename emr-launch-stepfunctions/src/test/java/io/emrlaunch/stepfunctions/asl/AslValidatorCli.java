package io.emrlaunch.stepfunctions.asl;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Test helper: runs the pinned npm {@code asl-validator} (tools/asl-validator, installed by {@code
 * npm ci --prefix tools/asl-validator}) with one {@code --json-path} per file (a repeated {@code
 * --json-definition} keeps only the last result) and reports a result per file.
 *
 * <p>When node or the validator is missing the calling test is <em>skipped</em> with the reason,
 * unless the system property {@code emrlaunch.requireAslValidator=true} (set by {@code .ci/run}
 * through the {@code ci} Maven profile), in which case it fails.
 */
public final class AslValidatorCli {
  /** System property that turns a missing validator from a skip into a failure. */
  public static final String REQUIRE_PROPERTY = "emrlaunch.requireAslValidator";

  private static final String VALID_PREFIX = "✓ State machine definition \"";
  private static final String INVALID_PREFIX = "✕ State machine definition \"";

  private final Path executable;

  private AslValidatorCli(Path executable) {
    this.executable = executable;
  }

  /** One file's verdict. */
  public record FileResult(Path file, boolean valid, List<String> errors) {
    @Override
    public String toString() {
      return file.getFileName() + (valid ? ": valid" : ": INVALID " + errors);
    }
  }

  /** The verdicts of one run. */
  public record Result(int exitCode, Map<Path, FileResult> files, String stdout, String stderr) {
    /** Files the validator rejected. */
    public List<FileResult> invalid() {
      return files.values().stream().filter(f -> !f.valid()).toList();
    }

    /** True when every file was accepted and the process exited 0. */
    public boolean allValid() {
      return exitCode == 0 && invalid().isEmpty();
    }
  }

  /**
   * The validator, or a skipped test (failed test when {@value #REQUIRE_PROPERTY} is true).
   *
   * @return the runner
   */
  public static AslValidatorCli require() {
    Optional<String> missing = whyUnavailable();
    if (missing.isPresent()) {
      String reason = "asl-validator unavailable: " + missing.get();
      if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
        fail(reason + " (" + REQUIRE_PROPERTY + "=true)");
      }
      Assumptions.abort(
          reason + "; run `npm ci --prefix tools/asl-validator --no-audit --no-fund` to enable");
    }
    return new AslValidatorCli(executableIn(projectRoot()));
  }

  /**
   * Why the validator cannot run here.
   *
   * @return empty when it can run
   */
  public static Optional<String> whyUnavailable() {
    Path root = projectRoot();
    if (root == null) {
      return Optional.of("tools/asl-validator not found above " + System.getProperty("user.dir"));
    }
    Path exe = executableIn(root);
    if (!Files.isRegularFile(exe) && !Files.isSymbolicLink(exe)) {
      return Optional.of(exe + " is not installed");
    }
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.of("`node --version` failed");
      }
    } catch (IOException e) {
      return Optional.of("node is not on the PATH (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
    return Optional.empty();
  }

  /**
   * The repository root: the nearest ancestor of the working directory holding tools/asl-validator.
   */
  static Path projectRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("tools/asl-validator/package.json"))) {
        return d;
      }
    }
    return null;
  }

  private static Path executableIn(Path root) {
    return root.resolve("tools/asl-validator/node_modules/.bin/asl-validator");
  }

  /**
   * Validates every {@code *.json} file under a directory (sorted by path).
   *
   * @param dir the directory
   * @return the verdicts
   */
  public Result validateDirectory(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files =
          s.filter(f -> f.toString().endsWith(".json") && Files.isRegularFile(f)).sorted().toList();
    }
    return validateFiles(files);
  }

  /**
   * Validates definitions given as JSON text, written to a temporary directory first.
   *
   * @param definitions file name (without .json) to definition text
   * @return the verdicts, keyed by the written files
   */
  public Result validateDefinitions(Map<String, String> definitions) throws IOException {
    Path dir = Files.createTempDirectory("asl-validator-");
    try {
      List<Path> files = new ArrayList<>();
      for (Map.Entry<String, String> e : definitions.entrySet()) {
        Path f = dir.resolve(e.getKey().replaceAll("[^A-Za-z0-9_.-]", "_") + ".json");
        Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
        files.add(f);
      }
      return validateFiles(files);
    } finally {
      try (Stream<Path> s = Files.list(dir)) {
        for (Path f : s.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /**
   * Validates files, one {@code --json-path} each, in one process.
   *
   * @param files at least one file (the validator itself exits 0 on no input)
   * @return the verdicts
   */
  public Result validateFiles(List<Path> files) throws IOException {
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "no ASL files to validate (asl-validator exits 0 on none)");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(executable.toString());
    List<Path> absolute = files.stream().map(f -> f.toAbsolutePath().normalize()).toList();
    for (Path f : absolute) {
      cmd.add("--json-path");
      cmd.add(f.toString());
    }
    Path out = Files.createTempFile("asl-validator", ".out");
    Path err = Files.createTempFile("asl-validator", ".err");
    try {
      Process p =
          new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("asl-validator timed out");
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      Map<Path, FileResult> results = parse(absolute, stdout, stderr);
      return new Result(p.exitValue(), results, stdout, stderr);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static Map<Path, FileResult> parse(List<Path> files, String stdout, String stderr)
      throws IOException {
    Map<String, Path> byName = new LinkedHashMap<>();
    files.forEach(f -> byName.put(f.toString(), f));
    Map<Path, FileResult> results = new LinkedHashMap<>();
    String current = null;
    List<String> errors = new ArrayList<>();
    String both = stdout + "\n" + stderr;
    for (String line : both.split("\n")) {
      if (line.startsWith(VALID_PREFIX) || line.startsWith(INVALID_PREFIX)) {
        if (current != null) {
          put(results, byName, current, false, errors);
        }
        String name = line.substring(VALID_PREFIX.length(), line.lastIndexOf('"'));
        if (line.startsWith(VALID_PREFIX)) {
          put(results, byName, name, true, List.of());
          current = null;
        } else {
          current = name;
          errors = new ArrayList<>();
        }
      } else if (current != null && !line.isBlank()) {
        errors.add(line.strip());
      }
    }
    if (current != null) {
      put(results, byName, current, false, errors);
    }
    List<Path> unreported =
        files.stream().filter(f -> !results.containsKey(f)).collect(Collectors.toList());
    if (!unreported.isEmpty()) {
      throw new IOException(
          "asl-validator reported nothing for "
              + unreported
              + "; stdout="
              + stdout
              + " stderr="
              + stderr);
    }
    return results;
  }

  private static void put(
      Map<Path, FileResult> results,
      Map<String, Path> byName,
      String name,
      boolean valid,
      List<String> errors) {
    Path f = byName.getOrDefault(name, Path.of(name));
    results.put(f, new FileResult(f, valid, List.copyOf(errors)));
  }
}
