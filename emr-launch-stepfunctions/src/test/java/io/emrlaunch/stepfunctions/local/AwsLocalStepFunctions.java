package io.emrlaunch.stepfunctions.local;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Test helper: runs definitions in the pinned npm {@code aws-local-stepfunctions} (an independent
 * TypeScript ASL engine, tools/aws-local-stepfunctions) through its {@code run-cases.cjs} runner,
 * all cases in one node process.
 *
 * <p>When node or the package is missing the calling test is <em>skipped</em> with the reason,
 * unless {@value #REQUIRE_PROPERTY} is true (the {@code ci} Maven profile, set by {@code .ci/run}),
 * in which case it fails.
 */
final class AwsLocalStepFunctions {
  /** System property that turns a missing engine from a skip into a failure. */
  static final String REQUIRE_PROPERTY = "emrlaunch.requireLocalStepFunctions";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path tool;

  private AwsLocalStepFunctions(Path tool) {
    this.tool = tool;
  }

  /** One definition with its input. */
  record Case(String id, JsonNode definition, JsonNode input) {}

  /**
   * How aws-local-stepfunctions ended one case.
   *
   * @param status SUCCEEDED, FAILED, or INVALID (the definition was refused before running)
   */
  record Outcome(String status, JsonNode output, String error, String cause) {}

  /** The engine, or a skipped test (a failed one when {@value #REQUIRE_PROPERTY} is true). */
  static AwsLocalStepFunctions require() {
    Optional<String> missing = whyUnavailable();
    if (missing.isPresent()) {
      String reason = "aws-local-stepfunctions unavailable: " + missing.get();
      if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
        fail(reason + " (" + REQUIRE_PROPERTY + "=true)");
      }
      Assumptions.abort(
          reason
              + "; run `npm ci --prefix tools/aws-local-stepfunctions --no-audit --no-fund` to"
              + " enable");
    }
    return new AwsLocalStepFunctions(toolDir(projectRoot()));
  }

  static Optional<String> whyUnavailable() {
    Path root = projectRoot();
    if (root == null) {
      return Optional.of(
          "tools/aws-local-stepfunctions not found above " + System.getProperty("user.dir"));
    }
    Path pkg = toolDir(root).resolve("node_modules/aws-local-stepfunctions/package.json");
    if (!Files.isRegularFile(pkg)) {
      return Optional.of(pkg + " is not installed");
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

  private static Path projectRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("tools/aws-local-stepfunctions/package.json"))) {
        return d;
      }
    }
    return null;
  }

  private static Path toolDir(Path root) {
    return root.resolve("tools/aws-local-stepfunctions");
  }

  /**
   * Runs every case, one after the other, in one node process.
   *
   * @return the outcome of each case by id
   */
  Map<String, Outcome> run(List<Case> cases) throws IOException {
    ArrayNode all = JSON.createArrayNode();
    for (Case c : cases) {
      ObjectNode o = all.addObject();
      o.put("id", c.id());
      o.set("definition", c.definition());
      o.set("input", c.input());
    }
    Path in = Files.createTempFile("alsf-cases", ".json");
    Path out = Files.createTempFile("alsf-out", ".jsonl");
    Path err = Files.createTempFile("alsf-err", ".txt");
    try {
      Files.writeString(in, JSON.writeValueAsString(all), StandardCharsets.UTF_8);
      Process p =
          new ProcessBuilder("node", tool.resolve("run-cases.cjs").toString())
              .directory(tool.toFile())
              .redirectInput(in.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("aws-local-stepfunctions timed out");
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            "run-cases.cjs exited " + p.exitValue() + ": " + Files.readString(err));
      }
      Map<String, Outcome> results = new LinkedHashMap<>();
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode r = JSON.readTree(line);
        results.put(
            r.get("id").asText(),
            new Outcome(
                r.get("status").asText(),
                r.get("output"),
                r.get("error").isNull() ? null : r.get("error").asText(),
                r.get("cause").isNull() ? null : r.get("cause").asText()));
      }
      if (results.size() != cases.size()) {
        throw new IOException(
            "run-cases.cjs reported "
                + results.size()
                + " of "
                + cases.size()
                + " cases; stderr: "
                + Files.readString(err));
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
