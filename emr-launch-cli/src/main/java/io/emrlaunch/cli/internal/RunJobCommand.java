package io.emrlaunch.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.launch.JobRun;
import io.emrlaunch.core.launch.StepFailedException;
import io.emrlaunch.core.launch.StepSnapshot;
import io.emrlaunch.core.model.ClusterManagerPayload;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.SparkJob;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code run-job PAYLOAD.json}: the EMR Cluster Manager's one call. */
@Command(
    name = "run-job",
    description = {
      "Run a Spark job on a transient cluster from an EMR Cluster Manager payload: launch, run the"
          + " step, terminate; exit 0 when the step COMPLETED, 1 when it failed."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  emr-launch run-job examples/spark-job.json --local",
      "  emr-launch run-job job.json --emr-profile default/analytics --timeout 2h --output json"
    })
public final class RunJobCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PAYLOAD.json", description = "The Cluster Manager payload.")
  String file;

  @Option(
      names = "--emr-profile",
      paramLabel = "[NAMESPACE/]NAME",
      description = "A stored EMR profile (the security half).")
  String emrProfile;

  @Option(
      names = "--emr-profile-file",
      paramLabel = "FILE",
      description = "An EMR profile file (our JSON or aws-emr-launch's).")
  String emrProfileFile;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "Longest run, like 90m or 2h (default: none).")
  String timeout;

  @Option(
      names = "--keep",
      description = "On Ctrl-C, leave the cluster running instead of terminating it.")
  boolean keep;

  @Option(
      names = "--via-state-machine",
      description =
          "Run the payload through the generated Cluster Manager state machine (asl build"
              + " spark-job) in Step Functions; with --local in the local ASL engine.")
  boolean viaStateMachine;

  @Option(
      names = "--integration",
      defaultValue = "optimized",
      description = "With --via-state-machine: optimized|sdk (default: ${DEFAULT-VALUE}).")
  AslCommands.Integration integration;

  @Option(
      names = "--role-arn",
      paramLabel = "ARN",
      description = "With --via-state-machine: the machine's execution role (not with --local).")
  String roleArn;

  @Option(
      names = "--failure-topic",
      paramLabel = "SNS_ARN",
      description = "With --via-state-machine: the topic told of failures.")
  String failureTopic;

  @Override
  public Integer call() {
    Root root = Commands.root(spec);
    JsonNode json = root.readJson(file);
    ClusterManagerPayload payload = ClusterManagerPayload.read(json);
    SparkJob job = payload.toSparkJob();
    Duration limit = timeout == null ? null : Commands.duration("--timeout", timeout);
    EmrProfile fileProfile =
        emrProfileFile == null ? null : RecordCommands.readProfile(root, emrProfileFile);
    if (emrProfile != null && fileProfile != null) {
      throw new UsageError("give --emr-profile or --emr-profile-file, not both");
    }
    Backend backend = root.backend(payload.region().orElse(null));
    EmrProfile profile;
    if (fileProfile != null) {
      profile = fileProfile;
    } else if (emrProfile != null) {
      profile = root.await(root.store().profiles().get(Commands.ref(emrProfile))).value();
    } else {
      profile = Commands.defaultProfile();
    }
    if (viaStateMachine) {
      return viaStateMachine(root, json, job, profile, limit);
    }
    if (roleArn != null || failureTopic != null) {
      throw new UsageError("--role-arn and --failure-topic go with --via-state-machine");
    }
    Progress progress = root.progress();
    progress.expectSteps(1);
    progress.event(
        "job "
            + job.jobName()
            + ": "
            + job.entryPoint()
            + " on "
            + job.masterInstanceType()
            + " + 2 x "
            + job.coreInstanceType()
            + ", "
            + job.releaseLabel()
            + (backend.simulated() ? " (simulated)" : " in " + backend.region()));
    try (Launches launches = new Launches(root)) {
      JobRun run;
      try {
        run =
            launches.await(
                limit == null
                    ? launches.launcher().runJob(profile, job)
                    : launches.launcher().runJob(profile, job, limit),
                keep);
      } catch (java.util.concurrent.CompletionException e) {
        if (Root.unwrap(e) instanceof StepFailedException failed) {
          StepSnapshot s = failed.snapshot();
          ObjectNode out = Root.JSON.createObjectNode();
          out.put("job", job.jobName());
          out.put("clusterId", s.clusterId());
          out.put("stepId", s.stepId());
          out.put("stepState", s.state().toString());
          s.failureReason().ifPresent(r -> out.put("failureReason", r));
          s.failureMessage().ifPresent(m -> out.put("failureMessage", m));
          s.logFile().ifPresent(l -> out.put("logFile", l));
          failed
              .diagnosis()
              .ifPresent(
                  d -> {
                    ObjectNode n = out.putObject("diagnosis");
                    n.put("category", d.category().name());
                    n.put("cause", d.cause());
                    d.suggestion().ifPresent(x -> n.put("suggestion", x));
                    d.evidence().forEach(ev -> n.withArray("evidence").add(ev.render()));
                  });
          out.put("simulated", backend.simulated());
          root.emit(
              out,
              "job "
                  + job.jobName()
                  + " "
                  + s.state()
                  + s.failureMessage().map(m -> ": " + m).orElse("")
                  + s.logFile().map(l -> " (log " + l + ")").orElse("")
                  + failed.diagnosis().map(d -> "\nprobable cause: " + d.summary()).orElse("")
                  + "\ncluster "
                  + s.clusterId()
                  + " is terminated by its step's TERMINATE_CLUSTER action");
          return Root.FAILED;
        }
        throw e;
      }
      ObjectNode out = Root.JSON.createObjectNode();
      out.put("job", job.jobName());
      out.put("clusterId", run.cluster().clusterId());
      out.put("clusterState", run.ended().state().map(Object::toString).orElse("UNKNOWN"));
      ArrayNode steps = out.putArray("steps");
      String stepState = "UNKNOWN";
      for (StepSnapshot s : run.steps()) {
        steps.addObject().put("stepId", s.stepId()).put("state", s.state().toString());
        stepState = s.state().toString();
      }
      out.put("jobState", stepState);
      out.put("simulated", backend.simulated());
      root.emit(
          out,
          "job "
              + job.jobName()
              + " "
              + stepState
              + "\ncluster "
              + run.cluster().clusterId()
              + " "
              + run.ended().state().map(Object::toString).orElse("UNKNOWN")
              + (backend.simulated() ? " (simulated)" : ""));
      return stepState.equals("COMPLETED") ? 0 : Root.FAILED;
    }
  }

  private int viaStateMachine(
      Root root, JsonNode payload, SparkJob job, EmrProfile profile, Duration limit) {
    Backend backend = root.backend();
    Executions.Request q = new Executions.Request();
    var b =
        io.emrlaunch.stepfunctions.emr.SparkJobMachine.builder(profile)
            .integration(integration.value())
            .pollInterval(Duration.ofSeconds(30));
    if (failureTopic != null) {
      b.failureTopicArn(failureTopic);
    }
    q.machine = b.build();
    q.machineName = "emr-launch-spark-job";
    q.roleArn = roleArn != null ? roleArn : backend.simulated() ? LocalAws.LOCAL_ROLE_ARN : null;
    if (q.roleArn == null) {
      throw new UsageError("--via-state-machine needs --role-arn (the machine's execution role)");
    }
    q.input = payload.toString();
    q.timeout = limit;
    q.watchClusters = true;
    q.clusterName = job.jobName();
    q.keep = keep;
    root.progress().expectSteps(1);
    root.progress()
        .event(
            "job "
                + job.jobName()
                + " through the Cluster Manager state machine ("
                + integration
                + " integration)"
                + (backend.simulated() ? ", local ASL engine (simulated)" : ""));
    Executions ex = new Executions(root);
    Executions.Result r = ex.run(q);
    ObjectNode out = Root.JSON.createObjectNode();
    out.put("job", job.jobName());
    out.put("executionArn", r.executionArn());
    out.put("executionStatus", r.status());
    JsonNode o = null;
    if (r.output() != null) {
      try {
        o = Root.JSON.readTree(r.output());
      } catch (java.io.IOException e) {
        o = null;
      }
    }
    String jobState = o != null ? o.path("StepState").asText("UNKNOWN") : "FAILED";
    out.put("jobState", jobState);
    if (o != null) {
      out.put("clusterId", o.path("ClusterId").asText());
      out.put("stepId", o.path("StepId").asText());
      out.put("clusterState", o.path("ClusterState").asText());
    }
    if (r.error() != null) {
      out.put("error", r.error());
      out.put("cause", r.cause());
    }
    out.put("simulated", backend.simulated());
    String text =
        o != null && r.succeeded()
            ? "job "
                + job.jobName()
                + " "
                + jobState
                + "\ncluster "
                + o.path("ClusterId").asText()
                + " "
                + o.path("ClusterState").asText()
                + (backend.simulated() ? " (simulated)" : "")
            : "job "
                + job.jobName()
                + " FAILED (execution "
                + r.status()
                + ")\nerror: "
                + r.error()
                + "\ncause: "
                + r.cause();
    root.emit(out, text);
    return r.succeeded() && jobState.equals("COMPLETED") ? 0 : Root.FAILED;
  }
}
