package io.emrlaunch.core.diagnosis.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The text of one log as read: its URI, the number of its first line (later than 1 when only the
 * end of a long log was kept) and the lines.
 *
 * @param uri the log's URI
 * @param firstLineNumber number of {@code lines.get(0)} in the whole log, from 1
 * @param lines the lines kept
 * @param truncated whether part of the log was not read (it was longer than the bound)
 */
public record LogExcerpt(String uri, int firstLineNumber, List<String> lines, boolean truncated) {
  /** Checks and copies. */
  public LogExcerpt {
    Objects.requireNonNull(uri, "uri");
    lines = List.copyOf(lines);
  }

  /** A whole log from its text. */
  public static LogExcerpt of(String uri, String text) {
    return new LogExcerpt(uri, 1, Arrays.asList(text.split("\\r?\\n", -1)), false);
  }

  /** The line number of {@code lines.get(index)}. */
  int numberOf(int index) {
    return firstLineNumber + index;
  }
}
