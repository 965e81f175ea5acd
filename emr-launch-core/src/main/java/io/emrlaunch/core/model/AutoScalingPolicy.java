package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/** A custom automatic scaling policy of a core or task instance group. */
@Value.Immutable
@JsonSerialize(as = ImmutableAutoScalingPolicy.class)
@JsonDeserialize(as = ImmutableAutoScalingPolicy.class)
public interface AutoScalingPolicy extends WithAutoScalingPolicy {

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
   * Builds {@link AutoScalingPolicy} values: obtained from {@link AutoScalingPolicy#builder()} or
   * {@link #toBuilder()}.
   */
  final class Builder extends ImmutableAutoScalingPolicy.Builder {
    Builder() {}
  }

  int minCapacity();

  int maxCapacity();

  List<ScalingRule> rules();
}
