package io.emrlaunch.apichecks.docs;

import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.PresetOptions;
import io.emrlaunch.core.model.SparkJob;
import io.emrlaunch.testkit.FakeAws;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;

/**
 * The names every Java statement block in README.md and docs/*.md may use without declaring them
 * (docs/contributing-docs.md lists them). A block that declares a name of its own shadows the
 * fixture. The clients are the testkit's in-memory ones: a snippet never reaches AWS.
 */
public class DocFixtures {
  /** In-memory EMR, SSM and Step Functions in virtual time, fresh for every block. */
  protected final FakeAws aws = FakeAws.create();

  /** The security half used across the docs. */
  protected final EmrProfile profile =
      EmrProfile.builder()
          .name("analytics")
          .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
          .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
          .logsBucket("my-emr-logs")
          .build();

  /** The resource half used across the docs. */
  protected final ClusterConfiguration configuration =
      ClusterPresets.instanceGroups(PresetOptions.of("spark-small", "subnet-0abc"));

  /** A launch function over {@link #profile} and {@link #configuration}. */
  protected final LaunchFunction launchFunction =
      LaunchFunction.builder()
          .name("nightly")
          .profile(profile.ref())
          .configuration(configuration.ref())
          .clusterName("nightly-etl")
          .build();

  /** A Spark job for a transient cluster. */
  protected final SparkJob sparkJob =
      SparkJob.builder()
          .jobName("daily-report")
          .entryPoint("s3://code/report/main.py")
          .subnetId("subnet-0abc")
          .build();

  /** {@code aws.emrAsync()}. */
  protected final EmrAsyncClient emrAsyncClient = aws.emrAsync();

  /** {@code aws.ssmAsync()}. */
  protected final SsmAsyncClient ssmAsyncClient = aws.ssmAsync();

  /** {@code aws.sfnAsync()}. */
  protected final SfnAsyncClient sfnAsyncClient = aws.sfnAsync();
}
