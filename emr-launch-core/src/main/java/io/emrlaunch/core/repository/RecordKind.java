package io.emrlaunch.core.repository;

import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.validation.Problem;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One kind of stored record: its value type, how a value names itself and how it is validated.
 * There are exactly three kinds, {@link #PROFILE}, {@link #CONFIGURATION} and {@link
 * #LAUNCH_FUNCTION}.
 *
 * @param <T> the value type
 */
public final class RecordKind<T> {
  /** Security halves ({@link EmrProfile}). */
  public static final RecordKind<EmrProfile> PROFILE =
      new RecordKind<>(
          "profile", EmrProfile.class, EmrProfile::ref, EmrProfile::validationProblems);

  /** Resource halves ({@link ClusterConfiguration}). */
  public static final RecordKind<ClusterConfiguration> CONFIGURATION =
      new RecordKind<>(
          "cluster configuration",
          ClusterConfiguration.class,
          ClusterConfiguration::ref,
          ClusterConfiguration::validationProblems);

  /** Launch functions ({@link LaunchFunction}). */
  public static final RecordKind<LaunchFunction> LAUNCH_FUNCTION =
      new RecordKind<>(
          "launch function",
          LaunchFunction.class,
          LaunchFunction::ref,
          LaunchFunction::validationProblems);

  private final String displayName;
  private final Class<T> type;
  private final Function<T, RecordRef> refOf;
  private final Function<T, List<Problem>> problemsOf;

  private RecordKind(
      String displayName,
      Class<T> type,
      Function<T, RecordRef> refOf,
      Function<T, List<Problem>> problemsOf) {
    this.displayName = displayName;
    this.type = type;
    this.refOf = refOf;
    this.problemsOf = problemsOf;
  }

  /**
   * All kinds, in a stable order.
   *
   * @return profile, configuration, launch function
   */
  public static List<RecordKind<?>> values() {
    return List.of(PROFILE, CONFIGURATION, LAUNCH_FUNCTION);
  }

  /**
   * A name for people, used in error messages.
   *
   * @return e.g. {@code cluster configuration}
   */
  public String displayName() {
    return displayName;
  }

  /**
   * The value type.
   *
   * @return e.g. {@code EmrProfile.class}
   */
  public Class<T> type() {
    return type;
  }

  /**
   * The {@code (namespace, name)} a value is stored under.
   *
   * @param value the value
   * @return its reference
   * @throws io.emrlaunch.core.validation.ValidationException when the namespace or name is not
   *     SSM-safe
   */
  public RecordRef refOf(T value) {
    return refOf.apply(Objects.requireNonNull(value, "value"));
  }

  /**
   * Every problem with a value, each with its field path.
   *
   * @param value the value
   * @return the problems; empty when valid
   */
  public List<Problem> problemsOf(T value) {
    return problemsOf.apply(Objects.requireNonNull(value, "value"));
  }

  @Override
  public String toString() {
    return displayName;
  }
}
