package io.emrlaunch.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.launch.StepRun;
import io.emrlaunch.core.launch.StepSnapshot;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.StepFailureAction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code steps add|wait|cancel}. */
@Command(
    name = "steps",
    description = "Add steps to a cluster, wait for them, cancel them.",
    subcommands = {StepCommands.Add.class, StepCommands.Wait.class, StepCommands.Cancel.class})
public final class StepCommands {

  static ObjectNode json(StepSnapshot s) {
    ObjectNode o = Root.JSON.createObjectNode();
    o.put("stepId", s.stepId());
    s.name().ifPresent(n -> o.put("name", n));
    o.put("state", s.state().toString());
    s.failureReason().ifPresent(r -> o.put("failureReason", r));
    s.failureMessage().ifPresent(r -> o.put("failureMessage", r));
    s.logFile().ifPresent(r -> o.put("logFile", r));
    return o;
  }

  static int report(Root root, String clusterId, List<StepSnapshot> steps) {
    ArrayNode out = Root.JSON.createArrayNode();
    StringBuilder text = new StringBuilder();
    boolean ok = true;
    for (StepSnapshot s : steps) {
      out.add(json(s));
      ok &= s.state().toString().equals("COMPLETED");
      text.append("step ")
          .append(s.stepId())
          .append(s.name().map(n -> " (" + n + ")").orElse(""))
          .append(" ")
          .append(s.state())
          .append(s.failureMessage().map(m -> ": " + m).orElse(""))
          .append('\n');
    }
    root.emit(out, text.toString().stripTrailing());
    return ok ? 0 : Root.FAILED;
  }

  /** Waits for every step, collecting failures as snapshots instead of exceptions. */
  static List<StepSnapshot> awaitAll(
      Root root, Launches launches, String clusterId, List<String> ids, boolean keep) {
    List<CompletableFuture<StepSnapshot>> fs = new ArrayList<>();
    for (String id : ids) {
      fs.add(
          launches
              .launcher()
              .monitor()
              .awaitStep(clusterId, id)
              .exceptionally(
                  t -> {
                    Throwable c = Root.unwrap(t);
                    if (c instanceof io.emrlaunch.core.launch.StepFailedException f) {
                      return f.snapshot();
                    }
                    throw new java.util.concurrent.CompletionException(c);
                  }));
    }
    launches.await(CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)), keep);
    return fs.stream().map(CompletableFuture::join).toList();
  }

  /** {@code steps add}. */
  @Command(
      name = "add",
      description = "Add a Spark step (or a command-runner command) to a running cluster.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  emr-launch steps add j-ABC --name report --spark s3://code/report.py --arg 2024-01-01 --wait",
        "  emr-launch steps add j-ABC --name ls --command hdfs --arg dfs --arg -ls"
      })
  public static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CLUSTER_ID")
    String clusterId;

    @Option(names = "--name", required = true, description = "The step's name.")
    String name;

    @Option(
        names = "--spark",
        paramLabel = "S3_URI",
        description = "spark-submit this entry point.")
    String spark;

    @Option(
        names = "--command",
        paramLabel = "PROGRAM",
        description = "Run this program with command-runner.jar.")
    String command;

    @Option(names = "--arg", description = "An argument (repeatable, in order).")
    List<String> args = new ArrayList<>();

    @Option(
        names = "--action-on-failure",
        defaultValue = "CONTINUE",
        description = "CONTINUE|CANCEL_AND_WAIT|TERMINATE_CLUSTER (default: ${DEFAULT-VALUE}).")
    StepFailureAction actionOnFailure;

    @Option(
        names = "--wait",
        description = "Wait until the step ends (exit 1 when it did not complete).")
    boolean waitDone;

    @Option(names = "--keep", hidden = true)
    boolean keep;

    @Override
    public Integer call() {
      Root root = Commands.root(spec);
      if ((spark == null) == (command == null)) {
        throw new UsageError("give one of --spark or --command");
      }
      List<String> all = new ArrayList<>();
      if (command != null) {
        all.add(command);
      }
      all.addAll(args);
      EmrStep step =
          spark != null
              ? EmrStep.sparkSubmit(name, spark, args.toArray(String[]::new))
                  .withActionOnFailure(actionOnFailure)
              : EmrStep.command(name, all.toArray(String[]::new))
                  .withActionOnFailure(actionOnFailure);
      List<io.emrlaunch.core.validation.Problem> problems = step.validationProblems();
      if (!problems.isEmpty()) {
        throw new io.emrlaunch.core.validation.ValidationException(problems);
      }
      try (Launches launches = new Launches(root)) {
        StepRun run = root.await(launches.launcher().submitSteps(clusterId, List.of(step)));
        if (!waitDone) {
          ArrayNode out = Root.JSON.createArrayNode();
          run.stepIds().forEach(id -> out.addObject().put("stepId", id).put("state", "PENDING"));
          root.emit(out, "step " + String.join(", ", run.stepIds()) + " added to " + clusterId);
          return 0;
        }
        root.progress().expectSteps(1);
        return report(root, clusterId, awaitAll(root, launches, clusterId, run.stepIds(), true));
      }
    }
  }

  /** {@code steps wait}. */
  @Command(name = "wait", description = "Wait until steps end; exit 1 unless all COMPLETED.")
  public static final class Wait implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLUSTER_ID")
    String clusterId;

    @Parameters(index = "1..*", paramLabel = "STEP_ID")
    List<String> stepIds;

    @Override
    public Integer call() {
      Root root = Commands.root(spec);
      try (Launches launches = new Launches(root)) {
        root.progress().expectSteps(stepIds.size());
        return report(root, clusterId, awaitAll(root, launches, clusterId, stepIds, true));
      }
    }
  }

  /** {@code steps cancel}. */
  @Command(name = "cancel", description = "Cancel pending or running steps.")
  public static final class Cancel implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLUSTER_ID")
    String clusterId;

    @Parameters(index = "1..*", paramLabel = "STEP_ID")
    List<String> stepIds;

    @Override
    public Integer call() {
      Root root = Commands.root(spec);
      try (Launches launches = new Launches(root)) {
        root.await(launches.launcher().cancelSteps(clusterId, stepIds));
        ArrayNode out = Root.JSON.createArrayNode();
        stepIds.forEach(id -> out.addObject().put("stepId", id).put("cancelRequested", true));
        root.emit(out, "cancel requested for " + String.join(", ", stepIds));
        return 0;
      }
    }
  }
}
