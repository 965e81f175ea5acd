package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.FakeAws;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 scenarios against the in-memory fake, through the SDK client views. */
class FakeS3ConformanceTest extends S3Conformance {
  private final FakeAws aws = FakeAws.create();

  @Override
  S3Client s3() {
    return aws.s3();
  }

  @Override
  S3AsyncClient s3Async() {
    return aws.s3Async();
  }
}
