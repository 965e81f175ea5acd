package io.emrlaunch.core.diagnosis;

import io.emrlaunch.core.diagnosis.internal.LogExcerpt;
import io.emrlaunch.core.diagnosis.internal.LogParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the probable cause from log text you already have (no I/O). The launcher uses the same
 * rules on the logs it fetches; see {@code docs/diagnosis.md} for what is recognised.
 */
public final class DiagnosisParser {
  private DiagnosisParser() {}

  /**
   * Diagnoses one log.
   *
   * @param logUri where the text came from (named in the evidence)
   * @param text the log's text
   * @return the diagnosis, or empty when nothing recognisable is in the text
   */
  public static Optional<Diagnosis> parse(String logUri, String text) {
    return parse(Map.of(logUri, text));
  }

  /**
   * Diagnoses several logs of one failure. When two logs show causes of the same rank, the one that
   * comes first in the map's iteration order wins: give the most specific log first (the Spark
   * driver's {@code stderr} before the step's {@code stderr} before its {@code controller}).
   *
   * @param logsByUri the logs' text by URI (use an ordered map)
   * @return the diagnosis, or empty when nothing recognisable is in the logs
   */
  public static Optional<Diagnosis> parse(Map<String, String> logsByUri) {
    List<LogExcerpt> logs = new ArrayList<>();
    logsByUri.forEach((uri, text) -> logs.add(LogExcerpt.of(uri, text)));
    return LogParser.parse(logs);
  }
}
