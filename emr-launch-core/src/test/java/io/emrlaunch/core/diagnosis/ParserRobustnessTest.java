package io.emrlaunch.core.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parser never throws and always gives a well-formed diagnosis, whatever the text: seeded
 * random logs made of fragments of real log lines, cut and shuffled.
 */
class ParserRobustnessTest {
  private static final List<String> FRAGMENTS =
      List.of(
          "Traceback (most recent call last):",
          "  File \"x.py\", line 3, in <module>",
          "  File \"\", line , in ",
          "ValueError: bad",
          "Caused by: ",
          "Caused by: java.lang.IllegalStateException: boom",
          "\tat com.acme.Job.run(Job.java:1)",
          "Exception in thread \"main\" ",
          "Exception in thread \"main\" org.apache.spark.SparkException: Application application_1_1"
              + " finished with failed status",
          "py4j.protocol.Py4JJavaError: An error occurred",
          "Container killed by YARN for exceeding memory limits.",
          "is running beyond physical memory limits. Current usage: 1 GB of",
          "Exit code is 137",
          "java.lang.OutOfMemoryError",
          "Status Code: 403; Error Code: AccessDenied s3://",
          "arn:aws:sts::123456789012:assumed-role/",
          "ClassNotFoundException: ",
          "ModuleNotFoundError: No module named ''",
          "ImportError: cannot import name 'a' from ''",
          "Path does not exist: ",
          "bootstrap action  returned a non-zero return code",
          "On the master instance (i-0abc), bootstrap action 9 returned a non-zero return code",
          "Step failed with exitCode ",
          "Step failed with exitCode 99999999999999999999",
          "",
          "\r",
          "…",
          "x".repeat(3000));

  @Test
  void randomLogsNeverBreakTheParser() {
    Random random = new Random(19);
    int diagnosed = 0;
    for (int n = 0; n < 3000; n++) {
      StringBuilder log = new StringBuilder();
      int lines = random.nextInt(12);
      for (int i = 0; i < lines; i++) {
        String f = FRAGMENTS.get(random.nextInt(FRAGMENTS.size()));
        if (!f.isEmpty() && random.nextInt(4) == 0) {
          f = f.substring(0, random.nextInt(f.length()));
        }
        log.append(f).append(random.nextBoolean() ? "\n" : " ");
      }
      Optional<Diagnosis> d =
          DiagnosisParser.parse("s3://l/j-1/steps/s-1/stderr.gz", log.toString());
      if (d.isPresent()) {
        diagnosed++;
        assertThat(d.get().cause()).isNotBlank().doesNotContain("\n");
        assertThat(d.get().cause().length()).isLessThanOrEqualTo(Diagnosis.MAX_LINE);
        assertThat(d.get().evidence()).isNotEmpty();
        assertThat(d.get().evidence()).allSatisfy(e -> assertThat(e.lineNumber()).isPositive());
      }
    }
    assertThat(diagnosed).isGreaterThan(1000);
  }
}
