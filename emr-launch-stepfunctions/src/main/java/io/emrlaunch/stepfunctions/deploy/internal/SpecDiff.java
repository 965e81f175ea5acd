package io.emrlaunch.stepfunctions.deploy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.stepfunctions.deploy.StateMachineSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.LoggingConfiguration;

/** Compares a spec with a deployed state machine, and builds the SDK configuration objects. */
public final class SpecDiff {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SpecDiff() {}

  /**
   * What differs between the spec and the deployed state machine.
   *
   * @param spec the wanted state
   * @param current what DescribeStateMachine returned
   * @return the names of the differing aspects; empty when nothing differs
   */
  public static List<String> differences(
      StateMachineSpec spec, DescribeStateMachineResponse current) {
    List<String> out = new ArrayList<>();
    if (!sameJson(spec.definition(), current.definition())) {
      out.add("definition");
    }
    if (!spec.roleArn().equals(current.roleArn())) {
      out.add("roleArn");
    }
    if (!sameLogging(logging(spec), current.loggingConfiguration())) {
      out.add("logging");
    }
    boolean tracing =
        current.tracingConfiguration() != null
            && Boolean.TRUE.equals(current.tracingConfiguration().enabled());
    if (tracing != spec.tracing()) {
      out.add("tracing");
    }
    return out;
  }

  /** Semantic JSON equality: key order and whitespace do not matter. */
  static boolean sameJson(String a, String b) {
    if (a == null || b == null) {
      return Objects.equals(a, b);
    }
    try {
      JsonNode x = JSON.readTree(a);
      JsonNode y = JSON.readTree(b);
      return x.equals(y);
    } catch (JsonProcessingException e) {
      return a.equals(b);
    }
  }

  /**
   * The logging configuration a spec asks for ({@code OFF} without a log group).
   *
   * @param spec the spec
   * @return the SDK configuration
   */
  public static LoggingConfiguration logging(StateMachineSpec spec) {
    if (spec.logGroupArn().isEmpty()) {
      return LoggingConfiguration.builder().level(LogLevel.OFF).build();
    }
    return LoggingConfiguration.builder()
        .level(spec.logLevel())
        .includeExecutionData(spec.includeExecutionData())
        .destinations(d -> d.cloudWatchLogsLogGroup(g -> g.logGroupArn(spec.logGroupArn().get())))
        .build();
  }

  private static boolean sameLogging(LoggingConfiguration want, LoggingConfiguration have) {
    LogLevel haveLevel = have == null || have.level() == null ? LogLevel.OFF : have.level();
    if (want.level() == LogLevel.OFF) {
      return haveLevel == LogLevel.OFF;
    }
    return want.level() == haveLevel
        && Boolean.TRUE.equals(want.includeExecutionData())
            == Boolean.TRUE.equals(have.includeExecutionData())
        && Objects.equals(destination(want), destination(have));
  }

  private static String destination(LoggingConfiguration c) {
    if (c.destinations() == null || c.destinations().isEmpty()) {
      return null;
    }
    var g = c.destinations().get(0).cloudWatchLogsLogGroup();
    return g == null ? null : g.logGroupArn();
  }
}
