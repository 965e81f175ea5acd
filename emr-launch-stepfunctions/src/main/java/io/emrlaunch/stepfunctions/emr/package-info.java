/**
 * Typed Task states for Amazon EMR, EMR Serverless and EMR on EKS: {@link
 * io.emrlaunch.stepfunctions.emr.EmrTasks} (optimized {@code elasticmapreduce:*}), {@link
 * io.emrlaunch.stepfunctions.emr.EmrSdkTasks} ({@code aws-sdk:emr:*}), {@link
 * io.emrlaunch.stepfunctions.emr.EmrServerlessTasks} and {@link
 * io.emrlaunch.stepfunctions.emr.EmrOnEksTasks}. Requests are checked against the service rules
 * when the task is made, and fields are literals, JSONPath references or JSONata expressions
 * ({@link io.emrlaunch.stepfunctions.emr.Arg}).
 */
package io.emrlaunch.stepfunctions.emr;
