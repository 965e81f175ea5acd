package io.emrlaunch.testkit.emr;

import io.emrlaunch.testkit.internal.EmrService;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;

/** EMR's errors as the SDK surfaces them, with the codes and messages real EMR uses. */
final class EmrErrors {
  private EmrErrors() {}

  /** EMR's {@code InvalidRequestException} (HTTP 400), e.g. for an unknown cluster id. */
  static InvalidRequestException invalidRequest(String message) {
    return (InvalidRequestException)
        EmrService.DESCRIPTOR.error("InvalidRequestException", 400, message);
  }

  /** EMR's unmodelled {@code ValidationException} (HTTP 400), e.g. for a bad RunJobFlow request. */
  static EmrException validation(String message) {
    return (EmrException) EmrService.DESCRIPTOR.error("ValidationException", 400, message);
  }
}
