package io.emrlaunch.core.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Collects {@link Problem}s while walking a value, tracking the current field path. Validators call
 * {@link #at(String)} / {@link #at(String, int)} to descend and the check methods to report; at the
 * end {@link #throwIfAny()} raises one {@link ValidationException} with everything found.
 *
 * <pre>{@code
 * Problems p = Problems.root();
 * p.at("instances").at("coreGroup").min("instanceCount", count, 0);
 * p.throwIfAny();
 * }</pre>
 */
public final class Problems {
  /** Characters SSM allows in a parameter name segment, minus the path separator. */
  private static final Pattern SSM_SAFE = Pattern.compile("[a-zA-Z0-9_.\\-]+");

  private static final int NO_INDEX = Integer.MIN_VALUE;

  private final List<Problem> sink;

  // The path is built only when asked for (a problem is reported or path() is called): validators
  // descend into every field of large values, and almost all of those views report nothing.
  private final Problems parent;
  private final String field;
  private final int index; // NO_INDEX when the view is not a list element
  private final boolean indexOnly;
  private String prefix;

  private Problems(List<Problem> sink, String prefix) {
    this.sink = sink;
    this.parent = null;
    this.field = null;
    this.index = NO_INDEX;
    this.indexOnly = false;
    this.prefix = prefix;
  }

  /** A view under {@code parent}: at {@code field} (or the parent itself), then {@code [index]}. */
  private Problems(Problems parent, String field, int index, boolean indexOnly) {
    this.sink = parent.sink;
    this.parent = parent;
    this.field = field;
    this.index = index;
    this.indexOnly = indexOnly;
  }

  /**
   * Starts collecting at the root of a value.
   *
   * @return an empty collector
   */
  public static Problems root() {
    return new Problems(new ArrayList<>(), "");
  }

  /**
   * Descends into a field.
   *
   * @param field the field name
   * @return a view that reports under {@code <current>.field}, sharing this collector's findings
   */
  public Problems at(String field) {
    return new Problems(this, field, NO_INDEX, false);
  }

  /**
   * Descends into a list element.
   *
   * @param field the list field
   * @param index the element index
   * @return a view that reports under {@code <current>.field[index]}
   */
  public Problems at(String field, int index) {
    return new Problems(this, field, index, false);
  }

  /**
   * Descends into an element of the list this view points at.
   *
   * @param index the element index
   * @return a view that reports under {@code <current>[index]}
   */
  public Problems index(int index) {
    return new Problems(this, null, index, true);
  }

  /**
   * The path this view reports under.
   *
   * @return the dotted path; empty at the root
   */
  public String path() {
    String p = prefix;
    if (p == null) {
      p = indexOnly ? parent.path() : parent.join(field);
      if (index != NO_INDEX) {
        p = p + "[" + index + "]";
      }
      prefix = p;
    }
    return p;
  }

  /**
   * Reports a problem with a field under the current path.
   *
   * @param field the field, or empty for the current value itself
   * @param message what is wrong
   * @return this
   */
  public Problems add(String field, String message) {
    sink.add(Problem.of(field.isEmpty() ? path() : join(field), message));
    return this;
  }

  /**
   * Reports a problem with the current value.
   *
   * @param message what is wrong
   * @return this
   */
  public Problems add(String message) {
    return add("", message);
  }

  /**
   * Adds problems found elsewhere (their paths are taken as relative to this view).
   *
   * @param others problems with relative paths
   * @return this
   */
  public Problems addAll(Collection<Problem> others) {
    for (Problem o : others) {
      add(o.path(), o.message());
    }
    return this;
  }

  /**
   * Checks that a string is present and not blank.
   *
   * @return true when the check passed
   */
  public boolean required(String field, String value) {
    if (value == null || value.isBlank()) {
      add(field, "is required");
      return false;
    }
    return true;
  }

  /**
   * Checks that an optional value is present.
   *
   * @return true when the check passed
   */
  public boolean required(String field, Optional<?> value) {
    if (value == null || value.isEmpty()) {
      add(field, "is required");
      return false;
    }
    return true;
  }

  /**
   * Checks a lower bound (inclusive).
   *
   * @return true when the check passed
   */
  public boolean min(String field, long value, long min) {
    if (value < min) {
      add(field, "must be >= " + min + " (was " + value + ")");
      return false;
    }
    return true;
  }

  /**
   * Checks an inclusive range.
   *
   * @return true when the check passed
   */
  public boolean range(String field, long value, long min, long max) {
    if (value < min || value > max) {
      add(field, "must be between " + min + " and " + max + " (was " + value + ")");
      return false;
    }
    return true;
  }

  /**
   * Checks an inclusive range for decimals.
   *
   * @return true when the check passed
   */
  public boolean range(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      add(field, "must be between " + min + " and " + max + " (was " + value + ")");
      return false;
    }
    return true;
  }

  /**
   * Checks a regular expression (whole match).
   *
   * @param describe how to describe a valid value in the message ("an EMR release label like
   *     emr-7.5.0")
   * @return true when the check passed
   */
  public boolean matches(String field, String value, Pattern pattern, String describe) {
    if (value == null || !pattern.matcher(value).matches()) {
      add(field, "must be " + describe + " (was " + quote(field, value) + ")");
      return false;
    }
    return true;
  }

  /**
   * Checks a namespace or record name: usable as one SSM parameter path segment (letters, digits,
   * {@code _ . -}), no {@code ..}, no leading {@code aws} or {@code ssm} (both reserved by SSM), at
   * most {@code maxLength} characters.
   *
   * @return true when the check passed
   */
  public boolean ssmSafeName(String field, String value, int maxLength) {
    if (!required(field, value)) {
      return false;
    }
    String lower = value.toLowerCase(java.util.Locale.ROOT);
    String why = null;
    if (!SSM_SAFE.matcher(value).matches()) {
      why = "may only contain letters, digits, '_', '.' and '-'";
    } else if (value.contains("..")) {
      why = "must not contain '..'";
    } else if (lower.startsWith("aws") || lower.startsWith("ssm")) {
      why = "must not start with 'aws' or 'ssm' (reserved by SSM)";
    } else if (value.length() > maxLength) {
      why = "must be at most " + maxLength + " characters";
    }
    if (why != null) {
      add(field, why + " (was " + quote(field, value) + ")");
      return false;
    }
    return true;
  }

  /**
   * Whether anything was reported (anywhere in this collector, not only under this view).
   *
   * @return true if there are problems
   */
  public boolean any() {
    return !sink.isEmpty();
  }

  /**
   * Everything reported so far, sorted by path.
   *
   * @return a copy of the problems
   */
  public List<Problem> problems() {
    List<Problem> copy = new ArrayList<>(sink);
    copy.sort(null);
    return List.copyOf(copy);
  }

  /**
   * Throws one {@link ValidationException} listing every problem, if there is any.
   *
   * @throws ValidationException when problems were reported
   */
  public void throwIfAny() {
    if (any()) {
      throw new ValidationException(problems());
    }
  }

  private String join(String field) {
    String prefix = path();
    return prefix.isEmpty() ? field : field.isEmpty() ? prefix : prefix + "." + field;
  }

  /** Values under a path that names a password, secret or token are masked. */
  private String quote(String field, String v) {
    return io.emrlaunch.core.internal.Redaction.quoted(join(field), v);
  }
}
