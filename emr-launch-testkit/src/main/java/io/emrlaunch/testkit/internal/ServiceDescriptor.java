package io.emrlaunch.testkit.internal;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * What the client views need to know about one AWS service: its ids and how it spells its errors.
 *
 * <p>Each fake defines one (EMR: {@code io.emrlaunch.testkit.emr.EmrErrors#SERVICE}). Errors are
 * built the way the SDK's unmarshaller builds them, so {@code e.awsErrorDetails().errorCode()},
 * {@code e.statusCode()} and {@code e.isThrottlingException()} behave as with the real service.
 */
public final class ServiceDescriptor {
  private final String id;
  private final String sdkServiceName;
  private final String errorServiceName;
  private final Function<String, AwsServiceException.Builder> exceptionBuilder;
  private final String throttlingCode;
  private final String serverErrorCode;

  /**
   * Describes a service.
   *
   * @param id the testkit's id for the service, used by the call log and fault plan (e.g. {@code
   *     emr})
   * @param sdkServiceName what the SDK client's {@code serviceName()} returns (e.g. {@code
   *     elasticmapreduce})
   * @param errorServiceName what {@code AwsErrorDetails.serviceName()} says (e.g. {@code EMR})
   * @param exceptionBuilder builder for an error code: the modelled exception's builder when the
   *     service models that code, else the service's base exception builder
   * @param throttlingCode the service's throttling error code (HTTP 400)
   * @param serverErrorCode the service's internal error code (HTTP 500)
   */
  public ServiceDescriptor(
      String id,
      String sdkServiceName,
      String errorServiceName,
      Function<String, AwsServiceException.Builder> exceptionBuilder,
      String throttlingCode,
      String serverErrorCode) {
    this.id = Objects.requireNonNull(id, "id");
    this.sdkServiceName = Objects.requireNonNull(sdkServiceName, "sdkServiceName");
    this.errorServiceName = Objects.requireNonNull(errorServiceName, "errorServiceName");
    this.exceptionBuilder = Objects.requireNonNull(exceptionBuilder, "exceptionBuilder");
    this.throttlingCode = Objects.requireNonNull(throttlingCode, "throttlingCode");
    this.serverErrorCode = Objects.requireNonNull(serverErrorCode, "serverErrorCode");
  }

  public String id() {
    return id;
  }

  public String sdkServiceName() {
    return sdkServiceName;
  }

  /** An error as the SDK would surface it for {@code errorCode} with HTTP {@code status}. */
  public AwsServiceException error(String errorCode, int status, String message) {
    SdkHttpResponse http = SdkHttpResponse.builder().statusCode(status).build();
    AwsErrorDetails details =
        AwsErrorDetails.builder()
            .errorCode(errorCode)
            .errorMessage(message)
            .serviceName(errorServiceName)
            .sdkHttpResponse(http)
            .build();
    return exceptionBuilder
        .apply(errorCode)
        .message(message)
        .statusCode(status)
        .requestId(UUID.randomUUID().toString())
        .awsErrorDetails(details)
        .build();
  }

  /** The service's throttling error. */
  public AwsServiceException throttling() {
    return error(throttlingCode, 400, "Rate exceeded");
  }

  /** The service's internal server error. */
  public AwsServiceException serverError() {
    return error(serverErrorCode, 500, "An internal error occurred. Please try again later.");
  }
}
