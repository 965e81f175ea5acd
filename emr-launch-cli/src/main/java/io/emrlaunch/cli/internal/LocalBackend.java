package io.emrlaunch.cli.internal;

import io.emrlaunch.testkit.FakeAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

/** {@code --local}: the testkit's simulated AWS, time at {@code speed}× wall time, persisted. */
public final class LocalBackend implements Backend {
  private static final long TICK_MS = 100;
  private static final Duration LONGEST_WAIT = Duration.ofDays(7);

  private final LocalAws local;
  private final double speed;
  private boolean closed;

  /**
   * Opens the simulation stored under {@code dir}.
   *
   * @param dir {@code .emr-launch/local}
   * @param speed virtual seconds per wall second; 0 runs as fast as possible
   */
  public LocalBackend(Path dir, double speed) {
    try {
      this.local = LocalAws.open(dir, speed);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot load the simulation in "
              + dir
              + " (run `emr-launch local reset`): "
              + e.getMessage(),
          e);
    }
    this.speed = speed;
  }

  /** The simulation. */
  public FakeAws aws() {
    return local.aws();
  }

  @Override
  public EmrAsyncClient emr() {
    return local.aws().emrAsync();
  }

  @Override
  public SsmAsyncClient ssm() {
    return local.aws().ssmAsync();
  }

  @Override
  public SfnAsyncClient sfn() {
    return local.aws().sfnAsync();
  }

  @Override
  public IamAsyncClient iam() {
    return local.aws().iamAsync();
  }

  @Override
  public S3AsyncClient s3() {
    return local.aws().s3Async();
  }

  @Override
  public Ec2AsyncClient ec2() {
    return local.aws().ec2Async();
  }

  @Override
  public SnsAsyncClient sns() {
    return local.sns();
  }

  /** The simulation's SNS recorder. */
  public LocalSns localSns() {
    return local.sns();
  }

  @Override
  public CompletableFuture<String> accountId() {
    return CompletableFuture.completedFuture(LocalAws.ACCOUNT_ID);
  }

  @Override
  public Region region() {
    return Region.US_EAST_1;
  }

  @Override
  public ScheduledExecutorService scheduler() {
    return local.aws().scheduler();
  }

  @Override
  public Clock clock() {
    return local.aws().clock();
  }

  @Override
  public boolean simulated() {
    return true;
  }

  @Override
  public <T> T await(CompletableFuture<T> f, Runnable tick) {
    FakeAws aws = local.aws();
    java.time.Instant startVirtual = aws.clock().instant();
    java.time.Instant limit = startVirtual.plus(LONGEST_WAIT);
    long startWall = System.nanoTime();
    while (!f.isDone()) {
      Interrupts.check();
      if (speed <= 0) {
        aws.time().runUntil(f, Duration.ofMinutes(10));
      } else {
        // Virtual time follows wall time x speed, however long each step of the simulation takes.
        long wallMs = (System.nanoTime() - startWall) / 1_000_000 + TICK_MS;
        java.time.Instant target = startVirtual.plusMillis((long) (wallMs * speed));
        Duration ahead = Duration.between(aws.clock().instant(), target);
        if (!ahead.isNegative() && !ahead.isZero()) {
          aws.time().runUntil(f, ahead);
        }
        if (f.isDone()) {
          break;
        }
        try {
          Thread.sleep(TICK_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Interrupts.InterruptedByUser();
        }
      }
      tick.run();
      if (!f.isDone()
          && (aws.clock().instant().isAfter(limit) || aws.scheduler().queuedTasks() == 0)) {
        aws.time().runDue();
        if (!f.isDone()) {
          throw new IllegalStateException(
              "the simulation has nothing left to do and the wait cannot end");
        }
      }
    }
    return f.join();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      local.save();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the simulation: " + e.getMessage(), e);
    }
  }
}
