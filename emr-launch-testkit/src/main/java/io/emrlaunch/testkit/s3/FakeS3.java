package io.emrlaunch.testkit.s3;

import io.emrlaunch.testkit.internal.S3Service;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * In-memory Amazon S3 with the operations the library uses: {@code CreateBucket}, {@code
 * HeadBucket}, {@code PutObject}, {@code GetObject} (with {@code Range}: {@code bytes=a-b}, {@code
 * bytes=a-}, {@code bytes=-n}), {@code HeadObject}, {@code ListObjectsV2} (prefix, delimiter, max
 * keys, continuation) and {@code DeleteObject}, with the errors S3 returns for them ({@code
 * NoSuchBucket}, {@code NoSuchKey}, {@code InvalidRange}). Reach it through {@code FakeAws.s3()} /
 * {@code s3Async()}; set up objects here ({@link #putText}, {@link #putGzip}).
 *
 * <p>Buckets are created on first {@link #put} by test setup; through the API, {@code PutObject}
 * into a missing bucket fails with {@code NoSuchBucket} as in S3.
 */
public final class FakeS3 {
  /** Most keys one {@code ListObjectsV2} page returns (S3's limit). */
  public static final int MAX_KEYS = 1000;

  private final Clock clock;
  private final Map<String, Map<String, StoredObject>> buckets = new TreeMap<>();

  /** One stored object. */
  private record StoredObject(byte[] bytes, String eTag, Instant lastModified, String type) {}

  /**
   * Creates the fake.
   *
   * @param clock the virtual clock (last-modified times)
   */
  public FakeS3(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  // --- test setup ----------------------------------------------------------------------------

  /**
   * Test setup: stores bytes at an {@code s3://bucket/key} URI, creating the bucket if needed.
   *
   * @param s3Uri where
   * @param bytes the content
   */
  public synchronized void put(String s3Uri, byte[] bytes) {
    String[] bk = split(s3Uri);
    buckets.computeIfAbsent(bk[0], b -> new TreeMap<>()).put(bk[1], stored(bytes, null));
  }

  /**
   * Test setup: stores UTF-8 text.
   *
   * @param s3Uri where
   * @param text the content
   */
  public void putText(String s3Uri, String text) {
    put(s3Uri, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Test setup: stores text gzip-compressed, as EMR stores its logs ({@code stderr.gz}).
   *
   * @param s3Uri where (by convention ending in {@code .gz})
   * @param text the uncompressed content
   */
  public void putGzip(String s3Uri, String text) {
    put(s3Uri, gzip(text));
  }

  /**
   * The content at an {@code s3://bucket/key} URI.
   *
   * @param s3Uri where
   * @return the bytes, when an object is there
   */
  public synchronized Optional<byte[]> get(String s3Uri) {
    String[] bk = split(s3Uri);
    Map<String, StoredObject> b = buckets.get(bk[0]);
    StoredObject o = b == null ? null : b.get(bk[1]);
    return o == null ? Optional.empty() : Optional.of(o.bytes().clone());
  }

  /**
   * Every key of a bucket, in order.
   *
   * @param bucket the bucket
   * @return the keys (empty for a missing bucket)
   */
  public synchronized List<String> keys(String bucket) {
    Map<String, StoredObject> b = buckets.get(bucket);
    return b == null ? List.of() : List.copyOf(b.keySet());
  }

  /**
   * Gzip-compresses text (UTF-8), as EMR compresses the logs it uploads.
   *
   * @param text the text
   * @return the compressed bytes
   */
  public static byte[] gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  // --- API -----------------------------------------------------------------------------------

  /** CreateBucket. */
  public synchronized CreateBucketResponse createBucket(CreateBucketRequest request) {
    String name = request.bucket();
    if (buckets.containsKey(name)) {
      throw S3Service.DESCRIPTOR.error(
          "BucketAlreadyOwnedByYou",
          409,
          "Your previous request to create the named bucket succeeded and you already own it.");
    }
    buckets.put(name, new TreeMap<>());
    return CreateBucketResponse.builder().location("/" + name).build();
  }

  /** HeadBucket. */
  public synchronized HeadBucketResponse headBucket(HeadBucketRequest request) {
    bucket(request.bucket());
    return HeadBucketResponse.builder().build();
  }

  /**
   * PutObject; the view hands over the body's bytes.
   *
   * @param request the request
   * @param body the content
   * @return the response (ETag)
   */
  public synchronized PutObjectResponse putObject(PutObjectRequest request, byte[] body) {
    StoredObject o = stored(body, request.contentType());
    bucket(request.bucket()).put(request.key(), o);
    return PutObjectResponse.builder().eTag(o.eTag()).build();
  }

  /**
   * GetObject, whole or a byte range; the view hands the bytes to the caller's transformer.
   *
   * @param request the request
   * @return the response and the bytes
   */
  public synchronized ResponseBytes<GetObjectResponse> getObject(GetObjectRequest request) {
    StoredObject o = object(request.bucket(), request.key());
    int total = o.bytes().length;
    int from = 0;
    int to = total - 1;
    String contentRange = null;
    if (request.range() != null) {
      int[] r = range(request.range(), total);
      if (r != null) {
        from = r[0];
        to = r[1];
        contentRange = "bytes " + from + "-" + to + "/" + total;
      }
    }
    byte[] slice = java.util.Arrays.copyOfRange(o.bytes(), from, Math.max(from, to + 1));
    GetObjectResponse response =
        GetObjectResponse.builder()
            .contentLength((long) slice.length)
            .contentRange(contentRange)
            .eTag(o.eTag())
            .lastModified(o.lastModified())
            .contentType(o.type())
            .acceptRanges("bytes")
            .build();
    return ResponseBytes.fromByteArrayUnsafe(response, slice);
  }

  /** HeadObject. */
  public synchronized HeadObjectResponse headObject(HeadObjectRequest request) {
    StoredObject o;
    try {
      o = object(request.bucket(), request.key());
    } catch (RuntimeException e) {
      // HEAD answers have no body: S3 says only "404 Not Found", which the SDK maps to NoSuchKey.
      throw S3Service.DESCRIPTOR.error("NoSuchKey", 404, null);
    }
    return HeadObjectResponse.builder()
        .contentLength((long) o.bytes().length)
        .eTag(o.eTag())
        .lastModified(o.lastModified())
        .contentType(o.type())
        .acceptRanges("bytes")
        .build();
  }

  /** ListObjectsV2 with prefix, delimiter, max keys and continuation token. */
  public synchronized ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
    Map<String, StoredObject> b = bucket(request.bucket());
    String prefix = request.prefix() == null ? "" : request.prefix();
    String delimiter = request.delimiter();
    int max =
        request.maxKeys() == null ? MAX_KEYS : Math.max(0, Math.min(MAX_KEYS, request.maxKeys()));
    String after = request.continuationToken() != null ? request.continuationToken() : null;
    if (after == null && request.startAfter() != null) {
      after = request.startAfter();
    }
    List<S3Object> contents = new ArrayList<>();
    TreeSet<String> prefixes = new TreeSet<>();
    String last = null;
    boolean truncated = false;
    for (Map.Entry<String, StoredObject> e : b.entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(prefix) || (after != null && key.compareTo(after) <= 0)) {
        continue;
      }
      String common = null;
      if (delimiter != null && !delimiter.isEmpty()) {
        int at = key.indexOf(delimiter, prefix.length());
        if (at >= 0) {
          common = key.substring(0, at + delimiter.length());
        }
      }
      if (common != null && prefixes.contains(common)) {
        last = key;
        continue;
      }
      if (contents.size() + prefixes.size() >= max) {
        truncated = true;
        break;
      }
      if (common != null) {
        prefixes.add(common);
      } else {
        StoredObject o = e.getValue();
        contents.add(
            S3Object.builder()
                .key(key)
                .size((long) o.bytes().length)
                .eTag(o.eTag())
                .lastModified(o.lastModified())
                .storageClass("STANDARD")
                .build());
      }
      last = key;
    }
    return ListObjectsV2Response.builder()
        .name(request.bucket())
        .prefix(request.prefix())
        .delimiter(delimiter)
        .maxKeys(max)
        .keyCount(contents.size() + prefixes.size())
        .isTruncated(truncated)
        .nextContinuationToken(truncated ? last : null)
        .continuationToken(request.continuationToken())
        .contents(contents)
        .commonPrefixes(
            prefixes.stream().map(p -> CommonPrefix.builder().prefix(p).build()).toList())
        .build();
  }

  /** DeleteObject (a missing key is not an error, as in S3). */
  public synchronized DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
    bucket(request.bucket()).remove(request.key());
    return DeleteObjectResponse.builder().build();
  }

  // --- helpers -------------------------------------------------------------------------------

  private Map<String, StoredObject> bucket(String name) {
    Map<String, StoredObject> b = buckets.get(name);
    if (b == null) {
      throw S3Service.DESCRIPTOR.error("NoSuchBucket", 404, "The specified bucket does not exist");
    }
    return b;
  }

  private StoredObject object(String bucket, String key) {
    StoredObject o = bucket(bucket).get(key);
    if (o == null) {
      throw S3Service.DESCRIPTOR.error("NoSuchKey", 404, "The specified key does not exist.");
    }
    return o;
  }

  private StoredObject stored(byte[] bytes, String type) {
    byte[] copy = bytes.clone();
    return new StoredObject(
        copy,
        "\"" + md5(copy) + "\"",
        clock.instant(),
        type == null ? "binary/octet-stream" : type);
  }

  /**
   * {@code [first, last]} of a Range header, or null to serve the whole object (S3 ignores a
   * malformed range); InvalidRange when it starts past the end.
   */
  private static int[] range(String header, int total) {
    String h = header.strip();
    if (!h.startsWith("bytes=") || h.contains(",")) {
      return null;
    }
    String spec = h.substring("bytes=".length());
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      String a = spec.substring(0, dash);
      String b = spec.substring(dash + 1);
      if (a.isEmpty()) {
        long n = Long.parseLong(b);
        if (n <= 0) {
          throw invalidRange(total);
        }
        if (total == 0) {
          return null;
        }
        return new int[] {(int) Math.max(0, total - n), total - 1};
      }
      long from = Long.parseLong(a);
      long to = b.isEmpty() ? total - 1 : Math.min(Long.parseLong(b), total - 1);
      if (from >= total) {
        throw invalidRange(total);
      }
      if (to < from) {
        return null;
      }
      return new int[] {(int) from, (int) to};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static RuntimeException invalidRange(int total) {
    return S3Service.DESCRIPTOR.error(
        "InvalidRange", 416, "The requested range is not satisfiable (object size " + total + ")");
  }

  private static String[] split(String s3Uri) {
    Objects.requireNonNull(s3Uri, "s3Uri");
    int scheme = s3Uri.indexOf("://");
    if (scheme < 0 || !s3Uri.substring(0, scheme).matches("s3[an]?")) {
      throw new IllegalArgumentException("not an s3:// URI: " + s3Uri);
    }
    String rest = s3Uri.substring(scheme + 3);
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException("an s3:// URI needs a bucket and a key: " + s3Uri);
    }
    return new String[] {rest.substring(0, slash), rest.substring(slash + 1)};
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
