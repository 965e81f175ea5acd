package io.emrlaunch.stepfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The example of docs/local-engine.md, run. The code between the markers must be the document's
 * Java block, whitespace aside.
 */
class LocalEngineDocExampleTest {
  static final String DOC = "docs/local-engine.md";
  static final String SOURCE =
      "emr-launch-stepfunctions/src/test/java/io/emrlaunch/stepfunctions/local/"
          + "LocalEngineDocExampleTest.java";
  static final String BEGIN = "// ---- as in the doc ----";
  static final String END = "// ---- end ----";

  @Test
  void runsAStateMachineLocally() {
    // ---- as in the doc ----
    FakeAws aws = FakeAws.create();
    aws.ssm().putParameter(r -> r.name("/jobs/nightly/cores").value("4").type("String"));

    LocalEngine engine =
        LocalEngine.builder()
            .clock(aws.clock())
            .scheduler(aws.scheduler())
            .client(aws.ssmAsync())
            .client(aws.emrAsync())
            .build();

    String definition =
        "{\"StartAt\": \"Read\", \"States\": {"
            + "\"Read\": {\"Type\": \"Task\","
            + " \"Resource\": \"arn:aws:states:::aws-sdk:ssm:getParameter\","
            + " \"Parameters\": {\"Name.$\": \"States.Format('/jobs/{}/cores', $.job)\"},"
            + " \"ResultSelector\": {\"cores.$\": \"States.StringToJson($.Parameter.Value)\"},"
            + " \"Next\": \"Settle\"},"
            + "\"Settle\": {\"Type\": \"Wait\", \"Seconds\": 3600, \"End\": true}}}";

    CompletableFuture<LocalExecution> run = engine.start(definition, "{\"job\": \"nightly\"}");
    LocalExecution done = aws.time().runUntil(run, Duration.ofDays(1)).join();

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).contains("{\"cores\":4}");
    // ---- end ----
    assertThat(aws.clock().instant()).isEqualTo(java.time.Instant.parse("2026-01-01T01:00:00Z"));
  }

  @Test
  void theDocumentShowsTheCodeThisTestRuns() throws Exception {
    Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (root != null && !Files.isRegularFile(root.resolve(DOC))) {
      root = root.getParent();
    }
    assertThat(root).as(DOC + " above the working directory").isNotNull();
    Matcher java =
        Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(root.resolve(DOC)));
    assertThat(java.find()).isTrue();
    Matcher marked =
        Pattern.compile(
                "(?m)^\\s*"
                    + Pattern.quote(BEGIN)
                    + "\\s*$(.*?)^\\s*"
                    + Pattern.quote(END)
                    + "\\s*$",
                Pattern.DOTALL)
            .matcher(Files.readString(root.resolve(SOURCE)));
    assertThat(marked.find()).isTrue();
    assertThat(marked.group(1).replaceAll("\\s+", ""))
        .isEqualTo(java.group(1).replaceAll("(?m)^import .*$", "").replaceAll("\\s+", ""));
  }
}
