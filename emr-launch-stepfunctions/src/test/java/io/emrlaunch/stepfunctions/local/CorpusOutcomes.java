package io.emrlaunch.stepfunctions.local;

import java.util.Map;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The outcome each corpus definition reaches locally with its input from corpus-runs.json.
 *
 * <p>Failures are of three kinds, each a Step Functions error rather than an exception: services
 * the testkit does not simulate (SNS, SQS, S3, DynamoDB, Athena, EMR Serverless {@code .sync}) and
 * Map ItemReaders from S3 end with a States.Runtime saying so; 13 and 14 read fields of their input
 * after an {@code addStep.sync} Task without ResultPath, whose output ({@code StepId}) replaced it,
 * which fails in the service too; 10, 20 and 29 fail as their definitions direct for these inputs
 * (a Fail state, ArrayGetItem past the end, a cluster without a group named Core).
 */
final class CorpusOutcomes {
  record Expected(ExecutionStatus status, String error, String causeContains) {}

  static final Map<String, Expected> EXPECTED =
      Map.ofEntries(
          Map.entry(
              "01-emr-transient-spark-cluster.json",
              new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "02-emr-persistent-cluster-steps-from-ssm.json",
              new Expected(ExecutionStatus.FAILED, "States.Runtime", "service 'sns'")),
          Map.entry(
              "03-emr-sdk-runjobflow-polling.json",
              new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "04-choice-string-operators.json",
              new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "05-choice-numeric-operators.json",
              new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "06-choice-timestamp-operators.json",
              new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "07-choice-boolean-and-type-tests.json",
              new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "08-choice-and-or-not.json", new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry("09-wait-variants.json", new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "10-fail-variants.json",
              new Expected(ExecutionStatus.FAILED, "custom", "Unclassified failure")),
          Map.entry(
              "11-task-timeouts-and-heartbeats.json",
              new Expected(ExecutionStatus.FAILED, "States.Runtime", "service 'sqs'")),
          Map.entry(
              "12-retry-and-catch-matrix.json",
              new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "13-parallel-emr-steps.json",
              new Expected(ExecutionStatus.FAILED, "States.Runtime", "$.cluster.ClusterId")),
          Map.entry(
              "14-map-inline-item-processor.json",
              new Expected(ExecutionStatus.FAILED, "States.Runtime", "$.table")),
          Map.entry(
              "15-map-legacy-iterator.json",
              new Expected(ExecutionStatus.FAILED, "States.Runtime", "service 's3'")),
          Map.entry(
              "16-distributed-map-s3-csv.json",
              new Expected(ExecutionStatus.FAILED, "States.Runtime", "ItemReader")),
          Map.entry(
              "17-distributed-map-s3-json-path-limits.json",
              new Expected(ExecutionStatus.FAILED, "States.Runtime", "ItemReader")),
          Map.entry(
              "18-distributed-map-s3-inventory-manifest.json",
              new Expected(ExecutionStatus.FAILED, "States.Runtime", "ItemReader")),
          Map.entry(
              "19-distributed-map-s3-list-objects.json",
              new Expected(ExecutionStatus.FAILED, "States.Runtime", "ItemReader")),
          Map.entry(
              "20-intrinsics-showcase.json",
              new Expected(
                  ExecutionStatus.FAILED, "States.IntrinsicFailure", "States.ArrayGetItem")),
          Map.entry(
              "21-jsonata-emr-pipeline.json", new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "22-jsonata-choice-wait-map-parallel.json",
              new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "23-variables-jsonpath.json", new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "24-mixed-query-languages.json", new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "25-nested-state-machine-execution.json",
              new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "26-pass-and-data-flow-paths.json",
              new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "27-cross-account-credentials.json",
              new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "28-emr-containers-and-serverless.json",
              new Expected(ExecutionStatus.FAILED, "States.Runtime", "emr-serverless:startJobRun")),
          Map.entry(
              "29-emr-cluster-maintenance.json",
              new Expected(
                  ExecutionStatus.FAILED, "States.TaskFailed", "No instance group named Core")),
          Map.entry(
              "30-top-level-version-timeout.json",
              new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "31-dynamodb-launch-lock.json",
              new Expected(ExecutionStatus.FAILED, "States.Runtime", "service 'dynamodb'")),
          Map.entry(
              "32-jsonata-distributed-map.json",
              new Expected(ExecutionStatus.FAILED, "States.Runtime", "ItemReader")),
          Map.entry(
              "33-athena-report-after-emr.json",
              new Expected(ExecutionStatus.FAILED, "States.Runtime", "athena:startQueryExecution")),
          Map.entry(
              "34-nested-parallel-map-parallel.json",
              new Expected(ExecutionStatus.SUCCEEDED, null, null)),
          Map.entry(
              "35-choice-without-default-and-catch-chain.json",
              new Expected(ExecutionStatus.SUCCEEDED, null, null)));

  private CorpusOutcomes() {}
}
