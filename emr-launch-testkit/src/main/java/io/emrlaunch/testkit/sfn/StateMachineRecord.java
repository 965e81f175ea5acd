package io.emrlaunch.testkit.sfn;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sfn.model.LoggingConfiguration;
import software.amazon.awssdk.services.sfn.model.TracingConfiguration;

/** One state machine as stored; guarded by FakeSfn. */
final class StateMachineRecord {
  final String arn;
  final String name;
  final String type;
  final Instant created;
  String definition;
  String roleArn;
  LoggingConfiguration logging;
  TracingConfiguration tracing;
  String revisionId;
  boolean deleting;
  final Map<String, String> tags = new LinkedHashMap<>();

  StateMachineRecord(String arn, String name, String type, Instant created) {
    this.arn = arn;
    this.name = name;
    this.type = type;
    this.created = created;
  }
}
