package io.emrlaunch.stepfunctions.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Runs definitions in a local engine on a fresh FakeAws, in virtual time. */
final class LocalRuns {
  static final ObjectMapper JSON = new ObjectMapper();
  final FakeAws aws;
  final LocalEngine engine;

  LocalRuns() {
    this(FakeAws.create(), b -> b);
  }

  LocalRuns(FakeAws aws, java.util.function.UnaryOperator<LocalEngine.Builder> options) {
    this.aws = aws;
    this.engine =
        options
            .apply(
                LocalEngine.builder()
                    .clock(aws.clock())
                    .scheduler(aws.scheduler())
                    .client(aws.emrAsync())
                    .client(aws.ssmAsync())
                    .client(aws.sfnAsync()))
            .build();
  }

  LocalExecution run(String definition, String input) {
    return await(engine.start(definition, input));
  }

  LocalExecution await(CompletableFuture<LocalExecution> f) {
    aws.time().runUntil(f, Duration.ofDays(400));
    if (!f.isDone()) {
      throw new AssertionError("the execution did not end within 400 virtual days");
    }
    return f.join();
  }

  static JsonNode output(LocalExecution e) {
    try {
      return JSON.readTree(e.output().orElseThrow(() -> new AssertionError("no output: " + e)));
    } catch (java.io.IOException x) {
      throw new AssertionError(x);
    }
  }

  /** Single quotes to double quotes, for readable definitions in tests. */
  static String q(String s) {
    return s.replace('\'', '"');
  }
}
