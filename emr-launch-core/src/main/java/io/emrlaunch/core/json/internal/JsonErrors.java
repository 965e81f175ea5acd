package io.emrlaunch.core.json.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;

/** Turns Jackson's failures into {@link ValidationException}s with dotted field paths. */
public final class JsonErrors {
  private JsonErrors() {}

  /**
   * Converts a Jackson failure. A {@link ValidationException} thrown by a builder while Jackson was
   * constructing a nested value keeps its problems, prefixed with the path where Jackson was.
   *
   * @param e the failure
   * @return the validation exception to throw
   */
  public static ValidationException toValidationException(JsonProcessingException e) {
    String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
    Throwable cause = e.getCause();
    while (cause != null) {
      if (cause instanceof ValidationException v) {
        return new ValidationException(
            v.problems().stream().map(p -> Problem.of(join(path, p.path()), p.message())).toList());
      }
      cause = cause.getCause();
    }
    Throwable npe = e.getCause();
    while (npe != null && !(npe instanceof NullPointerException)) {
      npe = npe.getCause();
    }
    if (npe != null && npe.getMessage() != null && !npe.getMessage().isBlank()) {
      // Immutables names the attribute: "name", "tags value for key: k", "applications element"
      String m = npe.getMessage().trim();
      String field = m.split(" ")[0];
      String what = m.endsWith(" element") ? "must not contain null" : "must not be null";
      if (field.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        return new ValidationException(List.of(Problem.of(join(path, field), what)));
      }
    }
    String message;
    if (e instanceof InvalidFormatException f) {
      message = "has an invalid value " + render(f.getValue()) + expected(f.getTargetType());
    } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      message = "has the wrong JSON type" + expected(m.getTargetType());
    } else if (e instanceof JsonMappingException) {
      message = "is invalid: " + e.getOriginalMessage();
    } else {
      var loc = e.getLocation();
      message =
          "is not valid JSON: "
              + e.getOriginalMessage()
              + (loc != null
                  ? " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"
                  : "");
    }
    return new ValidationException(List.of(Problem.of(path, message)));
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "";
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      StringBuilder b = new StringBuilder(" (expected one of ");
      for (int i = 0; i < constants.length; i++) {
        b.append(i == 0 ? "" : ", ").append(constants[i]);
      }
      return b.append(')').toString();
    }
    return " (expected " + type.getSimpleName() + ")";
  }

  private static String render(Object v) {
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }

  private static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String join(String a, String b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return b.startsWith("[") ? a + b : a + "." + b;
  }
}
