package io.emrlaunch.provisioning;

import io.emrlaunch.core.model.LocalDiskEncryption;
import io.emrlaunch.core.model.S3Encryption;
import io.emrlaunch.core.model.SecurityConfiguration;
import io.emrlaunch.core.repository.RecordStore;
import io.emrlaunch.ssm.SsmRecordStore;
import io.emrlaunch.testkit.CallLog;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.RecordedCall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.CreateVpcRequest;

/** One FakeAws account with a VPC, a record store and a provisioner on virtual time. */
final class Fixture {
  static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1111-2222";

  final FakeAws aws;
  final String vpcId;
  final RecordStore store;
  final ProfileProvisioner provisioner;

  Fixture() {
    this(FakeAws.create());
  }

  Fixture(FakeAws aws) {
    this.aws = aws;
    this.vpcId =
        aws.ec2Backend()
            .createVpc(CreateVpcRequest.builder().cidrBlock("10.0.0.0/16").build())
            .vpc()
            .vpcId();
    this.store = SsmRecordStore.builder().client(aws.ssmAsync()).build();
    this.provisioner =
        ProfileProvisioner.builder()
            .iam(aws.iamAsync())
            .ec2(aws.ec2Async())
            .emr(aws.emrAsync())
            .store(store)
            .region(
                aws.iamAsync().serviceClientConfiguration().region() == null
                    ? Region.US_EAST_1
                    : aws.iamAsync().serviceClientConfiguration().region())
            .accountId("123456789012")
            .scheduler(aws.scheduler())
            .build();
  }

  static SecurityConfiguration securityConfiguration(String keyArn) {
    return SecurityConfiguration.builder()
        .s3Encryption(S3Encryption.sseKms(keyArn))
        .localDiskEncryption(LocalDiskEncryption.awsKms(keyArn, true))
        .build();
  }

  ProvisioningSpec.Builder spec() {
    return ProvisioningSpec.builder()
        .namespace("team-a")
        .name("analytics")
        .vpcId(vpcId)
        .logsBucket("team-a-logs")
        .logsPrefix("emr/")
        .artifactsBucket("team-a-code")
        .artifactsPrefix("jobs/")
        .addKmsKeyArn(KEY)
        .putTag("cost-center", "42")
        .securityConfiguration(securityConfiguration(KEY));
  }

  <T> T run(CompletableFuture<T> future) {
    return aws.time().runUntil(future, Duration.ofHours(1)).join();
  }

  /** Calls that change something: every operation but Get*, List* and Describe*. */
  static List<RecordedCall> mutating(CallLog log) {
    return log.calls().stream().filter(c -> !isRead(c.operation())).toList();
  }

  static boolean isRead(String operation) {
    return operation.startsWith("Get")
        || operation.startsWith("List")
        || operation.startsWith("Describe");
  }

  static List<String> names(List<RecordedCall> calls) {
    return calls.stream().map(c -> c.service() + ":" + c.operation()).toList();
  }
}
