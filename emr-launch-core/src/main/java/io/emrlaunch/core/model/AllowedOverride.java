package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One named, allow-listed runtime override: callers set {@code CoreInstanceCount = 10}, never a raw
 * field path. The override writes its value to {@link #path()} in the cluster configuration after
 * checking the type, the bounds (a bound of {@code 0} counts) and the allowed values.
 *
 * <pre>{@code
 * AllowedOverride.builder()
 *     .name("CoreInstanceCount")
 *     .path("instances.coreGroup.instanceCount")
 *     .type(OverrideType.INTEGER)
 *     .minimum(0.0)
 *     .maximum(50.0)
 *     .build();
 * }</pre>
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAllowedOverride.class)
@JsonDeserialize(as = ImmutableAllowedOverride.class)
public interface AllowedOverride extends WithAllowedOverride {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this value's attributes, to change several of them at once.
   *
   * @return a new builder initialised from this value
   */
  default Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * Builds {@link AllowedOverride} values: obtained from {@link AllowedOverride#builder()} or
   * {@link #toBuilder()}.
   */
  final class Builder extends ImmutableAllowedOverride.Builder {
    Builder() {}
  }

  /**
   * The public name callers use, e.g. {@code CoreInstanceCount}.
   *
   * @return the name
   */
  String name();

  /**
   * The dotted field path in the cluster configuration's JSON form that the value is written to,
   * e.g. {@code instances.coreGroup.instanceCount} or {@code releaseLabel}. List elements are
   * addressed with a numeric segment ({@code bootstrapActions.0.path}).
   *
   * @return the target path
   */
  String path();

  /**
   * The accepted value type.
   *
   * @return the type; {@link OverrideType#STRING} unless set
   */
  @Value.Default
  default OverrideType type() {
    return OverrideType.STRING;
  }

  /**
   * Inclusive lower bound for numeric overrides.
   *
   * @return the bound, if any
   */
  Optional<Double> minimum();

  /**
   * Inclusive upper bound for numeric overrides.
   *
   * @return the bound, if any
   */
  Optional<Double> maximum();

  /**
   * The only values accepted (compared as text), when not empty.
   *
   * @return the allowed values
   */
  List<String> allowedValues();

  /**
   * What the override is for, for people reading the allow-list.
   *
   * @return the description, if any
   */
  Optional<String> description();
}
