package io.emrlaunch.testkit.emr;

import static io.emrlaunch.testkit.emr.EmrErrors.invalidRequest;
import static io.emrlaunch.testkit.emr.EmrErrors.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.testkit.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.AddJobFlowStepsRequest;
import software.amazon.awssdk.services.emr.model.AddJobFlowStepsResponse;
import software.amazon.awssdk.services.emr.model.AddTagsRequest;
import software.amazon.awssdk.services.emr.model.AddTagsResponse;
import software.amazon.awssdk.services.emr.model.BootstrapActionConfig;
import software.amazon.awssdk.services.emr.model.CancelStepsInfo;
import software.amazon.awssdk.services.emr.model.CancelStepsRequest;
import software.amazon.awssdk.services.emr.model.CancelStepsRequestStatus;
import software.amazon.awssdk.services.emr.model.CancelStepsResponse;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.Command;
import software.amazon.awssdk.services.emr.model.CreateSecurityConfigurationRequest;
import software.amazon.awssdk.services.emr.model.CreateSecurityConfigurationResponse;
import software.amazon.awssdk.services.emr.model.DeleteSecurityConfigurationRequest;
import software.amazon.awssdk.services.emr.model.DeleteSecurityConfigurationResponse;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.model.DescribeSecurityConfigurationRequest;
import software.amazon.awssdk.services.emr.model.DescribeSecurityConfigurationResponse;
import software.amazon.awssdk.services.emr.model.DescribeStepRequest;
import software.amazon.awssdk.services.emr.model.DescribeStepResponse;
import software.amazon.awssdk.services.emr.model.FailureDetails;
import software.amazon.awssdk.services.emr.model.InstanceFleetConfig;
import software.amazon.awssdk.services.emr.model.InstanceFleetModifyConfig;
import software.amazon.awssdk.services.emr.model.InstanceFleetState;
import software.amazon.awssdk.services.emr.model.InstanceFleetType;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceGroupModifyConfig;
import software.amazon.awssdk.services.emr.model.InstanceGroupState;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.ListBootstrapActionsRequest;
import software.amazon.awssdk.services.emr.model.ListBootstrapActionsResponse;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;
import software.amazon.awssdk.services.emr.model.ListInstanceFleetsRequest;
import software.amazon.awssdk.services.emr.model.ListInstanceFleetsResponse;
import software.amazon.awssdk.services.emr.model.ListInstanceGroupsRequest;
import software.amazon.awssdk.services.emr.model.ListInstanceGroupsResponse;
import software.amazon.awssdk.services.emr.model.ListSecurityConfigurationsRequest;
import software.amazon.awssdk.services.emr.model.ListSecurityConfigurationsResponse;
import software.amazon.awssdk.services.emr.model.ListStepsRequest;
import software.amazon.awssdk.services.emr.model.ListStepsResponse;
import software.amazon.awssdk.services.emr.model.ModifyClusterRequest;
import software.amazon.awssdk.services.emr.model.ModifyClusterResponse;
import software.amazon.awssdk.services.emr.model.ModifyInstanceFleetRequest;
import software.amazon.awssdk.services.emr.model.ModifyInstanceFleetResponse;
import software.amazon.awssdk.services.emr.model.ModifyInstanceGroupsRequest;
import software.amazon.awssdk.services.emr.model.ModifyInstanceGroupsResponse;
import software.amazon.awssdk.services.emr.model.RemoveTagsRequest;
import software.amazon.awssdk.services.emr.model.RemoveTagsResponse;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.RunJobFlowResponse;
import software.amazon.awssdk.services.emr.model.ScriptBootstrapActionConfig;
import software.amazon.awssdk.services.emr.model.SecurityConfigurationSummary;
import software.amazon.awssdk.services.emr.model.SetTerminationProtectionRequest;
import software.amazon.awssdk.services.emr.model.SetTerminationProtectionResponse;
import software.amazon.awssdk.services.emr.model.SetVisibleToAllUsersRequest;
import software.amazon.awssdk.services.emr.model.SetVisibleToAllUsersResponse;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.emr.model.Tag;
import software.amazon.awssdk.services.emr.model.TerminateJobFlowsRequest;
import software.amazon.awssdk.services.emr.model.TerminateJobFlowsResponse;

/**
 * An in-memory Amazon EMR whose clusters and steps live in virtual time.
 *
 * <p>Its public methods mirror {@link software.amazon.awssdk.services.emr.EmrClient}'s operations
 * (one SDK request in, the SDK response out, EMR's modelled errors thrown); use it through {@code
 * FakeAws.emr()} / {@code emrAsync()}, which add the call log, faults and latency. Clusters go
 * STARTING → BOOTSTRAPPING → RUNNING/WAITING → TERMINATING → TERMINATED (or TERMINATED_WITH_ERRORS
 * with EMR's state-change reason); steps go PENDING → RUNNING → COMPLETED/FAILED, or CANCEL_PENDING
 * → CANCELLED. Durations and failures come from the {@link EmrBehavior}, drawn from a seeded
 * random: the same calls give the same ids, timings and outcomes.
 *
 * <p>Every transition is one task on the virtual scheduler; no thread per cluster. DescribeCluster
 * and DescribeStep are O(1); ListClusters pages of 50, newest first, as EMR does.
 *
 * <p>Semantics worth knowing: a step without ActionOnFailure defaults to TERMINATE_CLUSTER; with
 * termination protection on, TERMINATE_CLUSTER on failure acts as CANCEL_AND_WAIT and
 * TerminateJobFlows is refused; with KeepJobFlowAliveWhenNoSteps false the cluster terminates when
 * no step is pending or running (also when it had no steps at all), whatever the termination
 * protection.
 */
public final class FakeEmr {
  /** Page size of ListClusters, ListSteps and ListSecurityConfigurations, as in EMR. */
  public static final int PAGE_SIZE = 50;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final VirtualTime time;
  private volatile EmrBehavior behavior;
  private final Region region;
  private final String accountId;
  private final EmrIds ids;
  private final Random random;
  private final Map<String, ClusterRecord> clusters = new HashMap<>();
  private final List<ClusterRecord> byCreation = new ArrayList<>();
  private final Map<String, SecurityConfig> securityConfigurations = new LinkedHashMap<>();
  private final List<ClusterStateListener> stateListeners = new CopyOnWriteArrayList<>();
  private final List<java.util.function.Consumer<EmrServiceEvent>> eventListeners =
      new CopyOnWriteArrayList<>();
  private volatile LogSink logSink;

  private FakeEmr(Builder b) {
    this.time = Objects.requireNonNull(b.time, "time");
    this.behavior = b.behavior;
    this.region = b.region;
    this.accountId = b.accountId;
    this.ids = new EmrIds(b.seed);
    this.random = new Random(b.seed ^ 0x5DEECE66DL);
  }

  /** A builder; {@link Builder#time(VirtualTime)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The behaviour this fake follows. */
  public EmrBehavior behavior() {
    return behavior;
  }

  /**
   * Replaces the behaviour, e.g. to script a test's clusters when the fake came from the JUnit
   * extension. Applies to durations and outcomes drawn from now on; phases already scheduled keep
   * their timing.
   */
  public void setBehavior(EmrBehavior behavior) {
    this.behavior = Objects.requireNonNull(behavior, "behavior");
  }

  /**
   * Tells {@code listener} about every cluster state change from now on (including a new cluster's
   * STARTING), at the virtual instant it happens, on the thread driving virtual time. Lets a
   * benchmark or test measure how long a watcher takes to notice a change, without polling the fake
   * (which would add calls to the {@code CallLog}).
   */
  public void onClusterStateChange(ClusterStateListener listener) {
    stateListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Tells {@code listener} about every event EMR would send to Amazon EventBridge from now on ("EMR
   * Cluster State Change" and "EMR Step Status Change", with EMR's detail fields), at the virtual
   * instant of the change, while the fake holds its lock (keep it short; do not call the fake
   * back). {@code FakeAws} connects its in-memory EventBridge here.
   *
   * @param listener the listener
   */
  public void onServiceEvent(java.util.function.Consumer<EmrServiceEvent> listener) {
    eventListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Where the logs of scripted failures ({@link StepFailure#withStepLog}, {@link
   * ClusterFailure#withLog}) go when a cluster with a LogUri fails; {@code FakeAws} connects its
   * in-memory S3. Without a sink (or without a LogUri) no log is written.
   *
   * @param sink the sink, or null for none
   */
  public void setLogSink(LogSink sink) {
    this.logSink = sink;
  }

  private void writeLogs(ClusterRecord c, String folder, java.util.Map<String, String> logs) {
    LogSink sink = logSink;
    if (sink == null || c.request.logUri() == null || logs.isEmpty()) {
      return;
    }
    String base = stripSlash(c.request.logUri()) + "/" + c.id + "/" + folder;
    for (java.util.Map.Entry<String, String> e : logs.entrySet()) {
      sink.write(base + e.getKey() + ".gz", gzip(e.getValue()));
    }
  }

  private static byte[] gzip(String text) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void setState(ClusterRecord c, ClusterState state) {
    if (c.state == state) {
      return;
    }
    c.state = state;
    c.idleSince = null;
    if (state == ClusterState.WAITING) {
      armIdleTimeout(c);
    }
    notifyState(c);
  }

  /**
   * EMR's AutoTerminationPolicy: a cluster that stays WAITING with no active step for {@code
   * IdleTimeout} seconds terminates (reason ALL_STEPS_COMPLETED, as EMR reports an idle
   * termination). Leaving WAITING, or a step arriving, disarms it.
   */
  private void armIdleTimeout(ClusterRecord c) {
    if (c.request.autoTerminationPolicy() == null
        || c.request.autoTerminationPolicy().idleTimeout() == null) {
      return;
    }
    Instant since = time.now();
    c.idleSince = since;
    long seconds = c.request.autoTerminationPolicy().idleTimeout();
    schedule(c, Duration.ofSeconds(seconds), () -> idleTimeoutReached(c, since));
  }

  private synchronized void idleTimeoutReached(ClusterRecord c, Instant since) {
    if (c.state != ClusterState.WAITING || !since.equals(c.idleSince)) {
      return;
    }
    if (c.steps.stream().anyMatch(StepRecord::isActive)) {
      return; // a step is pending: it will make the cluster RUNNING, then WAITING re-arms
    }
    beginTermination(
        c,
        ClusterStateChangeReasonCode.ALL_STEPS_COMPLETED,
        "Cluster was terminated by its auto-termination policy after being idle",
        false);
  }

  private void notifyState(ClusterRecord c) {
    Instant now = time.now();
    for (ClusterStateListener l : stateListeners) {
      l.stateChanged(c.id, c.name(), c.state, now);
    }
    if (!eventListeners.isEmpty()) {
      EmrServiceEvent e = EmrServiceEvent.clusterStateChange(c, now);
      eventListeners.forEach(l -> l.accept(e));
    }
  }

  /** Publishes a step's new state as EMR's "EMR Step Status Change" event. */
  private void stepChanged(ClusterRecord c, StepRecord s) {
    if (!eventListeners.isEmpty()) {
      EmrServiceEvent e = EmrServiceEvent.stepStatusChange(c, s, time.now());
      eventListeners.forEach(l -> l.accept(e));
    }
  }

  /** Number of clusters ever created (all states). */
  public synchronized int clusterCount() {
    return byCreation.size();
  }

  // ------------------------------------------------------------------ clusters

  /** RunJobFlow: validates like EMR, then creates a STARTING cluster. */
  public synchronized RunJobFlowResponse runJobFlow(RunJobFlowRequest request) {
    RunJobFlowValidator.validate(request, securityConfigurations.keySet());
    Instant now = time.now();
    String id = ids.next("j-");
    String arn = "arn:aws:elasticmapreduce:" + region.id() + ":" + accountId + ":cluster/" + id;
    ClusterFailure failure = behavior.clusterFailure(request.name(), random);
    String az = region.id() + (char) ('a' + random.nextInt(3));
    ClusterRecord c = new ClusterRecord(id, arn, request, now, failure, az);
    createInstances(c, request.instances(), now);
    for (StepConfig step : request.steps()) {
      c.addStep(newStep(step, c.stepConcurrency, now));
    }
    clusters.put(id, c);
    byCreation.add(c);
    notifyState(c);
    c.steps.forEach(s -> stepChanged(c, s));
    Duration starting = behavior.startingTime(c.name()).sample(random);
    schedule(c, starting, () -> afterStarting(c));
    return RunJobFlowResponse.builder().jobFlowId(id).clusterArn(arn).build();
  }

  private void createInstances(ClusterRecord c, JobFlowInstancesConfig instances, Instant now) {
    if (instances.hasInstanceFleets() && !instances.instanceFleets().isEmpty()) {
      for (InstanceFleetConfig fleet : instances.instanceFleets()) {
        c.fleets.add(new InstanceFleetRecord(ids.next("if-"), fleet, now));
      }
      return;
    }
    List<InstanceGroupConfig> groups = new ArrayList<>();
    if (instances.hasInstanceGroups() && !instances.instanceGroups().isEmpty()) {
      groups.addAll(instances.instanceGroups());
    } else {
      groups.add(
          InstanceGroupConfig.builder()
              .name("MASTER")
              .instanceRole(InstanceRoleType.MASTER)
              .instanceType(instances.masterInstanceType())
              .instanceCount(1)
              .build());
      if (instances.instanceCount() > 1) {
        groups.add(
            InstanceGroupConfig.builder()
                .name("CORE")
                .instanceRole(InstanceRoleType.CORE)
                .instanceType(instances.slaveInstanceType())
                .instanceCount(instances.instanceCount() - 1)
                .build());
      }
    }
    for (InstanceGroupConfig group : groups) {
      c.groups.add(new InstanceGroupRecord(ids.next("ig-"), group, now));
    }
  }

  private synchronized void afterStarting(ClusterRecord c) {
    if (c.state != ClusterState.STARTING) {
      return;
    }
    if (c.failure != null && c.failure.stage() == ClusterFailure.Stage.STARTING) {
      writeLogs(c, "", c.failure.logs());
      beginTermination(c, c.failure.code(), c.failure.message(), true);
      return;
    }
    setState(c, ClusterState.BOOTSTRAPPING);
    c.masterDns = "ip-10-0-" + random.nextInt(256) + "-" + random.nextInt(256) + ".ec2.internal";
    setInstances(c, InstanceGroupState.BOOTSTRAPPING, InstanceFleetState.BOOTSTRAPPING);
    Duration bootstrapping = behavior.bootstrappingTime(c.name()).sample(random);
    schedule(c, bootstrapping, () -> afterBootstrapping(c));
  }

  private synchronized void afterBootstrapping(ClusterRecord c) {
    if (c.state != ClusterState.BOOTSTRAPPING) {
      return;
    }
    if (c.failure != null) {
      writeLogs(c, "", c.failure.logs());
      beginTermination(c, c.failure.code(), c.failure.message(), true);
      return;
    }
    Instant now = time.now();
    c.ready = now;
    for (InstanceGroupRecord g : c.groups) {
      g.state = InstanceGroupState.RUNNING;
      g.running = g.requested;
      g.ready = now;
    }
    for (InstanceFleetRecord f : c.fleets) {
      f.state = InstanceFleetState.RUNNING;
      f.provisionedOnDemand = f.targetOnDemand;
      f.provisionedSpot = f.targetSpot;
      f.ready = now;
    }
    setState(c, ClusterState.WAITING);
    dispatchSteps(c);
  }

  private void setInstances(ClusterRecord c, InstanceGroupState g, InstanceFleetState f) {
    c.groups.forEach(group -> group.state = g);
    c.fleets.forEach(fleet -> fleet.state = f);
  }

  /**
   * Starts pending steps up to the concurrency level; settles RUNNING, WAITING or auto-termination.
   */
  private void dispatchSteps(ClusterRecord c) {
    if (!c.isReady()) {
      return;
    }
    int running = 0;
    for (StepRecord s : c.steps) {
      if (s.state == StepState.RUNNING
          || (s.state == StepState.CANCEL_PENDING && s.started != null)) {
        running++;
      }
    }
    for (StepRecord s : c.steps) {
      if (running >= c.stepConcurrency) {
        break;
      }
      if (s.state == StepState.PENDING) {
        startStep(c, s);
        running++;
      }
    }
    if (running > 0) {
      // The reason first: a state change is published with the reason it has at that moment.
      c.reasonCode = null;
      c.reasonMessage = "Running step";
      setState(c, ClusterState.RUNNING);
      return;
    }
    if (c.steps.stream().anyMatch(StepRecord::isActive)) {
      return; // only CANCEL_PENDING steps that never started: wait for them to settle
    }
    if (c.keepAlive) {
      c.reasonCode = null;
      c.reasonMessage =
          c.steps.isEmpty()
              ? "Cluster ready to run steps."
              : "Cluster ready after last step completed.";
      setState(c, ClusterState.WAITING);
    } else {
      beginTermination(
          c,
          ClusterStateChangeReasonCode.ALL_STEPS_COMPLETED,
          c.anyStepFailed ? "Steps completed with errors" : "Steps completed",
          false);
    }
  }

  private void startStep(ClusterRecord c, StepRecord s) {
    s.state = StepState.RUNNING;
    s.started = time.now();
    stepChanged(c, s);
    Duration runTime = behavior.stepRunTime(s.name).sample(random);
    StepFailure failure = behavior.stepFailure(s.name, random);
    s.task = schedule(c, runTime, () -> finishStep(c, s, failure));
  }

  private synchronized void finishStep(ClusterRecord c, StepRecord s, StepFailure failure) {
    if (s.state != StepState.RUNNING) {
      return;
    }
    s.task = null;
    Instant now = time.now();
    if (failure == null) {
      s.state = StepState.COMPLETED;
      s.ended = now;
      stepChanged(c, s);
      dispatchSteps(c);
      return;
    }
    s.state = StepState.FAILED;
    s.ended = now;
    c.anyStepFailed = true;
    String logFile =
        failure
            .logFile()
            .orElse(
                c.request.logUri() == null
                    ? null
                    : stripSlash(c.request.logUri())
                        + "/"
                        + c.id
                        + "/steps/"
                        + s.id
                        + "/stderr.gz");
    s.failure =
        FailureDetails.builder()
            .reason(failure.reason())
            .message(failure.message())
            .logFile(logFile)
            .build();
    stepChanged(c, s);
    writeLogs(c, "steps/" + s.id + "/", failure.stepLogs());
    writeLogs(c, "", failure.clusterLogs());
    // EMR: once StepConcurrencyLevel is above 1, CANCEL_AND_WAIT cancels nothing and
    // TERMINATE_CLUSTER does
    // not terminate (a step can carry them if the level was raised after it was added)
    ActionOnFailure action = c.stepConcurrency > 1 ? ActionOnFailure.CONTINUE : s.actionOnFailure;
    boolean terminate =
        action == ActionOnFailure.TERMINATE_CLUSTER || action == ActionOnFailure.TERMINATE_JOB_FLOW;
    if (terminate && !c.terminationProtected) {
      beginTermination(
          c, ClusterStateChangeReasonCode.STEP_FAILURE, "Shut down as step failed", true);
      return;
    }
    if (terminate || action == ActionOnFailure.CANCEL_AND_WAIT) {
      for (StepRecord other : c.steps) {
        if (other.state == StepState.PENDING) {
          other.stateMessage = "Cancelled because step " + s.id + " failed";
          other.end(StepState.CANCELLED, now);
          stepChanged(c, other);
        }
      }
    }
    dispatchSteps(c);
  }

  private static String stripSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  private void beginTermination(
      ClusterRecord c, ClusterStateChangeReasonCode code, String message, boolean withErrors) {
    if (c.isShuttingDown()) {
      return;
    }
    c.cancelTasks();
    Instant now = time.now();
    c.reasonCode = code;
    c.reasonMessage = message;
    setState(c, ClusterState.TERMINATING);
    for (StepRecord s : c.steps) {
      if (s.isActive()) {
        s.end(StepState.CANCELLED, now);
        stepChanged(c, s);
      }
    }
    for (InstanceGroupRecord g : c.groups) {
      cancel(g.resize);
      g.state = InstanceGroupState.TERMINATING;
    }
    for (InstanceFleetRecord f : c.fleets) {
      cancel(f.resize);
      f.state = InstanceFleetState.TERMINATING;
    }
    Duration terminating = behavior.terminatingTime().sample(random);
    schedule(c, terminating, () -> finishTermination(c, withErrors));
  }

  private synchronized void finishTermination(ClusterRecord c, boolean withErrors) {
    Instant now = time.now();
    setState(c, withErrors ? ClusterState.TERMINATED_WITH_ERRORS : ClusterState.TERMINATED);
    c.ended = now;
    for (InstanceGroupRecord g : c.groups) {
      g.state = InstanceGroupState.ENDED;
      g.ended = now;
    }
    for (InstanceFleetRecord f : c.fleets) {
      f.state = InstanceFleetState.TERMINATED;
      f.ended = now;
    }
  }

  private static void cancel(ScheduledFuture<?> task) {
    if (task != null) {
      task.cancel(false);
    }
  }

  private ScheduledFuture<?> schedule(ClusterRecord c, Duration delay, Runnable action) {
    ScheduledFuture<?> task =
        time.scheduler().schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    c.track(task);
    return task;
  }

  private ClusterRecord cluster(String id) {
    ClusterRecord c = id == null ? null : clusters.get(id);
    if (c == null) {
      throw invalidRequest("Cluster id '" + id + "' is not valid.");
    }
    return c;
  }

  /** DescribeCluster. */
  public synchronized DescribeClusterResponse describeCluster(DescribeClusterRequest request) {
    return DescribeClusterResponse.builder()
        .cluster(cluster(request.clusterId()).toCluster(time.now()))
        .build();
  }

  /** ListClusters: newest first, 50 per page, filtered by state and creation time. */
  public synchronized ListClustersResponse listClusters(ListClustersRequest request) {
    int start = byCreation.size() - 1;
    if (request.marker() != null) {
      start = parseMarker(request.marker(), byCreation.size());
    }
    Set<ClusterState> states =
        request.hasClusterStates() && !request.clusterStates().isEmpty()
            ? new HashSet<>(request.clusterStates())
            : null;
    List<ClusterSummary> page = new ArrayList<>();
    Instant now = time.now();
    int i = start;
    for (; i >= 0 && page.size() < PAGE_SIZE; i--) {
      ClusterRecord c = byCreation.get(i);
      if (states != null && !states.contains(c.state)) {
        continue;
      }
      if (request.createdAfter() != null && c.created.isBefore(request.createdAfter())) {
        continue;
      }
      if (request.createdBefore() != null && c.created.isAfter(request.createdBefore())) {
        continue;
      }
      page.add(c.toSummary(now));
    }
    String marker = page.size() == PAGE_SIZE && i >= 0 ? Integer.toString(i) : null;
    return ListClustersResponse.builder().clusters(page).marker(marker).build();
  }

  private static int parseMarker(String marker, int limit) {
    try {
      int value = Integer.parseInt(marker);
      if (value >= 0 && value < limit) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through to the error
    }
    throw invalidRequest("Marker '" + marker + "' is not valid.");
  }

  /** TerminateJobFlows: refused as a whole if any cluster is termination protected. */
  public synchronized TerminateJobFlowsResponse terminateJobFlows(
      TerminateJobFlowsRequest request) {
    List<ClusterRecord> targets = new ArrayList<>();
    for (String id : request.jobFlowIds()) {
      targets.add(cluster(id));
    }
    for (ClusterRecord c : targets) {
      if (c.terminationProtected && !c.isShuttingDown()) {
        throw validation(
            "Could not shut down one or more job flows since they are termination protected.");
      }
    }
    for (ClusterRecord c : targets) {
      beginTermination(
          c, ClusterStateChangeReasonCode.USER_REQUEST, "Terminated by user request", false);
    }
    return TerminateJobFlowsResponse.builder().build();
  }

  /** SetTerminationProtection. */
  public synchronized SetTerminationProtectionResponse setTerminationProtection(
      SetTerminationProtectionRequest request) {
    List<ClusterRecord> targets = new ArrayList<>();
    for (String id : request.jobFlowIds()) {
      targets.add(cluster(id));
    }
    for (ClusterRecord c : targets) {
      if (c.isShuttingDown()) {
        throw validation(
            "A job flow that is shutting down, terminated, or finished may not be modified.");
      }
    }
    targets.forEach(
        c -> c.terminationProtected = Boolean.TRUE.equals(request.terminationProtected()));
    return SetTerminationProtectionResponse.builder().build();
  }

  /** SetVisibleToAllUsers. */
  public synchronized SetVisibleToAllUsersResponse setVisibleToAllUsers(
      SetVisibleToAllUsersRequest request) {
    for (String id : request.jobFlowIds()) {
      cluster(id).visibleToAllUsers = Boolean.TRUE.equals(request.visibleToAllUsers());
    }
    return SetVisibleToAllUsersResponse.builder().build();
  }

  /** ModifyCluster: changes the step concurrency level; more pending steps may start at once. */
  public synchronized ModifyClusterResponse modifyCluster(ModifyClusterRequest request) {
    ClusterRecord c = cluster(request.clusterId());
    Integer level = request.stepConcurrencyLevel();
    if (level != null) {
      if (c.isShuttingDown()) {
        throw validation(
            "A job flow that is shutting down, terminated, or finished may not be modified.");
      }
      if (level < 1 || level > 256) {
        throw validation("StepConcurrencyLevel must be between 1 and 256.");
      }
      c.stepConcurrency = level;
      dispatchSteps(c);
    }
    return ModifyClusterResponse.builder().stepConcurrencyLevel(c.stepConcurrency).build();
  }

  // ------------------------------------------------------------------ tags

  /** AddTags (resource id = cluster id). */
  public synchronized AddTagsResponse addTags(AddTagsRequest request) {
    ClusterRecord c = cluster(request.resourceId());
    for (Tag tag : request.tags()) {
      if (tag.key() == null || tag.key().isEmpty()) {
        throw invalidRequest("Tag keys must not be empty.");
      }
    }
    request.tags().forEach(t -> c.tags.put(t.key(), t.value() == null ? "" : t.value()));
    return AddTagsResponse.builder().build();
  }

  /** RemoveTags. */
  public synchronized RemoveTagsResponse removeTags(RemoveTagsRequest request) {
    ClusterRecord c = cluster(request.resourceId());
    request.tagKeys().forEach(c.tags::remove);
    return RemoveTagsResponse.builder().build();
  }

  // ------------------------------------------------------------------ steps

  private StepRecord newStep(StepConfig step, int concurrency, Instant now) {
    ActionOnFailure action = step.actionOnFailure();
    if (action == null) {
      action = concurrency > 1 ? ActionOnFailure.CONTINUE : ActionOnFailure.TERMINATE_CLUSTER;
    }
    return new StepRecord(ids.next("s-"), step.name(), step.hadoopJarStep(), action, null, now);
  }

  /** AddJobFlowSteps: steps start once the cluster is ready, after the behaviour's start delay. */
  public synchronized AddJobFlowStepsResponse addJobFlowSteps(AddJobFlowStepsRequest request) {
    ClusterRecord c = cluster(request.jobFlowId());
    if (c.isShuttingDown()) {
      throw validation(
          "A job flow that is shutting down, terminated, or finished may not be modified.");
    }
    RunJobFlowValidator.validateSteps(request.steps(), c.stepConcurrency);
    long active = c.steps.stream().filter(StepRecord::isActive).count();
    if (active + request.steps().size() > 256) {
      throw validation("Maximum number of active steps (256) for cluster exceeded.");
    }
    Instant now = time.now();
    List<String> stepIds = new ArrayList<>();
    for (StepConfig config : request.steps()) {
      StepRecord s = newStep(config, c.stepConcurrency, now);
      StepRecord withRole =
          request.executionRoleArn() == null
              ? s
              : new StepRecord(
                  s.id, s.name, s.jar, s.actionOnFailure, request.executionRoleArn(), now);
      c.addStep(withRole);
      stepChanged(c, withRole);
      stepIds.add(withRole.id);
    }
    if (c.isReady()) {
      schedule(c, behavior.stepStartDelay().sample(random), () -> dispatchLater(c));
    }
    return AddJobFlowStepsResponse.builder().stepIds(stepIds).build();
  }

  private synchronized void dispatchLater(ClusterRecord c) {
    dispatchSteps(c);
  }

  private StepRecord step(ClusterRecord c, String stepId) {
    StepRecord s = stepId == null ? null : c.stepsById.get(stepId);
    if (s == null) {
      throw invalidRequest("Step id '" + stepId + "' is not valid.");
    }
    return s;
  }

  /** DescribeStep. */
  public synchronized DescribeStepResponse describeStep(DescribeStepRequest request) {
    ClusterRecord c = cluster(request.clusterId());
    return DescribeStepResponse.builder().step(step(c, request.stepId()).toStep()).build();
  }

  /** ListSteps: newest first, 50 per page, filtered by state and id. */
  public synchronized ListStepsResponse listSteps(ListStepsRequest request) {
    ClusterRecord c = cluster(request.clusterId());
    int start = c.steps.size() - 1;
    if (request.marker() != null) {
      start = parseMarker(request.marker(), c.steps.size());
    }
    Set<StepState> states =
        request.hasStepStates() && !request.stepStates().isEmpty()
            ? new HashSet<>(request.stepStates())
            : null;
    Set<String> stepIds =
        request.hasStepIds() && !request.stepIds().isEmpty()
            ? new HashSet<>(request.stepIds())
            : null;
    List<StepSummary> page = new ArrayList<>();
    int i = start;
    for (; i >= 0 && page.size() < PAGE_SIZE; i--) {
      StepRecord s = c.steps.get(i);
      if ((states == null || states.contains(s.state))
          && (stepIds == null || stepIds.contains(s.id))) {
        page.add(s.toSummary());
      }
    }
    String marker = page.size() == PAGE_SIZE && i >= 0 ? Integer.toString(i) : null;
    return ListStepsResponse.builder().steps(page).marker(marker).build();
  }

  /** CancelSteps: pending and running steps go CANCEL_PENDING, then CANCELLED. */
  public synchronized CancelStepsResponse cancelSteps(CancelStepsRequest request) {
    ClusterRecord c = cluster(request.clusterId());
    List<CancelStepsInfo> infos = new ArrayList<>();
    for (String stepId : request.stepIds()) {
      StepRecord s = stepId == null ? null : c.stepsById.get(stepId);
      CancelStepsInfo.Builder info = CancelStepsInfo.builder().stepId(stepId);
      if (s == null) {
        infos.add(
            info.status(CancelStepsRequestStatus.FAILED)
                .reason("Step id '" + stepId + "' is not valid.")
                .build());
        continue;
      }
      if (s.state != StepState.PENDING && s.state != StepState.RUNNING) {
        infos.add(
            info.status(CancelStepsRequestStatus.FAILED)
                .reason("Step is in state " + s.state + " and cannot be cancelled.")
                .build());
        continue;
      }
      if (s.task != null) {
        s.task.cancel(false);
        s.task = null;
      }
      s.state = StepState.CANCEL_PENDING;
      s.stateMessage = "Cancelled by user request";
      stepChanged(c, s);
      schedule(c, behavior.stepCancelTime().sample(random), () -> finishCancel(c, s));
      infos.add(info.status(CancelStepsRequestStatus.SUBMITTED).build());
    }
    return CancelStepsResponse.builder().cancelStepsInfoList(infos).build();
  }

  private synchronized void finishCancel(ClusterRecord c, StepRecord s) {
    if (s.state != StepState.CANCEL_PENDING) {
      return;
    }
    s.end(StepState.CANCELLED, time.now());
    stepChanged(c, s);
    dispatchSteps(c);
  }

  // ------------------------------------------------------------------ security configurations

  /** CreateSecurityConfiguration: the configuration must be a JSON object; names are unique. */
  public synchronized CreateSecurityConfigurationResponse createSecurityConfiguration(
      CreateSecurityConfigurationRequest request) {
    String name = request.name();
    if (name == null || name.isBlank()) {
      throw invalidRequest("Name is required.");
    }
    if (securityConfigurations.containsKey(name)) {
      throw invalidRequest("SecurityConfiguration with name '" + name + "' already exists.");
    }
    try {
      JsonNode node =
          JSON.readTree(
              request.securityConfiguration() == null ? "" : request.securityConfiguration());
      if (node == null || !node.isObject()) {
        throw invalidRequest("The security configuration is not a JSON object.");
      }
    } catch (JsonProcessingException e) {
      throw invalidRequest(
          "The security configuration is not valid JSON: " + e.getOriginalMessage());
    }
    Instant now = time.now();
    securityConfigurations.put(name, new SecurityConfig(request.securityConfiguration(), now));
    return CreateSecurityConfigurationResponse.builder().name(name).creationDateTime(now).build();
  }

  /** DescribeSecurityConfiguration. */
  public synchronized DescribeSecurityConfigurationResponse describeSecurityConfiguration(
      DescribeSecurityConfigurationRequest request) {
    SecurityConfig config = securityConfiguration(request.name());
    return DescribeSecurityConfigurationResponse.builder()
        .name(request.name())
        .securityConfiguration(config.json)
        .creationDateTime(config.created)
        .build();
  }

  /** ListSecurityConfigurations: 50 per page in creation order. */
  public synchronized ListSecurityConfigurationsResponse listSecurityConfigurations(
      ListSecurityConfigurationsRequest request) {
    List<String> names = new ArrayList<>(securityConfigurations.keySet());
    int start = 0;
    if (request.marker() != null) {
      start = parseMarker(request.marker(), names.size());
    }
    List<SecurityConfigurationSummary> page = new ArrayList<>();
    int end = Math.min(names.size(), start + PAGE_SIZE);
    for (int i = start; i < end; i++) {
      String name = names.get(i);
      page.add(
          SecurityConfigurationSummary.builder()
              .name(name)
              .creationDateTime(securityConfigurations.get(name).created)
              .build());
    }
    String marker = end < names.size() ? Integer.toString(end) : null;
    return ListSecurityConfigurationsResponse.builder()
        .securityConfigurations(page)
        .marker(marker)
        .build();
  }

  /** DeleteSecurityConfiguration. */
  public synchronized DeleteSecurityConfigurationResponse deleteSecurityConfiguration(
      DeleteSecurityConfigurationRequest request) {
    securityConfiguration(request.name());
    securityConfigurations.remove(request.name());
    return DeleteSecurityConfigurationResponse.builder().build();
  }

  private SecurityConfig securityConfiguration(String name) {
    SecurityConfig config = name == null ? null : securityConfigurations.get(name);
    if (config == null) {
      throw invalidRequest("Security configuration with name '" + name + "' does not exist.");
    }
    return config;
  }

  // ------------------------------------------------------------------ instance groups and fleets

  /** ListBootstrapActions: the cluster's bootstrap actions as requested (one page). */
  public synchronized ListBootstrapActionsResponse listBootstrapActions(
      ListBootstrapActionsRequest request) {
    ClusterRecord c = cluster(request.clusterId());
    List<Command> commands = new ArrayList<>();
    for (BootstrapActionConfig action : c.request.bootstrapActions()) {
      ScriptBootstrapActionConfig script = action.scriptBootstrapAction();
      commands.add(
          Command.builder()
              .name(action.name())
              .scriptPath(script == null ? null : script.path())
              .args(script == null ? List.of() : script.args())
              .build());
    }
    return ListBootstrapActionsResponse.builder().bootstrapActions(commands).build();
  }

  /** ListInstanceGroups (one page). */
  public synchronized ListInstanceGroupsResponse listInstanceGroups(
      ListInstanceGroupsRequest request) {
    ClusterRecord c = cluster(request.clusterId());
    if (!c.fleets.isEmpty()) {
      throw invalidRequest("Instance groups are not available for a cluster with instance fleets.");
    }
    return ListInstanceGroupsResponse.builder()
        .instanceGroups(c.groups.stream().map(InstanceGroupRecord::toInstanceGroup).toList())
        .build();
  }

  /** ListInstanceFleets (one page). */
  public synchronized ListInstanceFleetsResponse listInstanceFleets(
      ListInstanceFleetsRequest request) {
    ClusterRecord c = cluster(request.clusterId());
    if (c.fleets.isEmpty()) {
      throw invalidRequest("Instance fleets are not available for a cluster with instance groups.");
    }
    return ListInstanceFleetsResponse.builder()
        .instanceFleets(c.fleets.stream().map(InstanceFleetRecord::toInstanceFleet).toList())
        .build();
  }

  /** ModifyInstanceGroups: resizes core/task groups of a ready cluster (RESIZING, then RUNNING). */
  public synchronized ModifyInstanceGroupsResponse modifyInstanceGroups(
      ModifyInstanceGroupsRequest request) {
    ClusterRecord c = cluster(request.clusterId());
    List<InstanceGroupRecord> targets = new ArrayList<>();
    for (InstanceGroupModifyConfig change : request.instanceGroups()) {
      InstanceGroupRecord g =
          c.groups.stream()
              .filter(x -> x.id.equals(change.instanceGroupId()))
              .findFirst()
              .orElseThrow(
                  () ->
                      invalidRequest(
                          "Instance group id '" + change.instanceGroupId() + "' is not valid."));
      if (c.isShuttingDown()) {
        throw validation(
            "A job flow that is shutting down, terminated, or finished may not be modified.");
      }
      if (g.role() == InstanceRoleType.MASTER && change.instanceCount() != null) {
        throw validation("The master instance group cannot be resized.");
      }
      if (change.instanceCount() != null && change.instanceCount() < 0) {
        throw validation("InstanceCount must not be negative.");
      }
      if (g.state != InstanceGroupState.RUNNING && change.instanceCount() != null) {
        throw validation(
            "Instance group " + g.id + " is in state " + g.state + " and cannot be resized.");
      }
      targets.add(g);
    }
    for (int i = 0; i < targets.size(); i++) {
      InstanceGroupRecord g = targets.get(i);
      Integer count = request.instanceGroups().get(i).instanceCount();
      if (count == null) {
        continue;
      }
      g.requested = count;
      g.state = InstanceGroupState.RESIZING;
      g.resize = schedule(c, behavior.resizeTime().sample(random), () -> finishResize(c, g));
    }
    return ModifyInstanceGroupsResponse.builder().build();
  }

  private synchronized void finishResize(ClusterRecord c, InstanceGroupRecord g) {
    if (g.state != InstanceGroupState.RESIZING) {
      return;
    }
    g.running = g.requested;
    g.state = InstanceGroupState.RUNNING;
    g.resize = null;
  }

  /**
   * ModifyInstanceFleet: changes target capacities of a core/task fleet (RESIZING, then RUNNING).
   */
  public synchronized ModifyInstanceFleetResponse modifyInstanceFleet(
      ModifyInstanceFleetRequest request) {
    ClusterRecord c = cluster(request.clusterId());
    InstanceFleetModifyConfig change = request.instanceFleet();
    if (change == null) {
      throw validation("InstanceFleet is required.");
    }
    InstanceFleetRecord f =
        c.fleets.stream()
            .filter(x -> x.id.equals(change.instanceFleetId()))
            .findFirst()
            .orElseThrow(
                () ->
                    invalidRequest(
                        "Instance fleet id '" + change.instanceFleetId() + "' is not valid."));
    if (c.isShuttingDown()) {
      throw validation(
          "A job flow that is shutting down, terminated, or finished may not be modified.");
    }
    if (f.type() == InstanceFleetType.MASTER) {
      throw validation("The master instance fleet cannot be resized.");
    }
    if (f.state != InstanceFleetState.RUNNING) {
      throw validation(
          "Instance fleet " + f.id + " is in state " + f.state + " and cannot be resized.");
    }
    if (change.targetOnDemandCapacity() != null) {
      f.targetOnDemand = change.targetOnDemandCapacity();
    }
    if (change.targetSpotCapacity() != null) {
      f.targetSpot = change.targetSpotCapacity();
    }
    f.state = InstanceFleetState.RESIZING;
    f.resize = schedule(c, behavior.resizeTime().sample(random), () -> finishFleetResize(f));
    return ModifyInstanceFleetResponse.builder().build();
  }

  private synchronized void finishFleetResize(InstanceFleetRecord f) {
    if (f.state != InstanceFleetState.RESIZING) {
      return;
    }
    f.provisionedOnDemand = f.targetOnDemand;
    f.provisionedSpot = f.targetSpot;
    f.state = InstanceFleetState.RUNNING;
    f.resize = null;
  }

  /** A stored security configuration. */
  private static final class SecurityConfig {
    final String json;
    final Instant created;

    SecurityConfig(String json, Instant created) {
      this.json = json;
      this.created = created;
    }
  }

  /** Builds a {@link FakeEmr}. */
  public static final class Builder {
    private VirtualTime time;
    private EmrBehavior behavior = EmrBehavior.defaults();
    private long seed = 1;
    private Region region = Region.US_EAST_1;
    private String accountId = "123456789012";

    private Builder() {}

    /** The virtual time the lifecycles run in (required). */
    public Builder time(VirtualTime time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Durations and failures (default {@link EmrBehavior#defaults()}). */
    public Builder behavior(EmrBehavior behavior) {
      this.behavior = Objects.requireNonNull(behavior, "behavior");
      return this;
    }

    /** Seed of ids, durations and random failures (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Region used in ARNs and availability zones (default us-east-1). */
    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Account id used in ARNs (default 123456789012). */
    public Builder accountId(String accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    /** The fake. */
    public FakeEmr build() {
      return new FakeEmr(this);
    }
  }
}
