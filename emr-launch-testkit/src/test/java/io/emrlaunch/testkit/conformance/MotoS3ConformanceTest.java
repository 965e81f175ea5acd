package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 scenarios over the wire against moto (path-style, reset before each test). */
@MotoTest
class MotoS3ConformanceTest extends S3Conformance {
  private MotoServer moto;

  @BeforeEach
  void connect(MotoServer moto) {
    this.moto = moto;
  }

  @Override
  S3Client s3() {
    return moto.s3();
  }

  @Override
  S3AsyncClient s3Async() {
    return moto.s3Async();
  }
}
