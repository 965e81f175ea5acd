package io.emrlaunch.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.launch.RunJobFlowRequests;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;

class JobsTest {

  @Test
  void sparkSubmitRunsThroughCommandRunner() {
    EmrStep s =
        EmrStep.sparkSubmit("daily", "s3://code/daily.py", "--date", "2024-01-01")
            .withActionOnFailure(StepFailureAction.CANCEL_AND_WAIT)
            .withProperties(Map.of("user", "etl"));
    assertThat(s.jar()).isEqualTo("command-runner.jar");
    assertThat(s.args())
        .containsExactly(
            "spark-submit",
            "--deploy-mode",
            "cluster",
            "s3://code/daily.py",
            "--date",
            "2024-01-01");
    assertThat(s.actionOnFailure()).isEqualTo(StepFailureAction.CANCEL_AND_WAIT);
    assertThat(s.validationProblems()).isEmpty();
  }

  @Test
  void hiveScriptPassesVariables() {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("INPUT", "s3://data/in");
    vars.put("OUTPUT", "s3://data/out");
    EmrStep s = EmrStep.hiveScript("hive", "s3://code/q.sql", vars);
    assertThat(s.jar()).isEqualTo("command-runner.jar");
    assertThat(s.args())
        .containsExactly(
            "hive-script",
            "--run-hive-script",
            "--args",
            "-f",
            "s3://code/q.sql",
            "-d",
            "INPUT=s3://data/in",
            "-d",
            "OUTPUT=s3://data/out");
  }

  @Test
  void shellScriptUsesTheRegionsScriptRunner() {
    EmrStep s = EmrStep.shellScript("sh", "eu-west-1", "s3://code/run.sh", "a", "b");
    assertThat(s.jar())
        .isEqualTo("s3://eu-west-1.elasticmapreduce/libs/script-runner/script-runner.jar");
    assertThat(s.args()).containsExactly("s3://code/run.sh", "a", "b");
  }

  @Test
  void commandAndCustomJar() {
    assertThat(EmrStep.command("pi", "hadoop-mapreduce-examples", "pi", "10", "100").args())
        .containsExactly("hadoop-mapreduce-examples", "pi", "10", "100");
    EmrStep jar = EmrStep.customJar("jar", "s3://code/app.jar", "com.example.Main", "x");
    assertThat(jar.mainClass()).contains("com.example.Main");
    assertThat(EmrStep.customJar("jar", "s3://code/app.jar", null).mainClass()).isEmpty();
    StepConfig sdk =
        RunJobFlowRequests.from(
                RunJobFlowRequestsFixture.profile(),
                RunJobFlowRequestsFixture.config(),
                "c",
                Map.of(),
                List.of(jar.withProperties(Map.of("k", "v"))))
            .steps()
            .get(0);
    assertThat(sdk.hadoopJarStep().jar()).isEqualTo("s3://code/app.jar");
    assertThat(sdk.hadoopJarStep().mainClass()).isEqualTo("com.example.Main");
    assertThat(sdk.hadoopJarStep().args()).containsExactly("x");
    assertThat(sdk.hadoopJarStep().properties().get(0).key()).isEqualTo("k");
    assertThat(sdk.actionOnFailureAsString()).isEqualTo("CONTINUE");
  }

  @Test
  void badStepsAreReportedWithTheirIndex() {
    EmrStep bad = EmrStep.builder().name(" ").jar("").executionRoleArn("not-an-arn").build();
    assertThatThrownBy(
            () ->
                RunJobFlowRequests.from(
                    RunJobFlowRequestsFixture.profile(),
                    RunJobFlowRequestsFixture.config(),
                    "c",
                    Map.of(),
                    List.of(EmrStep.command("ok", "ls"), bad)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::path)
                    .containsExactly("steps[1].executionRoleArn", "steps[1].jar", "steps[1].name"));
  }

  @Test
  void sparkJobDefaults() {
    SparkJob job =
        SparkJob.builder().jobName("daily report").entryPoint("s3://code/main.py").build();
    assertThat(job.executorMemory()).isEqualTo("16G");
    assertThat(job.driverMemory()).isEqualTo("8G");
    assertThat(job.masterInstanceType()).isEqualTo("m5.xlarge");
    assertThat(job.coreInstanceType()).isEqualTo("m5.2xlarge");
    assertThat(job.coreInstanceCount()).isEqualTo(2);
    assertThat(job.releaseLabel()).isEqualTo(SparkJob.DEFAULT_RELEASE);
    assertThat(job.actionOnFailure()).isEqualTo(StepFailureAction.TERMINATE_CLUSTER);
    ClusterConfiguration c = job.toClusterConfiguration();
    c.validate();
    assertThat(c.name()).isEqualTo("daily-report");
    assertThat(c.clusterName()).contains("daily report");
    assertThat(c.applications()).containsExactly("Hadoop", "Spark");
    assertThat(c.instances().keepJobFlowAliveWhenNoSteps()).isFalse();
    assertThat(c.instances().masterGroup().get().instanceType()).isEqualTo("m5.xlarge");
    assertThat(c.instances().coreGroup().get().instanceType()).isEqualTo("m5.2xlarge");
    assertThat(job.steps())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.args())
                    .containsExactly(
                        "spark-submit",
                        "--deploy-mode",
                        "cluster",
                        "--executor-memory",
                        "16G",
                        "--driver-memory",
                        "8G",
                        "s3://code/main.py"));
  }

  @Test
  void sparkJobBecomesATransientClusterRequest() {
    Map<String, String> named = new LinkedHashMap<>();
    named.put("report.date", "2024-01-01");
    named.put("report.mode", "full");
    SparkJob job =
        SparkJob.builder()
            .jobName("report")
            .entryPoint("s3://code/main.py")
            .codeFiles("s3://code/deps.zip")
            .addArguments("--input", "s3://data/in")
            .namedArguments(named)
            .executorMemory("32G")
            .putSparkConf("spark.sql.shuffle.partitions", "400")
            .addSparkPackages("com.amazon.deequ:deequ:1.0.2")
            .coreInstanceCount(4)
            .releaseLabel("emr-6.15.0")
            .region("eu-west-1")
            .logBucket("job-logs")
            .subnetId("subnet-0abc")
            .putTags("team", "data")
            .build();
    RunJobFlowRequest r = RunJobFlowRequests.from(RunJobFlowRequestsFixture.profile(), job);
    assertThat(r.name()).isEqualTo("report");
    assertThat(r.releaseLabel()).isEqualTo("emr-6.15.0");
    assertThat(r.logUri()).isEqualTo("s3://job-logs/elasticmapreduce/report/");
    assertThat(r.instances().keepJobFlowAliveWhenNoSteps()).isFalse();
    assertThat(r.instances().ec2SubnetId()).isEqualTo("subnet-0abc");
    assertThat(r.instances().instanceGroups().get(1).instanceCount()).isEqualTo(4);
    assertThat(r.configurations().get(0).classification()).isEqualTo("spark-defaults");
    assertThat(r.configurations().get(0).properties())
        .containsEntry("spark.jars.packages", "com.amazon.deequ:deequ:1.0.2");
    assertThat(r.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=data");
    StepConfig step = r.steps().get(0);
    assertThat(step.actionOnFailureAsString()).isEqualTo("TERMINATE_CLUSTER");
    assertThat(step.hadoopJarStep().args())
        .containsExactly(
            "spark-submit",
            "--deploy-mode",
            "cluster",
            "--executor-memory",
            "32G",
            "--driver-memory",
            "8G",
            "--py-files",
            "s3://code/deps.zip",
            "--conf",
            "spark.sql.shuffle.partitions=400",
            "s3://code/main.py",
            "--input",
            "s3://data/in",
            "report.date=2024-01-01",
            "report.mode=full");
  }

  @Test
  void badSparkJobsListEveryProblem() {
    SparkJob bad =
        SparkJob.builder()
            .jobName("x")
            .entryPoint("main.py")
            .executorMemory("lots")
            .coreInstanceCount(0)
            .releaseLabel("6.6")
            .putNamedArguments("bad name", "v")
            .addSparkPackages("deequ")
            .build();
    assertThatThrownBy(() -> RunJobFlowRequests.from(RunJobFlowRequestsFixture.profile(), bad))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::path)
                    .containsExactly(
                        "job.coreInstanceCount",
                        "job.entryPoint",
                        "job.executorMemory",
                        "job.namedArguments",
                        "job.releaseLabel",
                        "job.sparkPackages[0]"));
  }

  @Test
  void sparkAndGlueHelpers() {
    ClusterConfiguration c =
        RunJobFlowRequestsFixture.config()
            .addSparkPackages("a:b:1", "c:d:2")
            .addSparkPackages("a:b:1", "e:f:3")
            .addSparkJars("s3://jars/lib/x.jar", "s3://jars/lib/y.jar", "/usr/lib/z.jar")
            .withGlueCatalog(true)
            .withProperties("spark-defaults", Map.of("spark.executor.cores", "4"));
    ApplicationConfiguration defaults =
        c.configurations().stream()
            .filter(a -> a.classification().equals("spark-defaults"))
            .findFirst()
            .orElseThrow();
    assertThat(defaults.properties())
        .containsEntry("spark.jars.packages", "a:b:1,c:d:2,e:f:3")
        .containsEntry("spark.jars", "s3://jars/lib/x.jar,s3://jars/lib/y.jar,/usr/lib/z.jar")
        .containsEntry("spark.executor.cores", "4");
    assertThat(c.configurationArtifacts())
        .containsExactly(ConfigurationArtifact.of("jars", "lib/*"));
    assertThat(c.usesGlueCatalog()).isTrue();
    ClusterConfiguration off = c.withGlueCatalog(false);
    assertThat(off.usesGlueCatalog()).isFalse();
    assertThat(off.configurations())
        .extracting(ApplicationConfiguration::classification)
        .containsExactly("spark-defaults");
  }
}
