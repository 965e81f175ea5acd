package io.emrlaunch.stepfunctions.emr;

import io.emrlaunch.core.model.EmrStep;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A group of pipeline steps that run one after another ({@link Mode#SEQUENTIAL}) or side by side in
 * a Parallel state with one branch per step ({@link Mode#PARALLEL}). The phases of a pipeline run
 * in order. A phase may be empty only in the builder: the pipeline rejects it when built.
 *
 * <pre>{@code
 * Phase.parallel("Phase 1", ingestOrders, ingestCustomers)     // EmrSteps or PipelineSteps
 * Phase.sequential("Phase 2", PipelineStep.of(report).waitForCompletion(false))
 * }</pre>
 *
 * @param name the phase name (the Parallel state's name for a parallel phase)
 * @param mode how the steps run
 * @param steps the steps in order
 */
public record Phase(String name, Mode mode, List<PipelineStep> steps) {
  /** How the steps of a phase run. */
  public enum Mode {
    /** One after another. */
    SEQUENTIAL,
    /** All at once, each in its own branch of a Parallel state. */
    PARALLEL
  }

  /**
   * Creates the phase.
   *
   * @param name the phase name
   * @param mode how the steps run
   * @param steps the steps
   */
  public Phase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    steps = List.copyOf(steps);
  }

  /**
   * Steps that run one after another.
   *
   * @param name the phase name
   * @param steps the steps
   * @return the phase
   */
  public static Phase sequential(String name, PipelineStep... steps) {
    return new Phase(name, Mode.SEQUENTIAL, Arrays.asList(steps));
  }

  /**
   * EMR steps that run one after another.
   *
   * @param name the phase name
   * @param steps the steps
   * @return the phase
   */
  public static Phase sequential(String name, EmrStep... steps) {
    return new Phase(name, Mode.SEQUENTIAL, wrap(steps));
  }

  /**
   * Steps that run in parallel.
   *
   * @param name the phase name (the Parallel state's name)
   * @param steps the steps
   * @return the phase
   */
  public static Phase parallel(String name, PipelineStep... steps) {
    return new Phase(name, Mode.PARALLEL, Arrays.asList(steps));
  }

  /**
   * EMR steps that run in parallel.
   *
   * @param name the phase name (the Parallel state's name)
   * @param steps the steps
   * @return the phase
   */
  public static Phase parallel(String name, EmrStep... steps) {
    return new Phase(name, Mode.PARALLEL, wrap(steps));
  }

  private static List<PipelineStep> wrap(EmrStep[] steps) {
    return Arrays.stream(steps).map(PipelineStep::of).toList();
  }
}
