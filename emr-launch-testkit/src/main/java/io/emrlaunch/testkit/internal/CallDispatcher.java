package io.emrlaunch.testkit.internal;

import io.emrlaunch.testkit.Fault;
import io.emrlaunch.testkit.FaultPlan;
import io.emrlaunch.testkit.RecordedCall;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs one operation against a backend: decides faults, spends latency in virtual time, invokes the
 * backend, records the call. Shared by the sync and async views of one backend.
 *
 * <p>A request whose {@code overrideConfiguration().apiCallTimeout()} is shorter than its injected
 * latency fails with the SDK's {@link ApiCallTimeoutException} once the timeout has passed, while
 * the request itself still reaches the backend when its latency has passed (it was sent; a real
 * client cannot call it back either). That is the worst case a caller has to be ready for: an
 * operation it gave up on takes effect later.
 */
final class CallDispatcher {
  private final Object backend;
  private final ServiceDescriptor service;
  private final ViewContext context;

  CallDispatcher(Object backend, ServiceDescriptor service, ViewContext context) {
    this.backend = backend;
    this.service = service;
    this.context = context;
  }

  Object backend() {
    return backend;
  }

  ViewContext context() {
    return context;
  }

  /**
   * Sync view: the caller's thread "waits" the latency by moving virtual time (running due work).
   */
  Object callSync(String operation, Method target, Object[] args) {
    Instant at = context.time().now();
    FaultPlan.Decision decision = context.faults().decide(service.id(), operation);
    Duration timeout = apiCallTimeout(args[0]);
    if (timeout != null && decision.latency().compareTo(timeout) > 0) {
      // The request is on its way: it still lands after its latency, but the caller gives up.
      context
          .time()
          .scheduler()
          .schedule(
              () -> execute(operation, target, args, at, decision),
              decision.latency().toNanos(),
              TimeUnit.NANOSECONDS);
      context.time().advance(timeout);
      throw ApiCallTimeoutException.create(timeout.toMillis());
    }
    if (!decision.latency().isZero()) {
      context.time().advance(decision.latency());
    }
    Outcome outcome = execute(operation, target, args, at, decision);
    if (outcome.deferred != null) {
      // A long poll: the caller's thread "waits" by driving virtual time until the answer.
      context.time().runUntil(outcome.deferred, Duration.ofMinutes(15));
      if (!outcome.deferred.isDone()) {
        // Never block a real thread on an answer virtual time did not bring.
        throw new IllegalStateException(
            operation + " did not answer within 15 virtual minutes of a synchronous call");
      }
      try {
        return outcome.deferred.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    if (outcome.error != null) {
      throw outcome.error;
    }
    return outcome.response;
  }

  /**
   * Async view: without latency the future is completed before it is returned (deterministic, no
   * thread); with latency the backend runs and the future completes on the virtual scheduler after
   * the latency.
   */
  CompletableFuture<Object> callAsync(String operation, Method target, Object[] args) {
    Instant at = context.time().now();
    FaultPlan.Decision decision = context.faults().decide(service.id(), operation);
    CompletableFuture<Object> future = new CompletableFuture<>();
    Duration timeout = apiCallTimeout(args[0]);
    if (timeout != null && decision.latency().compareTo(timeout) > 0) {
      // The request is on its way: it still lands after its latency, but the caller gives up at
      // its api-call timeout, as an SDK client does, without knowing whether it took effect.
      context
          .time()
          .scheduler()
          .schedule(
              () -> execute(operation, target, args, at, decision),
              decision.latency().toNanos(),
              TimeUnit.NANOSECONDS);
      context
          .time()
          .scheduler()
          .schedule(
              () ->
                  future.completeExceptionally(
                      new CompletionException(ApiCallTimeoutException.create(timeout.toMillis()))),
              timeout.toNanos(),
              TimeUnit.NANOSECONDS);
      return future;
    }
    if (decision.latency().isZero()) {
      execute(operation, target, args, at, decision).completeAsync(future);
    } else {
      context
          .time()
          .scheduler()
          .schedule(
              () -> execute(operation, target, args, at, decision).completeAsync(future),
              decision.latency().toNanos(),
              TimeUnit.NANOSECONDS);
    }
    return future;
  }

  /**
   * The request's {@code overrideConfiguration().apiCallTimeout()}, or null. (The views have no
   * client-level configuration; a per-request override is what they honour.)
   */
  private static Duration apiCallTimeout(Object request) {
    if (request instanceof AwsRequest aws) {
      return aws.overrideConfiguration()
          .flatMap(AwsRequestOverrideConfiguration::apiCallTimeout)
          .filter(d -> !d.isNegative() && !d.isZero())
          .orElse(null);
    }
    return null;
  }

  private Outcome execute(
      String operation, Method target, Object[] args, Instant at, FaultPlan.Decision decision) {
    Object request = args[0];
    Fault.Kind fault = decision.error();
    Object response = null;
    RuntimeException error = null;
    if (fault == Fault.Kind.THROTTLING) {
      error = service.throttling();
    } else if (fault == Fault.Kind.SERVER_ERROR) {
      error = service.serverError();
    } else {
      try {
        response = invoke(target, args);
      } catch (RuntimeException e) {
        error = e;
      }
      if (response instanceof CompletableFuture<?> deferred) {
        return deferred(operation, request, at, decision, deferred);
      }
      if (fault == Fault.Kind.RESPONSE_LOST) {
        error = responseLost(operation);
      }
    }
    context
        .calls()
        .record(
            new RecordedCall(
                service.id(), operation, at, decision.latency(), request, response, error, fault));
    return new Outcome(response, error);
  }

  /**
   * A backend operation that answers later (SQS's long-polling {@code ReceiveMessage} returns a
   * future that completes in virtual time): the call is recorded, and the caller answered, when it
   * completes.
   */
  private Outcome deferred(
      String operation,
      Object request,
      Instant at,
      FaultPlan.Decision decision,
      CompletableFuture<?> deferred) {
    CompletableFuture<Object> later = new CompletableFuture<>();
    deferred.whenComplete(
        (r, t) -> {
          RuntimeException error = null;
          if (t != null) {
            Throwable cause =
                t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
            error =
                cause instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException(cause);
          }
          if (decision.error() == Fault.Kind.RESPONSE_LOST) {
            error = responseLost(operation);
          }
          Object response = error == null ? r : null;
          context
              .calls()
              .record(
                  new RecordedCall(
                      service.id(),
                      operation,
                      at,
                      decision.latency(),
                      request,
                      response,
                      error,
                      decision.error()));
          if (error != null) {
            later.completeExceptionally(error);
          } else {
            later.complete(response);
          }
        });
    return new Outcome(later);
  }

  private Object invoke(Method target, Object[] args) {
    try {
      return target.invoke(backend, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("backend method not accessible: " + target, e);
    }
  }

  private static SdkClientException responseLost(String operation) {
    return SdkClientException.builder()
        .message(
            "Unable to execute HTTP request: Read timed out ("
                + operation
                + " took effect but its response was lost: injected fault)")
        .cause(new SocketTimeoutException("Read timed out"))
        .build();
  }

  /** Response or error of one executed call. */
  private static final class Outcome {
    final Object response;
    final RuntimeException error;
    final CompletableFuture<Object> deferred;

    Outcome(Object response, RuntimeException error) {
      this.response = response;
      this.error = error;
      this.deferred = null;
    }

    Outcome(CompletableFuture<Object> deferred) {
      this.response = null;
      this.error = null;
      this.deferred = deferred;
    }

    /** Completes as the SDK's async clients do: errors wrapped in a CompletionException. */
    void completeAsync(CompletableFuture<Object> future) {
      if (deferred != null) {
        deferred.whenComplete(
            (r, t) -> {
              if (t != null) {
                future.completeExceptionally(
                    t instanceof CompletionException ? t : new CompletionException(t));
              } else {
                future.complete(r);
              }
            });
        return;
      }
      if (error != null) {
        future.completeExceptionally(
            error instanceof CompletionException ? error : new CompletionException(error));
      } else {
        future.complete(response);
      }
    }
  }
}
