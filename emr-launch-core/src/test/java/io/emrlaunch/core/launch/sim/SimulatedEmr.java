package io.emrlaunch.core.launch.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.AddJobFlowStepsRequest;
import software.amazon.awssdk.services.emr.model.AddJobFlowStepsResponse;
import software.amazon.awssdk.services.emr.model.AddTagsRequest;
import software.amazon.awssdk.services.emr.model.AddTagsResponse;
import software.amazon.awssdk.services.emr.model.CancelStepsInfo;
import software.amazon.awssdk.services.emr.model.CancelStepsRequest;
import software.amazon.awssdk.services.emr.model.CancelStepsRequestStatus;
import software.amazon.awssdk.services.emr.model.CancelStepsResponse;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReason;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;
import software.amazon.awssdk.services.emr.model.ClusterStatus;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.ClusterTimeline;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.model.DescribeStepRequest;
import software.amazon.awssdk.services.emr.model.DescribeStepResponse;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.emr.model.FailureDetails;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;
import software.amazon.awssdk.services.emr.model.ListStepsRequest;
import software.amazon.awssdk.services.emr.model.ListStepsResponse;
import software.amazon.awssdk.services.emr.model.RemoveTagsRequest;
import software.amazon.awssdk.services.emr.model.RemoveTagsResponse;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.RunJobFlowResponse;
import software.amazon.awssdk.services.emr.model.SetTerminationProtectionRequest;
import software.amazon.awssdk.services.emr.model.SetTerminationProtectionResponse;
import software.amazon.awssdk.services.emr.model.Step;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepStatus;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.emr.model.Tag;
import software.amazon.awssdk.services.emr.model.TerminateJobFlowsRequest;
import software.amazon.awssdk.services.emr.model.TerminateJobFlowsResponse;

/**
 * An in-memory EMR behind {@link EmrAsyncClient}, in the virtual time of a {@link
 * VirtualScheduler}: clusters boot (STARTING → BOOTSTRAPPING → WAITING/RUNNING) after their plan's
 * durations or fail at bootstrap, run steps one at a time, auto-terminate when they have nothing to
 * do and are not kept alive. Faults: throttling with a probability, and scripted failures of the
 * next calls (throttled, 500 not performed, performed with the response lost). Counts every call.
 */
public final class SimulatedEmr implements EmrAsyncClient {
  /** How one cluster's life goes. */
  public record ClusterPlan(
      Duration starting, Duration bootstrapping, String bootstrapFailureMessage) {
    public static ClusterPlan boots(Duration total) {
      return new ClusterPlan(total.dividedBy(3), total.minus(total.dividedBy(3)), null);
    }

    public static ClusterPlan failsBootstrap(Duration after, String message) {
      return new ClusterPlan(after.dividedBy(3), after.minus(after.dividedBy(3)), message);
    }
  }

  /** How one step goes. */
  public record StepPlan(Duration runs, String failureMessage) {
    public static StepPlan completesAfter(Duration d) {
      return new StepPlan(d, null);
    }

    public static StepPlan failsAfter(Duration d, String message) {
      return new StepPlan(d, message);
    }
  }

  /** A scripted fault for the next call of an operation. */
  public enum Fault {
    THROTTLE,
    SERVER_ERROR,
    RESPONSE_LOST
  }

  private static final Set<ClusterState> ACTIVE =
      EnumSet.of(
          ClusterState.STARTING,
          ClusterState.BOOTSTRAPPING,
          ClusterState.RUNNING,
          ClusterState.WAITING,
          ClusterState.TERMINATING);

  private final VirtualScheduler time;
  private final Map<String, Sim> clusters = new LinkedHashMap<>();
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final Map<String, List<Fault>> scripted = new HashMap<>();
  private final List<String> log = new ArrayList<>();
  private Function<RunJobFlowRequest, ClusterPlan> clusterPlans =
      r -> ClusterPlan.boots(Duration.ofMinutes(8));
  private Function<StepConfig, StepPlan> stepPlans =
      s -> StepPlan.completesAfter(Duration.ofMinutes(5));
  private Random random = new Random(1);
  private double throttleProbability;
  private Duration latency = Duration.ofMillis(50);
  private long nextId = 1;
  private long nextStep = 1;

  public SimulatedEmr(VirtualScheduler time) {
    this.time = time;
  }

  public synchronized SimulatedEmr clusterPlans(Function<RunJobFlowRequest, ClusterPlan> plans) {
    this.clusterPlans = plans;
    return this;
  }

  public synchronized SimulatedEmr stepPlans(Function<StepConfig, StepPlan> plans) {
    this.stepPlans = plans;
    return this;
  }

  /** Each call is throttled with this probability (seeded). */
  public synchronized SimulatedEmr throttle(double probability, long seed) {
    this.throttleProbability = probability;
    this.random = new Random(seed);
    return this;
  }

  public synchronized SimulatedEmr latency(Duration d) {
    this.latency = d;
    return this;
  }

  /** The next calls of {@code operation} fail this way, one fault per call. */
  public synchronized SimulatedEmr failNext(String operation, Fault... faults) {
    scripted.computeIfAbsent(operation, k -> new ArrayList<>()).addAll(List.of(faults));
    return this;
  }

  /** Adds an existing cluster without a call (for fixtures). */
  public synchronized String seedCluster(String name, ClusterState state, Instant created) {
    Sim s = new Sim(newClusterId(), name, created);
    s.state = state;
    s.keepAlive = true;
    clusters.put(s.id, s);
    return s.id;
  }

  public long calls(String operation) {
    AtomicLong n = calls.get(operation);
    return n == null ? 0 : n.get();
  }

  public long totalCalls() {
    return calls.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public Map<String, Long> callCounts() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public synchronized List<String> callLog() {
    return List.copyOf(log);
  }

  public synchronized int clusterCount() {
    return clusters.size();
  }

  public synchronized List<String> clusterIds() {
    return List.copyOf(clusters.keySet());
  }

  public synchronized ClusterState state(String clusterId) {
    return sim(clusterId).state;
  }

  public synchronized Map<String, String> tags(String clusterId) {
    return Map.copyOf(sim(clusterId).tags);
  }

  public synchronized RunJobFlowRequest runJobFlowRequest(String clusterId) {
    return sim(clusterId).request;
  }

  public synchronized List<String> clusterIdsNamed(String name) {
    return clusters.values().stream().filter(c -> c.name.equals(name)).map(c -> c.id).toList();
  }

  public synchronized boolean terminationProtected(String clusterId) {
    return sim(clusterId).terminationProtected;
  }

  public synchronized StepState stepState(String clusterId, String stepId) {
    return sim(clusterId).steps.get(stepId).state;
  }

  public synchronized List<String> stepArgs(String clusterId, String stepId) {
    return sim(clusterId).steps.get(stepId).config.hadoopJarStep().args();
  }

  /** When the cluster last changed state (virtual time). */
  public synchronized Instant stateChangedAt(String clusterId) {
    return sim(clusterId).changedAt;
  }

  /** Listener for every cluster state change (virtual time), for benchmarks. */
  public interface StateListener {
    void changed(String clusterId, ClusterState state, Instant at);
  }

  private final List<StateListener> stateListeners = new ArrayList<>();

  public synchronized SimulatedEmr onStateChange(StateListener l) {
    stateListeners.add(l);
    return this;
  }

  // ---- the API ----

  @Override
  public String serviceName() {
    return "emr";
  }

  @Override
  public void close() {}

  @Override
  public CompletableFuture<RunJobFlowResponse> runJobFlow(RunJobFlowRequest r) {
    return call(
        "RunJobFlow",
        () -> {
          ClusterPlan plan = clusterPlans.apply(r);
          Sim s = new Sim(newClusterId(), r.name(), time.now());
          s.request = r;
          s.logUri = r.logUri();
          s.keepAlive =
              r.instances() == null
                  || Boolean.TRUE.equals(r.instances().keepJobFlowAliveWhenNoSteps());
          s.terminationProtected =
              r.instances() != null && Boolean.TRUE.equals(r.instances().terminationProtected());
          for (Tag t : r.tags()) {
            s.tags.put(t.key(), t.value());
          }
          clusters.put(s.id, s);
          for (StepConfig c : r.steps()) {
            addStep(s, c);
          }
          setState(s, ClusterState.STARTING, null, null);
          later(plan.starting(), () -> bootstrap(s, plan));
          return RunJobFlowResponse.builder().jobFlowId(s.id).build();
        });
  }

  @Override
  public CompletableFuture<ListClustersResponse> listClusters(ListClustersRequest r) {
    return call(
        "ListClusters",
        () -> {
          Set<ClusterState> states =
              r.clusterStates().isEmpty()
                  ? EnumSet.allOf(ClusterState.class)
                  : EnumSet.copyOf(r.clusterStates());
          // Newest first; the marker is a keyset cursor (created, id) so that clusters changing
          // state between pages do not shift later pages.
          List<Sim> all = new ArrayList<>(clusters.values());
          all.sort(Comparator.comparing((Sim s) -> s.created).thenComparing(s -> s.id).reversed());
          Sim after = r.marker() == null ? null : clusters.get(r.marker());
          List<ClusterSummary> page = new ArrayList<>();
          String marker = null;
          for (Sim s : all) {
            if (after != null
                && Comparator.comparing((Sim x) -> x.created)
                        .thenComparing(x -> x.id)
                        .compare(s, after)
                    >= 0) {
              continue;
            }
            if (!states.contains(s.state)) {
              continue;
            }
            if (r.createdAfter() != null && s.created.isBefore(r.createdAfter())) {
              continue;
            }
            if (r.createdBefore() != null && s.created.isAfter(r.createdBefore())) {
              continue;
            }
            if (page.size() == 50) {
              marker = page.get(49).id();
              break;
            }
            page.add(ClusterSummary.builder().id(s.id).name(s.name).status(status(s)).build());
          }
          return ListClustersResponse.builder().clusters(page).marker(marker).build();
        });
  }

  @Override
  public CompletableFuture<DescribeClusterResponse> describeCluster(DescribeClusterRequest r) {
    return call(
        "DescribeCluster",
        () -> {
          Sim s = sim(r.clusterId());
          return DescribeClusterResponse.builder()
              .cluster(
                  Cluster.builder()
                      .id(s.id)
                      .name(s.name)
                      .status(status(s))
                      .logUri(s.logUri)
                      .terminationProtected(s.terminationProtected)
                      .autoTerminate(!s.keepAlive)
                      .tags(
                          s.tags.entrySet().stream()
                              .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                              .toList())
                      .build())
              .build();
        });
  }

  @Override
  public CompletableFuture<TerminateJobFlowsResponse> terminateJobFlows(
      TerminateJobFlowsRequest r) {
    return call(
        "TerminateJobFlows",
        () -> {
          for (String id : r.jobFlowIds()) {
            if (sim(id).terminationProtected) {
              throw InvalidRequestException.builder()
                  .statusCode(400)
                  .message(
                      "Could not shut down one or more job flows since they are termination protected.")
                  .awsErrorDetails(
                      AwsErrorDetails.builder().errorCode("ValidationException").build())
                  .build();
            }
          }
          for (String id : r.jobFlowIds()) {
            terminate(
                sim(id), ClusterStateChangeReasonCode.USER_REQUEST, "Terminated by user request");
          }
          return TerminateJobFlowsResponse.builder().build();
        });
  }

  @Override
  public CompletableFuture<SetTerminationProtectionResponse> setTerminationProtection(
      SetTerminationProtectionRequest r) {
    return call(
        "SetTerminationProtection",
        () -> {
          for (String id : r.jobFlowIds()) {
            sim(id).terminationProtected = r.terminationProtected();
          }
          return SetTerminationProtectionResponse.builder().build();
        });
  }

  @Override
  public CompletableFuture<AddTagsResponse> addTags(AddTagsRequest r) {
    return call(
        "AddTags",
        () -> {
          Sim s = sim(r.resourceId());
          r.tags().forEach(t -> s.tags.put(t.key(), t.value()));
          return AddTagsResponse.builder().build();
        });
  }

  @Override
  public CompletableFuture<RemoveTagsResponse> removeTags(RemoveTagsRequest r) {
    return call(
        "RemoveTags",
        () -> {
          Sim s = sim(r.resourceId());
          r.tagKeys().forEach(s.tags::remove);
          return RemoveTagsResponse.builder().build();
        });
  }

  @Override
  public CompletableFuture<AddJobFlowStepsResponse> addJobFlowSteps(AddJobFlowStepsRequest r) {
    return call(
        "AddJobFlowSteps",
        () -> {
          Sim s = sim(r.jobFlowId());
          if (!ACTIVE.contains(s.state) || s.state == ClusterState.TERMINATING) {
            throw invalid(
                "A job flow that is shutting down, terminated, or finished may not be modified.");
          }
          List<String> ids = new ArrayList<>();
          for (StepConfig c : r.steps()) {
            ids.add(addStep(s, c).id);
          }
          if (s.state == ClusterState.WAITING) {
            startNextStep(s);
          }
          return AddJobFlowStepsResponse.builder().stepIds(ids).build();
        });
  }

  @Override
  public CompletableFuture<ListStepsResponse> listSteps(ListStepsRequest r) {
    return call(
        "ListSteps",
        () -> {
          Sim s = sim(r.clusterId());
          List<StepSummary> out = new ArrayList<>();
          List<SimStep> steps = new ArrayList<>(s.steps.values());
          java.util.Collections.reverse(steps); // newest first, as EMR does
          for (SimStep st : steps) {
            if (!r.stepIds().isEmpty() && !r.stepIds().contains(st.id)) {
              continue;
            }
            if (!r.stepStates().isEmpty() && !r.stepStates().contains(st.state)) {
              continue;
            }
            out.add(
                StepSummary.builder()
                    .id(st.id)
                    .name(st.config.name())
                    .config(
                        c ->
                            c.jar(st.config.hadoopJarStep().jar())
                                .args(st.config.hadoopJarStep().args()))
                    .actionOnFailure(st.config.actionOnFailure())
                    .status(stepStatus(st))
                    .build());
          }
          return ListStepsResponse.builder().steps(out).build();
        });
  }

  @Override
  public CompletableFuture<DescribeStepResponse> describeStep(DescribeStepRequest r) {
    return call(
        "DescribeStep",
        () -> {
          SimStep st = sim(r.clusterId()).steps.get(r.stepId());
          if (st == null) {
            throw invalid("Step id '" + r.stepId() + "' is not valid.");
          }
          return DescribeStepResponse.builder()
              .step(Step.builder().id(st.id).name(st.config.name()).status(stepStatus(st)).build())
              .build();
        });
  }

  @Override
  public CompletableFuture<CancelStepsResponse> cancelSteps(CancelStepsRequest r) {
    return call(
        "CancelSteps",
        () -> {
          Sim s = sim(r.clusterId());
          List<CancelStepsInfo> out = new ArrayList<>();
          for (String id : r.stepIds()) {
            SimStep st = s.steps.get(id);
            boolean ok =
                st != null && (st.state == StepState.PENDING || st.state == StepState.RUNNING);
            if (ok) {
              boolean wasRunning = st.state == StepState.RUNNING;
              st.state = StepState.CANCELLED;
              if (wasRunning) {
                s.running = null;
                afterStep(s);
              }
            }
            out.add(
                CancelStepsInfo.builder()
                    .stepId(id)
                    .status(
                        ok ? CancelStepsRequestStatus.SUBMITTED : CancelStepsRequestStatus.FAILED)
                    .build());
          }
          return CancelStepsResponse.builder().cancelStepsInfoList(out).build();
        });
  }

  // ---- lifecycle ----

  private void bootstrap(Sim s, ClusterPlan plan) {
    if (s.state != ClusterState.STARTING) {
      return;
    }
    setState(s, ClusterState.BOOTSTRAPPING, null, null);
    later(
        plan.bootstrapping(),
        () -> {
          if (s.state != ClusterState.BOOTSTRAPPING) {
            return;
          }
          if (plan.bootstrapFailureMessage() != null) {
            s.steps.values().forEach(st -> st.state = StepState.CANCELLED);
            setState(
                s,
                ClusterState.TERMINATING,
                ClusterStateChangeReasonCode.BOOTSTRAP_FAILURE,
                plan.bootstrapFailureMessage());
            later(
                Duration.ofMinutes(1),
                () ->
                    setState(
                        s,
                        ClusterState.TERMINATED_WITH_ERRORS,
                        ClusterStateChangeReasonCode.BOOTSTRAP_FAILURE,
                        plan.bootstrapFailureMessage()));
            return;
          }
          s.ready = time.now();
          setState(s, ClusterState.WAITING, null, "Cluster ready to run steps.");
          startNextStep(s);
        });
  }

  private SimStep addStep(Sim s, StepConfig c) {
    SimStep st = new SimStep(String.format("s-%012d", nextStep++), c);
    s.steps.put(st.id, st);
    return st;
  }

  private void startNextStep(Sim s) {
    if (s.running != null
        || !(s.state == ClusterState.WAITING || s.state == ClusterState.RUNNING)) {
      return;
    }
    SimStep next =
        s.steps.values().stream()
            .filter(st -> st.state == StepState.PENDING)
            .findFirst()
            .orElse(null);
    if (next == null) {
      if (!s.keepAlive) {
        terminate(s, ClusterStateChangeReasonCode.ALL_STEPS_COMPLETED, "Steps completed");
      } else if (s.state != ClusterState.WAITING) {
        setState(s, ClusterState.WAITING, null, "Cluster ready to run steps.");
      }
      return;
    }
    StepPlan plan = stepPlans.apply(next.config);
    next.state = StepState.RUNNING;
    s.running = next;
    if (s.state != ClusterState.RUNNING) {
      setState(s, ClusterState.RUNNING, null, "Running step");
    }
    later(
        plan.runs(),
        () -> {
          if (next.state != StepState.RUNNING) {
            return;
          }
          s.running = null;
          if (plan.failureMessage() == null) {
            next.state = StepState.COMPLETED;
            afterStep(s);
            return;
          }
          next.state = StepState.FAILED;
          next.failure =
              FailureDetails.builder()
                  .reason("Unknown Error.")
                  .message(plan.failureMessage())
                  .logFile(
                      (s.logUri == null ? "s3://aws-logs/" : s.logUri)
                          + s.id
                          + "/steps/"
                          + next.id
                          + "/stderr.gz")
                  .build();
          String action = next.config.actionOnFailureAsString();
          if ("TERMINATE_CLUSTER".equals(action) || "TERMINATE_JOB_FLOW".equals(action)) {
            s.steps.values().stream()
                .filter(st -> st.state == StepState.PENDING)
                .forEach(st -> st.state = StepState.CANCELLED);
            terminate(s, ClusterStateChangeReasonCode.STEP_FAILURE, "Shut down as step failed");
            return;
          }
          if ("CANCEL_AND_WAIT".equals(action)) {
            s.steps.values().stream()
                .filter(st -> st.state == StepState.PENDING)
                .forEach(st -> st.state = StepState.CANCELLED);
          }
          afterStep(s);
        });
  }

  private void afterStep(Sim s) {
    startNextStep(s);
  }

  private void terminate(Sim s, ClusterStateChangeReasonCode code, String message) {
    if (s.state == ClusterState.TERMINATING
        || s.state == ClusterState.TERMINATED
        || s.state == ClusterState.TERMINATED_WITH_ERRORS) {
      return;
    }
    s.steps.values().stream()
        .filter(st -> st.state == StepState.PENDING)
        .forEach(st -> st.state = StepState.CANCELLED);
    if (s.running != null) {
      s.running.state = StepState.CANCELLED;
      s.running = null;
    }
    setState(s, ClusterState.TERMINATING, code, message);
    ClusterState end =
        code == ClusterStateChangeReasonCode.STEP_FAILURE
            ? ClusterState.TERMINATED_WITH_ERRORS
            : ClusterState.TERMINATED;
    later(Duration.ofMinutes(1), () -> setState(s, end, code, message));
  }

  private void setState(Sim s, ClusterState state, ClusterStateChangeReasonCode code, String msg) {
    s.state = state;
    s.reasonCode = code;
    s.reasonMessage = msg;
    s.changedAt = time.now();
    if (state == ClusterState.TERMINATED || state == ClusterState.TERMINATED_WITH_ERRORS) {
      s.ended = time.now();
    }
    for (StateListener l : stateListeners) {
      l.changed(s.id, state, s.changedAt);
    }
  }

  private void later(Duration d, Runnable r) {
    time.schedule(
        () -> {
          synchronized (this) {
            r.run();
          }
        },
        d.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  // ---- plumbing ----

  private <T> CompletableFuture<T> call(String operation, Supplier<T> action) {
    CompletableFuture<T> out = new CompletableFuture<>();
    Fault fault;
    synchronized (this) {
      calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
      log.add(operation);
      List<Fault> next = scripted.get(operation);
      fault = next != null && !next.isEmpty() ? next.remove(0) : null;
      if (fault == null && throttleProbability > 0 && random.nextDouble() < throttleProbability) {
        fault = Fault.THROTTLE;
      }
    }
    Fault f = fault;
    time.schedule(
        () -> {
          T result = null;
          RuntimeException error = null;
          if (f == Fault.THROTTLE) {
            error = throttling();
          } else if (f == Fault.SERVER_ERROR) {
            error = serverError();
          } else {
            try {
              synchronized (this) {
                result = action.get();
              }
            } catch (RuntimeException e) {
              error = e;
            }
            if (f == Fault.RESPONSE_LOST && error == null) {
              error = SdkClientException.create("Unable to execute HTTP request: Read timed out");
            }
          }
          if (error != null) {
            out.completeExceptionally(error);
          } else {
            out.complete(result);
          }
        },
        latency.toNanos(),
        TimeUnit.NANOSECONDS);
    return out;
  }

  public static EmrException throttling() {
    return (EmrException)
        EmrException.builder()
            .statusCode(400)
            .message("Rate exceeded")
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("ThrottlingException")
                    .errorMessage("Rate exceeded")
                    .build())
            .build();
  }

  public static EmrException serverError() {
    return (EmrException)
        EmrException.builder()
            .statusCode(500)
            .message("Internal failure")
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode("InternalFailure").errorMessage("boom").build())
            .build();
  }

  private static InvalidRequestException invalid(String message) {
    return (InvalidRequestException)
        InvalidRequestException.builder()
            .statusCode(400)
            .message(message)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("InvalidRequestException")
                    .errorMessage(message)
                    .build())
            .build();
  }

  private Sim sim(String id) {
    Sim s = clusters.get(id);
    if (s == null) {
      throw invalid("Cluster id '" + id + "' is not valid.");
    }
    return s;
  }

  private String newClusterId() {
    return String.format("j-%013d", nextId++);
  }

  private static ClusterStatus status(Sim s) {
    ClusterStatus.Builder b =
        ClusterStatus.builder()
            .state(s.state)
            .timeline(
                ClusterTimeline.builder()
                    .creationDateTime(s.created)
                    .readyDateTime(s.ready)
                    .endDateTime(s.ended)
                    .build());
    if (s.reasonCode != null || s.reasonMessage != null) {
      b.stateChangeReason(
          ClusterStateChangeReason.builder().code(s.reasonCode).message(s.reasonMessage).build());
    }
    return b.build();
  }

  private static StepStatus stepStatus(SimStep st) {
    return StepStatus.builder().state(st.state).failureDetails(st.failure).build();
  }

  private static final class Sim {
    final String id;
    final String name;
    final Instant created;
    final Map<String, String> tags = new LinkedHashMap<>();
    final Map<String, SimStep> steps = new LinkedHashMap<>();
    RunJobFlowRequest request;
    String logUri;
    boolean keepAlive;
    boolean terminationProtected;
    ClusterState state = ClusterState.STARTING;
    ClusterStateChangeReasonCode reasonCode;
    String reasonMessage;
    Instant ready;
    Instant ended;
    Instant changedAt;
    SimStep running;

    Sim(String id, String name, Instant created) {
      this.id = id;
      this.name = name;
      this.created = created;
      this.changedAt = created;
    }
  }

  private static final class SimStep {
    final String id;
    final StepConfig config;
    StepState state = StepState.PENDING;
    FailureDetails failure;

    SimStep(String id, StepConfig config) {
      this.id = id;
      this.config = config;
    }
  }
}
