package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a {@link ParallelState}; created by {@link Flow#parallel(String)}. */
public final class ParallelBuilder extends GuardedBuilder<ParallelBuilder> {
  private final List<Step> branches = new ArrayList<>();
  private Optional<JsonNode> parameters = Optional.empty();
  private Optional<JsonNode> arguments = Optional.empty();

  ParallelBuilder(String name) {
    super(name);
  }

  /**
   * Adds a branch.
   *
   * @param branch a state or chain; its states form their own graph
   * @return this builder
   */
  public ParallelBuilder branch(Step branch) {
    branches.add(branch);
    return this;
  }

  /**
   * The input of every branch (JSONPath payload template).
   *
   * @param parameters a {@link Payload}, JSON node or value
   * @return this builder
   */
  public ParallelBuilder parameters(Object parameters) {
    this.parameters = Optional.of(json(parameters));
    return this;
  }

  /**
   * The input of every branch (JSONata).
   *
   * @param arguments a JSON value or JSONata expression
   * @return this builder
   */
  public ParallelBuilder arguments(Object arguments) {
    this.arguments = Optional.of(json(arguments));
    return this;
  }

  @Override
  StateType type() {
    return StateType.PARALLEL;
  }

  @Override
  State build() {
    List<Branch> built = new ArrayList<>();
    for (Step b : branches) {
      built.add(Branch.builder().startAt(b.startName()).states(GraphAssembly.states(b)).build());
    }
    return ParallelState.builder()
        .comment(comment)
        .queryLanguage(queryLanguage)
        .branches(built)
        .inputPath(inputPath)
        .parameters(parameters)
        .arguments(arguments)
        .resultSelector(resultSelector)
        .resultPath(resultPath)
        .outputPath(outputPath)
        .output(output)
        .putAllAssign(assign)
        .addAllRetry(retry)
        .addAllCatchers(builtCatchers())
        .next(end ? Optional.empty() : next)
        .end(ends())
        .build();
  }
}
