package io.emrlaunch.core.diagnosis.internal;

/**
 * A bucket and key from an {@code s3://}, {@code s3n://} or {@code s3a://} URI (EMR reports LogUri
 * as {@code s3n://}).
 *
 * @param bucket the bucket
 * @param key the key (may be empty or end in {@code /} for a folder)
 */
public record S3Location(String bucket, String key) {
  /**
   * Parses a URI.
   *
   * @param uri the URI
   * @return the location
   * @throws IllegalArgumentException when it is not an S3 URI
   */
  public static S3Location parse(String uri) {
    int scheme = uri.indexOf("://");
    if (scheme < 0 || !uri.substring(0, scheme).matches("s3[an]?")) {
      throw new IllegalArgumentException("not an S3 URI: " + uri);
    }
    String rest = uri.substring(scheme + 3);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("no bucket in " + uri);
    }
    return new S3Location(bucket, slash < 0 ? "" : rest.substring(slash + 1));
  }

  /** The same location with a folder's trailing slash. */
  public S3Location asFolder() {
    return key.isEmpty() || key.endsWith("/") ? this : new S3Location(bucket, key + "/");
  }

  /** The location of {@code relative} under this folder. */
  public S3Location resolve(String relative) {
    return new S3Location(bucket, asFolder().key + relative);
  }

  /** {@code s3://bucket/key}. */
  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
