package io.emrlaunch.stepfunctions.activity;

import io.emrlaunch.stepfunctions.local.LocalEngine;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskRequest;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskHeartbeatRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskHeartbeatResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * The activity operations of the Step Functions API over the local engine (FakeSfn has no
 * activities): GetActivityTask answers at once (the worker spaces empty polls by a second),
 * SendTask* for a task the engine no longer waits for fails with {@code TaskTimedOut} as Step
 * Functions does. Records every call; the next {@link #failPolls} polls fail with HTTP 500.
 */
final class EngineActivities implements SfnAsyncClient {
  final LocalEngine engine;
  final List<String> calls = new CopyOnWriteArrayList<>();
  final AtomicInteger failPolls = new AtomicInteger();

  EngineActivities(LocalEngine engine) {
    this.engine = engine;
  }

  long count(String operation) {
    return calls.stream().filter(operation::equals).count();
  }

  @Override
  public String serviceName() {
    return "states";
  }

  @Override
  public void close() {}

  @Override
  public CompletableFuture<GetActivityTaskResponse> getActivityTask(GetActivityTaskRequest r) {
    calls.add("GetActivityTask");
    if (failPolls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return CompletableFuture.failedFuture(
          SfnException.builder()
              .statusCode(500)
              .awsErrorDetails(
                  AwsErrorDetails.builder()
                      .errorCode("InternalFailure")
                      .errorMessage("500")
                      .build())
              .build());
    }
    return CompletableFuture.completedFuture(
        engine
            .pollActivityTask(r.activityArn())
            .map(
                t ->
                    GetActivityTaskResponse.builder()
                        .taskToken(t.taskToken())
                        .input(t.input())
                        .build())
            .orElse(GetActivityTaskResponse.builder().build()));
  }

  @Override
  public CompletableFuture<SendTaskSuccessResponse> sendTaskSuccess(SendTaskSuccessRequest r) {
    calls.add("SendTaskSuccess");
    return engine.sendTaskSuccess(r.taskToken(), r.output())
        ? CompletableFuture.completedFuture(SendTaskSuccessResponse.builder().build())
        : CompletableFuture.failedFuture(timedOut());
  }

  @Override
  public CompletableFuture<SendTaskFailureResponse> sendTaskFailure(SendTaskFailureRequest r) {
    calls.add("SendTaskFailure");
    return engine.sendTaskFailure(r.taskToken(), r.error(), r.cause())
        ? CompletableFuture.completedFuture(SendTaskFailureResponse.builder().build())
        : CompletableFuture.failedFuture(timedOut());
  }

  @Override
  public CompletableFuture<SendTaskHeartbeatResponse> sendTaskHeartbeat(
      SendTaskHeartbeatRequest r) {
    calls.add("SendTaskHeartbeat");
    return engine.sendTaskHeartbeat(r.taskToken())
        ? CompletableFuture.completedFuture(SendTaskHeartbeatResponse.builder().build())
        : CompletableFuture.failedFuture(timedOut());
  }

  private static TaskTimedOutException timedOut() {
    return TaskTimedOutException.builder()
        .statusCode(400)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode("TaskTimedOut")
                .errorMessage("Task Timed Out")
                .build())
        .build();
  }
}
