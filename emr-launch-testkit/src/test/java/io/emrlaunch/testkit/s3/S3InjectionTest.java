package io.emrlaunch.testkit.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.EmrLaunchTest;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.FakeEmr;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code @EmrLaunchTest} injects the S3 fake and its views, from the one bundle. */
@EmrLaunchTest
class S3InjectionTest {
  @Test
  void theExtensionInjectsTheS3FakeAndViewsOfOneBundle(
      FakeAws aws, FakeS3 s3, S3Client sync, S3AsyncClient async, FakeEmr emr) {
    assertThat(s3).isSameAs(aws.s3Backend());
    assertThat(sync).isSameAs(aws.s3());
    assertThat(async).isSameAs(aws.s3Async());
    s3.putText("s3://b/k", "v");
    assertThat(sync.getObjectAsBytes(r -> r.bucket("b").key("k")).asUtf8String()).isEqualTo("v");
    assertThat(aws.calls().count(FakeAws.S3, "GetObject")).isEqualTo(1);
    assertThat(emr).isSameAs(aws.emrBackend());
  }
}
