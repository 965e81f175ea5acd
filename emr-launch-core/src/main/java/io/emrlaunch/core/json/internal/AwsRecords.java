package io.emrlaunch.core.json.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import java.util.Optional;

/** Small helpers shared by the aws-emr-launch record codecs. */
final class AwsRecords {
  private AwsRecords() {}

  static JsonNode parse(String json) {
    if (json == null) {
      throw new ValidationException(List.of(Problem.of("", "must be a JSON object (was null)")));
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw JsonErrors.toValidationException(e);
    }
    if (root == null || !root.isObject()) {
      throw new ValidationException(List.of(Problem.of("", "must be a JSON object")));
    }
    return root;
  }

  static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || !v.isValueNode() ? Optional.empty() : Optional.of(v.asText());
  }

  static String requiredText(JsonNode n, String field, Problems p) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
      p.add(field, "is required");
      return null;
    }
    if (!v.isTextual()) {
      p.add(field, "must be text");
      return null;
    }
    return v.asText();
  }

  static boolean bool(JsonNode n, String field, boolean otherwise, Problems p) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return otherwise;
    }
    if (!v.isBoolean()) {
      p.add(field, "must be true or false");
      return otherwise;
    }
    return v.asBoolean();
  }
}
