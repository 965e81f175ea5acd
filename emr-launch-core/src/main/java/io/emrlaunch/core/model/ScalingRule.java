package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One rule of a custom automatic scaling policy: when a CloudWatch metric crosses a threshold,
 * change the group's capacity.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableScalingRule.class)
@JsonDeserialize(as = ImmutableScalingRule.class)
public interface ScalingRule extends WithScalingRule {

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
   * Builds {@link ScalingRule} values: obtained from {@link ScalingRule#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableScalingRule.Builder {
    Builder() {}
  }

  /** How a scaling adjustment is interpreted. */
  enum AdjustmentType {
    /** Add or remove this many instances. */
    CHANGE_IN_CAPACITY,
    /** Change capacity by this percentage. */
    PERCENT_CHANGE_IN_CAPACITY,
    /** Set capacity to this many instances. */
    EXACT_CAPACITY
  }

  /** How the metric is compared with the threshold. */
  enum ComparisonOperator {
    /** Metric &gt;= threshold. */
    GREATER_THAN_OR_EQUAL,
    /** Metric &gt; threshold. */
    GREATER_THAN,
    /** Metric &lt; threshold. */
    LESS_THAN,
    /** Metric &lt;= threshold. */
    LESS_THAN_OR_EQUAL
  }

  /** The CloudWatch statistic evaluated. */
  enum Statistic {
    /** Sample count. */
    SAMPLE_COUNT,
    /** Average. */
    AVERAGE,
    /** Sum. */
    SUM,
    /** Minimum. */
    MINIMUM,
    /** Maximum. */
    MAXIMUM
  }

  String name();

  Optional<String> description();

  /** Market of the instances added (instance groups with a mixed market only). */
  Optional<Market> market();

  @Value.Default
  default AdjustmentType adjustmentType() {
    return AdjustmentType.CHANGE_IN_CAPACITY;
  }

  /** Positive to scale out, negative to scale in. */
  int scalingAdjustment();

  /** Seconds after an activity before the next one may start. */
  @Value.Default
  default int coolDownSeconds() {
    return 300;
  }

  String metricName();

  @Value.Default
  default String metricNamespace() {
    return "AWS/ElasticMapReduce";
  }

  ComparisonOperator comparisonOperator();

  double threshold();

  /** CloudWatch unit, e.g. {@code PERCENT} or {@code COUNT}. */
  Optional<String> unit();

  @Value.Default
  default Statistic statistic() {
    return Statistic.AVERAGE;
  }

  /** Evaluation period in seconds. */
  @Value.Default
  default int periodSeconds() {
    return 300;
  }

  @Value.Default
  default int evaluationPeriods() {
    return 1;
  }

  /** Metric dimensions; EMR replaces {@code ${emr.clusterId}} with the cluster id. */
  Map<String, String> dimensions();
}
