package io.emrlaunch.stepfunctions.deploy.internal;

import static io.emrlaunch.core.Futures.unwrap;

import io.emrlaunch.stepfunctions.deploy.ExecutionFailedException;
import io.emrlaunch.stepfunctions.deploy.ExecutionResult;
import io.emrlaunch.stepfunctions.deploy.ExecutionWaitTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Polls one execution until it ends. Each poll is scheduled, never slept: no thread waits. The
 * interval grows by half per poll up to the maximum; throttling and 5xx answers only slow it down.
 */
public final class ExecutionPoller {
  private final SfnAsyncClient client;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final String executionArn;
  private final Duration timeout;
  private final Duration maxInterval;
  private final Instant deadline;
  private final CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
  private Duration interval;

  /**
   * Prepares a poller.
   *
   * @param client the client
   * @param scheduler where polls are scheduled
   * @param clock measures the timeout
   * @param executionArn the execution
   * @param timeout how long to wait at most
   * @param firstInterval the first delay between polls
   * @param maxInterval the largest delay between polls
   */
  public ExecutionPoller(
      SfnAsyncClient client,
      ScheduledExecutorService scheduler,
      Clock clock,
      String executionArn,
      Duration timeout,
      Duration firstInterval,
      Duration maxInterval) {
    this.client = client;
    this.scheduler = scheduler;
    this.clock = clock;
    this.executionArn = executionArn;
    this.timeout = timeout;
    this.maxInterval = maxInterval;
    this.interval = firstInterval;
    this.deadline = clock.instant().plus(timeout);
  }

  /**
   * Polls once now, then on schedule.
   *
   * @return completes when the execution ends, fails or the timeout elapses
   */
  public CompletableFuture<ExecutionResult> start() {
    poll();
    return result;
  }

  private void poll() {
    if (result.isDone()) {
      return; // cancelled by the caller
    }
    client
        .describeExecution(r -> r.executionArn(executionArn))
        .whenComplete(
            (resp, error) -> {
              if (error != null) {
                Throwable e = unwrap(error);
                if (retryable(e)) {
                  interval = interval.multipliedBy(2);
                  next();
                } else {
                  result.completeExceptionally(e);
                }
                return;
              }
              handle(resp);
            });
  }

  private void handle(DescribeExecutionResponse r) {
    ExecutionStatus status = r.status();
    if (status == ExecutionStatus.SUCCEEDED) {
      result.complete(new ExecutionResult(executionArn, r.output(), r.startDate(), r.stopDate()));
    } else if (status == ExecutionStatus.FAILED
        || status == ExecutionStatus.TIMED_OUT
        || status == ExecutionStatus.ABORTED) {
      result.completeExceptionally(
          new ExecutionFailedException(executionArn, status, r.error(), r.cause()));
    } else {
      next();
    }
  }

  private void next() {
    Instant now = clock.instant();
    if (!now.isBefore(deadline)) {
      result.completeExceptionally(new ExecutionWaitTimeoutException(executionArn, timeout));
      return;
    }
    if (interval.compareTo(maxInterval) > 0) {
      interval = maxInterval;
    }
    Duration delay = interval;
    Duration left = Duration.between(now, deadline);
    if (delay.compareTo(left) > 0) {
      delay = left; // poll once more exactly at the deadline
    }
    interval = interval.plus(interval.dividedBy(2));
    scheduler.schedule(this::poll, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static boolean retryable(Throwable e) {
    if (e instanceof SdkServiceException s) {
      return s.isThrottlingException() || s.statusCode() >= 500;
    }
    return e instanceof SdkException && ((SdkException) e).retryable();
  }
}
