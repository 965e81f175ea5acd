package io.emrlaunch.testkit.emr;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.FailureDetails;
import software.amazon.awssdk.services.emr.model.HadoopJarStepConfig;
import software.amazon.awssdk.services.emr.model.HadoopStepConfig;
import software.amazon.awssdk.services.emr.model.KeyValue;
import software.amazon.awssdk.services.emr.model.Step;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepStateChangeReason;
import software.amazon.awssdk.services.emr.model.StepStatus;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.emr.model.StepTimeline;

/** Mutable state of one step; guarded by the owning FakeEmr. */
final class StepRecord {
  final String id;
  final String name;
  final HadoopJarStepConfig jar;
  final ActionOnFailure actionOnFailure;
  final String executionRoleArn;
  final Instant created;
  StepState state = StepState.PENDING;
  Instant started;
  Instant ended;
  FailureDetails failure;
  String stateMessage;
  ScheduledFuture<?> task;

  StepRecord(
      String id,
      String name,
      HadoopJarStepConfig jar,
      ActionOnFailure actionOnFailure,
      String executionRoleArn,
      Instant created) {
    this.id = id;
    this.name = name;
    this.jar = jar;
    this.actionOnFailure = actionOnFailure;
    this.executionRoleArn = executionRoleArn;
    this.created = created;
  }

  boolean isActive() {
    return state == StepState.PENDING
        || state == StepState.RUNNING
        || state == StepState.CANCEL_PENDING;
  }

  void end(StepState endState, Instant at) {
    state = endState;
    ended = at;
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  private HadoopStepConfig config() {
    Map<String, String> properties = new LinkedHashMap<>();
    for (KeyValue kv : jar.properties()) {
      properties.put(kv.key(), kv.value());
    }
    return HadoopStepConfig.builder()
        .jar(jar.jar())
        .mainClass(jar.mainClass())
        .args(jar.args())
        .properties(properties)
        .build();
  }

  private StepStatus status() {
    StepStatus.Builder status =
        StepStatus.builder()
            .state(state)
            .timeline(
                StepTimeline.builder()
                    .creationDateTime(created)
                    .startDateTime(started)
                    .endDateTime(ended)
                    .build())
            .stateChangeReason(
                stateMessage == null
                    ? StepStateChangeReason.builder().build()
                    : StepStateChangeReason.builder().message(stateMessage).build());
    if (failure != null) {
      status.failureDetails(failure);
    }
    return status.build();
  }

  Step toStep() {
    return Step.builder()
        .id(id)
        .name(name)
        .config(config())
        .actionOnFailure(actionOnFailure)
        .status(status())
        .executionRoleArn(executionRoleArn)
        .build();
  }

  StepSummary toSummary() {
    return StepSummary.builder()
        .id(id)
        .name(name)
        .config(config())
        .actionOnFailure(actionOnFailure)
        .status(status())
        .build();
  }
}
