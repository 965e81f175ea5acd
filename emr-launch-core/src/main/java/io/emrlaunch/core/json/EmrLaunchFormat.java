package io.emrlaunch.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.internal.Json;
import io.emrlaunch.core.json.internal.JsonErrors;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * Our own record format: the value's JSON with a {@code schemaVersion} field first. Reading accepts
 * any version up to {@link EmrLaunchJson#SCHEMA_VERSION} and ignores unknown fields, so a record
 * written by a newer minor version, or with fields this version does not know, still loads.
 *
 * @param <T> the value type
 */
public final class EmrLaunchFormat<T> implements RecordCodec<T> {
  /** The field holding the format version. */
  public static final String SCHEMA_VERSION_FIELD = "schemaVersion";

  private final Class<T> type;

  private EmrLaunchFormat(Class<T> type) {
    this.type = type;
  }

  /**
   * The codec of a model type (for example {@code EmrProfile.class}).
   *
   * @param type the abstract value type, annotated for Jackson
   * @param <T> the value type
   * @return the codec
   */
  public static <T> EmrLaunchFormat<T> of(Class<T> type) {
    return new EmrLaunchFormat<>(Objects.requireNonNull(type, "type"));
  }

  @Override
  public String write(T value) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put(SCHEMA_VERSION_FIELD, EmrLaunchJson.SCHEMA_VERSION);
    node.setAll((ObjectNode) Json.MAPPER.valueToTree(value));
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + type.getSimpleName(), e);
    }
  }

  @Override
  public T read(String json) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw JsonErrors.toValidationException(e);
    }
    if (node == null || !node.isObject()) {
      throw new ValidationException(List.of(Problem.of("", "must be a JSON object")));
    }
    JsonNode version = node.get(SCHEMA_VERSION_FIELD);
    if (version != null && (!version.canConvertToInt() || version.asInt() < 1)) {
      throw new ValidationException(
          List.of(Problem.of(SCHEMA_VERSION_FIELD, "must be a positive integer")));
    }
    if (version != null && version.asInt() > EmrLaunchJson.SCHEMA_VERSION) {
      throw new ValidationException(
          List.of(
              Problem.of(
                  SCHEMA_VERSION_FIELD,
                  "is "
                      + version.asInt()
                      + ", newer than this library reads ("
                      + EmrLaunchJson.SCHEMA_VERSION
                      + "): upgrade emr-launch")));
    }
    ((ObjectNode) node).remove(SCHEMA_VERSION_FIELD);
    try {
      return Json.MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw JsonErrors.toValidationException(e);
    } catch (IllegalArgumentException e) {
      throw new ValidationException(List.of(Problem.of("", "is invalid: " + e.getMessage())));
    }
  }
}
