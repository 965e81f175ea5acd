package io.emrlaunch.stepfunctions.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.stepfunctions.local.ActivityTask;
import io.emrlaunch.stepfunctions.local.LocalTaskFailure;
import io.emrlaunch.stepfunctions.local.TaskHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Calls what a Task's Resource names: optimized integrations ({@code elasticmapreduce:*} with
 * {@code .sync}, {@code states:startExecution} with {@code .sync} and {@code .sync:2}, and any
 * other {@code service:action} such as {@code sns:publish} or {@code sqs:sendMessage}), {@code
 * aws-sdk:<service>:<action>} by reflection over the registered SDK async clients, Lambda and
 * activities through handlers, {@code .waitForTaskToken}.
 */
public final class Dispatcher {
  private static final Pattern STATES = Pattern.compile("arn:[^:]+:states:([^:]*):([^:]*):(.+)");
  private static final Pattern LAMBDA = Pattern.compile("arn:[^:]+:lambda:[^:]*:[^:]*:function:.+");
  private static final Set<String> STEP_DONE = Set.of("COMPLETED");
  private static final Set<String> STEP_FAILED = Set.of("FAILED", "CANCELLED", "INTERRUPTED");
  private static final Set<String> CLUSTER_UP = Set.of("RUNNING", "WAITING");
  private static final Set<String> CLUSTER_DOWN = Set.of("TERMINATED", "TERMINATED_WITH_ERRORS");

  /** One Task invocation. */
  public record Call(
      String resource,
      JsonNode parameters,
      String taskToken,
      Long heartbeatSeconds,
      String executionArn,
      BooleanSupplier stopped) {}

  private final EngineCore core;
  private final Map<String, SdkClient> clients;
  private final TaskHandler lambda;
  private final TaskHandler activities;
  private final Duration poll;

  public Dispatcher(
      EngineCore core,
      List<SdkClient> clients,
      TaskHandler lambda,
      TaskHandler activities,
      Duration poll) {
    this.core = core;
    this.clients = new LinkedHashMap<>();
    for (SdkClient c : clients) {
      this.clients.put(serviceOf(c), c);
    }
    this.lambda = lambda;
    this.activities = activities;
    this.poll = poll;
  }

  /** The SDK package of a client ({@code emr}, {@code ssm}, {@code sfn}, {@code sns}...). */
  static String serviceOf(SdkClient c) {
    for (Class<?> i : interfaces(c.getClass())) {
      String n = i.getName();
      if (n.startsWith("software.amazon.awssdk.services.") && SdkClient.class.isAssignableFrom(i)) {
        String rest = n.substring("software.amazon.awssdk.services.".length());
        return rest.substring(0, rest.indexOf('.'));
      }
    }
    return c.serviceName().toLowerCase(Locale.ROOT);
  }

  private static List<Class<?>> interfaces(Class<?> c) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      for (Class<?> i : k.getInterfaces()) {
        out.add(i);
        out.addAll(interfaces(i));
      }
    }
    return out;
  }

  public static boolean isActivity(String resource) {
    Matcher m = STATES.matcher(resource);
    return m.matches() && m.group(3).startsWith("activity:");
  }

  /** The resource type of history events: {@code elasticmapreduce}, {@code aws-sdk:emr}... */
  public static String resourceType(String resource) {
    if (LAMBDA.matcher(resource).matches()) {
      return "lambda";
    }
    Matcher m = STATES.matcher(resource);
    if (!m.matches()) {
      return "unknown";
    }
    String rest = m.group(3);
    if (rest.startsWith("activity:")) {
      return "activity";
    }
    String[] p = rest.split(":");
    return rest.startsWith("aws-sdk:") && p.length > 1 ? "aws-sdk:" + p[1] : p[0];
  }

  /** The resource of history events: the action with its pattern suffix. */
  public static String resourceName(String resource) {
    Matcher m = STATES.matcher(resource);
    if (!m.matches() || m.group(3).startsWith("activity:")) {
      return resource;
    }
    String rest = m.group(3);
    int skip = rest.startsWith("aws-sdk:") ? 2 : 1;
    String[] p = rest.split(":", skip + 1);
    return p.length > skip ? p[skip] : rest;
  }

  public CompletableFuture<JsonNode> invoke(Call c) {
    String resource = c.resource();
    if (LAMBDA.matcher(resource).matches()) {
      return handler(lambda, "Lambda", resource, c.parameters());
    }
    Matcher m = STATES.matcher(resource);
    if (!m.matches()) {
      throw StatesError.runtime("The resource '" + resource + "' cannot be dispatched locally");
    }
    String rest = m.group(3);
    if (rest.startsWith("activity:")) {
      return activity(c);
    }
    String pattern = "";
    int dot = rest.lastIndexOf('.');
    if (dot > rest.lastIndexOf(':') || rest.endsWith(".sync:2")) {
      int at = rest.endsWith(".sync:2") ? rest.length() - ".sync:2".length() : dot;
      pattern = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    if (pattern.equals("waitForTaskToken")) {
      return waitForToken(c, rest);
    }
    return call(rest, pattern, c);
  }

  private CompletableFuture<JsonNode> call(String rest, String pattern, Call c) {
    String[] p = rest.split(":");
    if (p[0].equals("aws-sdk")) {
      if (p.length != 3 || !pattern.isEmpty()) {
        throw StatesError.runtime(
            "The resource 'aws-sdk:"
                + rest.substring(8)
                + (pattern.isEmpty() ? "" : "." + pattern)
                + "' is not supported: aws-sdk integrations are request-response or"
                + " .waitForTaskToken");
      }
      return sdk(p[1], p[2], c.parameters(), pascal(p[1]));
    }
    if (p.length != 2) {
      throw StatesError.runtime("The resource '" + rest + "' cannot be dispatched locally");
    }
    String service = p[0];
    String action = p[1];
    if (service.equals("elasticmapreduce")) {
      return new EmrTasks(this, c, pattern).run(action);
    }
    if (service.equals("states") && action.equals("startExecution")) {
      return startExecution(c, pattern);
    }
    if (service.equals("lambda") && action.equals("invoke")) {
      return lambdaInvoke(c);
    }
    if (!pattern.isEmpty()) {
      throw StatesError.runtime(
          "The integration pattern ." + pattern + " of " + rest + " is not supported locally");
    }
    return sdk(service, action, c.parameters(), pascal(service));
  }

  // ----- handlers ------------------------------------------------------------------------------

  private CompletableFuture<JsonNode> handler(
      TaskHandler h, String what, String resource, JsonNode input) {
    if (h == null) {
      throw StatesError.runtime(
          "The resource '" + resource + "' needs a " + what + " handler; none is configured");
    }
    CompletableFuture<JsonNode> f;
    try {
      f = h.handle(resource, input);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    return f.handle(
        (v, t) -> {
          if (t == null) {
            return v == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : v;
          }
          Throwable x = unwrap(t);
          if (x instanceof LocalTaskFailure || x instanceof StatesError) {
            throw StatesError.of(x);
          }
          throw new StatesError("States.TaskFailed", x.toString());
        });
  }

  private CompletableFuture<JsonNode> lambdaInvoke(Call c) {
    JsonNode fn = c.parameters().get("FunctionName");
    if (fn == null || !fn.isTextual()) {
      throw StatesError.runtime("lambda:invoke needs a FunctionName");
    }
    JsonNode payload =
        c.parameters().has("Payload") ? c.parameters().get("Payload") : Paths.NODES.objectNode();
    return handler(lambda, "Lambda", fn.asText(), payload)
        .thenApply(
            r -> {
              ObjectNode o = Paths.NODES.objectNode();
              o.put("ExecutedVersion", "$LATEST");
              o.set("Payload", r);
              o.put("StatusCode", 200);
              return o;
            });
  }

  private CompletableFuture<JsonNode> activity(Call c) {
    CompletableFuture<JsonNode> waiting = core.awaitToken(c.taskToken(), c.heartbeatSeconds());
    if (activities != null) {
      handler(activities, "activity", c.resource(), c.parameters())
          .whenComplete(
              (v, t) -> {
                if (t != null) {
                  StatesError e = StatesError.of(t);
                  core.fail(c.taskToken(), e.error(), e.errorCause());
                } else {
                  core.succeed(c.taskToken(), v);
                }
              });
    } else {
      core.enqueue(new ActivityTask(c.resource(), c.taskToken(), Paths.text(c.parameters())));
    }
    return waiting;
  }

  private CompletableFuture<JsonNode> waitForToken(Call c, String rest) {
    CompletableFuture<JsonNode> waiting = core.awaitToken(c.taskToken(), c.heartbeatSeconds());
    CompletableFuture<JsonNode> sent;
    String[] p = rest.split(":");
    if (p.length == 2 && p[0].equals("lambda") && p[1].equals("invoke")) {
      sent = lambdaInvoke(c);
    } else {
      sent = call(rest, "", c);
    }
    sent.whenComplete(
        (v, t) -> {
          if (t != null) {
            StatesError e = StatesError.of(t);
            core.fail(c.taskToken(), e.error(), e.errorCause());
          }
        });
    return waiting;
  }

  // ----- states:startExecution -----------------------------------------------------------------

  private CompletableFuture<JsonNode> startExecution(Call c, String pattern) {
    ObjectNode params = c.parameters().deepCopy();
    JsonNode input = params.get("Input");
    if (input != null && !input.isTextual()) {
      params.put("Input", Paths.text(input));
    }
    CompletableFuture<JsonNode> started = sdk("sfn", "startExecution", params, "Sfn");
    if (pattern.isEmpty()) {
      return started;
    }
    boolean parsed = pattern.equals("sync:2");
    if (!pattern.equals("sync") && !parsed) {
      throw StatesError.runtime("states:startExecution." + pattern + " is not supported");
    }
    return started.thenCompose(
        r -> {
          ObjectNode describe = Paths.NODES.objectNode();
          describe.put("ExecutionArn", r.path("ExecutionArn").asText());
          return pollUntil(
              c,
              () -> sdk("sfn", "describeExecution", describe, "Sfn"),
              d -> !"RUNNING".equals(d.path("Status").asText()),
              d -> {
                String status = d.path("Status").asText();
                ObjectNode out = d.deepCopy();
                if (parsed) {
                  for (String f : List.of("Input", "Output")) {
                    if (out.path(f).isTextual()) {
                      out.set(f, Paths.parse(out.get(f).asText(), f));
                    }
                  }
                }
                if (!"SUCCEEDED".equals(status)) {
                  String error =
                      switch (status) {
                        case "TIMED_OUT" -> "States.Timeout";
                        default -> "States.TaskFailed";
                      };
                  throw new StatesError(error, Paths.text(out));
                }
                return out;
              });
        });
  }

  // ----- polling -------------------------------------------------------------------------------

  /** Calls {@code describe} every poll interval until {@code done}, then maps the last answer. */
  CompletableFuture<JsonNode> pollUntil(
      Call c,
      java.util.function.Supplier<CompletableFuture<JsonNode>> describe,
      Predicate<JsonNode> done,
      Function<JsonNode, JsonNode> finish) {
    CompletableFuture<JsonNode> out = new CompletableFuture<>();
    pollOnce(c, describe, done, finish, out);
    return out;
  }

  private void pollOnce(
      Call c,
      java.util.function.Supplier<CompletableFuture<JsonNode>> describe,
      Predicate<JsonNode> done,
      Function<JsonNode, JsonNode> finish,
      CompletableFuture<JsonNode> out) {
    if (out.isDone()) {
      return;
    }
    if (c.stopped().getAsBoolean()) {
      out.completeExceptionally(
          StatesError.runtime("the task was stopped (timeout, or its state or execution ended)"));
      return;
    }
    CompletableFuture<JsonNode> d;
    try {
      d = describe.get();
    } catch (RuntimeException e) {
      d = CompletableFuture.failedFuture(e);
    }
    d.whenComplete(
        (v, t) -> {
          if (t != null) {
            out.completeExceptionally(StatesError.of(t));
            return;
          }
          boolean finished;
          try {
            finished = done.test(v);
            if (finished) {
              out.complete(finish.apply(v));
              return;
            }
          } catch (RuntimeException e) {
            out.completeExceptionally(e);
            return;
          }
          core.scheduler()
              .schedule(
                  () -> pollOnce(c, describe, done, finish, out),
                  poll.toMillis(),
                  TimeUnit.MILLISECONDS);
        });
  }

  // ----- generic SDK calls ---------------------------------------------------------------------

  static String pascal(String service) {
    return service.isEmpty()
        ? service
        : Character.toUpperCase(service.charAt(0)) + service.substring(1);
  }

  private static String sdkPackage(String service) {
    return switch (service) {
      case "elasticmapreduce" -> "emr";
      case "states" -> "sfn";
      case "events" -> "eventbridge";
      default -> service;
    };
  }

  /**
   * Calls {@code action} of the registered client of {@code service} with a request built from the
   * PascalCase parameters; the response is its JSON shape. Service errors become {@code
   * <prefix>.<Code>Exception}.
   */
  CompletableFuture<JsonNode> sdk(String service, String action, JsonNode params, String prefix) {
    SdkClient client = clients.get(sdkPackage(service));
    if (client == null) {
      throw StatesError.runtime(
          "No SDK client for the service '" + service + "' is configured in the local engine");
    }
    Method method = null;
    // The client's SDK interface first: an implementation class that is not public (a test's
    // recording client) cannot be called reflectively through its own methods.
    List<Class<?>> types = new ArrayList<>();
    for (Class<?> i : interfaces(client.getClass())) {
      if (i.getName().startsWith("software.amazon.awssdk.services.")) {
        types.add(i);
      }
    }
    types.add(client.getClass());
    List<Method> candidates = new ArrayList<>();
    for (Class<?> t : types) {
      candidates.addAll(List.of(t.getMethods()));
    }
    for (Method m : candidates) {
      if (m.getName().equals(action)
          && m.getParameterCount() == 1
          && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])
          && CompletableFuture.class.isAssignableFrom(m.getReturnType())) {
        method = m;
        break;
      }
    }
    if (method == null) {
      throw StatesError.runtime(
          "The service '"
              + service
              + "' has no action '"
              + action
              + "' (resource aws-sdk:"
              + service
              + ":"
              + action
              + ")");
    }
    Object request;
    try {
      Object builder = method.getParameterTypes()[0].getMethod("builder").invoke(null);
      JsonNode json = params == null || params.isNull() ? Paths.NODES.objectNode() : params;
      SdkJson.fromJson(json, (SdkPojo) builder, "");
      request = ((SdkBuilder<?, ?>) builder).build();
    } catch (InvocationTargetException | IllegalAccessException | NoSuchMethodException e) {
      throw StatesError.runtime("Cannot build the request of " + service + ":" + action + ": " + e);
    } catch (RuntimeException e) {
      throw new StatesError(
          prefix + ".ValidationException",
          "Invalid parameters for " + service + ":" + action + ": " + e.getMessage());
    }
    CompletableFuture<?> f;
    try {
      f = (CompletableFuture<?>) method.invoke(client, request);
    } catch (InvocationTargetException e) {
      f = CompletableFuture.failedFuture(e.getCause());
    } catch (IllegalAccessException e) {
      throw StatesError.runtime("Cannot call " + service + ":" + action + ": " + e);
    }
    return f.handle(
        (v, t) -> {
          if (t != null) {
            throw serviceError(prefix, unwrap(t));
          }
          return (JsonNode) SdkJson.toJson((SdkPojo) v);
        });
  }

  static StatesError serviceError(String prefix, Throwable t) {
    if (t instanceof StatesError s) {
      return s;
    }
    if (t instanceof AwsServiceException e) {
      String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
      if (code == null || code.isEmpty()) {
        code = e.getClass().getSimpleName();
      }
      if (!code.endsWith("Exception")) {
        code = code + "Exception";
      }
      String msg =
          e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
              ? e.awsErrorDetails().errorMessage()
              : e.getMessage();
      return new StatesError(
          prefix + "." + code,
          msg
              + " (Service: "
              + prefix
              + ", Status Code: "
              + e.statusCode()
              + ", Request ID: "
              + e.requestId()
              + ")");
    }
    return new StatesError(prefix + ".SdkClientException", String.valueOf(t.getMessage()));
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof java.util.concurrent.CompletionException
            || c instanceof java.util.concurrent.ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  EngineCore core() {
    return core;
  }

  static ArrayNode array(JsonNode... values) {
    ArrayNode a = Paths.NODES.arrayNode();
    for (JsonNode v : values) {
      a.add(v);
    }
    return a;
  }

  static Set<String> stepDone() {
    return STEP_DONE;
  }

  static Set<String> stepFailed() {
    return STEP_FAILED;
  }

  static Set<String> clusterUp() {
    return CLUSTER_UP;
  }

  static Set<String> clusterDown() {
    return CLUSTER_DOWN;
  }
}
