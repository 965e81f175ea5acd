package io.emrlaunch.core.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus under {@code src/test/resources/diagnosis/corpus}: each file holds one or more log
 * excerpts ({@code #! log: <uri>} starts one) and, in {@code #!} header lines, the expected cause
 * category, a part of the cause, the key evidence line (its number in its log and a part of its
 * text) and a part of the suggestion.
 */
class DiagnosisCorpusTest {

  record Case(
      String file,
      Map<String, String> logs,
      String category,
      String cause,
      int evidenceLine,
      String evidence,
      String suggestion) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Case> corpus() throws IOException, URISyntaxException {
    URL dir = DiagnosisCorpusTest.class.getResource("/diagnosis/corpus");
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      for (Path f : files.sorted().toList()) {
        cases.add(read(f.getFileName().toString(), Files.readString(f)));
      }
    }
    return cases.stream();
  }

  static Case read(String name, String text) {
    Map<String, String> header = new LinkedHashMap<>();
    Map<String, StringBuilder> logs = new LinkedHashMap<>();
    StringBuilder current = null;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("#! log: ")) {
        current = new StringBuilder();
        logs.put(line.substring("#! log: ".length()).strip(), current);
      } else if (line.startsWith("#! ")) {
        int colon = line.indexOf(':');
        header.put(line.substring(3, colon).strip(), line.substring(colon + 1).strip());
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    Map<String, String> texts = new LinkedHashMap<>();
    logs.forEach((uri, sb) -> texts.put(uri, sb.toString()));
    return new Case(
        name,
        texts,
        header.get("category"),
        header.get("cause"),
        Integer.parseInt(header.getOrDefault("evidence-line", "0")),
        header.get("evidence"),
        header.get("suggestion"));
  }

  @Test
  void theCorpusHasAtLeastTwentyLabelledExcerptsCoveringEveryCategory() throws Exception {
    List<Case> cases = corpus().toList();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
    assertThat(cases).allSatisfy(c -> assertThat(c.category()).isNotNull());
    assertThat(cases.stream().map(Case::category).distinct())
        .containsAll(Stream.of(CauseCategory.values()).map(Enum::name).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void theParserFindsTheLabelledCause(Case c) {
    Optional<Diagnosis> found = DiagnosisParser.parse(c.logs());
    if (c.category().equals("NONE")) {
      assertThat(found).isEmpty();
      return;
    }
    assertThat(found).as(c.file()).isPresent();
    Diagnosis d = found.get();
    assertThat(d.category().name()).as(d.summary()).isEqualTo(c.category());
    assertThat(d.cause()).as(d.summary()).contains(c.cause());
    assertThat(d.evidence())
        .as(d.summary() + " " + d.evidence())
        .anySatisfy(
            e -> {
              assertThat(e.lineNumber()).isEqualTo(c.evidenceLine());
              assertThat(e.line()).contains(c.evidence());
              assertThat(c.logs()).containsKey(e.logUri());
            });
    if (c.suggestion() != null) {
      assertThat(d.suggestion())
          .as(d.summary())
          .hasValueSatisfying(s -> assertThat(s).contains(c.suggestion()));
    }
    assertThat(d.summary()).doesNotContain("\n").startsWith(c.category() + ": ");
  }

  @Test
  void aTracebackIsReadFromItsLastFrameNotItsFirst() {
    String log =
        String.join(
            "\n",
            "Traceback (most recent call last):",
            "  File \"a.py\", line 1, in <module>",
            "  File \"b.py\", line 20, in load",
            "ZeroDivisionError: division by zero");
    Diagnosis d = DiagnosisParser.parse("s3://l/x/stderr.gz", log).orElseThrow();
    assertThat(d.cause()).isEqualTo("ZeroDivisionError: division by zero (at b.py:20 in load)");
    assertThat(d.evidence()).extracting(Evidence::lineNumber).containsExactly(4, 3);
  }

  @Test
  void aLongLineIsCutToTheLimit() {
    String log =
        "Exception in thread \"main\" java.lang.IllegalStateException: " + "x".repeat(5000);
    Diagnosis d = DiagnosisParser.parse("s3://l/x/stderr.gz", log).orElseThrow();
    assertThat(d.cause()).hasSize(Diagnosis.MAX_LINE).endsWith("…");
    assertThat(d.evidence().get(0).line()).hasSizeLessThanOrEqualTo(Diagnosis.MAX_LINE);
  }

  @Test
  void resourceIsReadable() throws IOException {
    try (InputStream in =
        getClass().getResourceAsStream("/diagnosis/corpus/01-python-module-not-found.log")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("#! category");
    }
  }
}
