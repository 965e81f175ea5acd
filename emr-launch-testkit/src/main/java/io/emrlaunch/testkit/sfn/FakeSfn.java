package io.emrlaunch.testkit.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DeleteStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.DeleteStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesRequest;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.sfn.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.sfn.model.LoggingConfiguration;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StopExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StopExecutionResponse;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TagResourceRequest;
import software.amazon.awssdk.services.sfn.model.TagResourceResponse;
import software.amazon.awssdk.services.sfn.model.TracingConfiguration;
import software.amazon.awssdk.services.sfn.model.UntagResourceRequest;
import software.amazon.awssdk.services.sfn.model.UntagResourceResponse;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineResponse;

/**
 * An in-memory AWS Step Functions for tests.
 *
 * <p>Each public operation mirrors the {@code SfnClient} method of the same name (SDK request in,
 * SDK response out, modelled exceptions with the service's error codes). It follows the service's
 * rules that moto skips: names of 1 to 80 characters without whitespace, brackets, wildcards,
 * special or control characters; role ARNs that are IAM role ARNs; definitions that are JSON
 * objects whose {@code StartAt} names one of their {@code States}; idempotent create (same name and
 * configuration) and start (same name and input while running); 50 tags per resource.
 *
 * <p>Without an {@link ExecutionEngine} definitions are stored as given and not interpreted: an
 * execution stays {@code RUNNING} until it is stopped or the test decides its outcome with {@link
 * #succeedExecution}, {@link #failExecution} or {@link #timeOutExecution}. With one attached
 * ({@link #executionEngine}), each StartExecution hands the definition and input to the engine, and
 * the execution ends with the engine's terminal history event; GetExecutionHistory then returns the
 * engine's events. A state machine deleted while executions run is {@code DELETING} until the last
 * one ends. Times come from the {@link Clock}; generated execution names come from a seeded
 * generator. Instances are thread-safe.
 */
public final class FakeSfn {
  private static final int MAX_NAME = 80;
  private static final int MAX_DEFINITION = 1_048_576;
  private static final int MAX_INPUT = 262_144;
  private static final int MAX_TAGS = 50;
  private static final Pattern FORBIDDEN_NAME =
      Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;
  private final String region;
  private final String accountId;
  private final Random random;
  private final Map<String, StateMachineRecord> machines = new LinkedHashMap<>();
  private final Map<String, ExecutionRecord> executions = new LinkedHashMap<>();
  private long sequence;
  private long revision;
  private ExecutionEngine engine;

  /** A Step Functions in {@code us-east-1}, account {@code 123456789012}, seed 1. */
  public FakeSfn(Clock clock) {
    this(builder().clock(clock));
  }

  private FakeSfn(Builder b) {
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.region = b.region;
    this.accountId = b.accountId;
    this.random = new Random(b.seed);
  }

  /** A builder for a non-default region, account or seed. */
  public static Builder builder() {
    return new Builder();
  }

  /** The ARN a state machine of this name has (whether or not it exists). */
  public String stateMachineArn(String name) {
    return "arn:aws:states:" + region + ":" + accountId + ":stateMachine:" + name;
  }

  /**
   * Attaches an engine that interprets definitions from now on (null detaches it: executions then
   * stay RUNNING until scripted). See {@link ExecutionEngine} for why this is a seam.
   */
  public synchronized FakeSfn executionEngine(ExecutionEngine engine) {
    this.engine = engine;
    return this;
  }

  /** How many state machines exist (including ones being deleted). */
  public synchronized int stateMachineCount() {
    return machines.size();
  }

  // ----- state machines ------------------------------------------------------------------------

  /**
   * Creates a state machine; the same name with the same definition, role, type, logging and
   * tracing returns the existing one, a different configuration is StateMachineAlreadyExists.
   */
  public synchronized CreateStateMachineResponse createStateMachine(CreateStateMachineRequest r) {
    checkName(r.name(), "name");
    checkDefinition(r.definition());
    checkRole(r.roleArn());
    String type = r.typeAsString() == null ? "STANDARD" : r.typeAsString();
    if (!type.equals("STANDARD") && !type.equals("EXPRESS")) {
      throw SfnErrors.constraint(
          "type", type, "Member must satisfy enum value set: [STANDARD, EXPRESS]");
    }
    List<Tag> tags = r.hasTags() ? r.tags() : List.of();
    checkTags(tags, 0);
    String arn = stateMachineArn(r.name());
    LoggingConfiguration logging = logging(r.loggingConfiguration());
    TracingConfiguration tracing = tracing(r.tracingConfiguration());
    StateMachineRecord existing = machines.get(arn);
    if (existing != null) {
      if (existing.deleting) {
        throw SfnErrors.machineDeleting(arn);
      }
      boolean same =
          existing.definition.equals(r.definition())
              && existing.roleArn.equals(r.roleArn())
              && existing.type.equals(type)
              && existing.logging.equals(logging)
              && existing.tracing.equals(tracing);
      if (!same) {
        throw SfnErrors.machineExists(arn);
      }
      return CreateStateMachineResponse.builder()
          .stateMachineArn(arn)
          .creationDate(existing.created)
          .build();
    }
    StateMachineRecord m = new StateMachineRecord(arn, r.name(), type, clock.instant());
    m.definition = r.definition();
    m.roleArn = r.roleArn();
    m.logging = logging;
    m.tracing = tracing;
    tags.forEach(t -> m.tags.put(t.key(), t.value()));
    machines.put(arn, m);
    return CreateStateMachineResponse.builder()
        .stateMachineArn(arn)
        .creationDate(m.created)
        .build();
  }

  /** Describes a state machine: its definition as given, role, type, status and configuration. */
  public synchronized DescribeStateMachineResponse describeStateMachine(
      DescribeStateMachineRequest r) {
    StateMachineRecord m = machine(r.stateMachineArn());
    return DescribeStateMachineResponse.builder()
        .stateMachineArn(m.arn)
        .name(m.name)
        .status(m.deleting ? "DELETING" : "ACTIVE")
        .definition(m.definition)
        .roleArn(m.roleArn)
        .type(m.type)
        .creationDate(m.created)
        .loggingConfiguration(m.logging)
        .tracingConfiguration(m.tracing)
        .revisionId(m.revisionId)
        .build();
  }

  /** Replaces the definition, role, logging or tracing of a state machine (at least one). */
  public synchronized UpdateStateMachineResponse updateStateMachine(UpdateStateMachineRequest r) {
    StateMachineRecord m = machine(r.stateMachineArn());
    if (r.definition() == null
        && r.roleArn() == null
        && r.loggingConfiguration() == null
        && r.tracingConfiguration() == null) {
      throw SfnErrors.of(
          "MissingRequiredParameter",
          "Either the definition, the role ARN, the LoggingConfiguration, or the"
              + " TracingConfiguration must be specified");
    }
    if (r.definition() != null) {
      checkDefinition(r.definition());
    }
    if (r.roleArn() != null) {
      checkRole(r.roleArn());
    }
    if (m.deleting) {
      throw SfnErrors.machineDeleting(m.arn);
    }
    if (r.definition() != null) {
      m.definition = r.definition();
    }
    if (r.roleArn() != null) {
      m.roleArn = r.roleArn();
    }
    if (r.loggingConfiguration() != null) {
      m.logging = logging(r.loggingConfiguration());
    }
    if (r.tracingConfiguration() != null) {
      m.tracing = tracing(r.tracingConfiguration());
    }
    m.revisionId = new UUID(random.nextLong(), ++revision).toString();
    return UpdateStateMachineResponse.builder()
        .updateDate(clock.instant())
        .revisionId(m.revisionId)
        .build();
  }

  /**
   * Deletes a state machine: at once when nothing runs, else it is {@code DELETING} until its last
   * execution ends. Deleting a machine that doesn't exist succeeds.
   */
  public synchronized DeleteStateMachineResponse deleteStateMachine(DeleteStateMachineRequest r) {
    checkMachineArn(r.stateMachineArn());
    StateMachineRecord m = machines.get(r.stateMachineArn());
    if (m != null) {
      m.deleting = true;
      removeIfDrained(m);
    }
    return DeleteStateMachineResponse.builder().build();
  }

  /** Lists state machines in creation order, a page at a time (default and maximum 1000). */
  public synchronized ListStateMachinesResponse listStateMachines(ListStateMachinesRequest r) {
    int max = pageSize(r.maxResults());
    int from = decodeToken(r.nextToken());
    List<StateMachineRecord> all = new ArrayList<>(machines.values());
    List<StateMachineListItem> page = new ArrayList<>();
    for (int i = from; i < all.size() && page.size() < max; i++) {
      StateMachineRecord m = all.get(i);
      page.add(
          StateMachineListItem.builder()
              .stateMachineArn(m.arn)
              .name(m.name)
              .type(m.type)
              .creationDate(m.created)
              .build());
    }
    int next = from + page.size();
    return ListStateMachinesResponse.builder()
        .stateMachines(page)
        .nextToken(next < all.size() ? encodeToken(next) : null)
        .build();
  }

  // ----- tags ----------------------------------------------------------------------------------

  /** Adds or replaces tags on a state machine. */
  public synchronized TagResourceResponse tagResource(TagResourceRequest r) {
    StateMachineRecord m = tagged(r.resourceArn());
    List<Tag> tags = r.hasTags() ? r.tags() : List.of();
    long added = tags.stream().map(Tag::key).distinct().filter(k -> !m.tags.containsKey(k)).count();
    checkTags(tags, 0);
    if (m.tags.size() + added > MAX_TAGS) {
      throw SfnErrors.of("TooManyTags", "Too many tags: " + r.resourceArn());
    }
    tags.forEach(t -> m.tags.put(t.key(), t.value()));
    return TagResourceResponse.builder().build();
  }

  /** Removes tags from a state machine. */
  public synchronized UntagResourceResponse untagResource(UntagResourceRequest r) {
    StateMachineRecord m = tagged(r.resourceArn());
    (r.hasTagKeys() ? r.tagKeys() : List.<String>of()).forEach(m.tags::remove);
    return UntagResourceResponse.builder().build();
  }

  /** Lists a state machine's tags. */
  public synchronized ListTagsForResourceResponse listTagsForResource(
      ListTagsForResourceRequest r) {
    StateMachineRecord m = tagged(r.resourceArn());
    List<Tag> tags = new ArrayList<>();
    m.tags.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
    return ListTagsForResourceResponse.builder().tags(tags).build();
  }

  // ----- executions ----------------------------------------------------------------------------

  /**
   * Starts an execution that stays RUNNING until stopped or scripted. Repeating a start with the
   * same name and input while it runs returns the same execution; otherwise a reused name is
   * ExecutionAlreadyExists.
   */
  public synchronized StartExecutionResponse startExecution(StartExecutionRequest r) {
    StateMachineRecord m = machine(r.stateMachineArn());
    if (m.deleting) {
      throw SfnErrors.machineDeleting(m.arn);
    }
    String name = r.name();
    if (name == null) {
      name = new UUID(random.nextLong(), random.nextLong()).toString();
    } else {
      checkName(name, "name");
    }
    String input = r.input() == null ? "{}" : r.input();
    if (input.length() > MAX_INPUT) {
      throw SfnErrors.of(
          "InvalidExecutionInput",
          "Input exceeds the maximum size of " + MAX_INPUT + " characters");
    }
    try {
      JSON.readTree(input);
    } catch (JsonProcessingException e) {
      throw SfnErrors.of(
          "InvalidExecutionInput",
          "Invalid State Machine Execution Input: 'Invalid JSON: " + e.getOriginalMessage() + "'");
    }
    String arn = "arn:aws:states:" + region + ":" + accountId + ":execution:" + m.name + ":" + name;
    ExecutionRecord existing = executions.get(arn);
    if (existing != null) {
      if (existing.status == ExecutionStatus.RUNNING && existing.input.equals(input)) {
        return StartExecutionResponse.builder()
            .executionArn(arn)
            .startDate(existing.started)
            .build();
      }
      throw SfnErrors.executionExists(arn);
    }
    ExecutionRecord e =
        new ExecutionRecord(arn, m.arn, name, input, m.roleArn, clock.instant(), ++sequence);
    executions.put(arn, e);
    if (engine != null) {
      startEngine(e, m.definition);
    }
    return StartExecutionResponse.builder().executionArn(arn).startDate(e.started).build();
  }

  /** Describes an execution: status, input, output or error and cause, dates. */
  public synchronized DescribeExecutionResponse describeExecution(DescribeExecutionRequest r) {
    ExecutionRecord e = execution(r.executionArn());
    return DescribeExecutionResponse.builder()
        .executionArn(e.arn)
        .stateMachineArn(e.machineArn)
        .name(e.name)
        .status(e.status)
        .startDate(e.started)
        .stopDate(e.stopped)
        .input(e.input)
        .output(e.output)
        .error(e.error)
        .cause(e.cause)
        .build();
  }

  /** Aborts a running execution; stopping an ended one changes nothing. */
  public synchronized StopExecutionResponse stopExecution(StopExecutionRequest r) {
    ExecutionRecord e = execution(r.executionArn());
    if (e.status == ExecutionStatus.RUNNING) {
      end(e, ExecutionStatus.ABORTED, null, r.error(), r.cause());
      if (e.run instanceof java.util.concurrent.Future<?> f) {
        f.cancel(false);
      }
    }
    return StopExecutionResponse.builder().stopDate(e.stopped).build();
  }

  /** Lists a state machine's executions, newest first, optionally only those in one status. */
  public synchronized ListExecutionsResponse listExecutions(ListExecutionsRequest r) {
    StateMachineRecord m = machine(r.stateMachineArn());
    int max = pageSize(r.maxResults());
    int from = decodeToken(r.nextToken());
    List<ExecutionRecord> all =
        executions.values().stream()
            .filter(e -> e.machineArn.equals(m.arn))
            .filter(e -> r.statusFilter() == null || e.status == r.statusFilter())
            .sorted(Comparator.comparingLong((ExecutionRecord e) -> e.sequence).reversed())
            .toList();
    List<ExecutionListItem> page = new ArrayList<>();
    for (int i = from; i < all.size() && page.size() < max; i++) {
      ExecutionRecord e = all.get(i);
      page.add(
          ExecutionListItem.builder()
              .executionArn(e.arn)
              .stateMachineArn(e.machineArn)
              .name(e.name)
              .status(e.status)
              .startDate(e.started)
              .stopDate(e.stopped)
              .build());
    }
    int next = from + page.size();
    return ListExecutionsResponse.builder()
        .executions(page)
        .nextToken(next < all.size() ? encodeToken(next) : null)
        .build();
  }

  /**
   * The execution's history as the fake knows it: {@code ExecutionStarted}, then the terminal event
   * ({@code ExecutionSucceeded}, {@code ExecutionFailed}, {@code ExecutionAborted} or {@code
   * ExecutionTimedOut}) once it has ended. States are not interpreted, so there are no state
   * events.
   */
  public synchronized GetExecutionHistoryResponse getExecutionHistory(
      GetExecutionHistoryRequest r) {
    ExecutionRecord e = execution(r.executionArn());
    boolean data = !Boolean.FALSE.equals(r.includeExecutionData());
    List<HistoryEvent> events = new ArrayList<>();
    if (e.history != null && e.status != ExecutionStatus.ABORTED) {
      events.addAll(e.history);
      return page(events, r);
    }
    events.add(
        HistoryEvent.builder()
            .id(1L)
            .previousEventId(0L)
            .timestamp(e.started)
            .type(HistoryEventType.EXECUTION_STARTED)
            .executionStartedEventDetails(d -> d.input(data ? e.input : null).roleArn(e.roleArn))
            .build());
    if (e.status != ExecutionStatus.RUNNING) {
      HistoryEvent.Builder end =
          HistoryEvent.builder().id(2L).previousEventId(1L).timestamp(e.stopped);
      switch (e.status) {
        case SUCCEEDED ->
            end.type(HistoryEventType.EXECUTION_SUCCEEDED)
                .executionSucceededEventDetails(d -> d.output(data ? e.output : null));
        case FAILED ->
            end.type(HistoryEventType.EXECUTION_FAILED)
                .executionFailedEventDetails(d -> d.error(e.error).cause(e.cause));
        case TIMED_OUT ->
            end.type(HistoryEventType.EXECUTION_TIMED_OUT)
                .executionTimedOutEventDetails(d -> d.error(e.error).cause(e.cause));
        default ->
            end.type(HistoryEventType.EXECUTION_ABORTED)
                .executionAbortedEventDetails(d -> d.error(e.error).cause(e.cause));
      }
      events.add(end.build());
    }
    return page(events, r);
  }

  private static GetExecutionHistoryResponse page(
      List<HistoryEvent> events, GetExecutionHistoryRequest r) {
    if (Boolean.TRUE.equals(r.reverseOrder())) {
      java.util.Collections.reverse(events);
    }
    int max = pageSize(r.maxResults());
    int from = decodeToken(r.nextToken());
    int to = Math.min(events.size(), from + max);
    return GetExecutionHistoryResponse.builder()
        .events(from < to ? events.subList(from, to) : List.of())
        .nextToken(to < events.size() ? encodeToken(to) : null)
        .build();
  }

  // ----- scripting outcomes --------------------------------------------------------------------

  /**
   * Ends a running execution with SUCCEEDED and the given output (a JSON text).
   *
   * @throws IllegalStateException when the execution is not running
   * @throws IllegalArgumentException when it doesn't exist or the output isn't JSON
   */
  public synchronized void succeedExecution(String executionArn, String output) {
    try {
      JSON.readTree(output);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("output is not JSON: " + e.getOriginalMessage(), e);
    }
    end(running(executionArn), ExecutionStatus.SUCCEEDED, output, null, null);
  }

  /** Ends a running execution with FAILED, an error name and a cause. */
  public synchronized void failExecution(String executionArn, String error, String cause) {
    end(running(executionArn), ExecutionStatus.FAILED, null, error, cause);
  }

  /** Ends a running execution with TIMED_OUT ({@code States.Timeout}). */
  public synchronized void timeOutExecution(String executionArn) {
    end(
        running(executionArn),
        ExecutionStatus.TIMED_OUT,
        null,
        "States.Timeout",
        "The execution timed out.");
  }

  /** The ARNs of running executions, oldest first (for tests that decide their outcome). */
  public synchronized List<String> runningExecutions() {
    return executions.values().stream()
        .filter(e -> e.status == ExecutionStatus.RUNNING)
        .map(e -> e.arn)
        .toList();
  }

  // ----- consumer-builder overloads, as on the SDK client --------------------------------------

  /** createStateMachine with a request built in place. */
  public CreateStateMachineResponse createStateMachine(
      Consumer<CreateStateMachineRequest.Builder> request) {
    return createStateMachine(CreateStateMachineRequest.builder().applyMutation(request).build());
  }

  /** describeStateMachine with a request built in place. */
  public DescribeStateMachineResponse describeStateMachine(
      Consumer<DescribeStateMachineRequest.Builder> request) {
    return describeStateMachine(
        DescribeStateMachineRequest.builder().applyMutation(request).build());
  }

  /** updateStateMachine with a request built in place. */
  public UpdateStateMachineResponse updateStateMachine(
      Consumer<UpdateStateMachineRequest.Builder> request) {
    return updateStateMachine(UpdateStateMachineRequest.builder().applyMutation(request).build());
  }

  /** deleteStateMachine with a request built in place. */
  public DeleteStateMachineResponse deleteStateMachine(
      Consumer<DeleteStateMachineRequest.Builder> request) {
    return deleteStateMachine(DeleteStateMachineRequest.builder().applyMutation(request).build());
  }

  /** listStateMachines with a request built in place. */
  public ListStateMachinesResponse listStateMachines(
      Consumer<ListStateMachinesRequest.Builder> request) {
    return listStateMachines(ListStateMachinesRequest.builder().applyMutation(request).build());
  }

  /** tagResource with a request built in place. */
  public TagResourceResponse tagResource(Consumer<TagResourceRequest.Builder> request) {
    return tagResource(TagResourceRequest.builder().applyMutation(request).build());
  }

  /** untagResource with a request built in place. */
  public UntagResourceResponse untagResource(Consumer<UntagResourceRequest.Builder> request) {
    return untagResource(UntagResourceRequest.builder().applyMutation(request).build());
  }

  /** listTagsForResource with a request built in place. */
  public ListTagsForResourceResponse listTagsForResource(
      Consumer<ListTagsForResourceRequest.Builder> request) {
    return listTagsForResource(ListTagsForResourceRequest.builder().applyMutation(request).build());
  }

  /** startExecution with a request built in place. */
  public StartExecutionResponse startExecution(Consumer<StartExecutionRequest.Builder> request) {
    return startExecution(StartExecutionRequest.builder().applyMutation(request).build());
  }

  /** describeExecution with a request built in place. */
  public DescribeExecutionResponse describeExecution(
      Consumer<DescribeExecutionRequest.Builder> request) {
    return describeExecution(DescribeExecutionRequest.builder().applyMutation(request).build());
  }

  /** stopExecution with a request built in place. */
  public StopExecutionResponse stopExecution(Consumer<StopExecutionRequest.Builder> request) {
    return stopExecution(StopExecutionRequest.builder().applyMutation(request).build());
  }

  /** getExecutionHistory with a request built in place. */
  public GetExecutionHistoryResponse getExecutionHistory(
      Consumer<GetExecutionHistoryRequest.Builder> request) {
    return getExecutionHistory(GetExecutionHistoryRequest.builder().applyMutation(request).build());
  }

  /** listExecutions with a request built in place. */
  public ListExecutionsResponse listExecutions(Consumer<ListExecutionsRequest.Builder> request) {
    return listExecutions(ListExecutionsRequest.builder().applyMutation(request).build());
  }

  // ---------------------------------------------------------------------------------------------

  private void startEngine(ExecutionRecord e, String definition) {
    CompletionStage<List<HistoryEvent>> run;
    try {
      run = engine.execute(definition, e.input, e.arn);
    } catch (RuntimeException ex) {
      end(e, ExecutionStatus.FAILED, null, "States.Runtime", String.valueOf(ex.getMessage()));
      return;
    }
    e.run = run;
    run.whenComplete((events, failure) -> engineEnded(e, events, failure));
  }

  private synchronized void engineEnded(
      ExecutionRecord e, List<HistoryEvent> events, Throwable failure) {
    e.run = null;
    if (e.status != ExecutionStatus.RUNNING) {
      return; // stopped meanwhile
    }
    if (failure != null || events == null || events.isEmpty()) {
      String cause = failure == null ? "the engine returned no history" : failure.toString();
      end(e, ExecutionStatus.FAILED, null, "States.Runtime", cause);
      return;
    }
    e.history = List.copyOf(events);
    HistoryEvent last = events.get(events.size() - 1);
    switch (last.type()) {
      case EXECUTION_SUCCEEDED ->
          end(
              e,
              ExecutionStatus.SUCCEEDED,
              last.executionSucceededEventDetails().output(),
              null,
              null);
      case EXECUTION_FAILED ->
          end(
              e,
              ExecutionStatus.FAILED,
              null,
              last.executionFailedEventDetails().error(),
              last.executionFailedEventDetails().cause());
      case EXECUTION_TIMED_OUT ->
          end(
              e,
              ExecutionStatus.TIMED_OUT,
              null,
              last.executionTimedOutEventDetails().error(),
              last.executionTimedOutEventDetails().cause());
      case EXECUTION_ABORTED ->
          end(
              e,
              ExecutionStatus.ABORTED,
              null,
              last.executionAbortedEventDetails().error(),
              last.executionAbortedEventDetails().cause());
      default ->
          end(
              e,
              ExecutionStatus.FAILED,
              null,
              "States.Runtime",
              "the engine's last event is " + last.typeAsString());
    }
  }

  private void end(
      ExecutionRecord e, ExecutionStatus status, String output, String error, String cause) {
    e.status = status;
    e.stopped = clock.instant();
    e.output = output;
    e.error = error;
    e.cause = cause;
    StateMachineRecord m = machines.get(e.machineArn);
    if (m != null) {
      removeIfDrained(m);
    }
  }

  private void removeIfDrained(StateMachineRecord m) {
    if (!m.deleting) {
      return;
    }
    boolean running =
        executions.values().stream()
            .anyMatch(e -> e.machineArn.equals(m.arn) && e.status == ExecutionStatus.RUNNING);
    if (!running) {
      machines.remove(m.arn);
      executions.values().removeIf(e -> e.machineArn.equals(m.arn));
    }
  }

  private ExecutionRecord running(String executionArn) {
    ExecutionRecord e = executions.get(executionArn);
    if (e == null) {
      throw new IllegalArgumentException("no execution " + executionArn);
    }
    if (e.status != ExecutionStatus.RUNNING) {
      throw new IllegalStateException(
          "execution " + executionArn + " already ended with " + e.status);
    }
    return e;
  }

  private static void checkName(String name, String field) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
      throw SfnErrors.constraint(field, name, "Member must have length between 1 and " + MAX_NAME);
    }
    if (FORBIDDEN_NAME.matcher(name).find()) {
      throw SfnErrors.invalidName(name);
    }
  }

  private static void checkDefinition(String definition) {
    if (definition == null || definition.isEmpty()) {
      throw SfnErrors.constraint(
          "definition", "", "Member must have length greater than or equal to 1");
    }
    if (definition.length() > MAX_DEFINITION) {
      throw SfnErrors.constraint(
          "definition", "...", "Member must have length less than or equal to " + MAX_DEFINITION);
    }
    JsonNode root;
    try {
      root = JSON.readTree(definition);
    } catch (JsonProcessingException e) {
      throw SfnErrors.invalidDefinition("INVALID_JSON_DESCRIPTION: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw SfnErrors.invalidDefinition(
          "SCHEMA_VALIDATION_FAILED: the definition is not an object");
    }
    JsonNode states = root.get("States");
    if (states == null || !states.isObject() || states.isEmpty()) {
      throw SfnErrors.invalidDefinition(
          "SCHEMA_VALIDATION_FAILED: The field 'States' should be a non-empty object at /");
    }
    JsonNode startAt = root.get("StartAt");
    if (startAt == null || !startAt.isTextual()) {
      throw SfnErrors.invalidDefinition(
          "SCHEMA_VALIDATION_FAILED: The field 'StartAt' is required at /");
    }
    if (!states.has(startAt.asText())) {
      throw SfnErrors.invalidDefinition(
          "MISSING_TRANSITION_TARGET: Missing 'Next' target: " + startAt.asText() + " at /StartAt");
    }
  }

  private static void checkRole(String roleArn) {
    if (roleArn == null || roleArn.isEmpty()) {
      throw SfnErrors.constraint(
          "roleArn", roleArn, "Member must have length greater than or equal to 1");
    }
    if (!ROLE_ARN.matcher(roleArn).matches()) {
      throw SfnErrors.invalidArn(roleArn, "Resource type not valid in this context");
    }
  }

  private static void checkTags(List<Tag> tags, int existing) {
    if (tags.size() + Math.max(existing, 0) > MAX_TAGS) {
      throw SfnErrors.of("TooManyTags", "Too many tags: at most " + MAX_TAGS + " per resource");
    }
    for (Tag t : tags) {
      if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
        throw SfnErrors.constraint(
            "tags.member.key", t.key(), "Member must have length between 1 and 128");
      }
      if (t.value() != null && t.value().length() > 256) {
        throw SfnErrors.constraint(
            "tags.member.value", t.value(), "Member must have length less than or equal to 256");
      }
    }
  }

  private void checkMachineArn(String arn) {
    String prefix = "arn:aws:states:" + region + ":" + accountId + ":stateMachine:";
    if (arn == null || !arn.startsWith(prefix) || arn.length() == prefix.length()) {
      throw SfnErrors.invalidArn(String.valueOf(arn), "Resource type not valid in this context");
    }
  }

  private StateMachineRecord machine(String arn) {
    checkMachineArn(arn);
    StateMachineRecord m = machines.get(arn);
    if (m == null) {
      throw SfnErrors.machineMissing(arn);
    }
    return m;
  }

  private StateMachineRecord tagged(String arn) {
    StateMachineRecord m = arn == null ? null : machines.get(arn);
    if (m == null) {
      throw SfnErrors.resourceMissing(String.valueOf(arn));
    }
    return m;
  }

  private ExecutionRecord execution(String arn) {
    String prefix = "arn:aws:states:" + region + ":" + accountId + ":execution:";
    if (arn == null || !arn.startsWith(prefix)) {
      throw SfnErrors.invalidArn(String.valueOf(arn), "Resource type not valid in this context");
    }
    ExecutionRecord e = executions.get(arn);
    if (e == null) {
      throw SfnErrors.executionMissing(arn);
    }
    return e;
  }

  private static LoggingConfiguration logging(LoggingConfiguration given) {
    return given != null
        ? given
        : LoggingConfiguration.builder().level("OFF").includeExecutionData(false).build();
  }

  private static TracingConfiguration tracing(TracingConfiguration given) {
    return given != null ? given : TracingConfiguration.builder().enabled(false).build();
  }

  private static int pageSize(Integer requested) {
    if (requested == null || requested == 0) {
      return 1000;
    }
    if (requested < 0 || requested > 1000) {
      throw SfnErrors.constraint(
          "maxResults", requested, "Member must have value between 0 and 1000");
    }
    return requested;
  }

  private static String encodeToken(int position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("sfn:" + position).getBytes(StandardCharsets.UTF_8));
  }

  private static int decodeToken(String token) {
    if (token == null) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!text.startsWith("sfn:")) {
        throw new IllegalArgumentException(text);
      }
      int position = Integer.parseInt(text.substring(4));
      if (position < 0) {
        throw new IllegalArgumentException(text);
      }
      return position;
    } catch (IllegalArgumentException e) {
      throw SfnErrors.of("InvalidToken", "Invalid Token: '" + token + "'");
    }
  }

  /** Options for a {@link FakeSfn}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String region = "us-east-1";
    private String accountId = "123456789012";
    private long seed = 1;

    private Builder() {}

    /** The clock for creation, start and stop dates (use the testkit's virtual clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The region in ARNs; default {@code us-east-1}. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** The account in ARNs; default {@code 123456789012}. */
    public Builder accountId(String accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    /** The seed of generated execution names and revision ids; default 1. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Builds the service. */
    public FakeSfn build() {
      return new FakeSfn(this);
    }
  }
}
