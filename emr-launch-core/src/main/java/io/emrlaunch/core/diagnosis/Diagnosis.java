package io.emrlaunch.core.diagnosis;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The probable cause of a failed step or cluster, read from its logs: a {@link CauseCategory}, the
 * cause on one line, the {@link Evidence} lines (log file and line number) and, when one is known,
 * a suggestion.
 *
 * <pre>{@code
 * } catch (StepFailedException e) {
 *   e.diagnosis().ifPresent(d -> System.err.println(d.summary()));
 * }
 * }</pre>
 *
 * <p>A diagnosis is a best guess from the logs that could be read within the launcher's bounds; it
 * never replaces EMR's own failure details, which the exception keeps.
 */
@Value.Immutable
public interface Diagnosis extends WithDiagnosis {
  /** Longest cause or evidence line kept; longer text is cut with an ellipsis. */
  int MAX_LINE = 500;

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

  /** Builds {@link Diagnosis} values: obtained from {@link Diagnosis#builder()}. */
  final class Builder extends ImmutableDiagnosis.Builder {
    Builder() {}
  }

  /**
   * The kind of cause.
   *
   * @return the category
   */
  CauseCategory category();

  /**
   * The probable cause on one line, e.g. {@code ModuleNotFoundError: No module named 'pandas'}.
   *
   * @return the cause
   */
  String cause();

  /**
   * The log lines the cause was read from, most telling first.
   *
   * @return the evidence
   */
  List<Evidence> evidence();

  /**
   * What to try, e.g. raising {@code spark.executor.memoryOverhead}.
   *
   * @return the suggestion, when one is known
   */
  Optional<String> suggestion();

  /** Checks the cause is one non-blank line. */
  @Value.Check
  default void check() {
    if (cause().isBlank() || cause().contains("\n")) {
      throw new ValidationException(List.of(Problem.of("cause", "must be one non-blank line")));
    }
  }

  /**
   * One line for people: {@code CATEGORY: cause (first evidence) — suggestion}.
   *
   * @return the summary
   */
  default String summary() {
    StringBuilder s = new StringBuilder().append(category()).append(": ").append(cause());
    if (!evidence().isEmpty()) {
      Evidence e = evidence().get(0);
      s.append(" (").append(e.logUri()).append(':').append(e.lineNumber()).append(')');
    }
    suggestion().ifPresent(x -> s.append(" — ").append(x));
    return s.toString();
  }
}
