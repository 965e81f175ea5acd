package io.emrlaunch.cli.internal;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;

/** Where a command's AWS calls go: the real services (or an endpoint) or the simulation. */
public interface Backend extends AutoCloseable {

  /** EMR. */
  EmrAsyncClient emr();

  /** SSM. */
  SsmAsyncClient ssm();

  /** Step Functions. */
  SfnAsyncClient sfn();

  /** IAM (provisioning). */
  IamAsyncClient iam();

  /** EC2 (provisioning). */
  Ec2AsyncClient ec2();

  /** S3 (reading a failed step's logs for its diagnosis). */
  S3AsyncClient s3();

  /** SNS (the local engine's {@code sns:publish}). */
  SnsAsyncClient sns();

  /**
   * The account the calls act in.
   *
   * @return the account id (the simulation's fixed one, or STS GetCallerIdentity's)
   */
  CompletableFuture<String> accountId();

  /** The region calls go to. */
  Region region();

  /** The scheduler the launcher uses (virtual in the simulation). */
  ScheduledExecutorService scheduler();

  /** The clock (virtual in the simulation). */
  Clock clock();

  /** Whether this is the simulation. */
  boolean simulated();

  /**
   * Waits for {@code f}: drives simulated time, or blocks; either way watching for Ctrl-C.
   *
   * @param f the work
   * @param tick called about every 100 ms of wall time while waiting
   * @return the result
   * @throws Interrupts.InterruptedByUser when Ctrl-C was pressed
   */
  <T> T await(CompletableFuture<T> f, Runnable tick);

  /** Saves state (the simulation) and releases clients. */
  @Override
  void close();
}
