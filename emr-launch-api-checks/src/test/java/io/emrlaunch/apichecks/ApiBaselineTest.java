package io.emrlaunch.apichecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API of every published module against its checked-in dump in {@code api/<module>.api}
 * (see {@link ApiDump} for the format). A change to the surface fails here with a diff; when the
 * change is deliberate, regenerate the dumps and commit them with the change:
 *
 * <pre>
 * mvn -B -o -pl emr-launch-api-checks -am test -Dtest=ApiBaselineTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Demrlaunch.api.update=true
 * </pre>
 */
class ApiBaselineTest {
  static final String REGENERATE =
      "mvn -B -o -pl emr-launch-api-checks -am test -Dtest=ApiBaselineTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Demrlaunch.api.update=true";

  @Test
  void publicApiMatchesTheCheckedInDumps() throws IOException {
    assertThat(Modules.missingFromClasspath())
        .as("published modules that emr-launch-api-checks does not depend on")
        .isEmpty();
    Path apiDir = Modules.root().resolve("api");
    boolean update = Boolean.getBoolean("emrlaunch.api.update");
    List<String> problems = new ArrayList<>();
    Set<String> expectedFiles = new TreeSet<>();
    for (Map.Entry<String, Path> module : Modules.classDirectories().entrySet()) {
      String fileName = module.getKey() + ".api";
      expectedFiles.add(fileName);
      Path file = apiDir.resolve(fileName);
      Map<String, List<String>> current = ApiDump.of(module.getValue());
      String rendered = ApiDump.render(current);
      if (update) {
        Files.createDirectories(apiDir);
        Files.writeString(file, rendered);
        continue;
      }
      if (!Files.exists(file)) {
        problems.add("api/" + fileName + " is missing (" + current.size() + " public types)");
        continue;
      }
      String checkedIn = Files.readString(file);
      if (!checkedIn.equals(rendered)) {
        String diff = diff(ApiDump.parse(checkedIn), current);
        problems.add(
            "the public API of "
                + module.getKey()
                + " differs from api/"
                + fileName
                + (diff.isEmpty() ? " (formatting only)\n" : ":\n" + diff));
      }
    }
    if (!update && Files.isDirectory(apiDir)) {
      try (Stream<Path> files = Files.list(apiDir)) {
        files
            .map(f -> f.getFileName().toString())
            .filter(f -> f.endsWith(".api") && !expectedFiles.contains(f))
            .forEach(f -> problems.add("api/" + f + " belongs to no published module"));
      }
    }
    if (!problems.isEmpty()) {
      fail(
          String.join("\n", problems)
              + "\nIf the change is deliberate, regenerate the dumps and commit them:\n  "
              + REGENERATE);
    }
  }

  @Test
  void theDumpListsTheApiAndSkipsInternalsAndGeneratedTypes() {
    Map<String, List<String>> core = ApiDump.of(Modules.classDirectories().get("emr-launch-core"));
    assertThat(core.keySet())
        .anyMatch(h -> h.startsWith("public interface io.emrlaunch.core.model.EmrProfile"))
        .anyMatch(
            h ->
                h.startsWith(
                    "public static final class io.emrlaunch.core.model.EmrProfile$Builder"))
        .noneMatch(h -> h.contains(".internal."))
        .noneMatch(h -> h.contains(".Immutable"));
    List<String> builder =
        core.entrySet().stream()
            .filter(e -> e.getKey().contains("io.emrlaunch.core.model.EmrProfile$Builder"))
            .findFirst()
            .orElseThrow()
            .getValue();
    // Inherited from the hidden generated builder, listed as the public builder's own API.
    assertThat(builder)
        .contains("public io.emrlaunch.core.model.EmrProfile build()")
        .doesNotContain("public <init>()");
    assertThat(ApiDump.parse(ApiDump.render(core))).isEqualTo(core);
  }

  /** A unified-ish diff of two dumps: per class, removed lines with '-', added with '+'. */
  static String diff(Map<String, List<String>> before, Map<String, List<String>> after) {
    StringBuilder out = new StringBuilder();
    Set<String> headers = new TreeSet<>(ApiDump.BY_CLASS);
    headers.addAll(before.keySet());
    headers.addAll(after.keySet());
    for (String header : headers) {
      List<String> was = before.get(header);
      List<String> now = after.get(header);
      if (was == null) {
        out.append("+ ").append(header).append('\n');
        now.forEach(m -> out.append("+     ").append(m).append('\n'));
      } else if (now == null) {
        out.append("- ").append(header).append('\n');
        was.forEach(m -> out.append("-     ").append(m).append('\n'));
      } else if (!was.equals(now)) {
        out.append("@@ ").append(header).append('\n');
        Set<String> removed = new LinkedHashSet<>(was);
        now.forEach(removed::remove);
        Set<String> added = new LinkedHashSet<>(now);
        was.forEach(added::remove);
        removed.forEach(m -> out.append("-     ").append(m).append('\n'));
        added.forEach(m -> out.append("+     ").append(m).append('\n'));
      }
    }
    return out.toString();
  }

  /** The number of public types in each module's dump (for reports). */
  static Map<String, Integer> publicTypeCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    Modules.classDirectories().forEach((m, dir) -> counts.put(m, ApiDump.of(dir).size()));
    return counts;
  }
}
