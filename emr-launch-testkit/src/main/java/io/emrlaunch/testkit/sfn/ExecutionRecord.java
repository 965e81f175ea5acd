package io.emrlaunch.testkit.sfn;

import java.time.Instant;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

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
