package io.emrlaunch.stepfunctions.asl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PathSyntaxTest {

  @Test
  void referencePathsAndTheirOpposites() {
    assertThat(PathSyntax.isReferencePath("$.a.b[0]")).isTrue();
    assertThat(PathSyntax.isReferencePath("$['a:b']")).isTrue();
    assertThat(PathSyntax.isReferencePath("$.a[*]")).isFalse();
    assertThat(PathSyntax.isReferencePath("$..a")).isFalse();
    assertThat(PathSyntax.isReferencePath("$.a[?(@.x)]")).isFalse();
    assertThat(PathSyntax.isReferencePath("$.a[1:2]")).isFalse();
    assertThat(PathSyntax.isReferencePath("$.a[1,2]")).isFalse();
    assertThat(PathSyntax.isReferencePath("$.a:b")).isTrue();
  }

  /**
   * The one-pass scan answers as the rule reads: six scans of the text, the last two quote-aware.
   */
  @Test
  void theOnePassScanAgreesWithTheRuleOnRandomPaths() {
    Random random = new Random(18);
    String alphabet = "$.[]'\"\\*@?(:,a1 ";
    for (int n = 0; n < 200_000; n++) {
      StringBuilder b = new StringBuilder("$");
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String path = b.toString();
      assertThat(PathSyntax.isReferencePath(path)).as(path).isEqualTo(byTheRule(path));
    }
  }

  private static boolean byTheRule(String path) {
    return !(path.contains("*")
        || path.contains("..")
        || path.contains("?(")
        || path.contains("@")
        || bracketHas(path, ':')
        || bracketHas(path, ','));
  }

  private static boolean bracketHas(String path, char c) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < path.length(); i++) {
      char ch = path.charAt(i);
      if (quote != 0) {
        if (ch == '\\') {
          i++;
        } else if (ch == quote) {
          quote = 0;
        }
      } else if (depth > 0 && (ch == '\'' || ch == '"')) {
        quote = ch;
      } else if (ch == '[') {
        depth++;
      } else if (ch == ']') {
        depth--;
      } else if (depth > 0 && ch == c) {
        return true;
      }
    }
    return false;
  }
}
