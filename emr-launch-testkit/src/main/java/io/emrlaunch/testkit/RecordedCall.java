package io.emrlaunch.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One call made through a fake's client view: which service and operation, when (virtual time), the
 * request, and either the response or the error the caller saw. With a "response lost" fault both
 * are present: the backend's response (the call took effect) and the error the caller got instead.
 */
public final class RecordedCall {
  private final String service;
  private final String operation;
  private final Instant at;
  private final Duration latency;
  private final Object request;
  private final Object response;
  private final Throwable error;
  private final Fault.Kind injectedFault;

  /**
   * Creates a record; used by the client views.
   *
   * @param service service id, e.g. {@link FakeAws#EMR}
   * @param operation the API operation name, e.g. {@code RunJobFlow}
   * @param at virtual instant the call was made
   * @param latency injected latency (zero when none)
   * @param request the SDK request
   * @param response the backend's response, or {@code null}
   * @param error the error the caller saw, or {@code null}
   * @param injectedFault the error fault injected into this call, or {@code null}
   */
  public RecordedCall(
      String service,
      String operation,
      Instant at,
      Duration latency,
      Object request,
      Object response,
      Throwable error,
      Fault.Kind injectedFault) {
    this.service = Objects.requireNonNull(service, "service");
    this.operation = Objects.requireNonNull(operation, "operation");
    this.at = Objects.requireNonNull(at, "at");
    this.latency = Objects.requireNonNull(latency, "latency");
    this.request = request;
    this.response = response;
    this.error = error;
    this.injectedFault = injectedFault;
  }

  /** The service id, e.g. {@code emr}. */
  public String service() {
    return service;
  }

  /** The operation name as in the API reference, e.g. {@code DescribeCluster}. */
  public String operation() {
    return operation;
  }

  /** The virtual instant the call was made. */
  public Instant at() {
    return at;
  }

  /** Injected latency of this call (zero when none). */
  public Duration latency() {
    return latency;
  }

  /** The SDK request object. */
  public Object request() {
    return request;
  }

  /** The request cast to its SDK type. */
  public <T> T request(Class<T> type) {
    return type.cast(request);
  }

  /** The backend's response, if the backend produced one. */
  public Optional<Object> response() {
    return Optional.ofNullable(response);
  }

  /** The error the caller saw, if any. */
  public Optional<Throwable> error() {
    return Optional.ofNullable(error);
  }

  /** The error fault injected into this call, if any. */
  public Optional<Fault.Kind> injectedFault() {
    return Optional.ofNullable(injectedFault);
  }

  /** Whether the caller got a response (no error). */
  public boolean succeeded() {
    return error == null;
  }

  @Override
  public String toString() {
    return service
        + ":"
        + operation
        + "@"
        + at
        + (error == null ? "" : " -> " + error.getClass().getSimpleName())
        + (injectedFault == null ? "" : " [" + injectedFault + "]");
  }
}
