package io.emrlaunch.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Amazon S3 scenarios (the operations the library and the testkit use) that must give the same
 * results on the fake and on moto.
 */
abstract class S3Conformance {
  static final String BUCKET = "emr-logs";

  /** The sync client under test; fresh state for every test. */
  abstract S3Client s3();

  /** The async client under test, on the same state as {@link #s3()}. */
  abstract S3AsyncClient s3Async();

  private void bucket() {
    s3().createBucket(r -> r.bucket(BUCKET));
  }

  private void put(String key, String text) {
    s3().putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString(text));
  }

  @Test
  void putThenGetReadsTheBytesBack() {
    bucket();
    put("j-1/steps/s-1/stderr", "line one\nline two\n");
    ResponseBytes<GetObjectResponse> got =
        s3().getObjectAsBytes(r -> r.bucket(BUCKET).key("j-1/steps/s-1/stderr"));
    assertThat(got.asUtf8String()).isEqualTo("line one\nline two\n");
    assertThat(got.response().contentLength()).isEqualTo(18L);
    assertThat(got.response().eTag()).startsWith("\"").endsWith("\"");
  }

  @Test
  void asyncPutAndGetWithTransformers() {
    bucket();
    byte[] gz = gzip("Traceback (most recent call last):\nValueError: x\n");
    s3Async()
        .putObject(r -> r.bucket(BUCKET).key("a/stderr.gz"), AsyncRequestBody.fromBytes(gz))
        .join();
    ResponseBytes<GetObjectResponse> got =
        s3Async()
            .getObject(r -> r.bucket(BUCKET).key("a/stderr.gz"), AsyncResponseTransformer.toBytes())
            .join();
    assertThat(got.asByteArray()).isEqualTo(gz);
    assertThat(gunzip(got.asByteArray())).endsWith("ValueError: x\n");
  }

  @Test
  void rangedGetsReturnTheAskedBytesAndTheContentRange() {
    bucket();
    put("r", "0123456789");
    ResponseBytes<GetObjectResponse> head =
        s3().getObjectAsBytes(r -> r.bucket(BUCKET).key("r").range("bytes=0-3"));
    assertThat(head.asUtf8String()).isEqualTo("0123");
    assertThat(head.response().contentRange()).isEqualTo("bytes 0-3/10");
    ResponseBytes<GetObjectResponse> tail =
        s3().getObjectAsBytes(r -> r.bucket(BUCKET).key("r").range("bytes=-4"));
    assertThat(tail.asUtf8String()).isEqualTo("6789");
    assertThat(tail.response().contentRange()).isEqualTo("bytes 6-9/10");
    ResponseBytes<GetObjectResponse> open =
        s3().getObjectAsBytes(r -> r.bucket(BUCKET).key("r").range("bytes=7-"));
    assertThat(open.asUtf8String()).isEqualTo("789");
    // A range past the end is cut to the object, as S3 does.
    ResponseBytes<GetObjectResponse> beyond =
        s3().getObjectAsBytes(r -> r.bucket(BUCKET).key("r").range("bytes=0-65535"));
    assertThat(beyond.asUtf8String()).isEqualTo("0123456789");
    assertThat(beyond.response().contentRange()).isEqualTo("bytes 0-9/10");
    // Through the async client too.
    ResponseBytes<GetObjectResponse> async =
        s3Async()
            .getObject(
                r -> r.bucket(BUCKET).key("r").range("bytes=2-4"),
                AsyncResponseTransformer.toBytes())
            .join();
    assertThat(async.asUtf8String()).isEqualTo("234");
  }

  @Test
  void aRangeStartingPastTheEndIsInvalidRange() {
    bucket();
    put("small", "abc");
    assertThatThrownBy(
            () -> s3().getObjectAsBytes(r -> r.bucket(BUCKET).key("small").range("bytes=10-20")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(416);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
            });
  }

  @Test
  void headObjectGivesTheSize() {
    bucket();
    put("h", "hello");
    HeadObjectResponse head = s3().headObject(r -> r.bucket(BUCKET).key("h"));
    assertThat(head.contentLength()).isEqualTo(5L);
    assertThatThrownBy(() -> s3().headObject(r -> r.bucket(BUCKET).key("missing")))
        .isInstanceOfSatisfying(
            NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
  }

  @Test
  void listObjectsV2FiltersByPrefixAndGroupsByDelimiter() {
    bucket();
    put("logs/j-1/containers/application_1_0001/container_1_0001_01_000001/stderr.gz", "d");
    put("logs/j-1/containers/application_1_0001/container_1_0001_01_000002/stderr.gz", "e");
    put("logs/j-1/steps/s-1/stderr.gz", "s");
    put("other/x", "x");
    ListObjectsV2Response byPrefix =
        s3().listObjectsV2(r -> r.bucket(BUCKET).prefix("logs/j-1/containers/"));
    assertThat(byPrefix.contents())
        .extracting(S3Object::key)
        .containsExactly(
            "logs/j-1/containers/application_1_0001/container_1_0001_01_000001/stderr.gz",
            "logs/j-1/containers/application_1_0001/container_1_0001_01_000002/stderr.gz");
    assertThat(byPrefix.contents().get(0).size()).isEqualTo(1L);
    assertThat(byPrefix.isTruncated()).isFalse();
    ListObjectsV2Response grouped =
        s3().listObjectsV2(r -> r.bucket(BUCKET).prefix("logs/j-1/").delimiter("/"));
    assertThat(grouped.contents()).isEmpty();
    assertThat(grouped.commonPrefixes())
        .extracting(p -> p.prefix())
        .containsExactly("logs/j-1/containers/", "logs/j-1/steps/");
  }

  @Test
  void listObjectsV2Pages() {
    bucket();
    for (int i = 0; i < 5; i++) {
      put("k" + i, "v");
    }
    ListObjectsV2Response first = s3().listObjectsV2(r -> r.bucket(BUCKET).maxKeys(2));
    assertThat(first.contents()).extracting(S3Object::key).containsExactly("k0", "k1");
    assertThat(first.isTruncated()).isTrue();
    ListObjectsV2Response second =
        s3().listObjectsV2(
                r -> r.bucket(BUCKET).maxKeys(2).continuationToken(first.nextContinuationToken()));
    assertThat(second.contents()).extracting(S3Object::key).containsExactly("k2", "k3");
    assertThat(
            s3().listObjectsV2Paginator(r -> r.bucket(BUCKET).maxKeys(2)).contents().stream()
                .map(S3Object::key)
                .toList())
        .containsExactly("k0", "k1", "k2", "k3", "k4");
  }

  @Test
  void missingKeysAndBucketsAreTypedErrors() {
    bucket();
    assertThatThrownBy(() -> s3().getObjectAsBytes(r -> r.bucket(BUCKET).key("nope")))
        .isInstanceOfSatisfying(
            NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    assertThatThrownBy(() -> s3().getObjectAsBytes(r -> r.bucket("no-such-bucket").key("k")))
        .isInstanceOf(NoSuchBucketException.class);
    assertThatThrownBy(
            () ->
                s3Async()
                    .getObject(
                        r -> r.bucket(BUCKET).key("nope"), AsyncResponseTransformer.toBytes())
                    .join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(NoSuchKeyException.class);
    assertThatThrownBy(
            () ->
                s3().putObject(
                        r -> r.bucket("no-such-bucket").key("k"), RequestBody.fromString("x")))
        .isInstanceOf(NoSuchBucketException.class);
  }

  @Test
  void deleteObjectRemovesIt() {
    bucket();
    put("d", "x");
    s3().deleteObject(r -> r.bucket(BUCKET).key("d"));
    assertThatThrownBy(() -> s3().headObject(r -> r.bucket(BUCKET).key("d")))
        .isInstanceOf(NoSuchKeyException.class);
  }

  static byte[] gzip(String text) {
    try (var out = new java.io.ByteArrayOutputStream();
        var gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
      gz.finish();
      return out.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static String gunzip(byte[] bytes) {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
