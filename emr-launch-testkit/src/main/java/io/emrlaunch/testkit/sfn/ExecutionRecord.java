package io.emrlaunch.testkit.sfn;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** One execution as stored; guarded by FakeSfn. */
final class ExecutionRecord {
  final String arn;
  final String machineArn;
  final String name;
  final String input;
  final String roleArn;
  final Instant started;
  final long sequence;
  ExecutionStatus status = ExecutionStatus.RUNNING;
  Instant stopped;
  String output;
  String error;
  String cause;

  /** The engine's history once it ended; null when no engine ran it. */
  List<HistoryEvent> history;

  /** The engine's run while it goes on. */
  CompletionStage<List<HistoryEvent>> run;

  ExecutionRecord(
      String arn,
      String machineArn,
      String name,
      String input,
      String roleArn,
      Instant started,
      long sequence) {
    this.arn = arn;
    this.machineArn = machineArn;
    this.name = name;
    this.input = input;
    this.roleArn = roleArn;
    this.started = started;
    this.sequence = sequence;
  }
}
