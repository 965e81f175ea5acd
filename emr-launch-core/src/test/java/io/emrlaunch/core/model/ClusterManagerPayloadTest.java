package io.emrlaunch.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterManagerPayloadTest {

  static final String FULL =
      """
      {"job_name": "daily-report", "resource": "report", "namespace": "report",
       "arguments": [{"argument": "date", "value": "2024-01-01"}, {"argument": "limit", "value": 10}],
       "code_files": "s3://code-bucket/report/code.zip", "code_entrypoint": "main.py",
       "mem_executor": "20G", "mem_driver": "4G", "master_type": "m5.2xlarge", "slave_type": "r5.xlarge",
       "release": "emr-6.15.0", "region": "eu-west-1", "log_bucket": "s3://my-logs",
       "subnet": "subnet-0abc", "spark_packages": ["com.amazon.deequ:deequ:2.0.7-spark-3.5"]}
      """;

  @Test
  void readsEveryKeyIntoTheSparkJob() {
    ClusterManagerPayload payload = ClusterManagerPayload.fromJson(FULL);
    SparkJob job = payload.toSparkJob();

    assertThat(job.jobName()).isEqualTo("daily-report");
    assertThat(job.entryPoint()).isEqualTo("s3://code-bucket/report/main.py");
    assertThat(job.codeFiles()).contains("s3://code-bucket/report/code.zip");
    assertThat(job.arguments()).containsExactly("report.date=2024-01-01", "report.limit=10");
    assertThat(job.executorMemory()).isEqualTo("20G");
    assertThat(job.driverMemory()).isEqualTo("4G");
    assertThat(job.masterInstanceType()).isEqualTo("m5.2xlarge");
    assertThat(job.coreInstanceType()).isEqualTo("r5.xlarge");
    assertThat(job.releaseLabel()).isEqualTo("emr-6.15.0");
    assertThat(job.region()).contains("eu-west-1");
    assertThat(job.logBucket()).contains("my-logs");
    assertThat(job.subnetId()).contains("subnet-0abc");
    assertThat(job.sparkPackages()).containsExactly("com.amazon.deequ:deequ:2.0.7-spark-3.5");
    assertThat(job.tags())
        .containsEntry("emr-launch:job", "daily-report")
        .containsEntry("emr-launch:resource", "report");
    List<String> args = job.steps().get(0).args();
    assertThat(args)
        .containsSubsequence(
            "--executor-memory",
            "20G",
            "--driver-memory",
            "4G",
            "--py-files",
            "s3://code-bucket/report/code.zip",
            "s3://code-bucket/report/main.py",
            "report.date=2024-01-01",
            "report.limit=10");
  }

  @Test
  void appliesTheDocumentedDefaults() {
    SparkJob job =
        ClusterManagerPayload.fromJson(
                "{\"job_name\": \"j\", \"code_entrypoint\": \"s3://code-bucket/main.py\"}")
            .toSparkJob();

    assertThat(job.executorMemory()).isEqualTo("16G");
    assertThat(job.driverMemory()).isEqualTo("8G");
    assertThat(job.masterInstanceType()).isEqualTo("m5.xlarge");
    assertThat(job.coreInstanceType()).isEqualTo("m5.2xlarge");
    assertThat(job.releaseLabel()).isEqualTo(SparkJob.DEFAULT_RELEASE);
    assertThat(job.sparkPackages()).isEmpty();
    assertThat(job.arguments()).isEmpty();
  }

  @Test
  void roundTripsThroughItsJson() {
    ClusterManagerPayload payload = ClusterManagerPayload.fromJson(FULL);
    ClusterManagerPayload again = ClusterManagerPayload.read(payload.toJson());
    assertThat(again.toJson()).isEqualTo(payload.toJson());
    assertThat(again.renderedArguments())
        .containsExactly("report.date=2024-01-01", "report.limit=10");
  }

  @Test
  void namesThePayloadsOwnKeysInEveryProblem() {
    String bad =
        """
        {"job_name": 3, "namespace": "ns", "arguments": [{"argument": "a"}, {"argument": "b c", "value": 1},
         "x", {"argument": "a", "value": "2"}],
         "code_entrypoint": "s3://code-bucket/main.py", "mem_executor": "lots", "release": "seven",
         "subnet": "net-1", "spark_packages": ["not-coordinates", 4], "mem_executer": "1G",
         "log_bucket": "s3://b/prefix/deeper"}
        """;
    assertThatThrownBy(() -> ClusterManagerPayload.fromJson(bad))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::path)
                    .contains(
                        "job_name",
                        "arguments[0].value",
                        "arguments[1].argument",
                        "arguments[2]",
                        "mem_executer",
                        "spark_packages[1]",
                        "log_bucket"));
    // The SparkJob rules, reported under the payload's keys.
    String jobRules =
        """
        {"job_name": "j", "code_entrypoint": "main.py", "mem_executor": "lots", "release": "seven",
         "subnet": "net-1", "spark_packages": ["not-coordinates"], "region": "Europe"}
        """;
    assertThatThrownBy(() -> ClusterManagerPayload.fromJson(jobRules))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::path)
                    .containsExactlyInAnyOrder(
                        "code_entrypoint",
                        "mem_executor",
                        "release",
                        "subnet",
                        "spark_packages[0]",
                        "region"));
  }

  @Test
  void refusesArgumentsWithoutANamespaceAndTextThatIsNotJson() {
    assertThatThrownBy(
            () ->
                ClusterManagerPayload.fromJson(
                    "{\"job_name\": \"j\", \"code_entrypoint\": \"s3://b-1/m.py\","
                        + " \"arguments\": [{\"argument\": \"a\", \"value\": \"1\"}]}"))
        .hasMessageContaining("namespace");
    assertThatThrownBy(() -> ClusterManagerPayload.fromJson("{\"job_name\": "))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.problems().get(0).path()).isEqualTo("$"));
    assertThatThrownBy(() -> ClusterManagerPayload.fromJson("[1]"))
        .hasMessageContaining("must be a JSON object");
  }
}
