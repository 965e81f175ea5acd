package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Map state: runs its {@link #itemProcessor()} for each item of an array or, in distributed mode,
 * of a source read by an {@link #itemReader()}.
 */
@Value.Immutable
public non-sealed interface MapState
    extends State, NextOrEnd, RetryAndCatch, ContainerState, WithMapState {

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
   * Builds {@link MapState} values: obtained from {@link MapState#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableMapState.Builder {
    Builder() {}
  }

  @Override
  default StateType type() {
    return StateType.MAP;
  }

  @Override
  @Value.Lazy
  default List<Transition> transitions() {
    return Transitions.of(this, this);
  }

  @Override
  default List<StateGraph> graphs() {
    return processor().<List<StateGraph>>map(List::of).orElse(List.of());
  }

  /**
   * The processor, whichever field holds it.
   *
   * @return {@link #itemProcessor()} or else {@link #iterator()}
   */
  default Optional<ItemProcessor> processor() {
    return itemProcessor().or(this::iterator);
  }

  /**
   * Whether the Map runs in distributed mode.
   *
   * @return true when the processor's mode is {@code DISTRIBUTED}
   */
  default boolean isDistributed() {
    return processor()
        .flatMap(ItemProcessor::processorConfig)
        .flatMap(ProcessorConfig::mode)
        .map(m -> m == ProcessorMode.DISTRIBUTED)
        .orElse(false);
  }

  /** The states run for each item. */
  Optional<ItemProcessor> itemProcessor();

  /** The deprecated name of the processor ({@code Iterator}); kept so definitions round-trip. */
  Optional<ItemProcessor> iterator();

  /** Where items are read from (distributed mode). */
  Optional<ItemReader> itemReader();

  /** The array of items in the input (JSONPath). */
  Optional<JsonPath> itemsPath();

  /** The items: a JSON array or JSONata expression (JSONata). */
  Optional<JsonNode> items();

  /** Shapes each item before processing. */
  Optional<JsonNode> itemSelector();

  /** The deprecated name of {@link #itemSelector()} ({@code Parameters}). */
  Optional<JsonNode> parameters();

  /** Groups items into batches (distributed mode). */
  Optional<ItemBatcher> itemBatcher();

  /** At most this many iterations at once (0 = no limit). */
  Optional<NumberOrJsonata> maxConcurrency();

  /** The concurrency limit read from the input. */
  Optional<JsonPath> maxConcurrencyPath();

  /** Fails when more than this percentage of items fail (distributed mode). */
  Optional<NumberOrJsonata> toleratedFailurePercentage();

  /** The tolerated percentage read from the input. */
  Optional<JsonPath> toleratedFailurePercentagePath();

  /** Fails when more than this many items fail (distributed mode). */
  Optional<NumberOrJsonata> toleratedFailureCount();

  /** The tolerated count read from the input. */
  Optional<JsonPath> toleratedFailureCountPath();

  /** Where results are written (distributed mode). */
  Optional<ResultWriter> resultWriter();

  /** A prefix of the child execution names (distributed mode). */
  Optional<String> label();

  /** Selects the effective input (JSONPath). */
  Optional<JsonPath> inputPath();

  /** Shapes the array of results (JSONPath). */
  Optional<JsonNode> resultSelector();

  /** Where the result goes (JSONPath). */
  Optional<JsonPath> resultPath();

  /** Selects the effective output (JSONPath). */
  Optional<JsonPath> outputPath();

  /** The state output (JSONata). */
  Optional<JsonNode> output();

  /** Variables assigned by this state. */
  Map<String, JsonNode> assign();
}
