package io.emrlaunch.stepfunctions.activity.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.launch.LaunchRequest;
import io.emrlaunch.core.launch.LaunchWait;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.stepfunctions.internal.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The input of a launch activity task, as the launch function machine writes it: the function's
 * reference, the start timeout and the execution input (overrides, tags, fail-if-running), which is
 * read exactly as the pure-ASL machine reads it.
 *
 * <pre>{@code
 * {"LaunchFunction": {"Namespace": "default", "Name": "nightly"},
 *  "StartTimeoutSeconds": 7200,
 *  "Input": {"ClusterConfigurationOverrides": {"CoreInstanceCount": 4}, "Tags": [...]}}
 * }</pre>
 *
 * @param function the launch function's reference
 * @param startTimeout how long to wait for the cluster to start, if set
 * @param overrides runtime overrides by name (values as JSON scalars)
 * @param tags the input's tags, in order (a later key wins)
 * @param failIfClusterRunning the input's flag; empty when the input has none
 */
public record LaunchTask(
    RecordRef function,
    Optional<Duration> startTimeout,
    Map<String, Object> overrides,
    Map<String, String> tags,
    Optional<Boolean> failIfClusterRunning) {

  /** Field of the task input naming the function. */
  public static final String FUNCTION = "LaunchFunction";

  /** Field of the task input with the start timeout in seconds. */
  public static final String START_TIMEOUT = "StartTimeoutSeconds";

  /** Field of the task input with the execution input. */
  public static final String INPUT = "Input";

  private static final Set<String> TRUE = Set.of("yes", "true", "t", "1");

  /** Task input that is not what the machine writes; the message never echoes values. */
  public static final class InvalidTaskInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidTaskInput(String message) {
      super(message);
    }
  }

  /**
   * The task input's Parameters in the machine: the function's reference and timeout as written,
   * the execution input with {@code "Input.$": "$"}.
   *
   * @param function the function's reference
   * @param startTimeoutSeconds the timeout, or 0 for none
   * @return the Parameters object
   */
  public static ObjectNode parameters(RecordRef function, long startTimeoutSeconds) {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.putObject(FUNCTION).put("Namespace", function.namespace()).put("Name", function.name());
    if (startTimeoutSeconds > 0) {
      p.put(START_TIMEOUT, startTimeoutSeconds);
    }
    p.put(INPUT + ".$", "$");
    return p;
  }

  /**
   * Reads a task input.
   *
   * @param text the JSON text GetActivityTask returned
   * @return the task
   * @throws InvalidTaskInput naming the field that is missing or of the wrong shape
   */
  public static LaunchTask parse(String text) {
    JsonNode root;
    try {
      root = text == null ? null : Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidTaskInput("the task input is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidTaskInput("the task input is not a JSON object");
    }
    JsonNode fn = root.path(FUNCTION);
    if (!fn.path("Namespace").isTextual() || !fn.path("Name").isTextual()) {
      throw new InvalidTaskInput(FUNCTION + " must be {\"Namespace\": text, \"Name\": text}");
    }
    RecordRef ref;
    try {
      ref = RecordRef.of(fn.get("Namespace").asText(), fn.get("Name").asText());
    } catch (RuntimeException e) {
      throw new InvalidTaskInput(FUNCTION + " is not a valid reference: " + e.getMessage());
    }
    Optional<Duration> timeout = Optional.empty();
    JsonNode t = root.path(START_TIMEOUT);
    if (!t.isMissingNode()) {
      if (!t.canConvertToLong() || !t.isIntegralNumber() || t.asLong() < 1) {
        throw new InvalidTaskInput(START_TIMEOUT + " must be a positive whole number");
      }
      timeout = Optional.of(Duration.ofSeconds(t.asLong()));
    }
    JsonNode input = root.path(INPUT);
    if (input.isMissingNode() || input.isNull()) {
      input = JsonNodeFactory.instance.objectNode();
    }
    if (!input.isObject()) {
      throw new InvalidTaskInput(INPUT + " (the execution input) must be a JSON object");
    }
    return new LaunchTask(
        ref,
        timeout,
        overrides(input),
        tags(input),
        failIfClusterRunning(input.path("FailIfClusterRunning")));
  }

  private static Map<String, Object> overrides(JsonNode input) {
    JsonNode o = input.path("ClusterConfigurationOverrides");
    String name = "ClusterConfigurationOverrides";
    if (o.isMissingNode()) {
      o = input.path("ClusterConfigOverrides");
      name = "ClusterConfigOverrides";
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (o.isMissingNode() || o.isNull()) {
      return out;
    }
    if (!o.isObject()) {
      throw new InvalidTaskInput(name + " must be an object of override names and values");
    }
    String field = name;
    o.fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              if (!v.isValueNode()) {
                throw new InvalidTaskInput(
                    field + "." + e.getKey() + " must be a string, number or boolean");
              }
              out.put(e.getKey(), Json.MAPPER.convertValue(v, Object.class));
            });
    return out;
  }

  private static Map<String, String> tags(JsonNode input) {
    JsonNode t = input.path("Tags");
    Map<String, String> out = new LinkedHashMap<>();
    if (t.isMissingNode() || t.isNull()) {
      return out;
    }
    if (!t.isArray()) {
      throw new InvalidTaskInput("Tags must be a list of {\"Key\", \"Value\"}");
    }
    for (int i = 0; i < t.size(); i++) {
      JsonNode tag = t.get(i);
      if (!tag.path("Key").isTextual() || !tag.path("Value").isValueNode()) {
        throw new InvalidTaskInput("Tags[" + i + "] must be {\"Key\": text, \"Value\": text}");
      }
      out.put(tag.get("Key").asText(), tag.get("Value").asText());
    }
    return out;
  }

  /** aws-emr-launch's parse_bool; an explicit null is false, a missing flag is empty. */
  private static Optional<Boolean> failIfClusterRunning(JsonNode flag) {
    if (flag.isMissingNode()) {
      return Optional.empty();
    }
    if (flag.isNull()) {
      return Optional.of(false);
    }
    String text = flag.isTextual() ? flag.asText() : flag.toString();
    return Optional.of(TRUE.contains(text.toLowerCase(Locale.ROOT)));
  }

  /**
   * Fills a launch request the way {@code ClusterLauncher.launch(store, function, overrides)} does,
   * with this task's tags, flag and timeout.
   *
   * @param fn the stored launch function
   * @param b the request builder (profile and configuration are set by the store)
   */
  public void apply(LaunchFunction fn, LaunchRequest.Builder b) {
    Map<String, String> allTags = new LinkedHashMap<>(fn.clusterTags());
    allTags.putAll(tags);
    b.clusterName(fn.clusterName().isBlank() ? Optional.empty() : Optional.of(fn.clusterName()))
        .tags(allTags)
        .allowedOverrides(fn.allowedOverrides())
        .overrides(overrides)
        .failIfClusterRunning(failIfClusterRunning.orElse(fn.defaultFailIfClusterRunning()))
        .waitFor(fn.waitForClusterStart() ? LaunchWait.STARTED : LaunchWait.NONE);
    if (fn.waitForClusterStart()) {
      startTimeout.ifPresent(b::timeout);
    }
  }
}
