package io.emrlaunch.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class (or method) with a fresh {@link FakeAws} per test, injected as a
 * constructor or method parameter, together with its parts: {@link VirtualTime}, {@link
 * VirtualClock} (or {@link java.time.Clock}), {@link VirtualScheduler} (or {@link
 * java.util.concurrent.ScheduledExecutorService}), {@link CallLog}, {@link FaultPlan}, {@link
 * io.emrlaunch.testkit.emr.FakeEmr}, {@code EmrClient} and {@code EmrAsyncClient}, {@link
 * io.emrlaunch.testkit.ssm.FakeSsm}, {@code SsmClient} and {@code SsmAsyncClient}, {@link
 * io.emrlaunch.testkit.sfn.FakeSfn}, {@code SfnClient} and {@code SfnAsyncClient}, {@link
 * io.emrlaunch.testkit.iam.FakeIam}, {@code IamClient} and {@code IamAsyncClient}, {@link
 * io.emrlaunch.testkit.ec2.FakeEc2}, {@code Ec2Client} and {@code Ec2AsyncClient}, {@link
 * io.emrlaunch.testkit.secrets.FakeSecretsManager}, {@code SecretsManagerClient} and {@code
 * SecretsManagerAsyncClient}, {@link io.emrlaunch.testkit.s3.FakeS3}, {@code S3Client} and {@code
 * S3AsyncClient}, {@link io.emrlaunch.testkit.sqs.FakeSqs}, {@code SqsClient} and {@code
 * SqsAsyncClient}, {@link io.emrlaunch.testkit.events.FakeEventBridge}, {@code EventBridgeClient}
 * and {@code EventBridgeAsyncClient}. All parameters of one test come from the same bundle.
 *
 * <pre>{@code
 * @EmrLaunchTest
 * class MyLauncherTest {
 *   @Test
 *   void launches(FakeAws aws) { ... }
 * }
 * }</pre>
 *
 * <p>A method-level annotation overrides the class-level {@link #seed()} and {@link #start()},
 * except when the bundle was already made for the test class's constructor.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(FakeAwsExtension.class)
public @interface EmrLaunchTest {
  /** Seed of ids, durations, random failures and probabilistic faults. */
  long seed() default 1;

  /** ISO-8601 instant virtual time starts at. */
  String start() default "2026-01-01T00:00:00Z";
}
