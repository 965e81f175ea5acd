package io.emrlaunch.stepfunctions.asl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.stepfunctions.asl.ComparisonOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every field name {@link AslReader} asks for is in {@link AslReader#NAMES}, as the very literal
 * instance: a missing one would still be found, by text, but the identity scan is what keeps
 * parsing fast.
 */
class AslReaderNamesTest {
  private static final Pattern ASKED =
      Pattern.compile(
          "(?:\\.(?:str|requiredStr|enumValue|integer|num|path|node|bool|object|list|raw|known"
              + "|get|decimal)|states\\(f,) ?\\(?\"([A-Za-z]+)\"");

  @Test
  void everyNameTheReaderAsksForIsInterned() throws Exception {
    String source =
        Files.readString(
            Path.of("src/main/java/io/emrlaunch/stepfunctions/asl/internal/AslReader.java"));
    Set<String> asked = new TreeSet<>();
    Matcher m = ASKED.matcher(source);
    while (m.find()) {
      asked.add(m.group(1));
    }
    assertThat(asked).hasSizeGreaterThan(70).contains("Type", "States", "Variable", "Not");
    for (String name : asked) {
      // intern() is the literal the reader passes
      assertThat(AslReader.NAMES.isCanonical(name.intern())).as(name).isTrue();
    }
    for (ComparisonOperator op : ComparisonOperator.values()) {
      assertThat(AslReader.NAMES.isCanonical(op.aslName())).as(op.aslName()).isTrue();
    }
    assertThat(AslReader.NAMES.isCanonical(new String("Type"))).isFalse();
  }
}
