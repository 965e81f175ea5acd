package io.emrlaunch.testkit.internal;

import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Amazon S3 as the client views see it: ids and error spelling. */
public final class S3Service {
  private static final Map<String, Supplier<AwsServiceException.Builder>> MODELLED =
      Map.of(
          "NoSuchKey", NoSuchKeyException::builder,
          "NoSuchBucket", NoSuchBucketException::builder,
          "BucketAlreadyOwnedByYou", BucketAlreadyOwnedByYouException::builder);

  /** The S3 service descriptor. */
  public static final ServiceDescriptor DESCRIPTOR =
      new ServiceDescriptor(
          "s3",
          S3Client.SERVICE_NAME,
          "S3",
          code -> MODELLED.getOrDefault(code, S3Exception::builder).get(),
          "SlowDown",
          "InternalError");

  private S3Service() {}
}
