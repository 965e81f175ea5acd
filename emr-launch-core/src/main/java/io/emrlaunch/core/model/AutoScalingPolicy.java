package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/** A custom automatic scaling policy of a core or task instance group. */
@Value.Immutable
@JsonSerialize(as = ImmutableAutoScalingPolicy.class)
@JsonDeserialize(as = ImmutableAutoScalingPolicy.class)
public interface AutoScalingPolicy {

  static ImmutableAutoScalingPolicy.Builder builder() {
    return ImmutableAutoScalingPolicy.builder();
  }

  int minCapacity();

  int maxCapacity();

  List<ScalingRule> rules();
}
