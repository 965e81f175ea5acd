package io.emrlaunch.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.deploy.DeployResult;
import io.emrlaunch.stepfunctions.deploy.StateMachineDeployer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Runs a state machine in Step Functions (real, an endpoint such as moto, or the simulation, whose
 * Step Functions executes definitions in the local ASL engine): create or update it,
 * StartExecution, then poll DescribeExecution (and, when asked, the EMR clusters created since the
 * start, for progress) until it ends.
 */
final class Executions {
  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss-SSS").withZone(ZoneOffset.UTC);

  /** What to run and how to wait. */
  static final class Request {
    StateMachine machine;
    String machineName;
    String roleArn;
    String stateMachineArn;
    String input = "{}";
    String executionName;
    Duration timeout;
    boolean watchClusters;
    boolean keep;

    /**
     * Only clusters with this name are watched; on Ctrl-C or --timeout (without --keep) they are
     * terminated too (run-job: the payload's job name). Null watches every cluster created since
     * the start and terminates none (asl run: they may not be this execution's).
     */
    String clusterName;
  }

  /** How it ended. */
  record Result(
      String stateMachineArn,
      String executionArn,
      String status,
      String output,
      String error,
      String cause) {
    boolean succeeded() {
      return status.equals(ExecutionStatus.SUCCEEDED.toString());
    }
  }

  /** Thrown when the wait ends before the execution (exit 1). */
  static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message);
    }
  }

  private final Root root;
  private final Backend backend;

  /** Clusters watched (id to last state). */
  private final Map<String, String> clusters = new java.util.concurrent.ConcurrentHashMap<>();

  private String clusterName;

  Executions(Root root) {
    this.root = root;
    this.backend = root.backend();
  }

  /** The execution input: JSON text or {@code @file}; not JSON is a usage error. */
  static String input(Root root, String text) {
    if (text == null) {
      return "{}";
    }
    if (text.startsWith("@")) {
      return root.readJson(text.substring(1)).toString();
    }
    try {
      JsonNode n = Root.JSON.readTree(text);
      if (n == null) {
        throw new UsageError("--input is empty");
      }
      return n.toString();
    } catch (JsonProcessingException e) {
      throw new UsageError("--input is not JSON: " + e.getOriginalMessage());
    }
  }

  /** A state machine or execution name from a file name: letters, digits, - and _ only. */
  static String nameOf(String file) {
    String base = java.nio.file.Path.of(file).getFileName().toString();
    base = base.replaceAll("(\\.asl)?\\.json$", "");
    String n = base.replaceAll("[^A-Za-z0-9_-]", "-");
    return n.isEmpty() ? "emr-launch" : n.length() > 80 ? n.substring(0, 80) : n;
  }

  Result run(Request q) {
    Progress progress = root.progress();
    SfnAsyncClient sfn = backend.sfn();
    String arn = q.stateMachineArn;
    if (arn == null) {
      StateMachineDeployer deployer =
          StateMachineDeployer.builder()
              .client(sfn)
              .scheduler(backend.scheduler())
              .clock(backend.clock())
              .pollInterval(Duration.ofSeconds(2))
              .build();
      String definition = q.machine.toJson();
      DeployResult d =
          root.await(
              deployer.deploy(
                  s -> s.name(q.machineName).definition(definition).roleArn(q.roleArn)));
      arn = d.stateMachineArn();
      progress.event("state machine " + arn);
    }
    Instant start = backend.clock().instant();
    String name =
        q.executionName != null
            ? q.executionName
            : "run-"
                + NAME.format(start)
                // random: under --local --speed 0 two runs may start at the same instant
                + "-"
                + Long.toString(
                    java.util.concurrent.ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36),
                    36);
    String machineArn = arn;
    String executionArn =
        root.await(sfn.startExecution(r -> r.stateMachineArn(machineArn).name(name).input(q.input)))
            .executionArn();
    progress.event("execution " + name + " started");
    progress.subject("execution " + name + " RUNNING");
    clusterName = q.clusterName;
    Duration poll = backend.simulated() ? Duration.ofSeconds(10) : Duration.ofSeconds(2);
    Instant deadline = q.timeout == null ? null : start.plus(q.timeout);
    DescribeExecutionResponse done;
    try {
      done = root.await(wait(executionArn, name, start, poll, deadline, q.watchClusters));
    } catch (RuntimeException e) {
      Throwable t = Root.unwrap(e);
      if (!(t instanceof Interrupts.InterruptedByUser || t instanceof Failed)) {
        throw e;
      }
      if (!q.keep) {
        progress.event("stopping execution " + name);
        try {
          root.awaitQuietly(
              sfn.stopExecution(
                  r -> r.executionArn(executionArn).error("emr-launch").cause(t.getMessage())));
        } catch (RuntimeException ignored) {
          // best effort: the command fails anyway
        }
        if (q.clusterName != null) {
          List<String> active = new ArrayList<>();
          clusters.forEach(
              (id, state) -> {
                if (!state.startsWith("TERMINAT")) {
                  active.add(id);
                }
              });
          if (!active.isEmpty()) {
            progress.event(
                "terminating " + String.join(", ", active) + " (launched by the execution)");
            try {
              root.awaitQuietly(backend.emr().terminateJobFlows(r -> r.jobFlowIds(active)));
            } catch (RuntimeException ignored) {
              // best effort
            }
          }
        }
      }
      throw e;
    }
    progress.event("execution " + name + " " + done.statusAsString());
    return new Result(
        machineArn, executionArn, done.statusAsString(), done.output(), done.error(), done.cause());
  }

  private CompletableFuture<DescribeExecutionResponse> wait(
      String executionArn,
      String name,
      Instant start,
      Duration poll,
      Instant deadline,
      boolean watchClusters) {
    CompletableFuture<DescribeExecutionResponse> out = new CompletableFuture<>();
    Map<String, String> seen = new HashMap<>();
    Runnable[] step = new Runnable[1];
    step[0] =
        () -> {
          CompletableFuture<Void> watched =
              watchClusters
                  ? watch(backend.emr(), start, seen)
                  : CompletableFuture.completedFuture(null);
          watched
              .exceptionally(t -> null) // progress only: never fails the wait
              .thenCompose(v -> backend.sfn().describeExecution(r -> r.executionArn(executionArn)))
              .whenComplete(
                  (d, t) -> {
                    if (t != null) {
                      out.completeExceptionally(t);
                    } else if (d.status() != ExecutionStatus.RUNNING
                        && d.status() != ExecutionStatus.PENDING_REDRIVE) {
                      out.complete(d);
                    } else if (deadline != null && !backend.clock().instant().isBefore(deadline)) {
                      out.completeExceptionally(
                          new Failed("execution " + name + " still RUNNING at the --timeout"));
                    } else {
                      backend.scheduler().schedule(step[0], poll.toMillis(), TimeUnit.MILLISECONDS);
                    }
                  });
        };
    step[0].run();
    return out;
  }

  /** Progress events for the clusters created since {@code start} and their steps. */
  private CompletableFuture<Void> watch(
      EmrAsyncClient emr, Instant start, Map<String, String> seen) {
    Progress p = root.progress();
    return emr.listClusters(r -> r.createdAfter(start.minusSeconds(1)))
        .thenCompose(
            list -> {
              CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
              for (ClusterSummary c : list.clusters()) {
                if (clusterName != null && !clusterName.equals(c.name())) {
                  continue;
                }
                String state = c.status().stateAsString();
                clusters.put(c.id(), state);
                if (!state.equals(seen.put(c.id(), state))) {
                  String reason =
                      c.status().stateChangeReason() == null
                              || c.status().stateChangeReason().codeAsString() == null
                          ? null
                          : c.status().stateChangeReason().codeAsString();
                  p.observedCluster(c.id(), state, reason);
                }
                all =
                    all.thenCompose(
                        v ->
                            emr.listSteps(r -> r.clusterId(c.id()))
                                .thenAccept(
                                    steps -> {
                                      for (StepSummary s : steps.steps()) {
                                        String st = s.status().stateAsString();
                                        if (!st.equals(seen.put(s.id(), st))) {
                                          p.observedStep(s.id(), s.name(), st);
                                        }
                                      }
                                    }));
              }
              return all;
            });
  }

  /** Prints a result; returns the exit code (1 unless SUCCEEDED). */
  int emit(Result r) {
    ObjectNode json = Root.JSON.createObjectNode();
    json.put("stateMachineArn", r.stateMachineArn());
    json.put("executionArn", r.executionArn());
    json.put("status", r.status());
    StringBuilder text = new StringBuilder("execution " + r.executionArn() + " " + r.status());
    if (r.output() != null) {
      try {
        json.set("output", Root.JSON.readTree(r.output()));
      } catch (JsonProcessingException e) {
        json.put("output", r.output());
      }
      text.append("\noutput: ").append(r.output());
    }
    if (r.error() != null) {
      json.put("error", r.error());
      text.append("\nerror: ").append(r.error());
    }
    if (r.cause() != null) {
      json.put("cause", r.cause());
      text.append("\ncause: ").append(r.cause());
    }
    json.put("simulated", backend.simulated());
    root.emit(json, text + (backend.simulated() ? "\n(simulated)" : ""));
    return r.succeeded() ? 0 : Root.FAILED;
  }
}
