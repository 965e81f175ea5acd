package io.emrlaunch.testkit.emr;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * EMR-looking ids ({@code j-}, {@code s-}, {@code ig-}, {@code if-} + 13 base-36 upper-case chars),
 * seeded.
 */
final class EmrIds {
  private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
  private final Random random;
  private final Set<String> issued = new HashSet<>();

  EmrIds(long seed) {
    this.random = new Random(seed);
  }

  String next(String prefix) {
    while (true) {
      StringBuilder id = new StringBuilder(prefix);
      for (int i = 0; i < 13; i++) {
        id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
      }
      String result = id.toString();
      if (issued.add(result)) {
        return result;
      }
    }
  }
}
