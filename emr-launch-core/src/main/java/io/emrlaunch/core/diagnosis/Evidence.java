package io.emrlaunch.core.diagnosis;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import org.immutables.value.Value;

/** One log line that supports a {@link Diagnosis}: where it is and what it says. */
@Value.Immutable
public interface Evidence extends WithEvidence {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this value's attributes.
   *
   * @return a new builder initialised from this value
   */
  default Builder toBuilder() {
    return builder().from(this);
  }

  /** Builds {@link Evidence} values: obtained from {@link Evidence#builder()}. */
  final class Builder extends ImmutableEvidence.Builder {
    Builder() {}
  }

  /**
   * Evidence from one line.
   *
   * @param logUri the log file
   * @param lineNumber the line's number in the log (1-based)
   * @param line the line's text
   * @return the evidence
   */
  static Evidence of(String logUri, int lineNumber, String line) {
    return builder().logUri(logUri).lineNumber(lineNumber).line(line).build();
  }

  /**
   * The log file, e.g. {@code s3://logs/j-1ABC/steps/s-2DEF/stderr.gz}, or {@code
   * emr://<cluster-id>/state-change-reason} for EMR's own reason text.
   *
   * @return the URI
   */
  String logUri();

  /**
   * The line's number in the (uncompressed) log, counted from 1.
   *
   * @return the line number
   */
  int lineNumber();

  /**
   * The line's text (trimmed, at most {@value Diagnosis#MAX_LINE} characters).
   *
   * @return the text
   */
  String line();

  /** Checks the line number. */
  @Value.Check
  default void check() {
    if (lineNumber() < 1) {
      throw new ValidationException(
          List.of(Problem.of("lineNumber", "must be at least 1, was " + lineNumber())));
    }
  }

  /**
   * {@code uri:line: text}.
   *
   * @return the evidence on one line
   */
  default String render() {
    return logUri() + ":" + lineNumber() + ": " + line();
  }
}
