package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Builds a {@link MapState}; created by {@link Flow#map(String)}. Inline by default; {@link
 * #distributed(ExecutionType)} switches to a distributed Map whose items may come from an {@link
 * ItemReader}.
 */
public final class MapBuilder extends GuardedBuilder<MapBuilder> {
  private Step processor;
  private Optional<ProcessorConfig> processorConfig = Optional.empty();
  private Optional<ItemReader> itemReader = Optional.empty();
  private Optional<JsonPath> itemsPath = Optional.empty();
  private Optional<JsonNode> items = Optional.empty();
  private Optional<JsonNode> itemSelector = Optional.empty();
  private Optional<ItemBatcher> itemBatcher = Optional.empty();
  private Optional<NumberOrJsonata> maxConcurrency = Optional.empty();
  private Optional<JsonPath> maxConcurrencyPath = Optional.empty();
  private Optional<NumberOrJsonata> toleratedFailurePercentage = Optional.empty();
  private Optional<JsonPath> toleratedFailurePercentagePath = Optional.empty();
  private Optional<NumberOrJsonata> toleratedFailureCount = Optional.empty();
  private Optional<JsonPath> toleratedFailureCountPath = Optional.empty();
  private Optional<ResultWriter> resultWriter = Optional.empty();
  private Optional<String> label = Optional.empty();

  MapBuilder(String name) {
    super(name);
  }

  /**
   * The states run for each item.
   *
   * @param processor a state or chain; its states form their own graph
   * @return this builder
   */
  public MapBuilder itemProcessor(Step processor) {
    this.processor = processor;
    return this;
  }

  /**
   * Runs iterations as child executions (a distributed Map).
   *
   * @param executionType STANDARD or EXPRESS child workflows
   * @return this builder
   */
  public MapBuilder distributed(ExecutionType executionType) {
    this.processorConfig =
        Optional.of(
            ProcessorConfig.builder()
                .mode(ProcessorMode.DISTRIBUTED)
                .executionType(executionType)
                .build());
    return this;
  }

  /**
   * Writes the INLINE mode explicitly ({@code ProcessorConfig.Mode}).
   *
   * @return this builder
   */
  public MapBuilder inline() {
    this.processorConfig =
        Optional.of(ProcessorConfig.builder().mode(ProcessorMode.INLINE).build());
    return this;
  }

  /**
   * Reads the items from a source such as S3 (distributed mode).
   *
   * @param reader the reader
   * @return this builder
   */
  public MapBuilder itemReader(ItemReader reader) {
    this.itemReader = Optional.of(reader);
    return this;
  }

  /**
   * The array of items in the input (JSONPath).
   *
   * @param path a reference path
   * @return this builder
   */
  public MapBuilder itemsPath(String path) {
    this.itemsPath = Optional.of(JsonPath.of(path));
    return this;
  }

  /**
   * The items (JSONata): a JSON array or JSONata expression.
   *
   * @param items the items
   * @return this builder
   */
  public MapBuilder items(Object items) {
    this.items = Optional.of(json(items));
    return this;
  }

  /**
   * Shapes each item before processing.
   *
   * @param selector a {@link Payload}, JSON node or value
   * @return this builder
   */
  public MapBuilder itemSelector(Object selector) {
    this.itemSelector = Optional.of(json(selector));
    return this;
  }

  /**
   * Groups items into batches (distributed mode).
   *
   * @param batcher the batcher
   * @return this builder
   */
  public MapBuilder itemBatcher(ItemBatcher batcher) {
    this.itemBatcher = Optional.of(batcher);
    return this;
  }

  /**
   * At most this many iterations at once (0 = no limit).
   *
   * @param max the limit
   * @return this builder
   */
  public MapBuilder maxConcurrency(long max) {
    this.maxConcurrency = Optional.of(NumberOrJsonata.of(max));
    return this;
  }

  /**
   * Reads the concurrency limit from the input (JSONPath).
   *
   * @param path a reference path
   * @return this builder
   */
  public MapBuilder maxConcurrencyPath(String path) {
    this.maxConcurrencyPath = Optional.of(JsonPath.of(path));
    return this;
  }

  /**
   * Fails when more than this percentage of items fail (distributed mode).
   *
   * @param percentage 0 to 100
   * @return this builder
   */
  public MapBuilder toleratedFailurePercentage(BigDecimal percentage) {
    this.toleratedFailurePercentage = Optional.of(NumberOrJsonata.of(percentage));
    return this;
  }

  /**
   * Reads the tolerated failure percentage from the input (JSONPath).
   *
   * @param path a reference path
   * @return this builder
   */
  public MapBuilder toleratedFailurePercentagePath(String path) {
    this.toleratedFailurePercentagePath = Optional.of(JsonPath.of(path));
    return this;
  }

  /**
   * Fails when more than this many items fail (distributed mode).
   *
   * @param count at least 0
   * @return this builder
   */
  public MapBuilder toleratedFailureCount(long count) {
    this.toleratedFailureCount = Optional.of(NumberOrJsonata.of(count));
    return this;
  }

  /**
   * Reads the tolerated failure count from the input (JSONPath).
   *
   * @param path a reference path
   * @return this builder
   */
  public MapBuilder toleratedFailureCountPath(String path) {
    this.toleratedFailureCountPath = Optional.of(JsonPath.of(path));
    return this;
  }

  /**
   * Writes the child execution results (distributed mode).
   *
   * @param writer the writer
   * @return this builder
   */
  public MapBuilder resultWriter(ResultWriter writer) {
    this.resultWriter = Optional.of(writer);
    return this;
  }

  /**
   * A prefix of the child execution names (distributed mode, at most 40 characters).
   *
   * @param label the label
   * @return this builder
   */
  public MapBuilder label(String label) {
    this.label = Optional.of(label);
    return this;
  }

  /**
   * The concurrency limit as a JSONata expression (JSONata states).
   *
   * @param expression a JSONata expression
   * @return this builder
   */
  public MapBuilder maxConcurrency(String expression) {
    this.maxConcurrency = Optional.of(NumberOrJsonata.jsonata(expression));
    return this;
  }

  /**
   * The tolerated failure percentage as a JSONata expression (JSONata states).
   *
   * @param expression a JSONata expression
   * @return this builder
   */
  public MapBuilder toleratedFailurePercentage(String expression) {
    this.toleratedFailurePercentage = Optional.of(NumberOrJsonata.jsonata(expression));
    return this;
  }

  /**
   * The tolerated failure count as a JSONata expression (JSONata states).
   *
   * @param expression a JSONata expression
   * @return this builder
   */
  public MapBuilder toleratedFailureCount(String expression) {
    this.toleratedFailureCount = Optional.of(NumberOrJsonata.jsonata(expression));
    return this;
  }

  @Override
  StateType type() {
    return StateType.MAP;
  }

  @Override
  State build() {
    MapState.Builder b =
        MapState.builder()
            .comment(comment)
            .queryLanguage(queryLanguage)
            .itemReader(itemReader)
            .itemsPath(itemsPath)
            .items(items)
            .itemSelector(itemSelector)
            .itemBatcher(itemBatcher)
            .maxConcurrency(maxConcurrency)
            .maxConcurrencyPath(maxConcurrencyPath)
            .toleratedFailurePercentage(toleratedFailurePercentage)
            .toleratedFailurePercentagePath(toleratedFailurePercentagePath)
            .toleratedFailureCount(toleratedFailureCount)
            .toleratedFailureCountPath(toleratedFailureCountPath)
            .resultWriter(resultWriter)
            .label(label)
            .inputPath(inputPath)
            .resultSelector(resultSelector)
            .resultPath(resultPath)
            .outputPath(outputPath)
            .output(output)
            .putAllAssign(assign)
            .addAllRetry(retry)
            .addAllCatchers(builtCatchers())
            .next(end ? Optional.empty() : next)
            .end(ends());
    if (processor != null) {
      b.itemProcessor(
          ItemProcessor.builder()
              .processorConfig(processorConfig)
              .startAt(processor.startName())
              .states(GraphAssembly.states(processor))
              .build());
    }
    return b.build();
  }
}
